// Text-level normalization helpers: UTF-8 validity, Unicode NFC, whitespace.
// All functions are pure and thread-safe.
#ifndef NEWSINDEX_CORE_TEXT_TEXT_H_
#define NEWSINDEX_CORE_TEXT_TEXT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace newsindex {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or bytes
// past U+10FFFF).
bool IsValidUtf8(absl::string_view s);

// Replaces every ill-formed UTF-8 sequence with U+FFFD. Returns the number
// of replacements through `replaced` when not null.
std::string RepairUtf8(absl::string_view s, int* replaced = nullptr);

// Longest run of non-starters that UAX #15's Stream-Safe Text Format
// allows; a longer run gets U+034F COMBINING GRAPHEME JOINER inside it.
inline constexpr int kMaxNonStarterRun = 30;

// `utf8` (valid UTF-8) in the Stream-Safe Text Format (UAX #15, section 13):
// wherever more than kMaxNonStarterRun non-starters (counted in each code
// point's NFKD decomposition) would follow each other, a U+034F is inserted,
// so no run is longer. Text that is already stream-safe comes back
// unchanged. Why: ICU reorders each run of non-starters by insertion sort,
// so normalizing a long run costs its length squared (128k alternating
// U+0301/U+0316 took 7.5 s); on stream-safe text every normalization here is
// linear. ToNfc and FoldForIndexing call it first. Linear in the input.
std::string MakeStreamSafe(absl::string_view utf8);

// Unicode NFC of valid UTF-8 input, made stream-safe first
// (MakeStreamSafe), so the result is stream-safe and the cost linear.
std::string ToNfc(absl::string_view utf8);

// Fraction of code points in valid UTF-8 `s` that are control characters
// other than tab, newline and carriage return (0 for empty input).
double ControlCharFraction(absl::string_view s);

// Line endings to "\n"; in each line, runs of Unicode white space (including
// NBSP) become one ASCII space and ends are trimmed; runs of blank lines
// become one blank line; leading and trailing blank lines go.
std::string NormalizeWhitespace(absl::string_view utf8);

// Number of Unicode code points in valid UTF-8 `s`.
int CodePointCount(absl::string_view s);

// The form of `utf8` that the index sees (never stored): NFKC (full-width
// and compatibility forms, ligatures, NBSP and the ellipsis become their
// plain forms), then curly and angle quotes become ' and ", the Unicode
// dashes and the minus sign become '-', and zero-width characters and soft
// hyphens are dropped. Case is kept. Ill-formed input is repaired and made
// stream-safe (MakeStreamSafe) first. Linear in the input size.
std::string FoldForIndexing(absl::string_view utf8);

// The one punctuation folding table, shared by index terms
// (FoldForIndexing) and entity keys (core/entities/tokens.h), so that both
// fold alike: for code point `c`, "'" (curly and prime apostrophes), "\""
// (curly, low and angle quotes, guillemets), "-" (the Unicode dashes and the
// minus sign), "" for the invisible characters to drop (zero-width ones,
// the soft hyphen, the byte-order mark), or nullptr to keep `c` as it is.
const char* FoldedPunctuation(int32_t c);

// Lowercase (Unicode simple case folding) of valid UTF-8 `utf8`.
std::string FoldCase(absl::string_view utf8);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_TEXT_TEXT_H_
