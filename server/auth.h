// Bearer-token access control for the gRPC services.
//
// Tokens are never stored: the token file (--auth-tokens) lists the SHA-256
// of each token in hex, a name for logs, the scopes it grants and an
// optional expiry:
//
//   # sha256-hex        name    scopes         [expires]
//   <64 hex digits>     loader  ingest
//   <64 hex digits>     ops     ingest,admin   2027-01-01T00:00:00Z
//
// (docs/security.md shows how to write one.)
// Blank lines and lines starting with '#' are ignored. A client sends
// "authorization: Bearer TOKEN". Scopes: `ingest` (IngestArticle,
// IngestArticles, Analyze), `search` (every SearchService method), `admin`
// (DeleteArticle). The health and reflection services stay open.
#ifndef NEWSINDEX_SERVER_AUTH_H_
#define NEWSINDEX_SERVER_AUTH_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace newsindex {

enum class Scope { kIngest = 1, kSearch = 2, kAdmin = 4 };

// "ingest", "search", "admin".
absl::string_view ScopeName(Scope scope);

struct TokenEntry {
  std::string name;
  int scopes = 0;  // a bit set of Scope values
  absl::Time expires = absl::InfiniteFuture();
};

// Token SHA-256 (lowercase hex) -> entry.
using TokenTable = std::map<std::string, TokenEntry>;

// Parses the token file's text; INVALID_ARGUMENT naming the line number and
// what is wrong (never the line's content, which may be a pasted token).
absl::StatusOr<TokenTable> ParseTokenFile(absl::string_view text);

// The lowercase hex SHA-256 of `token`.
std::string TokenHash(absl::string_view token);

// Checks the bearer token of each call against the table loaded from a
// file. Thread-safe: Check() runs on gRPC threads while Reload() replaces
// the table.
class TokenAuthorizer {
 public:
  // Reads `path`; fails when it cannot be read or parsed.
  static absl::StatusOr<std::unique_ptr<TokenAuthorizer>> Load(
      std::string path);

  // Rereads the file. On failure the current table stays in force.
  absl::Status Reload() ABSL_LOCKS_EXCLUDED(mu_);

  // OK when `authorization` (the header's value, if any) carries a known,
  // unexpired token granting `scope` at `now`. UNAUTHENTICATED when the
  // token is missing, malformed, unknown or expired; PERMISSION_DENIED when
  // it lacks the scope.
  grpc::Status Check(std::optional<absl::string_view> authorization,
                     Scope scope, absl::Time now) const
      ABSL_LOCKS_EXCLUDED(mu_);
  // The same for a call's "authorization" metadata.
  grpc::Status CheckCall(const grpc::CallbackServerContext& context,
                         Scope scope) const ABSL_LOCKS_EXCLUDED(mu_);

  size_t size() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  explicit TokenAuthorizer(std::string path) : path_(std::move(path)) {}

  const std::string path_;
  mutable absl::Mutex mu_;
  TokenTable table_ ABSL_GUARDED_BY(mu_);
};

// Status of a call under `authorizer`, which may be null (no tokens
// configured: every call allowed).
grpc::Status Authorize(const TokenAuthorizer* authorizer,
                       const grpc::CallbackServerContext& context, Scope scope);

// A unary reactor already finished with `status` when it is not OK, else
// null: `if (auto* r = RejectUnary(...)) return r;`.
grpc::ServerUnaryReactor* RejectUnary(grpc::CallbackServerContext* context,
                                      const grpc::Status& status);

// Blocks SIGHUP in the calling thread and every thread it starts later, so
// that only a ReloadOnSighup thread receives it. Call first thing in main().
void BlockReloadSignal();

// Reloads `authorizer` on every SIGHUP, on a thread of its own, until
// destroyed. The signal must be blocked (BlockReloadSignal) in every thread.
class ReloadOnSighup {
 public:
  explicit ReloadOnSighup(TokenAuthorizer* authorizer);
  ~ReloadOnSighup();
  ReloadOnSighup(const ReloadOnSighup&) = delete;
  ReloadOnSighup& operator=(const ReloadOnSighup&) = delete;

 private:
  void Loop();

  TokenAuthorizer* const authorizer_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_AUTH_H_
