// Word-level knowledge for boilerplate classification: stop words, block
// keys and word counts, and the vocabulary of page furniture (the kinds of
// line built on them are in line_kinds.h). Pure functions, thread-safe.
#ifndef NEWSINDEX_CORE_NORMALIZE_VOCABULARY_H_
#define NEWSINDEX_CORE_NORMALIZE_VOCABULARY_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace newsindex {

// Comparison key of a block: folded for indexing, case folded, every run of
// characters other than letters and digits turned into one space, trimmed.
// "Afghan Embassy, Moscow" -> "afghan embassy moscow".
std::string BlockKey(absl::string_view text);

// True when `text` ends a sentence: '.', '!', '?' or ':' before any
// closing quotes and brackets.
bool EndsSentence(absl::string_view text);

// True for an English function word, given in lowercase.
bool IsStopword(absl::string_view lower_word);

// Word statistics of a block: words (runs of letters/digits), stop words
// among them, and words that start with a capital letter.
struct WordStats {
  int words = 0;
  int stopwords = 0;
  int capitalized = 0;
  int content_words = 0;  // words that are not stop words
  int capitalized_content = 0;
};
WordStats CountWords(absl::string_view text);

// The removal reason for a block whose whole text (as BlockKey, with every
// digit read as '#') is known page furniture: "navigation" (menus, share
// and subscribe prompts), "boilerplate" ("2 min read", "No stories
// found."), "related-links" ("Related Stories", "You may also like"),
// "site-footer" ("Copyright ...", "Privacy policy"), "caption" ("Photo:
// ..."). nullptr when the block is not furniture.
const char* FurnitureReason(absl::string_view text);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_VOCABULARY_H_
