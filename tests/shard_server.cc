#include "tests/shard_server.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/wait.h"

extern char** environ;

namespace newsindex::testing {
namespace {

// A port nobody listens on now (the kernel's pick for a bound socket).
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool ok =
      connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  close(fd);
  return ok;
}

}  // namespace

ShardServer::ShardServer(std::string directory)
    : directory_(std::move(directory)), port_(FreePort()) {
  Start();
}

ShardServer::~ShardServer() { Stop(); }

void ShardServer::Start() {
  std::vector<std::string> args = {
      "xapian-tcpsrv", "--writable",          "--interface", "127.0.0.1",
      "--port",        std::to_string(port_), directory_};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  // Its own process group: the server forks a child per connection, and
  // Stop() must end those too.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  if (posix_spawnp(&pid_, "xapian-tcpsrv", &actions, &attributes, argv.data(),
                   environ) != 0) {
    pid_ = 0;
  }
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
}

void ShardServer::Stop() {
  if (pid_ > 0) {
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = 0;
}

bool ShardServer::WaitUntilListening() const {
  return pid_ > 0 &&
         WaitFor([&] { return Accepts(port_); }, std::chrono::seconds(30),
                 std::chrono::milliseconds(1));
}

std::string ShardServer::location() const {
  return absl::StrCat("tcp://127.0.0.1:", port_);
}

}  // namespace newsindex::testing
