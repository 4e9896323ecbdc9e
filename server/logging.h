// Minimal leveled logging to stderr for the services and tools.
#ifndef NEWSINDEX_SERVER_LOGGING_H_
#define NEWSINDEX_SERVER_LOGGING_H_


#include "absl/strings/string_view.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace newsindex {

enum class LogLevel { kDebug = 0, kInfo, kWarning, kError };

// Parses "debug", "info", "warning"/"warn", "error". INVALID_ARGUMENT
// otherwise.
absl::Status SetLogLevel(absl::string_view name);
bool LogEnabled(LogLevel level);
// Writes one line "<time> <LEVEL> <message>" to stderr. Thread-safe.
void LogLine(LogLevel level, absl::string_view message);

template <typename... Args>
void Log(LogLevel level, const Args&... args) {
  if (LogEnabled(level)) LogLine(level, absl::StrCat(args...));
}

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_LOGGING_H_
