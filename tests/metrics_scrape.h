// For observability tests: HTTP GETs on loopback (civetweb's client), the
// Prometheus text format read into a map, and a child process.
#ifndef NEWSINDEX_TESTS_METRICS_SCRAPE_H_
#define NEWSINDEX_TESTS_METRICS_SCRAPE_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace newsindex::testing {

// GET http://127.0.0.1:`port``path`; the body of a 200 answer, else an
// error with the status.
absl::StatusOr<std::string> HttpGet(int port, const std::string& path);

// `text` percent-encoded for a URL query value (civetweb's encoder).
std::string UrlEncode(const std::string& text);

// The samples of a text exposition: "name{labels}" exactly as written ->
// value. Comment lines are skipped.
using Samples = std::map<std::string, double>;
Samples ParseSamples(const std::string& text);

// samples[key] (0 when absent).
double Value(const Samples& samples, const std::string& key);
// after[key] - before[key].
double Delta(const Samples& before, const Samples& after,
             const std::string& key);

// A free loopback TCP port at the time of the call (for a child that
// cannot report the port it bound).
int FreePort();

// Reads the whole file `path` (empty when missing).
std::string ReadFileText(const std::string& path);

// Starts `argv` with stdout and stderr appended to `log_path`; -1 when it
// cannot start.
pid_t Spawn(std::vector<std::string> argv, const std::string& log_path);
// SIGTERM, then waits for the exit.
void Terminate(pid_t pid);

}  // namespace newsindex::testing

#endif  // NEWSINDEX_TESTS_METRICS_SCRAPE_H_
