#include "server/logging.h"

#include <atomic>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

// The process's log threshold and format: set once from flags at start-up.
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::atomic<int> g_format{static_cast<int>(LogFormat::kText)};

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARNING";
    case LogLevel::kError:
      return "ERROR";
  }
  return "?";
}

std::string StatusName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

std::string TextLine(absl::string_view time, LogLevel level,
                     absl::string_view message, const CallLogFields* f) {
  std::string line = absl::StrCat(time, " ", LevelName(level), " ", message);
  if (f != nullptr) {
    if (!f->method.empty()) absl::StrAppend(&line, " method=", f->method);
    if (!f->request_id.empty()) {
      absl::StrAppend(&line, " request_id=", f->request_id);
    }
    if (!f->peer.empty()) absl::StrAppend(&line, " peer=", f->peer);
    if (f->status >= 0)
      absl::StrAppend(&line, " status=", StatusName(f->status));
    if (f->has_duration) {
      absl::StrAppend(&line, " duration=", absl::FormatDuration(f->duration));
    }
  }
  line += "\n";
  return line;
}

std::string JsonLine(absl::string_view time, LogLevel level,
                     absl::string_view message, const CallLogFields* f) {
  nlohmann::ordered_json object;
  object["time"] = time;
  object["level"] = absl::AsciiStrToLower(LevelName(level));
  object["message"] = message;
  if (f != nullptr) {
    if (!f->method.empty()) object["method"] = f->method;
    if (!f->request_id.empty()) object["request_id"] = f->request_id;
    if (!f->peer.empty()) object["peer"] = f->peer;
    if (f->status >= 0) object["status"] = StatusName(f->status);
    if (f->has_duration) {
      object["duration"] = absl::ToDoubleSeconds(f->duration);
    }
  }
  // Invalid UTF-8 (from a caller's metadata, say) becomes U+FFFD rather
  // than an exception.
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

void Write(LogLevel level, absl::string_view message,
           const CallLogFields* fields) {
  const std::string line = FormatLogLine(
      static_cast<LogFormat>(g_format.load(std::memory_order_relaxed)),
      absl::Now(), level, message, fields);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

absl::Status SetLogLevel(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  LogLevel level;
  if (lower == "debug") {
    level = LogLevel::kDebug;
  } else if (lower == "info") {
    level = LogLevel::kInfo;
  } else if (lower == "warning" || lower == "warn") {
    level = LogLevel::kWarning;
  } else if (lower == "error") {
    level = LogLevel::kError;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("--log-level: \"", name,
                     "\" is not one of debug, info, warning, error"));
  }
  g_level.store(static_cast<int>(level));
  return absl::OkStatus();
}

absl::Status SetLogFormat(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower != "text" && lower != "json") {
    return absl::InvalidArgumentError(
        absl::StrCat("--log-format: \"", name, "\" is not one of text, json"));
  }
  g_format.store(
      static_cast<int>(lower == "json" ? LogFormat::kJson : LogFormat::kText));
  return absl::OkStatus();
}

bool LogEnabled(LogLevel level) {
  return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void LogLine(LogLevel level, absl::string_view message) {
  Write(level, message, nullptr);
}

void LogCall(LogLevel level, absl::string_view message,
             const CallLogFields& fields) {
  if (LogEnabled(level)) Write(level, message, &fields);
}

std::string FormatLogLine(LogFormat format, absl::Time time, LogLevel level,
                          absl::string_view message,
                          const CallLogFields* fields) {
  const std::string stamp =
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
  return format == LogFormat::kJson ? JsonLine(stamp, level, message, fields)
                                    : TextLine(stamp, level, message, fields);
}

}  // namespace newsindex
