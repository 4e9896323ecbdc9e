#include "server/security.h"

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(SecurityTest, LoopbackAddresses) {
  const struct {
    const char* listen;
    bool loopback;
  } cases[] = {
      {"127.0.0.1:50051", true}, {"127.9.8.7:1", true},
      {"localhost:0", true},     {"[::1]:50051", true},
      {"0.0.0.0:50051", false},  {"[::]:50051", false},
      {"10.1.2.3:50051", false}, {"example.org:50051", false},
      {":50051", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsLoopbackListenAddress(c.listen), c.loopback) << c.listen;
  }
}

TEST(SecurityTest, NonLoopbackNeedsTlsAndAccessControlOrInsecure) {
  SecurityConfig none;
  SecurityConfig tls_only = none;
  tls_only.tls_cert = "c.pem";
  tls_only.tls_key = "k.pem";
  SecurityConfig tls_tokens = tls_only;
  tls_tokens.auth_tokens = "tokens";
  SecurityConfig mtls = tls_only;
  mtls.tls_client_ca = "ca.pem";
  SecurityConfig tokens_only = none;
  tokens_only.auth_tokens = "tokens";
  SecurityConfig insecure;
  insecure.insecure = true;
  EXPECT_TRUE(CheckExposure("127.0.0.1:1", none).ok());
  EXPECT_TRUE(CheckExposure("0.0.0.0:1", tls_tokens).ok());
  EXPECT_TRUE(CheckExposure("0.0.0.0:1", mtls).ok());
  EXPECT_TRUE(CheckExposure("0.0.0.0:1", insecure).ok());
  for (const SecurityConfig& refused : {none, tls_only, tokens_only}) {
    absl::Status s = CheckExposure("0.0.0.0:1", refused);
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(s.message(), ::testing::HasSubstr("--insecure"));
  }
}

TEST(SecurityTest, EveryListenerIsChecked) {
  SecurityConfig none;
  SecurityConfig insecure;
  insecure.insecure = true;
  SecurityConfig tls_tokens;
  tls_tokens.tls_cert = "c.pem";
  tls_tokens.tls_key = "k.pem";
  tls_tokens.auth_tokens = "tokens";
  EXPECT_TRUE(CheckListeners("127.0.0.1:1", "", none).ok());
  EXPECT_TRUE(CheckListeners("127.0.0.1:1", "127.0.0.1:2", none).ok());
  EXPECT_TRUE(CheckListeners("127.0.0.1:1", "0.0.0.0:2", insecure).ok());
  EXPECT_TRUE(CheckListeners("0.0.0.0:1", "0.0.0.0:2", tls_tokens).ok());
  absl::Status s = CheckListeners("127.0.0.1:1", "0.0.0.0:2", none);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StartsWith(s.message(), "--metrics-listen: "))
      << s.message();
  EXPECT_THAT(s.message(), ::testing::HasSubstr("--insecure"));
  EXPECT_EQ(CheckListeners("0.0.0.0:1", "127.0.0.1:2", none).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace newsindex
