#include "server/auth.h"

#include <openssl/sha.h>
#include <pthread.h>
#include <signal.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/logging.h"

namespace newsindex {
namespace {

constexpr size_t kSha256HexChars = 64;

absl::StatusOr<int> ParseScopes(absl::string_view list) {
  int scopes = 0;
  for (absl::string_view name : absl::StrSplit(list, ',', absl::SkipEmpty())) {
    if (name == "ingest") {
      scopes |= static_cast<int>(Scope::kIngest);
    } else if (name == "search") {
      scopes |= static_cast<int>(Scope::kSearch);
    } else if (name == "admin") {
      scopes |= static_cast<int>(Scope::kAdmin);
    } else {
      return absl::InvalidArgumentError(
          "unknown scope (use ingest, search, admin, comma-separated)");
    }
  }
  if (scopes == 0) return absl::InvalidArgumentError("no scope");
  return scopes;
}

absl::StatusOr<TokenEntry> ParseTokenLine(
    const std::vector<absl::string_view>& fields) {
  if (fields.size() < 3 || fields.size() > 4) {
    return absl::InvalidArgumentError(
        "expected: SHA256-HEX NAME SCOPES [EXPIRES-RFC3339]");
  }
  TokenEntry entry;
  entry.name = std::string(fields[1]);
  absl::StatusOr<int> scopes = ParseScopes(fields[2]);
  if (!scopes.ok()) return scopes.status();
  entry.scopes = *scopes;
  if (fields.size() == 4) {
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, fields[3], &entry.expires,
                         &error)) {
      return absl::InvalidArgumentError("expiry is not RFC 3339");
    }
  }
  return entry;
}

bool IsLowerHex(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isxdigit(c) || absl::ascii_isupper(c)) return false;
  }
  return true;
}

}  // namespace

absl::string_view ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kIngest:
      return "ingest";
    case Scope::kSearch:
      return "search";
    case Scope::kAdmin:
      return "admin";
  }
  return "?";
}

std::string TokenHash(absl::string_view token) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::StatusOr<TokenTable> ParseTokenFile(absl::string_view text) {
  TokenTable table;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    absl::StatusOr<TokenEntry> entry = ParseTokenLine(fields);
    if (entry.ok() && (fields[0].size() != kSha256HexChars ||
                       !IsLowerHex(absl::AsciiStrToLower(fields[0])))) {
      entry = absl::InvalidArgumentError(
          "the first field must be the token's SHA-256 in hex (64 "
          "characters), not the token");
    }
    if (!entry.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_number, ": ", entry.status().message()));
    }
    table[absl::AsciiStrToLower(fields[0])] = *std::move(entry);
  }
  return table;
}

absl::StatusOr<std::unique_ptr<TokenAuthorizer>> TokenAuthorizer::Load(
    std::string path) {
  std::unique_ptr<TokenAuthorizer> authorizer(
      new TokenAuthorizer(std::move(path)));
  if (absl::Status s = authorizer->Reload(); !s.ok()) return s;
  return authorizer;
}

absl::Status TokenAuthorizer::Reload() {
  std::ifstream in(path_);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("--auth-tokens: cannot read ", path_));
  }
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<TokenTable> table = ParseTokenFile(text.str());
  if (!table.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--auth-tokens ", path_, ": ", table.status().message()));
  }
  absl::MutexLock lock(&mu_);
  table_ = *std::move(table);
  return absl::OkStatus();
}

size_t TokenAuthorizer::size() const {
  absl::MutexLock lock(&mu_);
  return table_.size();
}

grpc::Status TokenAuthorizer::Check(
    std::optional<absl::string_view> authorization, Scope scope,
    absl::Time now) const {
  constexpr absl::string_view kBearer = "Bearer ";
  if (!authorization.has_value()) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "missing \"authorization: Bearer TOKEN\" metadata");
  }
  if (!absl::StartsWithIgnoreCase(*authorization, kBearer)) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "the authorization metadata is not \"Bearer TOKEN\"");
  }
  // Looking up the token's hash, not the token, means neither the table
  // nor the comparison's timing reveals a token.
  const std::string hash = TokenHash(
      absl::StripAsciiWhitespace(authorization->substr(kBearer.size())));
  absl::MutexLock lock(&mu_);
  auto it = table_.find(hash);
  if (it == table_.end()) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "unknown token");
  }
  const TokenEntry& entry = it->second;
  if (now >= entry.expires) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        absl::StrCat("token \"", entry.name, "\" expired"));
  }
  if ((entry.scopes & static_cast<int>(scope)) == 0) {
    return grpc::Status(
        grpc::StatusCode::PERMISSION_DENIED,
        absl::StrCat("token \"", entry.name, "\" lacks the scope \"",
                     ScopeName(scope), "\" this method needs"));
  }
  return grpc::Status::OK;
}

grpc::Status TokenAuthorizer::CheckCall(
    const grpc::CallbackServerContext& context, Scope scope) const {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  std::optional<absl::string_view> value;
  if (it != metadata.end()) {
    value = absl::string_view(it->second.data(), it->second.size());
  }
  return Check(value, scope, absl::Now());
}

grpc::Status Authorize(const TokenAuthorizer* authorizer,
                       const grpc::CallbackServerContext& context,
                       Scope scope) {
  if (authorizer == nullptr) return grpc::Status::OK;
  return authorizer->CheckCall(context, scope);
}

grpc::ServerUnaryReactor* RejectUnary(grpc::CallbackServerContext* context,
                                      const grpc::Status& status) {
  if (status.ok()) return nullptr;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

void BlockReloadSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

ReloadOnSighup::ReloadOnSighup(TokenAuthorizer* authorizer)
    : authorizer_(authorizer), thread_([this] { Loop(); }) {}

ReloadOnSighup::~ReloadOnSighup() {
  stop_ = true;
  // Wakes the sigwait below; the signal is blocked everywhere, so it
  // reaches only that thread.
  pthread_kill(thread_.native_handle(), SIGHUP);
  thread_.join();
}

void ReloadOnSighup::Loop() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  while (true) {
    int signal_number = 0;
    sigwait(&set, &signal_number);
    if (stop_) return;
    absl::Status status = authorizer_->Reload();
    if (status.ok()) {
      Log(LogLevel::kInfo, "SIGHUP: reloaded ", authorizer_->size(), " tokens");
    } else {
      Log(LogLevel::kError,
          "SIGHUP: keeping the previous tokens: ", status.ToString());
    }
  }
}

}  // namespace newsindex
