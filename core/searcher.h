// Read-only queries over a newsindex database.
#ifndef NEWSINDEX_CORE_SEARCHER_H_
#define NEWSINDEX_CORE_SEARCHER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/article.h"
#include "core/entities/extractor.h"
#include "xapian.h"

namespace newsindex {

struct SearchSpec {
  std::string query;
  int64_t offset = 0;
  int limit = 10;
};

struct SearchHit {
  Article article;
  double score = 0;
  std::string snippet;
};

struct SearchResults {
  std::vector<SearchHit> hits;
  // Xapian's estimate of all matches (exact for small result sets).
  int64_t estimated_total = 0;
  // True when results exist past this page.
  bool more = false;
};

struct SearcherOptions {
  // Highlight markers around matched terms in snippets.
  std::string highlight_start = "<em>";
  std::string highlight_end = "</em>";
  // Snippet length in characters.
  size_t snippet_length = 240;
};

// Answers queries against the database in directory `path`, which may not
// exist yet (then every search is empty and every get NOT_FOUND until it
// appears). Before each call it reopens the database, so it sees the last
// commit; a DatabaseModifiedError while reading makes it reopen and rerun
// the whole call.
//
// Not thread-safe: one Searcher per thread, each with its own
// Xapian::Database. `resolver` (not owned, may be null, must be
// thread-safe) maps entity names in queries to canonical ids.
class Searcher {
 public:
  Searcher(std::string path, const EntityResolver* resolver,
           SearcherOptions options = {});
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // INVALID_ARGUMENT with the parser's message for an unparseable query.
  absl::StatusOr<SearchResults> Search(const SearchSpec& spec);
  // NOT_FOUND when no article has `id`.
  absl::StatusOr<Article> Get(const std::string& id);

  // Parses `query` as Search does; for tests and diagnostics.
  absl::StatusOr<Xapian::Query> Parse(const std::string& query);

 private:
  // Opens the database if it exists now, or reopens it to the latest
  // commit. False when there is no database yet.
  bool Refresh();
  // Runs `fn` against a fresh view, retrying on DatabaseModifiedError.
  template <typename Fn>
  auto WithRetry(Fn&& fn) -> decltype(fn());

  const std::string path_;
  const EntityResolver* resolver_;
  const SearcherOptions options_;
  std::optional<Xapian::Database> db_;
  Xapian::Stem stemmer_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCHER_H_
