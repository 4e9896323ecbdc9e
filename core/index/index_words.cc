#include "core/index/index_words.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "core/normalize/text.h"

namespace newsindex {
namespace {

// TermGenerator keeps at most this many '+' or '#' after a word ("c++").
constexpr int kMaxSuffixChars = 3;

// Xapian's word characters: letters, marks, numbers, connector punctuation.
bool IsWordChar(UChar32 c) {
  if (c < 0x80)
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_CONNECTOR_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

bool IsDigit(UChar32 c) {
  return c >= 0 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER;
}

// Dropped by FoldForIndexing or ignored by TermGenerator inside a word.
bool IsIgnorable(UChar32 c) {
  return c == 0xad || c == 0x200b || c == 0x200c || c == 0x200d ||
         c == 0x2060 || c == 0xfeff;
}

// Joins two word characters: what TermGenerator accepts between them, and
// what FoldForIndexing turns into an apostrophe (’ and the other curly
// quotes).
bool IsInfix(UChar32 c) {
  if (c == '\'' || c == '&' || c == 0xb7 || c == 0x5f4 || c == 0x2027) {
    return true;
  }
  if (c < 0x80) return false;
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  return FoldForIndexing(absl::string_view(buf, len)) == "'";
}

// Joins two digits ("1,000", "3.5").
bool IsDigitInfix(UChar32 c) {
  switch (c) {
    case ',':
    case '.':
    case ';':
    case 0x37e:
    case 0x589:
    case 0x60d:
    case 0x7f8:
    case 0x2044:
    case 0xfe10:
    case 0xfe13:
    case 0xfe14:
      return true;
    default:
      return false;
  }
}

// The text as code points with their byte offsets.
struct CodePoint {
  UChar32 c;
  int byte_start;
  int byte_end;
};

std::vector<CodePoint> Decode(absl::string_view text) {
  std::vector<CodePoint> out;
  out.reserve(text.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    out.push_back({c, at, i});
  }
  return out;
}

// The index's key for the original word text `word`.
std::string KeyOf(absl::string_view word) {
  std::string folded = FoldForIndexing(word);
  std::string key;
  key.reserve(folded.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(folded.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(folded.data(), i, n, c);
    if (c < 0 || IsIgnorable(c)) continue;
    if (c < 0x80) {
      key.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
      continue;
    }
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, u_tolower(c));
    key.append(buf, len);
  }
  return key;
}

}  // namespace

void ForEachIndexWord(absl::string_view text,
                      absl::FunctionRef<bool(const IndexWord&)> visit) {
  const std::vector<CodePoint> cps = Decode(text);
  const size_t n = cps.size();
  auto word_at = [&](size_t k) {
    return k < n && cps[k].c >= 0 && IsWordChar(cps[k].c);
  };
  size_t i = 0;
  while (i < n) {
    if (!word_at(i)) {
      ++i;
      continue;
    }
    const size_t first = i;
    size_t last = i;  // last code point of the word, inclusive
    size_t k = i + 1;
    while (k < n) {
      const UChar32 c = cps[k].c;
      if (word_at(k)) {
        last = k++;
        continue;
      }
      if ((IsInfix(c) || IsIgnorable(c)) && word_at(k + 1)) {
        k += 1;
        continue;
      }
      if (IsDigitInfix(c) && IsDigit(cps[last].c) && k + 1 < n &&
          IsDigit(cps[k + 1].c)) {
        k += 1;
        continue;
      }
      break;
    }
    // "c++", "c#": up to kMaxSuffixChars, not followed by a word character.
    size_t suffix = 0;
    while (
        last + 1 + suffix < n && suffix < kMaxSuffixChars &&
        (cps[last + 1 + suffix].c == '+' || cps[last + 1 + suffix].c == '#')) {
      ++suffix;
    }
    if (suffix > 0 && !word_at(last + 1 + suffix)) last += suffix;
    IndexWord word;
    word.byte_start = cps[first].byte_start;
    word.byte_end = cps[last].byte_end;
    word.start = static_cast<int>(first);
    word.end = static_cast<int>(last + 1);
    word.key =
        KeyOf(text.substr(word.byte_start, word.byte_end - word.byte_start));
    if (!visit(word)) return;
    i = last + 1;
  }
}

}  // namespace newsindex
