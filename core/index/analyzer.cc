#include "core/index/analyzer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/index/schema.h"
#include "core/index/stop_words.h"

namespace newsindex {
namespace {

// ISO 639-1 -> the Snowball stemmers Xapian 1.4 ships (Stem's names).
constexpr std::pair<absl::string_view, absl::string_view> kSnowball[] = {
    {"ar", "arabic"},     {"ca", "catalan"},   {"da", "danish"},
    {"de", "german"},     {"en", "english"},   {"es", "spanish"},
    {"eu", "basque"},     {"fi", "finnish"},   {"fr", "french"},
    {"ga", "irish"},      {"hu", "hungarian"}, {"hy", "armenian"},
    {"id", "indonesian"}, {"it", "italian"},   {"lt", "lithuanian"},
    {"ne", "nepali"},     {"nl", "dutch"},     {"no", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"},  {"ru", "russian"},
    {"sv", "swedish"},    {"ta", "tamil"},     {"tr", "turkish"},
};

// Languages whose articles and pronouns elide before a vowel ("l'armée",
// "dell'ambasciata"): the clitic is split off so the noun is its own word.
constexpr absl::string_view kElidingLanguages[] = {"ca", "fr", "it"};

// Wraps a Snowball stemmer so that its stems carry the language's marker
// (schema::LanguageStemMarker), at index and at query time alike.
class MarkedStem : public Xapian::StemImplementation {
 public:
  MarkedStem(const std::string& snowball, std::string marker)
      : stem_(snowball), marker_(std::move(marker)) {}
  std::string operator()(const std::string& word) override {
    return absl::StrCat(marker_, stem_(word));
  }
  std::string get_description() const override {
    return absl::StrCat("newsindex marked ", stem_.get_description());
  }

 private:
  Xapian::Stem stem_;
  std::string marker_;
};

}  // namespace

std::string AnalysisLanguage(absl::string_view language) {
  std::string code =
      absl::AsciiStrToLower(language.substr(0, language.find_first_of("-_")));
  if (code.empty()) return "en";
  if (code == "nb" || code == "nn") return "no";
  return code;
}

LanguageProfile ProfileOf(absl::string_view language) {
  LanguageProfile profile;
  profile.code = AnalysisLanguage(language);
  for (const auto& [code, snowball] : kSnowball) {
    if (code == profile.code) profile.snowball = std::string(snowball);
  }
  profile.stop_words = StopWordsOf(profile.code);
  return profile;
}

std::vector<std::string> StemmedLanguages() {
  std::vector<std::string> codes;
  for (const auto& [code, snowball] : kSnowball) codes.emplace_back(code);
  return codes;
}

bool IsCjkCodePoint(int c) {
  // The blocks Xapian 1.4's CJK n-gram tokenizer treats as CJK, less the
  // half- and full-width forms, which FoldForIndexing has already folded.
  return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3040 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA700 && c <= 0xA71F) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0x2F800 && c <= 0x2FA1F);
}

bool ElidesClitics(absl::string_view language) {
  const std::string code = AnalysisLanguage(language);
  for (absl::string_view eliding : kElidingLanguages) {
    if (code == eliding) return true;
  }
  return false;
}

absl::string_view StripElision(absl::string_view word) {
  const size_t apostrophe = word.find('\'');
  if (apostrophe == absl::string_view::npos || apostrophe == 0 ||
      apostrophe > kMaxElisionBytes || apostrophe + 1 >= word.size()) {
    return word;
  }
  return word.substr(apostrophe + 1);
}

std::string SplitElisions(absl::string_view language, absl::string_view text) {
  std::string out;
  if (!ElidesClitics(language)) return std::string(text);
  out.reserve(text.size() + text.size() / 16);
  size_t word_start = 0;  // first byte of the current run of letters
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    out.push_back(text[i]);
    if (c == '\'' && i > word_start && i - word_start <= kMaxElisionBytes &&
        i + 1 < text.size() &&
        !absl::ascii_isspace(static_cast<unsigned char>(text[i + 1]))) {
      out.push_back(' ');
      word_start = i + 1;
      continue;
    }
    if (!absl::ascii_isalpha(c) && c < 0x80) word_start = i + 1;
  }
  return out;
}

bool CapitalisesNouns(absl::string_view language) {
  const std::string code = AnalysisLanguage(language);
  return code == "de" || code == "lb";
}

std::string LowercaseCapitalisedWords(absl::string_view query) {
  std::string out;
  out.reserve(query.size());
  const int32_t n = static_cast<int32_t>(query.size());
  bool in_field_phrase = false;  // inside field:"..."
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(query.data(), i, n, c);
    const char before = start > 0 ? query[start - 1] : ' ';
    if (c == '"') {
      in_field_phrase = !in_field_phrase && before == ':';
    }
    const bool word_start = !u_isalnum(before < 0 ? 'a' : before) &&
                            before != ':' && !in_field_phrase;
    if (c < 0 || !word_start || !u_isupper(c)) {
      absl::StrAppend(&out, query.substr(start, i - start));
      continue;
    }
    // Upper case throughout ("UN", "AND") stays as it is.
    int32_t j = i;
    bool upper_word = true;
    while (j < n) {
      UChar32 d;
      const int32_t at = j;
      U8_NEXT(query.data(), j, n, d);
      if (d < 0 || !u_isalpha(d)) {
        j = at;
        break;
      }
      upper_word &= u_isupper(d) != 0;
    }
    if (upper_word && j > i) {
      absl::StrAppend(&out, query.substr(start, j - start));
      i = j;
      continue;
    }
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, u_tolower(c));
    out.append(buf, len);
  }
  return out;
}

Analyzer::Analyzer() = default;
Analyzer::~Analyzer() = default;

Analyzer::Entry& Analyzer::EntryFor(absl::string_view language) {
  const std::string code = AnalysisLanguage(language);
  auto it = entries_.find(code);
  if (it != entries_.end()) return it->second;
  Entry entry;
  entry.profile = ProfileOf(code);
  if (entry.profile.code == "en") {
    entry.stem = Xapian::Stem("english");
  } else if (!entry.profile.snowball.empty()) {
    entry.stem = Xapian::Stem(new MarkedStem(entry.profile.snowball,
                                             schema::LanguageStemMarker(code)));
  }
  if (!entry.profile.stop_words.empty()) {
    entry.stopper = std::make_unique<Xapian::SimpleStopper>(
        entry.profile.stop_words.begin(), entry.profile.stop_words.end());
  }
  return entries_.emplace(code, std::move(entry)).first->second;
}

const Xapian::Stem& Analyzer::StemmerFor(absl::string_view language) {
  return EntryFor(language).stem;
}

void Analyzer::Configure(absl::string_view language,
                         Xapian::TermGenerator* generator) {
  Entry& entry = EntryFor(language);
  generator->set_stemmer(entry.stem);
  generator->set_stemming_strategy(entry.profile.snowball.empty()
                                       ? Xapian::TermGenerator::STEM_NONE
                                       : Xapian::TermGenerator::STEM_SOME);
  generator->set_stopper(entry.stopper.get());
  generator->set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
  generator->set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

void Analyzer::Configure(absl::string_view language,
                         Xapian::QueryParser* parser) {
  Entry& entry = EntryFor(language);
  parser->set_stemmer(entry.stem);
  parser->set_stemming_strategy(entry.profile.snowball.empty()
                                    ? Xapian::QueryParser::STEM_NONE
                                    : Xapian::QueryParser::STEM_SOME);
  parser->set_stopper(entry.stopper.get());
}

}  // namespace newsindex
