// Tokenization of text for entity matching: words and punctuation with byte
// and code-point offsets, and the folded keys names are matched under.
// All functions are pure and thread-safe.
#ifndef NEWSINDEX_CORE_ENTITIES_TOKENS_H_
#define NEWSINDEX_CORE_ENTITIES_TOKENS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/entities/spans.h"

namespace newsindex {

struct Token {
  int start = 0;     // byte offset of the first byte
  int end = 0;       // byte offset one past the last byte
  int cp_start = 0;  // code-point offsets, the same span
  int cp_end = 0;
  // Words: lowercase, diacritics removed ("Kābul" -> "kabul"). Punctuation:
  // the character with typographic variants folded (’ -> ', – -> -).
  std::string key;
  bool word = false;         // letters/digits; else one punctuation char
  bool capitalized = false;  // word whose first letter is upper or title case
  bool all_upper = false;    // word with letters, all of them uppercase
  bool has_digit = false;
  bool space_before = false;    // white space between this and the previous
  bool newline_before = false;  // a line break between this and the previous
};

// Splits valid UTF-8 `text` into tokens. Ill-formed bytes act as spaces.
std::vector<Token> Tokenize(absl::string_view text);

// Sets `span`'s byte and code-point offsets and its text from the tokens it
// covers (`tokens` from Tokenize(body)).
void PlaceSpan(absl::string_view body, const std::vector<Token>& tokens,
               EntitySpan* span);

// Space-joined keys of the word tokens of `text` ("Russia's" -> "russia s").
std::string NameKey(absl::string_view text);

// A word key (Token::key) with British spellings folded to American, so
// that both spellings of a name match alike: -isation/-ise/-ised/-ising/
// -iser -> -iz-, -yse -> -yze, and a short list (centre, defence,
// programme, harbour, honour, neighbour, favour, behaviour, colour...).
// "labour" stays: Labour and Labor name different parties.
std::string FoldSpelling(absl::string_view key);

// The key names are matched and linked under: NameKey with FoldSpelling
// on every word and "the" left out inside a name (not first: "The Hague")
// ("Organisation of the Petroleum-Exporting Countries" ->
// "organization of petroleum exporting countries").
std::string MatchKey(absl::string_view text);

// Lowercase ASCII slug for canonical ids: "Zamir Kabulov" -> "zamir-kabulov".
// Letters outside ASCII are folded first; empty when nothing is left.
std::string Slug(absl::string_view text);

// Levenshtein distance of two short strings, capped at `cap` + 1.
int EditDistance(absl::string_view a, absl::string_view b, int cap);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_TOKENS_H_
