// RunServer leaves the process within the drain timeout (plus kExitGrace)
// on SIGTERM even while a call's work never ends. Before, Server::Wait()
// waited for that call forever (issue 20: a search busy for minutes kept
// search-service running 45 s after SIGTERM and more).
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "newsindex/v1/search_service.grpc.pb.h"
#include "server/server_runner.h"

namespace newsindex {
namespace {

// A Search that never finishes, telling `entered` when it has begun.
class StuckSearch final : public v1::SearchService::CallbackService {
 public:
  explicit StuckSearch(absl::Notification* entered) : entered_(entered) {}
  grpc::ServerUnaryReactor* Search(grpc::CallbackServerContext* context,
                                   const v1::SearchRequest*,
                                   v1::SearchResponse*) override {
    if (!entered_->HasBeenNotified()) entered_->Notify();
    return context->DefaultReactor();  // never finished
  }

 private:
  absl::Notification* entered_;
};

int ReadPort(const std::string& path) {
  int port = 0;
  std::ifstream(path) >> port;
  return port;
}

// The child process of the death test: serves, starts a stuck call on
// itself, sends itself SIGTERM once the call runs.
void ServeWithAStuckCallThenTerm(const std::string& port_file) {
  BlockShutdownSignals();
  absl::Notification entered;
  StuckSearch service(&entered);
  std::thread client([&] {
    while (ReadPort(port_file) == 0) absl::SleepFor(absl::Milliseconds(10));
    auto channel =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", ReadPort(port_file)),
                            grpc::InsecureChannelCredentials());
    auto stub = v1::SearchService::NewStub(channel);
    grpc::ClientContext context;
    v1::SearchRequest request;
    v1::SearchResponse response;
    std::thread call([&] { stub->Search(&context, request, &response); });
    entered.WaitForNotification();
    kill(getpid(), SIGTERM);
    call.join();
  });
  client.detach();
  ServerSpec spec;
  spec.name = "drain-test";
  spec.listen_address = "127.0.0.1:0";
  spec.port_file = port_file;
  spec.services = {&service};
  spec.drain_timeout = absl::Seconds(1);
  (void)RunServer(spec);
  _exit(0);  // not reached while the call is stuck
}

TEST(DrainTest, StuckCallDoesNotOutliveTheDrainTimeout) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const std::string port_file =
      absl::StrCat(::testing::TempDir(), "/drain-port-", getpid());
  std::remove(port_file.c_str());
  const absl::Time start = absl::Now();
  EXPECT_EXIT(ServeWithAStuckCallThenTerm(port_file),
              ::testing::ExitedWithCode(1),
              "still busy after the drain timeout; leaving now");
  const absl::Duration took = absl::Now() - start;
  // 1 s of drain and kExitGrace, with a margin for a loaded machine.
  EXPECT_GE(took, absl::Seconds(1));
  EXPECT_LT(took, absl::Seconds(1) + kExitGrace + absl::Seconds(3)) << took;
}

}  // namespace
}  // namespace newsindex
