// Read replicas: search-service serving from a replica that
// xapian-replicate keeps up to date from xapian-replicate-server beside
// ingest-service. It sees new commits (changesets) and a switch to a new
// full copy without a restart (docs/replication.md).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cluster.h"
#include "tests/wait.h"

extern char** environ;

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kReplicateServer[] = "/usr/bin/xapian-replicate-server";
constexpr char kReplicate[] = "/usr/bin/xapian-replicate";
// How long a replica may take to show a commit before the test fails: the
// client polls every second, so this is generous.
constexpr auto kVisibleWithin = std::chrono::seconds(60);

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A port that was free a moment ago on 127.0.0.1 (xapian-replicate-server
// cannot listen on port 0 and report it).
int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t length = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok =
      connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// A Xapian tool running in the background, stdout and stderr to `log`;
// killed and reaped on destruction. SIGKILL, not SIGTERM:
// xapian-replicate-server's SIGTERM handler signals its whole process
// group, which would otherwise include the test.
class ToolProcess {
 public:
  ToolProcess(std::vector<std::string> argv, const std::string& log)
      : log_(log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // Its own process group, for the same reason.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    std::vector<char*> pointers;
    for (std::string& arg : argv) pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, pointers.data(),
                    environ) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
  }
  ToolProcess(const ToolProcess&) = delete;
  ToolProcess& operator=(const ToolProcess&) = delete;
  ~ToolProcess() { Stop(); }

  // False once the process has exited (it is then reaped).
  bool Running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) pid_ = -1;
    return pid_ > 0;
  }
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  std::string Log() const { return ReadFile(log_); }

 private:
  std::string log_;
  pid_t pid_ = -1;
};

// Polls `condition` until it holds or kVisibleWithin passes.
bool Eventually(const std::function<bool()>& condition) {
  return WaitFor(condition, kVisibleWithin, std::chrono::milliseconds(50));
}

class ReplicationTest : public ClusterTest {
 protected:
  void SetUp() override {
    if (!fs::exists(kReplicateServer) || !fs::exists(kReplicate)) {
      GTEST_SKIP() << "xapian-tools is not installed";
    }
    ClusterTest::SetUp();
    replica_dir_ = work_dir_ + "/replica";
  }

  // xapian-replicate-server serving the databases under work_dir_ (the
  // writer's database is "db" there) on a free loopback port.
  void StartReplicateServer() {
    for (int attempt = 0; attempt < 5 && server_ == nullptr; ++attempt) {
      port_ = FreeLoopbackPort();
      auto server = std::make_unique<ToolProcess>(
          std::vector<std::string>{kReplicateServer, "--interface", "127.0.0.1",
                                   "--port", std::to_string(port_), work_dir_},
          work_dir_ + "/replicate-server.log");
      // Serving once it accepts; exits if another process took the port.
      ASSERT_TRUE(
          Eventually([&] { return !server->Running() || Accepts(port_); }));
      if (server->Running()) server_ = std::move(server);
    }
    ASSERT_NE(server_, nullptr) << "xapian-replicate-server did not start";
  }

  std::vector<std::string> ReplicateArgs() const {
    return {kReplicate, "--host", "127.0.0.1", "--port", std::to_string(port_),
            "--master", "db",     "--verbose"};
  }

  // The first full copy, as an operator runs it before search-service.
  void ReplicateOnce() {
    std::vector<std::string> argv = ReplicateArgs();
    argv.insert(argv.end(), {"--one-shot", replica_dir_});
    std::string out;
    ASSERT_EQ(RunCommand(argv, &out), 0) << out;
  }

  // The replication client, polling every second.
  void StartReplicate() {
    std::vector<std::string> argv = ReplicateArgs();
    argv.insert(argv.end(),
                {"--interval", "1", "--reader-time", "0", replica_dir_});
    replicate_ = std::make_unique<ToolProcess>(std::move(argv),
                                               work_dir_ + "/replicate.log");
  }

  void StartSearchOnReplica() {
    auto process = ServiceProcess::Start(BinaryPath("search-service"),
                                         {"--db=" + replica_dir_}, work_dir_);
    ASSERT_TRUE(process.ok()) << process.status();
    search_ = *std::move(process);
    search_stub_ = v1::SearchService::NewStub(search_->channel());
  }

  void IngestArticle(const std::string& id) {
    auto response = Ingest(TextArticle(
        id, absl::StrCat("Replicated ", id, "\n\nHerons nested by the weir.")));
    ASSERT_TRUE(response.ok()) << response.status();
  }

  // Waits until search-service on the replica counts `expected` articles
  // about herons. Every answer on the way must be a success, and the count
  // never drops below `at_least` (no empty or half-copied database served).
  void ExpectReplicaCount(int64_t expected, int64_t at_least) {
    int64_t seen = -1;
    const bool reached = Eventually([&] {
      auto found = Search("herons", 1, "", /*collapse=*/false);
      EXPECT_TRUE(found.ok()) << found.status();
      if (!found.ok()) return true;
      seen = found->total_size();
      EXPECT_GE(seen, at_least);
      return seen == expected;
    });
    EXPECT_TRUE(reached) << "replica shows " << seen << " articles, not "
                         << expected << "; xapian-replicate log:\n"
                         << (replicate_ ? replicate_->Log() : "");
  }

