// Scoring helpers of extraction_eval: word shingles of extracted text against
// a reference, and agreement of short metadata strings (title, byline).
#ifndef NEWSINDEX_BENCH_EXTRACTION_SHINGLES_H_
#define NEWSINDEX_BENCH_EXTRACTION_SHINGLES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace newsindex::bench {

// Words of `text` (UTF-8), case-folded: runs of letters, marks and digits;
// every Han, Hiragana or Katakana character is a word of its own, since
// those scripts put no spaces between words.
std::vector<std::string> FoldedWords(absl::string_view text);

// The set of hashes of every `n` consecutive words; a text of fewer than
// `n` (but at least one) words gives one shingle of all of them.
absl::flat_hash_set<uint64_t> Shingles(const std::vector<std::string>& words,
                                       size_t n = 4);

// Shingle counts of one extraction: how many of the extracted text's
// shingles are in the reference ("common"), out of "extracted" and
// "expected".
struct Overlap {
  size_t common = 0;
  size_t extracted = 0;
  size_t expected = 0;

  Overlap& operator+=(const Overlap& o) {
    common += o.common;
    extracted += o.extracted;
    expected += o.expected;
    return *this;
  }
  // An empty extraction of an empty reference is perfect; otherwise an
  // empty side scores 0.
  double Precision() const;
  double Recall() const;
  double F1() const;
};

Overlap CompareShingles(absl::string_view extracted,
                        absl::string_view expected);

// True when two titles or bylines say the same: their folded words are equal,
// or the shorter's words (at least one) open the longer's and make up at
// least `min_share` of its words ("Headline" against "Headline | Site" at
// the default 0.6 when the site name is short). `exact` demands equality.
bool SameWords(absl::string_view a, absl::string_view b, bool exact,
               double min_share = 0.6);

// True when every folded word of `a` occurs in `b` or the reverse (a byline
// "By Jane Doe, Reuters" against the author "Jane Doe"); both non-empty.
bool WordsContained(absl::string_view a, absl::string_view b);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_EXTRACTION_SHINGLES_H_
