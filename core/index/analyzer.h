// Per-language text analysis: which stemmer, stop list and segmentation an
// article's language gets. The writer (DocumentBuilder), the query parser
// (core/search/query_builder) and highlighting (core/search/match_offsets)
// all configure Xapian through this file, so the three agree.
//
// The rules (docs/languages.md):
// - English, and an article with no language: Xapian's English Snowball
//   stemmer, stems "Z" + stem as before, no stop list: English indexes and
//   queries are exactly what they were.
// - A language Xapian has a Snowball stemmer for: that stemmer, its stems
//   marked with the language (schema::LanguageStemMarker: "ZDE:botschaft"),
//   so a German stem never matches an English article, and a stop list
//   when we have one (indexed unstemmed, dropped from queries).
// - Any other language: indexed unstemmed.
// - Chinese, Japanese and Korean characters are indexed as Xapian's CJK
//   n-grams (unigrams and bigrams) in every article and every query, so a
//   Chinese name in an English article is found too.
#ifndef NEWSINDEX_CORE_INDEX_ANALYZER_H_
#define NEWSINDEX_CORE_INDEX_ANALYZER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "xapian.h"

namespace newsindex {

// What a language gets.
struct LanguageProfile {
  // ISO 639-1, lowercase ("de"); "en" for the default analysis.
  std::string code;
  // Xapian's Snowball name ("german"), or empty: indexed unstemmed.
  std::string snowball;
  // The words of the stop list (folded, lowercase); empty: none.
  std::vector<absl::string_view> stop_words;
};

// The language code analysis keys on: lowercase, the primary subtag only
// ("de-AT" -> "de", "zh-Hant" -> "zh", "nb" -> "no"), and "en" for an empty
// language (articles whose language is unknown keep the English analysis
// they always had).
std::string AnalysisLanguage(absl::string_view language);

// The profile of `language` (any form AnalysisLanguage accepts).
LanguageProfile ProfileOf(absl::string_view language);

// ISO 639-1 codes of every language with a Snowball stemmer, sorted.
std::vector<std::string> StemmedLanguages();

// True when `c` is a character Xapian's FLAG_CJK_NGRAM turns into n-grams
// (Han, kana, Hangul, CJK symbols that are word characters).
bool IsCjkCodePoint(int c);

// Elision ("l'ambassadeur", "dell'ambasciata"): in French, Italian and
// Catalan a clitic of at most kMaxElisionBytes before an apostrophe is
// split off, so that the noun is indexed, stemmed and queried alone.
inline constexpr size_t kMaxElisionBytes = 6;  // "jusqu'", "dell'", "quell'"
bool ElidesClitics(absl::string_view language);
// `text` (folded) with a space after each elided clitic's apostrophe in an
// eliding language; `text` unchanged in any other.
std::string SplitElisions(absl::string_view language, absl::string_view text);
// The word without its elided clitic ("l'ambassadeur" -> "ambassadeur").
absl::string_view StripElision(absl::string_view word);

// German capitalises every noun, and Xapian's query parser leaves a
// capitalised word unstemmed (it reads it as a name): in a language that
// capitalises nouns, a query's capitalised words ("Botschafters") are
// lowercased before parsing, except words in upper case (operators, "UN")
// and field values ("person:Kabulov", 'org:"Islamischer Staat"').
bool CapitalisesNouns(absl::string_view language);
std::string LowercaseCapitalisedWords(absl::string_view query);

// Configures Xapian objects for a language. Not thread-safe (it owns the
// stemmers and stoppers it hands out, which Xapian's non-atomic reference
// counts must not share across threads): one per thread.
class Analyzer {
 public:
  Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  ~Analyzer();

  // Sets `generator`'s stemmer, stemming strategy, stop list and flags
  // for an article in `language`.
  void Configure(absl::string_view language, Xapian::TermGenerator* generator);
  // The same for a query parser parsing a query in `language`.
  void Configure(absl::string_view language, Xapian::QueryParser* parser);

  // The stemmer of `language` as the index uses it: its output carries the
  // language's stem marker; a default-constructed (identity, "none")
  // stemmer for a language indexed unstemmed.
  const Xapian::Stem& StemmerFor(absl::string_view language);

 private:
  struct Entry {
    LanguageProfile profile;
    Xapian::Stem stem;
    std::unique_ptr<Xapian::SimpleStopper> stopper;  // null: no stop list
  };
  Entry& EntryFor(absl::string_view language);

  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_ANALYZER_H_
