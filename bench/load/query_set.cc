#include "bench/load/query_set.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace newsindex::bench {
namespace {

// Words too common to say anything about a query's cost.
const std::set<std::string>& StopWords() {
  static const auto* words = new std::set<std::string>{
      "the",    "and",   "for",   "that",  "with",  "said", "from", "was",
      "were",   "this",  "have",  "has",   "had",   "not",  "but",  "are",
      "its",    "will",  "would", "which", "their", "they", "been", "also",
      "than",   "after", "about", "more",  "year",  "last", "over", "into",
      "who",    "there", "some",  "could", "other", "when", "what", "them",
      "reuter", "dlrs",  "mln",   "pct",   "cts",   "his",  "her",  "new"};
  return *words;
}

// Lowercase alphabetic words of `text`, at least `min_len` letters.
std::vector<std::string> Words(const std::string& text, size_t min_len) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= min_len && !StopWords().contains(word)) {
      out.push_back(word);
    }
    word.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.push_back(absl::ascii_tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// Keys of `counts` by descending count, ties by key: deterministic.
std::vector<std::string> ByFrequency(
    const absl::flat_hash_map<std::string, int>& counts, int min_count) {
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [key, n] : counts) {
    if (n >= min_count) v.emplace_back(-n, key);
  }
  std::sort(v.begin(), v.end());
  std::vector<std::string> out;
  for (auto& [n, key] : v) out.push_back(std::move(key));
  return out;
}

// `n` items spread evenly over `ranked` from rank `skip`: a mix of common
// and rare terms.
std::vector<std::string> Spread(const std::vector<std::string>& ranked,
                                size_t skip, int n) {
  std::vector<std::string> out;
  if (ranked.size() <= skip || n <= 0) return out;
  const size_t span = ranked.size() - skip;
  const size_t step = std::max<size_t>(1, span / n);
  for (size_t i = skip; i < ranked.size() && out.size() < size_t(n);
       i += step) {
    out.push_back(ranked[i]);
  }
  return out;
}

struct Derived {
  std::vector<std::string> words;      // body words, ranked
  std::vector<std::string> bigrams;    // title bigrams, ranked
  std::vector<std::string> countries;  // known names present, ranked
  std::vector<std::string> entities;   // people and organizations present
};

// Names the entity gazetteer knows (countries from ISO 3166, people and
// organizations from the curated data); only those in the corpus are used.
const std::vector<std::string>& Countries() {
  static const auto* names = new std::vector<std::string>{
      "Japan",       "United States", "China",        "Brazil",    "France",
      "Britain",     "West Germany",  "Canada",       "Mexico",    "Iran",
      "Iraq",        "Soviet Union",  "Italy",        "Australia", "India",
      "Argentina",   "Kuwait",        "Saudi Arabia", "Indonesia", "Ecuador",
      "Nigeria",     "South Africa",  "Taiwan",       "Russia",    "Spain",
      "Netherlands", "Belgium",       "Egypt",        "Pakistan",  "Venezuela"};
  return *names;
}

const std::vector<std::string>& NamedEntities() {
  static const auto* names = new std::vector<std::string>{"OPEC",
                                                          "Reagan",
                                                          "Federal Reserve",
                                                          "Tony Blair",
                                                          "Gordon Brown",
                                                          "Microsoft",
                                                          "European Union",
                                                          "IMF",
                                                          "World Bank",
                                                          "Volcker",
                                                          "Baker",
                                                          "Google",
                                                          "Apple",
                                                          "Chelsea",
                                                          "Arsenal",
                                                          "BBC",
                                                          "Michael Howard",
                                                          "Bush",
                                                          "Gatt",
                                                          "Nakasone"};
  return *names;
}

std::vector<std::string> Present(const std::vector<Record>& records,
                                 const std::vector<std::string>& names) {
  absl::flat_hash_map<std::string, int> counts;
  for (const Record& r : records) {
    for (const std::string& name : names) {
      if (r.body.find(name) != std::string::npos) ++counts[name];
    }
  }
  return ByFrequency(counts, 3);
}

Derived Derive(const std::vector<Record>& records) {
  absl::flat_hash_map<std::string, int> words, bigrams;
  for (const Record& r : records) {
    for (std::string& w : Words(r.body, 4)) ++words[w];
    const std::vector<std::string> t = Words(r.title, 3);
    for (size_t i = 0; i + 1 < t.size(); ++i) {
      ++bigrams[absl::StrCat(t[i], " ", t[i + 1])];
    }
  }
  Derived d;
  d.words = ByFrequency(words, 5);
  d.bigrams = ByFrequency(bigrams, 3);
  d.countries = Present(records, Countries());
  d.entities = Present(records, NamedEntities());
  return d;
}

std::string Quoted(const std::string& s) {
  return s.find(' ') == std::string::npos ? s : absl::StrCat("\"", s, "\"");
}

using KindFn = std::function<std::vector<std::string>(const Derived&, int)>;

