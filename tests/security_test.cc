// Transport security and access control, end to end: both services with
// mutual TLS and a token file, reached with newsctl, with the C++ client and
// with a Python grpcio client (tests/security_client.py): wrong CA, no
// client certificate, no token, wrong scope, a token removed by a SIGHUP
// reload; and the refusal to listen on a public address unprotected.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"
#include "newsindex/v1/search_service.grpc.pb.h"
#include "server/auth.h"
#include "tests/service_process.h"
#include "tests/wait.h"

namespace newsindex::testing {
namespace {

using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Result {
  int exit_code = -1;
  std::string out;  // stdout and stderr
};

class SecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = MakeTempDir("security");
    certs_ = work_ + "/certs";
    other_ = work_ + "/other-ca";
    std::string out;
    for (const std::string& dir : {certs_, other_}) {
      ASSERT_EQ(RunCommand({"/bin/bash",
                            NEWSINDEX_SOURCE_DIR "/scripts/dev-certs", dir},
                           &out),
                0)
          << out;
    }
    tokens_ = work_ + "/tokens";
    WriteTokens(true);
    const std::vector<std::string> args = {
        "--db=" + work_ + "/db", "--tls-cert=" + certs_ + "/server.pem",
        "--tls-key=" + certs_ + "/server.key",
        "--tls-client-ca=" + certs_ + "/ca.pem", "--auth-tokens=" + tokens_};
    auto ingest = ServiceProcess::Start(BinaryPath("ingest-service"), args,
                                        work_, Credentials(certs_, true));
    ASSERT_TRUE(ingest.ok()) << ingest.status();
    ingest_ = *std::move(ingest);
    std::vector<std::string> search_args = args;
    search_args.push_back("--health-listen=127.0.0.1:0");
    auto search =
        ServiceProcess::Start(BinaryPath("search-service"), search_args, work_,
                              Credentials(certs_, true));
    ASSERT_TRUE(search.ok()) << search.status();
    search_ = *std::move(search);
  }

  // Tokens: "ingest-tok" (ingest), "search-tok" (search), "admin-tok"
  // (ingest, admin), and "gone-tok" (search) unless `with_gone` is false.
  void WriteTokens(bool with_gone) {
    std::ofstream out(tokens_ + ".tmp");
    out << "# test tokens\n"
        << TokenHash("ingest-tok") << " loader ingest\n"
        << TokenHash("search-tok") << " reader search\n"
        << TokenHash("admin-tok") << " ops ingest,admin\n";
    if (with_gone) out << TokenHash("gone-tok") << " leaver search\n";
    out.close();
    std::filesystem::rename(tokens_ + ".tmp", tokens_);
  }

  static std::shared_ptr<grpc::ChannelCredentials> Credentials(
      const std::string& dir, bool client_cert) {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = ReadFile(dir + "/ca.pem");
    if (client_cert) {
      options.pem_cert_chain = ReadFile(dir + "/client.pem");
      options.pem_private_key = ReadFile(dir + "/client.key");
    }
    return grpc::SslCredentials(options);
  }

  // newsctl against both services with `args` and the given TLS material.
  Result Newsctl(std::vector<std::string> args, const std::string& ca_dir,
                 bool client_cert, const std::string& token) {
    std::vector<std::string> argv = {"/bin/sh",
                                     "-c",
                                     "exec \"$@\" 2>&1",
                                     "sh",
                                     BinaryPath("newsctl"),
                                     "--ingest-addr=" + ingest_->address(),
                                     "--search-addr=" + search_->address(),
                                     "--tls-ca=" + ca_dir + "/ca.pem",
                                     "--timeout=20"};
    if (client_cert) {
      argv.push_back("--tls-cert=" + certs_ + "/client.pem");
      argv.push_back("--tls-key=" + certs_ + "/client.key");
    }
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> env;
    if (!token.empty()) env.push_back("NEWSINDEX_TOKEN=" + token);
    Result result;
    result.exit_code = RunCommand(argv, &result.out, env);
    return result;
  }

  grpc::Status Delete(const std::string& token, const std::string& id) {
    auto stub = v1::IngestService::NewStub(ingest_->channel());
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(20));
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    v1::DeleteArticleRequest request;
    request.set_id(id);
    v1::DeleteArticleResponse response;
    return stub->DeleteArticle(&context, request, &response);
  }

  std::string work_, certs_, other_, tokens_;
  std::unique_ptr<ServiceProcess> ingest_;
  std::unique_ptr<ServiceProcess> search_;
};

