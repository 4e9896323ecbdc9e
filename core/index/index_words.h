// The words of a text as the index has them: DocumentBuilder indexes
// FoldForIndexing(text) with Xapian's TermGenerator, and this finds the same
// words in the original (unfolded) text, with their offsets, so that
// highlighting (core/search/match_offsets.h) marks exactly what a query
// matched. index_words_test.cc checks the two against each other.
#ifndef NEWSINDEX_CORE_INDEX_INDEX_WORDS_H_
#define NEWSINDEX_CORE_INDEX_INDEX_WORDS_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"

namespace newsindex {

struct IndexWord {
  // The term the index holds for the word: folded (FoldForIndexing) and
  // lowercase, e.g. "russia's" for "Russia’s".
  std::string key;
  int byte_start = 0;  // in the original text
  int byte_end = 0;
  int start = 0;  // the same span in code points
  int end = 0;
};

// Calls `visit` for each word of `text` (UTF-8) in order, as TermGenerator
// splits the folded text: runs of letters, marks, digits and '_', joined by
// an apostrophe (any that folds to ') or '&' between word characters, by
// ',' '.' ';' between digits, and by ignorable zero-width characters and
// soft hyphens; a word keeps up to 3 trailing '+' or '#' ("c++"); each
// Chinese, Japanese or Korean character (IsCjkCodePoint) is a word of its
// own, as the index's CJK unigrams are. Not
// handled: acronyms written with dots ("U.S." is "us" in the index). `visit`
// returns false to stop. Linear in the text size.
void ForEachIndexWord(absl::string_view text,
                      absl::FunctionRef<bool(const IndexWord&)> visit);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_INDEX_WORDS_H_