  // The copy the replica's stub names ("auto replica_N").
  std::string LiveCopy() const {
    const std::string stub = ReadFile(replica_dir_ + "/XAPIANDB");
    const size_t at = stub.find("replica_");
    return at == std::string::npos ? stub : stub.substr(at, 9);
  }

  std::string replica_dir_;
  int port_ = 0;
  std::unique_ptr<ToolProcess> server_;
  std::unique_ptr<ToolProcess> replicate_;
};

TEST_F(ReplicationTest, ReplicaFollowsCommitsFullCopiesAndDeletes) {
  // Two changesets: a replica three commits behind needs a full copy.
  ASSERT_NO_FATAL_FAILURE(StartIngest({"--replication-changesets=2"}));
  IngestArticle("a0");
  ASSERT_NO_FATAL_FAILURE(StartReplicateServer());
  ASSERT_NO_FATAL_FAILURE(ReplicateOnce());
  ASSERT_NO_FATAL_FAILURE(StartSearchOnReplica());
  ASSERT_NO_FATAL_FAILURE(ExpectReplicaCount(1, 1));
  ASSERT_NO_FATAL_FAILURE(StartReplicate());

  // New commits arrive as changesets, applied to the live copy.
  IngestArticle("a1");
  IngestArticle("a2");
  ASSERT_NO_FATAL_FAILURE(ExpectReplicaCount(3, 1));
  bool kept_changesets = false;
  for (const auto& entry : fs::directory_iterator(db_dir_)) {
    if (entry.path().filename().string().rfind("changes", 0) == 0)
      kept_changesets = true;
  }
  EXPECT_TRUE(kept_changesets) << "the writer kept no changeset files";
  // xapian-replicate --verbose: "Update complete: 0 copies, 2 changesets".
  // The client prints that line after the changesets are live, so the
  // replica can show them before the line is written: wait for it.
  EXPECT_TRUE(Eventually([&] {
    return std::regex_search(replicate_->Log(),
                             std::regex("[1-9][0-9]* changesets"));
  })) << "no changeset was applied:\n"
      << replicate_->Log();

  // Four commits while the client is stopped: more than the two changesets
  // the writer keeps, so the next pull is a full copy into the other
  // replica_N, made live by a switch while search-service has the old one
  // open.
  const std::string copy_before = LiveCopy();
  replicate_->Stop();
  for (int i = 3; i < 7; ++i) IngestArticle(absl::StrCat("a", i));
  ASSERT_NO_FATAL_FAILURE(StartReplicate());
  ASSERT_NO_FATAL_FAILURE(ExpectReplicaCount(7, 3));
  EXPECT_NE(LiveCopy(), copy_before) << "no full copy was made";

  // And after the switch, a delete and then an article arrive: once the
  // later article shows, so does the delete.
  auto deleted = [&] {
    v1::DeleteArticleRequest request;
    request.set_id("a1");
    v1::DeleteArticleResponse response;
    return FromGrpc(
        ingest_stub_->DeleteArticle(Context().get(), request, &response));
  }();
  ASSERT_TRUE(deleted.ok()) << deleted;
  IngestArticle("a7");
  EXPECT_TRUE(Eventually([&] { return Get("a7").ok(); })) << replicate_->Log();
  EXPECT_EQ(Get("a1").status().code(), absl::StatusCode::kNotFound);
  ASSERT_NO_FATAL_FAILURE(ExpectReplicaCount(7, 7));
  EXPECT_TRUE(server_->Running());
}

TEST_F(ReplicationTest, BadChangesetCountIsRefusedAtStartUp) {
  for (const char* bad : {"-1", "many", "1000001"}) {
    auto process = ServiceProcess::Start(
        BinaryPath("ingest-service"),
        {"--db=" + db_dir_, absl::StrCat("--replication-changesets=", bad)},
        work_dir_);
    ASSERT_FALSE(process.ok()) << bad;
    EXPECT_THAT(process.status().message(),
                HasSubstr("--replication-changesets: must be an integer in "
                          "0..1000000"))
        << bad;
  }
  // The environment variable is read the same way, and named by the flag.
  setenv("NEWSINDEX_REPLICATION_CHANGESETS", "some", /*overwrite=*/1);
  auto process = ServiceProcess::Start(BinaryPath("ingest-service"),
                                       {"--db=" + db_dir_}, work_dir_);
  unsetenv("NEWSINDEX_REPLICATION_CHANGESETS");
  ASSERT_FALSE(process.ok());
  EXPECT_THAT(process.status().message(),
              HasSubstr("--replication-changesets: must be an integer in "
                        "0..1000000 (0 = no replication), got \"some\""));
}

}  // namespace
}  // namespace newsindex::testing
