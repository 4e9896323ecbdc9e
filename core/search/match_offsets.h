// Where a query's terms occur in a text, for clients that highlight
// matches themselves and for building snippets.
#ifndef NEWSINDEX_CORE_SEARCH_MATCH_OFFSETS_H_
#define NEWSINDEX_CORE_SEARCH_MATCH_OFFSETS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "core/index/analyzer.h"
#include "xapian.h"

namespace newsindex {

// Match spans reported per hit.
inline constexpr size_t kMaxMatchSpans = 50;

struct MatchSpan {
  int start = 0;  // code points
  int end = 0;
  int byte_start = 0;  // the same span in UTF-8 bytes
  int byte_end = 0;
};

// Decides which words of a text a query matches. Built once per query and
// reused for every hit: it remembers the words it has stemmed. Not
// thread-safe (one per search call); `stemmer` is copied.
class QueryMatcher {
 public:
  // A word matches when its lowercase form is one of the query's
  // unprefixed terms, or its English stem prefixed by "Z" is (Xapian's
  // STEM_SOME convention). Terms in `ignore` (not owned, may be null; only
  // read here) are left out.
  QueryMatcher(const Xapian::Query& query, const Xapian::Stem& stemmer,
               const absl::flat_hash_set<std::string>* ignore = nullptr);
  QueryMatcher(const QueryMatcher&) = delete;
  QueryMatcher& operator=(const QueryMatcher&) = delete;

  // The spans of matching words in `text`, in text order, at most `limit`.
  // UTF-8 safe; words are runs of Unicode letters and digits. The text is
  // taken as English (or of no language).
  std::vector<MatchSpan> Find(absl::string_view text,
                              size_t limit = kMaxMatchSpans);
  // The same for a text in `language` (an article's): its words are
  // stemmed as the index stemmed that article (core/index/analyzer.h) and
  // match the query's stems of that language.
  std::vector<MatchSpan> FindInLanguage(absl::string_view text,
                                        absl::string_view language,
                                        size_t limit = kMaxMatchSpans);

 private:
  // A language's stems in the query ("DE:botschaft", the term without its
  // Z) and the words already decided.
  struct LanguageStems {
    absl::flat_hash_set<std::string> stems;
    absl::flat_hash_map<std::string, bool> seen;
  };
  bool Matches(const std::string& lowercase_word);
  bool MatchesIn(const std::string& code, LanguageStems& stems,
                 const std::string& lowercase_word);

  Xapian::Stem stemmer_;
  absl::flat_hash_set<std::string> words_;  // unprefixed terms
  absl::flat_hash_set<std::string> stems_;  // "Z" terms without the Z
  // The first two bytes of every term above. English stems keep a word's
  // first two letters, so a word that starts otherwise needs no stemming.
  absl::flat_hash_set<std::string> heads_;
  absl::flat_hash_map<std::string, bool> seen_;  // word -> matches
  // By analysis language ("de"): the stems of other languages.
  absl::flat_hash_map<std::string, LanguageStems> language_stems_;
  Analyzer analyzer_;  // their stemmers
};

// One-shot form of QueryMatcher::Find.
std::vector<MatchSpan> FindMatchSpans(const Xapian::Query& query,
                                      absl::string_view text,
                                      const Xapian::Stem& stemmer,
                                      size_t limit = kMaxMatchSpans);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_MATCH_OFFSETS_H_
