// Minimal leveled logging to stderr for the services and tools, as text
// lines or as one JSON object a line (--log-format).
#ifndef NEWSINDEX_SERVER_LOGGING_H_
#define NEWSINDEX_SERVER_LOGGING_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newsindex {

enum class LogLevel { kDebug = 0, kInfo, kWarning, kError };
enum class LogFormat { kText, kJson };

// Parses "debug", "info", "warning"/"warn", "error". INVALID_ARGUMENT
// otherwise.
absl::Status SetLogLevel(absl::string_view name);
// Parses "text" or "json". INVALID_ARGUMENT otherwise.
absl::Status SetLogFormat(absl::string_view name);
bool LogEnabled(LogLevel level);
// Writes one line "<time> <LEVEL> <message>" (or its JSON object) to
// stderr. Thread-safe.
void LogLine(LogLevel level, absl::string_view message);

template <typename... Args>
void Log(LogLevel level, const Args&... args) {
  if (LogEnabled(level)) LogLine(level, absl::StrCat(args...));
}

// What a line about one RPC says besides its message. Empty strings and a
// negative status are left out.
struct CallLogFields {
  std::string method;      // "/newsindex.v1.SearchService/Search"
  std::string request_id;  // x-request-id
  std::string peer;        // "ipv4:127.0.0.1:5555"
  int status = -1;         // grpc::StatusCode
  absl::Duration duration = absl::ZeroDuration();
  bool has_duration = false;
};

// Writes a line about one call, with its fields. Thread-safe.
void LogCall(LogLevel level, absl::string_view message,
             const CallLogFields& fields);

// The line (with its newline) that LogLine / LogCall write; `fields` may be
// null. Exposed for tests.
std::string FormatLogLine(LogFormat format, absl::Time time, LogLevel level,
                          absl::string_view message,
                          const CallLogFields* fields);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_LOGGING_H_
