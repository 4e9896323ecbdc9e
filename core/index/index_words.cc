#include "core/index/index_words.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/strings/ascii.h"
#include "core/index/analyzer.h"
#include "core/text/text.h"

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

// The code point at byte `at` of `text` (negative when ill-formed);
// `next` receives the byte after it.
inline UChar32 CodePointAt(absl::string_view text, int32_t at, int32_t* next) {
  const unsigned char byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) {  // ASCII fast path: most of an English body
    *next = at + 1;
    return byte;
  }
  UChar32 c;
  U8_NEXT(text.data(), at, static_cast<int32_t>(text.size()), c);
  *next = at;
  return c;
}

bool IsWordCodePoint(UChar32 c) { return c >= 0 && IsWordChar(c); }

// A character FLAG_CJK_NGRAM indexes as n-grams: a word of its own here.
inline bool IsCjkWordChar(UChar32 c) {
  return c >= 0x2E80 && IsCjkCodePoint(c) && IsWordChar(c);
}

// Sets `key` to the index's key for the original word text `word`, which
// is all ASCII when `ascii`.
void SetKey(absl::string_view word, bool ascii, std::string* key) {
  key->clear();
  if (ascii) {  // nothing to fold
    key->resize(word.size());
    for (size_t k = 0; k < word.size(); ++k) {
      (*key)[k] = absl::ascii_tolower(static_cast<unsigned char>(word[k]));
    }
    return;
  }
  const std::string folded = FoldForIndexing(word);
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(folded.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(folded.data(), i, n, c);
    if (c < 0 || IsIgnorable(c)) continue;
    if (c < 0x80) {
      key->push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
      continue;
    }
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, u_tolower(c));
    key->append(buf, len);
  }
}

}  // namespace

void ForEachIndexWord(absl::string_view text,
                      absl::FunctionRef<bool(const IndexWord&)> visit) {
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  int cp = 0;      // code points before byte i
  IndexWord word;  // reused: its key keeps its capacity
  while (i < n) {
    int32_t next;
    UChar32 c = CodePointAt(text, i, &next);
    if (!IsWordCodePoint(c)) {
      i = next;
      ++cp;
      continue;
    }
    word.byte_start = i;
    word.start = cp;
    if (IsCjkWordChar(c)) {  // the index has its unigram (and bigrams)
      word.byte_end = next;
      word.end = cp + 1;
      SetKey(text.substr(i, next - i), false, &word.key);
      if (!visit(word)) return;
      i = next;
      ++cp;
      continue;
    }
    // The word so far ends at byte `end`, code point `cp_end`, with `last`.
    int32_t end = next;
    bool ascii = c < 0x80;
    int cp_end = cp + 1;
    UChar32 last = c;
    while (end < n) {
      int32_t after;
      const UChar32 d = CodePointAt(text, end, &after);
      if (IsCjkWordChar(d)) break;  // n-grams start: the word ends
      if (IsWordCodePoint(d)) {
        ascii &= d < 0x80;
        end = after;
        ++cp_end;
        last = d;
        continue;
      }
      if (after >= n) break;
      int32_t after_next;
      const UChar32 e = CodePointAt(text, after, &after_next);
      const bool joins =
          ((IsInfix(d) || IsIgnorable(d)) && IsWordCodePoint(e)) ||
          (IsDigitInfix(d) && IsDigit(last) && IsDigit(e));
      if (!joins) break;
      ascii &= d < 0x80 && e < 0x80;
      end = after_next;
      cp_end += 2;
      last = e;
    }
    // "c++", "c#": up to kMaxSuffixChars, not followed by a word character.
    int32_t suffix_end = end;
    while (suffix_end < n && suffix_end - end < kMaxSuffixChars &&
           (text[suffix_end] == '+' || text[suffix_end] == '#')) {
      ++suffix_end;
    }
    if (suffix_end > end) {
      int32_t ignored;
      if (suffix_end >= n ||
          !IsWordCodePoint(CodePointAt(text, suffix_end, &ignored))) {
        cp_end += suffix_end - end;
        end = suffix_end;
      }
    }
    word.byte_end = end;
    word.end = cp_end;
    SetKey(text.substr(word.byte_start, end - word.byte_start), ascii,
           &word.key);
    if (!visit(word)) return;
    i = end;
    cp = cp_end;
  }
}

}  // namespace newsindex
