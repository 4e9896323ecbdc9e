// Starts a real service binary on an ephemeral loopback port for
// integration tests, and stops it with a signal.
#ifndef NEWSINDEX_TESTS_SERVICE_PROCESS_H_
#define NEWSINDEX_TESTS_SERVICE_PROCESS_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace newsindex::testing {

// Path of a binary built by this project ("ingest-service", "newsctl").
std::string BinaryPath(const std::string& name);

// A fresh, empty directory under testing::TempDir().
std::string MakeTempDir(const std::string& label);

class ServiceProcess {
 public:
  // Runs `binary` with `args` plus --listen 127.0.0.1:0 and --port-file,
  // its stderr going to `work_dir`/NAME.log, and waits until it serves
  // (port file written and a channel connected), at most 60 s. Fails when
  // the process exits first; the status then carries its log.
  // `credentials` (default insecure) are those of channel().
  static absl::StatusOr<std::unique_ptr<ServiceProcess>> Start(
      const std::string& binary, std::vector<std::string> args,
      const std::string& work_dir,
      std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);

  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;
  // SIGKILLs the process if it still runs.
  ~ServiceProcess();

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  pid_t pid() const { return pid_; }

  // Sends `signal` and waits for the exit; returns the exit code, or
  // 128 + signal number when the process died of a signal.
  int Stop(int signal);
  // Sends `signal` (SIGHUP, say) and returns at once.
  void Signal(int signal) const;
  std::string Log() const;

 private:
  ServiceProcess(pid_t pid, std::string log_path)
      : pid_(pid), log_path_(std::move(log_path)) {}

  pid_t pid_;
  std::string log_path_;
  int port_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
};

// Runs a command to completion, capturing stdout; returns the exit code.
int RunCommand(const std::vector<std::string>& argv, std::string* out,
               const std::vector<std::string>& extra_env = {});

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a command to completion, capturing stdout and stderr (through the
// file `stderr_path`, which it overwrites).
CommandResult RunCapturingStderr(std::vector<std::string> argv,
                                 const std::string& stderr_path,
                                 std::vector<std::string> extra_env = {});

}  // namespace newsindex::testing

#endif  // NEWSINDEX_TESTS_SERVICE_PROCESS_H_