// Kinds that add SearchRequest fields (text format) to word queries:
// filters, facets and sorting of the Search API. A kind whose fields the
// API does not have is skipped by the load generator.
const std::vector<std::pair<std::string, std::string>>& OptionKinds() {
  static const auto* kinds =
      new std::vector<std::pair<std::string, std::string>>{
          {"filter_source", "filter { sources: \"bbc\" }"},
          {"filter_date",
           "filter { published_after { seconds: 536457600 } "
           "published_before { seconds: 567993600 } }"},  // 1987
          {"filter_entity_type", "filter { entity_types: LOCATION }"},
          {"facets", "facets { entities: true sources: true limit: 10 }"},
          {"date_histogram", "facets { date_histogram: MONTH }"},
          {"sort_newest", "sort: NEWEST_FIRST"},
      };
  return *kinds;
}

// The kinds, in interleaving order. Filters and facets arrive with a later
// API; add their kinds here.
const std::vector<std::pair<std::string, KindFn>>& Kinds() {
  static const auto* kinds = new std::vector<std::pair<std::string, KindFn>>{
      {"word", [](const Derived& d, int n) { return Spread(d.words, 20, n); }},
      {"two_words",
       [](const Derived& d, int n) {
         std::vector<std::string> a = Spread(d.words, 40, 2 * n), out;
         for (size_t i = 0; i + 1 < a.size(); i += 2) {
           out.push_back(absl::StrCat(a[i], " ", a[i + 1]));
         }
         return out;
       }},
      {"or_words",
       [](const Derived& d, int n) {
         std::vector<std::string> a = Spread(d.words, 10, 2 * n), out;
         for (size_t i = 0; i + 1 < a.size(); i += 2) {
           out.push_back(absl::StrCat(a[i], " OR ", a[i + 1]));
         }
         return out;
       }},
      {"phrase",
       [](const Derived& d, int n) {
         std::vector<std::string> out;
         for (const std::string& b : Spread(d.bigrams, 0, n)) {
           out.push_back(absl::StrCat("\"", b, "\""));
         }
         return out;
       }},
      {"title",
       [](const Derived& d, int n) {
         std::vector<std::string> out;
         for (const std::string& w : Spread(d.words, 30, n)) {
           out.push_back(absl::StrCat("title:", w));
         }
         return out;
       }},
      {"place",
       [](const Derived& d, int n) {
         std::vector<std::string> out;
         for (const std::string& c : Spread(d.countries, 0, n)) {
           out.push_back(absl::StrCat("place:", Quoted(c)));
         }
         return out;
       }},
      {"entity",
       [](const Derived& d, int n) {
         std::vector<std::string> out;
         for (const std::string& e : Spread(d.entities, 0, n)) {
           out.push_back(absl::StrCat("entity:", Quoted(e)));
         }
         return out;
       }},
      {"place_and_word",
       [](const Derived& d, int n) {
         std::vector<std::string> c = Spread(d.countries, 0, n), out;
         std::vector<std::string> w = Spread(d.words, 20, n);
         for (size_t i = 0; i < c.size() && i < w.size(); ++i) {
           out.push_back(absl::StrCat("place:", Quoted(c[i]), " ", w[i]));
         }
         return out;
       }},
      {"source_and_word",
       [](const Derived& d, int n) {
         std::vector<std::string> out;
         std::vector<std::string> w = Spread(d.words, 25, n);
         for (size_t i = 0; i < w.size(); ++i) {
           out.push_back(
               absl::StrCat(i % 2 ? "source:bbc " : "source:reuters ", w[i]));
         }
         return out;
       }},
  };
  return *kinds;
}

}  // namespace

std::vector<std::string> QueryKinds() {
  std::vector<std::string> out;
  for (const auto& [name, fn] : Kinds()) out.push_back(name);
  for (const auto& [name, options] : OptionKinds()) out.push_back(name);
  return out;
}

std::vector<Query> BuildQuerySet(const std::vector<Record>& records,
                                 int per_kind) {
  const Derived derived = Derive(records);
  std::vector<std::vector<std::string>> lists;
  size_t longest = 0;
  for (const auto& [name, fn] : Kinds()) {
    lists.push_back(fn(derived, per_kind));
    longest = std::max(longest, lists.back().size());
  }
  std::vector<Query> out;
  for (size_t i = 0; i < longest; ++i) {
    for (size_t k = 0; k < lists.size(); ++k) {
      if (i < lists[k].size()) {
        out.push_back({Kinds()[k].first, lists[k][i], ""});
      }
    }
  }
  const std::vector<std::string> words = Spread(derived.words, 15, per_kind);
  for (size_t i = 0; i < words.size(); ++i) {
    for (const auto& [kind, options] : OptionKinds()) {
      out.push_back({kind, words[i], options});
    }
  }
  return out;
}

bool WriteQuerySet(const std::vector<Query>& queries, const std::string& path) {
  std::ofstream out(path);
  for (const Query& q : queries) {
    out << q.kind << '\t' << q.text;
    if (!q.options.empty()) out << '\t' << q.options;
    out << '\n';
  }
  return static_cast<bool>(out);
}

std::vector<Query> ReadQuerySet(const std::string& path,
                                QuerySelection selection) {
  std::vector<Query> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> parts =
        absl::StrSplit(line, absl::MaxSplits('\t', 2));
    if (parts.size() < 2 || parts[1].empty()) continue;
    Query q{parts[0], parts[1], parts.size() > 2 ? parts[2] : ""};
    const bool has_options = !q.options.empty();
    if ((selection == QuerySelection::kTextOnly && has_options) ||
        (selection == QuerySelection::kWithOptionsOnly && !has_options)) {
      continue;
    }
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace newsindex::bench
