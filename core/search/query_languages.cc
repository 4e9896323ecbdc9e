// QueryBuilder::ParseInLanguages: a query in its language, or in each
// language the index holds (docs/languages.md).
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/index/analyzer.h"
#include "core/index/schema.h"
#include "core/search/query_builder.h"

namespace newsindex {
namespace {

// The languages of the index's articles other than English, by analysis
// language ("de"), each with its language terms ("Lde", "Lde-at"). Every
// language without a stemmer is one group, under the first of its codes:
// they are all parsed alike (unstemmed).
std::map<std::string, std::vector<std::string>> OtherLanguagesIn(
    const Xapian::Database& db) {
  std::map<std::string, std::vector<std::string>> languages;
  std::string unstemmed;  // the group's key
  const std::string prefix(schema::kLanguagePrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix);
       ++it) {
    const std::string& term = *it;
    const LanguageProfile profile = ProfileOf(term.substr(prefix.size()));
    if (profile.code == "en") continue;
    if (profile.snowball.empty() && profile.stop_words.empty()) {
      if (unstemmed.empty()) unstemmed = profile.code;
      languages[unstemmed].push_back(term);
    } else {
      languages[profile.code].push_back(term);
    }
  }
  return languages;
}

}  // namespace

Xapian::Query QueryBuilder::ParseInLanguages(const std::string& query,
                                             const std::string& language) {
  if (!language.empty()) return ParseIn(query, language);
  // English (and no language) first, as before: on an English index the
  // query is exactly what it was. Each other language adds a branch parsed
  // in it and restricted to its articles (and English to the rest), so its
  // stems (and, for a language indexed unstemmed, its plain lowercase words,
  // which English parsing would stem) find its articles and no others.
  Xapian::Query english = ParseIn(query, "en");
  if (db_ == nullptr) return english;
  std::vector<Xapian::Query> branches;
  std::vector<std::string> others;  // every other language's terms
  for (const auto& [code, terms] : OtherLanguagesIn(*db_)) {
    others.insert(others.end(), terms.begin(), terms.end());
    // That language's stems, for that language's articles only.
    Xapian::Query branch = ParseIn(query, code);
    if (branch.empty()) continue;
    branches.emplace_back(
        Xapian::Query::OP_FILTER, branch,
        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  }
  if (notes_ != nullptr) {  // each reading warned about the same names
    std::vector<std::string>& warnings = notes_->warnings;
    std::vector<std::string> unique;
    for (std::string& w : warnings) {
      if (std::find(unique.begin(), unique.end(), w) == unique.end()) {
        unique.push_back(std::move(w));
      }
    }
    warnings = std::move(unique);
  }
  if (others.empty()) return english;
  // Each article is read in its own language only: "NOT wheat" read as
  // English must not match a French article, which has no English stems.
  if (!english.empty()) {
    branches.insert(branches.begin(),
                    Xapian::Query(Xapian::Query::OP_AND_NOT, english,
                                  Xapian::Query(Xapian::Query::OP_OR,
                                                others.begin(), others.end())));
  }
  return Xapian::Query(Xapian::Query::OP_OR, branches.begin(), branches.end());
}

}  // namespace newsindex
