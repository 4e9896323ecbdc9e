#include "tests/service_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/wait.h"

extern char** environ;

namespace newsindex::testing {
namespace {

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Exit code of a waited-for child, or 128 + signal.
int ExitCode(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

}  // namespace

std::string BinaryPath(const std::string& name) {
  return absl::StrCat(NEWSINDEX_BIN_DIR, "/", name);
}

std::string MakeTempDir(const std::string& label) {
  static std::atomic<int> counter{0};
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) /
      absl::StrCat("newsindex-", label, "-", getpid(), "-", counter++);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

absl::StatusOr<std::unique_ptr<ServiceProcess>> ServiceProcess::Start(
    const std::string& binary, std::vector<std::string> args,
    const std::string& work_dir,
    std::shared_ptr<grpc::ChannelCredentials> credentials) {
  const std::string name = std::filesystem::path(binary).filename().string();
  const std::string port_file = absl::StrCat(work_dir, "/", name, ".port");
  const std::string log_path = absl::StrCat(work_dir, "/", name, ".log");
  std::filesystem::remove(port_file);
  std::vector<std::string> argv = {binary, "--listen=127.0.0.1:0",
                                   "--port_file=" + port_file};
  argv.insert(argv.end(), args.begin(), args.end());

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  pid_t pid = 0;
  std::vector<char*> argp = Pointers(argv);
  const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr,
                             argp.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return absl::InternalError(absl::StrCat("cannot start ", binary));
  }
  std::unique_ptr<ServiceProcess> process(new ServiceProcess(pid, log_path));

  // Wait for the port file: the server writes it once it accepts calls.
  int status = 0;
  bool exited = false;
  const bool serving = WaitFor(
      [&] {
        if (std::filesystem::exists(port_file)) return true;
        exited = waitpid(pid, &status, WNOHANG) == pid;
        return exited;
      },
      std::chrono::seconds(60), std::chrono::milliseconds(10));
  if (exited) {
    process->pid_ = -1;
    return absl::FailedPreconditionError(
        absl::StrCat(name, " exited with ", ExitCode(status),
                     " before serving; log:\n", ReadAll(log_path)));
  }
  if (!serving) {
    return absl::DeadlineExceededError(
        absl::StrCat(name, " did not start; log:\n", ReadAll(log_path)));
  }
  process->port_ = std::stoi(ReadAll(port_file));
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxSendMessageSize(64 * 1024 * 1024);
  if (credentials == nullptr) credentials = grpc::InsecureChannelCredentials();
  process->channel_ =
      grpc::CreateCustomChannel(process->address(), credentials, channel_args);
  if (!process->channel_->WaitForConnected(std::chrono::system_clock::now() +
                                           std::chrono::seconds(30))) {
    return absl::UnavailableError(absl::StrCat("cannot connect to ", name));
  }
  return process;
}

ServiceProcess::~ServiceProcess() {
  if (pid_ > 0) Stop(SIGKILL);
}

int ServiceProcess::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return ExitCode(status);
}

void ServiceProcess::Signal(int signal) const {
  if (pid_ > 0) kill(pid_, signal);
}

std::string ServiceProcess::Log() const { return ReadAll(log_path_); }

int RunCommand(const std::vector<std::string>& argv_in, std::string* out,
               const std::vector<std::string>& extra_env) {
  std::vector<std::string> argv = argv_in;
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  pid_t pid = 0;
  std::vector<char*> argp = Pointers(argv);
  std::vector<char*> envp = Pointers(env);
  const int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr,
                             argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return -1;
  }
  char buffer[4096];
  ssize_t n;
  while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
    if (out != nullptr) out->append(buffer, n);
  }
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return ExitCode(status);
}

CommandResult RunCapturingStderr(std::vector<std::string> argv,
                                 const std::string& stderr_path,
                                 std::vector<std::string> extra_env) {
  argv.insert(argv.begin(),
              {"/bin/sh", "-c", "exec \"$@\" 2>\"$CAPTURED_STDERR\"", "sh"});
  extra_env.push_back("CAPTURED_STDERR=" + stderr_path);
  CommandResult result;
  result.exit_code = RunCommand(argv, &result.out, extra_env);
  std::ifstream in(stderr_path);
  std::stringstream err;
  err << in.rdbuf();
  result.err = err.str();
  return result;
}

}  // namespace newsindex::testing
