#include "core/entities/tokens.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

bool IsWordChar(UChar32 c) {
  if (u_isalnum(c)) return true;
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

// Han, kana and Hangul (the CJK blocks).
bool IsUnspacedScript(UChar32 c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2A6DF);
}

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  out->append(buf, len);
}

// Lowercases and strips combining marks from a word.
std::string FoldWord(absl::string_view word) {
  bool ascii = true;
  for (char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string out;
  out.reserve(word.size());
  if (ascii) {
    for (char c : word) {
      out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  if (U_SUCCESS(status)) {
    decomposed = nfd->normalize(source, status);
  }
  if (U_FAILURE(status)) decomposed = source;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
        type == U_ENCLOSING_MARK) {
      continue;
    }
    AppendUtf8(u_tolower(c), &out);
  }
  return out;
}

}  // namespace

std::vector<Token> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 1);
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  int cp = 0;
  bool space = false;
  bool newline = false;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0 || u_isUWhiteSpace(c) || u_iscntrl(c)) {
      space = true;
      if (c == '\n' || c == '\r' || c == 0x2029 || c == 0x2028) newline = true;
      ++cp;
      continue;
    }
    Token token;
    token.start = start;
    token.cp_start = cp;
    token.space_before = space;
    token.newline_before = newline;
    space = newline = false;
    if (!IsWordChar(c)) {
      ++cp;
      token.end = i;
      token.cp_end = cp;
      // Folded as index terms fold it; a character the table drops still
      // makes a token of its own.
      const char* folded = FoldedPunctuation(c);
      if (folded != nullptr && *folded != '\0') {
        token.key = folded;
      } else {
        AppendUtf8(c, &token.key);
      }
      tokens.push_back(std::move(token));
      continue;
    }
    token.word = true;
    // A script without case (Arabic, Han...) writes names as it writes
    // every word: its letters count as capitalised, so that the names the
    // gazetteer knows in it match (text in those languages is not read by
    // the capitalisation rules, multilingual_extractor.cc).
    token.capitalized =
        u_isupper(c) || u_istitle(c) || u_charType(c) == U_OTHER_LETTER;
    bool has_letter = false;
    bool all_upper = true;
    int32_t end = start;
    int32_t j = start;
    while (j < n) {
      int32_t next = j;
      UChar32 d;
      U8_NEXT(text.data(), next, n, d);
      if (d < 0 || !IsWordChar(d)) break;
      // Chinese and Japanese are written without spaces: each character is
      // a token, so that a name ("俄罗斯") matches inside a run of text.
      if (j > start && (IsUnspacedScript(c) || IsUnspacedScript(d))) break;
      if (u_isalpha(d)) {
        has_letter = true;
        if (!u_isupper(d)) all_upper = false;
      }
      if (u_isdigit(d)) token.has_digit = true;
      ++cp;
      j = next;
      end = next;
    }
    i = end;
    token.end = end;
    token.cp_end = cp;
    token.all_upper = has_letter && all_upper;
    token.key = FoldWord(text.substr(start, end - start));
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string NameKey(absl::string_view text) {
  std::vector<std::string> words;
  for (Token& token : Tokenize(text)) {
    if (token.word) words.push_back(std::move(token.key));
  }
  return absl::StrJoin(words, " ");
}

std::string FoldSpelling(absl::string_view key) {
  static const auto* const kWords =
      new absl::flat_hash_map<absl::string_view, absl::string_view>{
          {"centre", "center"},       {"centres", "centers"},
          {"defence", "defense"},     {"programme", "program"},
          {"programmes", "programs"}, {"harbour", "harbor"},
          {"honour", "honor"},        {"neighbour", "neighbor"},
          {"favour", "favor"},        {"behaviour", "behavior"},
          {"colour", "color"},        {"armour", "armor"},
          {"rumour", "rumor"},        {"endeavour", "endeavor"},
          {"theatre", "theater"},     {"catalogue", "catalog"},
          {"licence", "license"},     {"offence", "offense"},
      };
  if (auto it = kWords->find(key); it != kWords->end()) {
    return std::string(it->second);
  }
  // -is- endings after a stem of 3+ letters ("organis-ation",
  // "privatis-ed"); the same fold on both sides makes "precise" ->
  // "precize" harmless.
  static constexpr absl::string_view kEndings[] = {
      "isation", "isations", "ise", "ised", "ises", "ising", "iser", "isers"};
  for (absl::string_view ending : kEndings) {
    if (key.size() >= ending.size() + 3 && absl::EndsWith(key, ending)) {
      std::string out(key);
      out[key.size() - ending.size() + 1] = 'z';
      return out;
    }
  }
  for (absl::string_view ending : {"yse", "ysed", "yses", "ysing"}) {
    if (key.size() >= ending.size() + 3 && absl::EndsWith(key, ending)) {
      std::string out(key);
      out[key.size() - ending.size() + 1] = 'z';
      return out;
    }
  }
  return std::string(key);
}

std::string MatchKey(absl::string_view text) {
  std::vector<std::string> words;
  for (Token& token : Tokenize(text)) {
    if (!token.word || (token.key == "the" && !words.empty())) continue;
    words.push_back(FoldSpelling(token.key));
  }
  return absl::StrJoin(words, " ");
}

namespace {

// `word` in ASCII letters: ICU's Any-Latin then Latin-ASCII ("ß" -> "ss",
// "Москва" -> "Moskva", "莫斯科" -> "mo si ke"). One transliterator per
// thread: building one costs milliseconds, and ICU does not promise that
// one may be shared.
std::string ToLatinAscii(absl::string_view word) {
  thread_local std::unique_ptr<icu::Transliterator> latin = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (latin == nullptr) return std::string(word);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  latin->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string Slug(absl::string_view text) {
  std::string out;
  for (const Token& token : Tokenize(text)) {
    if (!token.word) continue;
    std::string part;
    const bool ascii = std::all_of(
        token.key.begin(), token.key.end(),
        [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    // Letters the key could not fold to ASCII are transliterated from the
    // token's own text, never dropped.
    const std::string latin =
        ascii ? std::string()
              : ToLatinAscii(text.substr(token.start, token.end - token.start));
    for (char c : ascii ? token.key : latin) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        part.push_back(c);
      } else if (!ascii && !part.empty() && part.back() != '-') {
        part.push_back('-');  // "mo si ke" -> "mo-si-ke"
      }
    }
    while (!part.empty() && part.back() == '-') part.pop_back();
    if (part.empty()) continue;
    if (!out.empty()) out.push_back('-');
    out += part;
  }
  return out;
}

int EditDistance(absl::string_view a, absl::string_view b, int cap) {
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > cap) return cap + 1;
  std::vector<int> prev(lb + 1), cur(lb + 1);
  for (int j = 0; j <= lb; ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    cur[0] = i;
    int best = cur[0];
    for (int j = 1; j <= lb; ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      best = std::min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[lb], cap + 1);
}

void PlaceSpan(absl::string_view body, const std::vector<Token>& tokens,
               EntitySpan* span) {
  span->start_byte = tokens[span->first].start;
  span->end_byte = tokens[span->last].end;
  span->cp_start = tokens[span->first].cp_start;
  span->cp_end = tokens[span->last].cp_end;
  span->text = std::string(
      body.substr(span->start_byte, span->end_byte - span->start_byte));
}

}  // namespace newsindex
