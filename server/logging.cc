#include "server/logging.h"

#include <atomic>
#include <cstdio>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace newsindex {
namespace {

// The process's log threshold: set once from flags at start-up.
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};

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
    return absl::InvalidArgumentError(absl::StrCat(
        "--log-level: \"", name, "\" is not one of debug, info, warning, error"));
  }
  g_level.store(static_cast<int>(level));
  return absl::OkStatus();
}

bool LogEnabled(LogLevel level) {
  return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void LogLine(LogLevel level, absl::string_view message) {
  const std::string line = absl::StrCat(
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()),
      " ", LevelName(level), " ", message, "\n");
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace newsindex
