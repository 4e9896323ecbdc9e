#include "tests/metrics_scrape.h"

#include <civetweb.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

extern char** environ;

namespace newsindex::testing {

absl::StatusOr<std::string> HttpGet(int port, const std::string& path) {
  mg_init_library(0);
  char error[256] = "";
  mg_connection* conn =
      mg_download("127.0.0.1", port, 0, error, sizeof(error),
                  "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", path.c_str());
  if (conn == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("GET 127.0.0.1:", port, path, ": ", error));
  }
  const int status = mg_get_response_info(conn)->status_code;
  std::string body;
  char buffer[8192];
  for (int n; (n = mg_read(conn, buffer, sizeof(buffer))) > 0;) {
    body.append(buffer, n);
  }
  mg_close_connection(conn);
  if (status != 200) {
    return absl::FailedPreconditionError(
        absl::StrCat("GET ", path, ": HTTP ", status, ": ", body));
  }
  return body;
}

std::string UrlEncode(const std::string& text) {
  std::string out(text.size() * 3 + 1, '\0');
  const int n = mg_url_encode(text.c_str(), out.data(), out.size());
  out.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return out;
}

Samples ParseSamples(const std::string& text) {
  Samples samples;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    // The value follows the last space (label values here hold none).
    const size_t space = line.rfind(' ');
    if (space == absl::string_view::npos) continue;
    double value = 0;
    absl::string_view number = line.substr(space + 1);
    if (number == "+Inf") {
      value = HUGE_VAL;
    } else if (!absl::SimpleAtod(number, &value)) {
      continue;
    }
    samples[std::string(line.substr(0, space))] = value;
  }
  return samples;
}

double Value(const Samples& samples, const std::string& key) {
  auto it = samples.find(key);
  return it == samples.end() ? 0 : it->second;
}

double Delta(const Samples& before, const Samples& after,
             const std::string& key) {
  return Value(after, key) - Value(before, key);
}

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

std::string ReadFileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

pid_t Spawn(std::vector<std::string> argv, const std::string& log_path) {
  std::vector<char*> pointers;
  for (std::string& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, pointers[0], &actions, nullptr,
                             pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

void Terminate(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
}

}  // namespace newsindex::testing