TEST_F(SecurityTest, NewsctlWithCaClientCertAndTokens) {
  const std::string article = work_ + "/a.txt";
  std::ofstream(article) << "Heron story\n\nA heron was seen in Oslo today.\n";
  Result ok = Newsctl({"ingest", article}, certs_, true, "ingest-tok");
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_THAT(ok.out, HasSubstr("1 sent, 1 created"));
  Result found = Newsctl({"search", "heron"}, certs_, true, "search-tok");
  EXPECT_EQ(found.exit_code, 0) << found.out;
  EXPECT_THAT(found.out, HasSubstr("Heron story"));

  Result no_token = Newsctl({"search", "heron"}, certs_, true, "");
  EXPECT_EQ(no_token.exit_code, 1);
  EXPECT_THAT(no_token.out, HasSubstr("UNAUTHENTICATED"));
  Result wrong_scope = Newsctl({"ingest", article}, certs_, true, "search-tok");
  EXPECT_EQ(wrong_scope.exit_code, 1);
  EXPECT_THAT(wrong_scope.out, HasSubstr("PERMISSION_DENIED"));
  Result no_admin = Newsctl({"delete", "x"}, certs_, true, "ingest-tok");
  EXPECT_THAT(no_admin.out, HasSubstr("PERMISSION_DENIED"));
  Result admin = Newsctl({"delete", "nope"}, certs_, true, "admin-tok");
  EXPECT_THAT(admin.out, HasSubstr("NOT_FOUND"));
  // --token wins over the environment.
  Result flag = Newsctl({"search", "heron", "--token=search-tok"}, certs_, true,
                        "ingest-tok");
  EXPECT_EQ(flag.exit_code, 0) << flag.out;

  Result wrong_ca = Newsctl({"search", "heron"}, other_, true, "search-tok");
  EXPECT_EQ(wrong_ca.exit_code, 1);
  EXPECT_THAT(wrong_ca.out, HasSubstr("UNAVAILABLE"));
  Result no_cert = Newsctl({"search", "heron"}, certs_, false, "search-tok");
  EXPECT_EQ(no_cert.exit_code, 1);
  EXPECT_THAT(no_cert.out, HasSubstr("UNAVAILABLE"));
  // Health needs TLS but no token.
  Result health = Newsctl({"health"}, certs_, true, "");
  EXPECT_EQ(health.exit_code, 0) << health.out;
}

TEST_F(SecurityTest, RemovedTokenStopsWorkingAfterSighup) {
  EXPECT_EQ(Delete("gone-tok", "x").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);  // known, no admin scope
  WriteTokens(false);
  ingest_->Signal(SIGHUP);
  // Wait for the reload's log line, not for a fixed time.
  WaitFor(
      [&] {
        return ingest_->Log().find("SIGHUP: reloaded 3 tokens") !=
               std::string::npos;
      },
      std::chrono::seconds(30));
  ASSERT_THAT(ingest_->Log(), HasSubstr("SIGHUP: reloaded 3 tokens"));
  grpc::Status gone = Delete("gone-tok", "x");
  EXPECT_EQ(gone.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(gone.error_message(), "unknown token");
  EXPECT_EQ(Delete("admin-tok", "x").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Delete("", "x").error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, PythonGrpcioClient) {
  if (RunCommand({"/usr/bin/python3", "-c", "import grpc"}, nullptr) != 0) {
    GTEST_SKIP() << "python3-grpcio is not installed (scripts/install-deps)";
  }
  std::string out;
  const int code = RunCommand(
      {"/usr/bin/python3", NEWSINDEX_SOURCE_DIR "/tests/security_client.py",
       ingest_->address(), search_->address(), certs_, other_},
      &out);
  EXPECT_EQ(code, 0) << out;
  EXPECT_THAT(out, HasSubstr("all checks passed"));
}

TEST_F(SecurityTest, PlaintextHealthPortServesHealthOnly) {
  // "health on 127.0.0.1:0 (port N, plaintext)" in the log names the port.
  const std::string log = search_->Log();
  const std::string key = "(port ";
  const size_t at = log.find(key, log.find("health on"));
  ASSERT_NE(at, std::string::npos) << log;
  const int port = std::stoi(log.substr(at + key.size()));
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                     grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(20));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service("newsindex.v1.SearchService");
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  // The API itself is not on that port.
  auto search = v1::SearchService::NewStub(channel);
  grpc::ClientContext search_context;
  search_context.set_deadline(std::chrono::system_clock::now() +
                              std::chrono::seconds(20));
  search_context.AddMetadata("authorization", "Bearer search-tok");
  v1::SearchRequest query;
  v1::SearchResponse found;
  EXPECT_EQ(search->Search(&search_context, query, &found).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST(SecurityStartTest, RefusesAPublicAddressWithoutTlsAndTokens) {
  const std::string work = MakeTempDir("exposure");
  std::string out;
  const int code = RunCommand(
      {"/bin/sh", "-c", "exec \"$@\" 2>&1", "sh", BinaryPath("search-service"),
       "--listen=0.0.0.0:0", "--db=" + work + "/db"},
      &out);
  EXPECT_EQ(code, 2) << out;
  EXPECT_THAT(out, HasSubstr("not a loopback address"));
  EXPECT_THAT(out, HasSubstr("--insecure"));
}

TEST(SecurityStartTest, RefusesPublicMetricsWithoutInsecure) {
  // --metrics-listen is plain HTTP without access control: off loopback it
  // was accepted silently (issue 20). --health-listen stays the one
  // plaintext exception.
  const std::string work = MakeTempDir("metrics-exposure");
  for (const char* service : {"ingest-service", "search-service"}) {
    std::string out;
    const int code = RunCommand(
        {"/bin/sh", "-c", "exec \"$@\" 2>&1", "sh", BinaryPath(service),
         "--listen=127.0.0.1:0", "--metrics-listen=0.0.0.0:0",
         "--db=" + work + "/db-" + service},
        &out);
    EXPECT_EQ(code, 2) << service << ": " << out;
    EXPECT_THAT(out, HasSubstr("--metrics-listen: refusing to listen on "
                               "0.0.0.0:0"));
    EXPECT_THAT(out, HasSubstr("--insecure"));
  }
}

}  // namespace
}  // namespace newsindex::testing
