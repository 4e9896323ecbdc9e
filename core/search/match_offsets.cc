#include "core/search/match_offsets.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "core/index/index_words.h"

namespace newsindex {
namespace {

absl::string_view Head(absl::string_view word) { return word.substr(0, 2); }

// Porter2's exceptional forms whose stem starts differently from the word
// (checked against every word of both corpora and WordNet: only these).
constexpr std::pair<absl::string_view, absl::string_view> kHeadChanges[] = {
    {"die", "dy"}, {"lie", "ly"}, {"tie", "ty"}};

// The language of a stem term's marker ("DE:botschaft" -> "de"), or empty
// for an English stem (or a field's, "Sbotschaft").
std::string MarkerLanguage(absl::string_view stem) {
  const size_t colon = stem.find(':');
  if (colon == absl::string_view::npos || colon == 0 || colon > 3) return "";
  for (size_t i = 0; i < colon; ++i) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(stem[i]))) return "";
  }
  return absl::AsciiStrToLower(stem.substr(0, colon));
}

}  // namespace

QueryMatcher::QueryMatcher(const Xapian::Query& query,
                           const Xapian::Stem& stemmer,
                           const absl::flat_hash_set<std::string>* ignore)
    : stemmer_(stemmer) {
  for (auto it = query.get_unique_terms_begin();
       it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.empty() || (ignore != nullptr && ignore->contains(term))) {
      continue;
    }
    if (term[0] == 'Z') {
      const absl::string_view stem = absl::string_view(term).substr(1);
      if (std::string code = MarkerLanguage(stem); !code.empty()) {
        language_stems_[code].stems.insert(std::string(stem));
        continue;
      }
      stems_.insert(std::string(stem));
      heads_.insert(std::string(Head(stem)));
      for (const auto& [changed_stem, word_head] : kHeadChanges) {
        if (stem == changed_stem) heads_.insert(std::string(word_head));
      }
    } else if (!absl::ascii_isupper(static_cast<unsigned char>(term[0]))) {
      // Uppercase-led terms are prefixed (fields, entities): never words.
      words_.insert(term);
      heads_.insert(std::string(Head(term)));
    }
  }
}

bool QueryMatcher::Matches(const std::string& word) {
  // A one-letter stem ("oed" -> "o") has a one-byte head.
  const absl::string_view view = word;
  if (!heads_.contains(Head(view)) && !heads_.contains(view.substr(0, 1))) {
    return false;
  }
  auto [it, inserted] = seen_.try_emplace(word, false);
  if (inserted) {
    it->second = words_.contains(word) ||
                 (!stems_.empty() && stems_.contains(stemmer_(word)));
  }
  return it->second;
}

std::vector<MatchSpan> QueryMatcher::Find(absl::string_view text,
                                          size_t limit) {
  std::vector<MatchSpan> spans;
  if (heads_.empty() || limit == 0) return spans;
  // The index's words, so that "Russia’s" is one word here as there.
  ForEachIndexWord(text, [&](const IndexWord& word) {
    if (Matches(word.key)) {
      spans.push_back({word.start, word.end, word.byte_start, word.byte_end});
    }
    return spans.size() < limit;
  });
  return spans;
}

bool QueryMatcher::MatchesIn(const std::string& code, LanguageStems& stems,
                             const std::string& word) {
  auto [it, inserted] = stems.seen.try_emplace(word, false);
  if (inserted) {
    // "l'ambassadeur" is "l" and "ambassadeur" in the index (analyzer.h).
    const std::string bare(ElidesClitics(code) ? StripElision(word) : word);
    it->second = words_.contains(word) || words_.contains(bare) ||
                 (!stems.stems.empty() &&
                  stems.stems.contains(analyzer_.StemmerFor(code)(bare)));
  }
  return it->second;
}

std::vector<MatchSpan> QueryMatcher::FindInLanguage(absl::string_view text,
                                                    absl::string_view language,
                                                    size_t limit) {
  const std::string code = AnalysisLanguage(language);
  if (code == "en") return Find(text, limit);
  std::vector<MatchSpan> spans;
  LanguageStems& stems = language_stems_[code];
  if ((words_.empty() && stems.stems.empty()) || limit == 0) return spans;
  ForEachIndexWord(text, [&](const IndexWord& word) {
    if (MatchesIn(code, stems, word.key)) {
      spans.push_back({word.start, word.end, word.byte_start, word.byte_end});
    }
    return spans.size() < limit;
  });
  return spans;
}

std::vector<MatchSpan> FindMatchSpans(const Xapian::Query& query,
                                      absl::string_view text,
                                      const Xapian::Stem& stemmer,
                                      size_t limit) {
  QueryMatcher matcher(query, stemmer);
  return matcher.Find(text, limit);
}

}  // namespace newsindex
