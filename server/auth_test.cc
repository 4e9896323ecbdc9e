#include "server/auth.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(TokenHashTest, IsLowercaseHexSha256) {
  EXPECT_EQ(TokenHash("test"),
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
}

TEST(ParseTokenFileTest, ReadsEntriesAndSkipsCommentsAndBlankLines) {
  const std::string text = absl::StrCat(
      "# comment\n\n", TokenHash("a"), " loader ingest\n", TokenHash("b"),
      "\tops  ingest,admin,search  2030-01-01T00:00:00Z\n");
  absl::StatusOr<TokenTable> table = ParseTokenFile(text);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->size(), 2u);
  const TokenEntry& ops = table->at(TokenHash("b"));
  EXPECT_EQ(ops.name, "ops");
  EXPECT_EQ(ops.scopes, 7);
  EXPECT_EQ(ops.expires, absl::FromUnixSeconds(1893456000));
  EXPECT_EQ(table->at(TokenHash("a")).expires, absl::InfiniteFuture());
}

TEST(ParseTokenFileTest, RejectsBadLinesByNumberWithoutEchoingThem) {
  const std::string hash = TokenHash("a");
  const struct {
    std::string text;
    std::string expected;
  } cases[] = {
      {"s3cret-token-pasted loader ingest\n", "line 1: the first field"},
      {hash + " loader\n", "line 1: expected"},
      {"\n" + hash + " loader root\n", "line 2: unknown scope"},
      {hash + " loader ingest tomorrow\n", "line 1: expiry"},
      {hash + " loader , \n", "line 1: no scope"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<TokenTable> table = ParseTokenFile(c.text);
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_THAT(table.status().message(), HasSubstr(c.expected));
    EXPECT_THAT(table.status().message(), Not(HasSubstr("s3cret")));
  }
}

class TokenAuthorizerTest : public ::testing::Test {
 protected:
  void Write(const std::string& text) { std::ofstream(path_) << text; }
  std::string path_ = ::testing::TempDir() + "/tokens.txt";
};

TEST_F(TokenAuthorizerTest, ChecksTokenScopeAndExpiryAndReloads) {
  Write(absl::StrCat(TokenHash("ingest-tok"), " loader ingest\n",
                     TokenHash("old-tok"),
                     " old search 2020-01-01T00:00:00Z\n"));
  absl::StatusOr<std::unique_ptr<TokenAuthorizer>> auth =
      TokenAuthorizer::Load(path_);
  ASSERT_TRUE(auth.ok()) << auth.status();
  const absl::Time now = absl::FromUnixSeconds(1800000000);
  const struct {
    std::optional<absl::string_view> header;
    Scope scope;
    grpc::StatusCode code;
  } cases[] = {
      {"Bearer ingest-tok", Scope::kIngest, grpc::StatusCode::OK},
      {"bearer ingest-tok", Scope::kIngest, grpc::StatusCode::OK},
      {std::nullopt, Scope::kIngest, grpc::StatusCode::UNAUTHENTICATED},
      {"Basic abc", Scope::kIngest, grpc::StatusCode::UNAUTHENTICATED},
      {"Bearer nope", Scope::kIngest, grpc::StatusCode::UNAUTHENTICATED},
      {"Bearer ingest-tok", Scope::kAdmin, grpc::StatusCode::PERMISSION_DENIED},
      {"Bearer ingest-tok", Scope::kSearch,
       grpc::StatusCode::PERMISSION_DENIED},
      {"Bearer old-tok", Scope::kSearch, grpc::StatusCode::UNAUTHENTICATED},
  };
  for (const auto& c : cases) {
    EXPECT_EQ((*auth)->Check(c.header, c.scope, now).error_code(), c.code)
        << c.header.value_or("(none)") << " " << ScopeName(c.scope);
  }
  // A removed token stops working after Reload; a broken file keeps the
  // previous table.
  Write(absl::StrCat(TokenHash("new-tok"), " loader ingest\n"));
  ASSERT_TRUE((*auth)->Reload().ok());
  EXPECT_EQ(
      (*auth)->Check("Bearer ingest-tok", Scope::kIngest, now).error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE((*auth)->Check("Bearer new-tok", Scope::kIngest, now).ok());
  Write("garbage\n");
  EXPECT_FALSE((*auth)->Reload().ok());
  EXPECT_TRUE((*auth)->Check("Bearer new-tok", Scope::kIngest, now).ok());
}

}  // namespace
}  // namespace newsindex
