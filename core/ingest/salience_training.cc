#include "core/ingest/salience_training.h"

#include <algorithm>
#include <fstream>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

std::vector<std::string> Strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key) || !j[key].is_array()) return out;
  for (const nlohmann::json& v : j[key]) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

bool Contains(const std::vector<std::string>& list, absl::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Lower-case words of `name` (letters and digits).
std::vector<std::string> Words(absl::string_view name) {
  std::vector<std::string> words;
  for (absl::string_view w :
       absl::StrSplit(name, absl::ByAnyChar(" -.,'&/()"), absl::SkipEmpty())) {
    words.push_back(absl::AsciiStrToLower(w));
  }
  return words;
}

bool PersonTagged(const ArticleEntity& e, const AboutnessTags& tags) {
  const std::vector<std::string> words = Words(e.name);
  if (words.empty()) return false;
  return Contains(tags.people, absl::StrJoin(words, "-")) ||
         Contains(tags.people, words.back());
}

bool OrgTagged(const ArticleEntity& e, const AboutnessTags& tags) {
  std::vector<std::string> keys;
  const size_t colon = e.id.find(':');
  keys.push_back(e.id.substr(colon == std::string::npos ? 0 : colon + 1));
  const std::vector<std::string> words = Words(e.name);
  keys.push_back(absl::StrJoin(words, ""));
  std::string acronym;
  for (const std::string& w : words) {
    if (w != "of" && w != "the" && w != "and" && w != "for") acronym += w[0];
  }
  keys.push_back(acronym);
  for (const std::string& form : e.surface_forms) {
    keys.push_back(absl::StrJoin(Words(form), ""));
  }
  for (const std::string& tag : tags.orgs) {
    const std::string head = tag.substr(0, tag.find('-'));
    for (const std::string& k : keys) {
      if (!k.empty() && (k == tag || k == head)) return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<absl::flat_hash_map<std::string, AboutnessTags>>
ReadAboutnessTags(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot open"));
  absl::flat_hash_map<std::string, AboutnessTags> tags;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": not an object with an \"id\""));
    }
    AboutnessTags& t = tags[j["id"].get<std::string>()];
    t.countries = Strings(j, "countries");
    for (std::string& c : t.countries) absl::AsciiStrToUpper(&c);
    t.people = Strings(j, "people");
    t.orgs = Strings(j, "orgs");
  }
  return tags;
}

int64_t TrailingNumber(absl::string_view id) {
  size_t start = id.size();
  while (start > 0 &&
         absl::ascii_isdigit(static_cast<unsigned char>(id[start - 1]))) {
    --start;
  }
  int64_t n = -1;
  if (start == id.size() || !absl::SimpleAtoi(id.substr(start), &n)) return -1;
  return n;
}

absl::StatusOr<std::vector<SalienceDocument>> PrepareSalienceDocuments(
    const IngestPipeline& pipeline, const std::string& corpus,
    const absl::flat_hash_map<std::string, AboutnessTags>& tags,
    const std::function<bool(absl::string_view id)>& keep) {
  std::ifstream in(corpus);
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat(corpus, ": cannot open"));
  }
  std::vector<SalienceDocument> docs;
  const CorpusFrequency none;
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) continue;
    const std::string id = j["id"].get<std::string>();
    auto tagged = tags.find(id);
    if (tagged == tags.end() || !keep(id)) continue;
    RawArticle raw;
    raw.id = id;
    raw.title = j.value("title", "");
    // As newsctl sends a JSONL record: the dateline opens the text.
    raw.content =
        absl::StrCat(j.value("dateline", ""), " ", j.value("body", ""));
    absl::StatusOr<PreparedArticle> prepared = pipeline.Prepare(raw);
    if (!prepared.ok()) continue;
    SalienceDocument& doc = docs.emplace_back();
    doc.id = id;
    doc.tags = tagged->second;
    doc.features = ComputeSalienceFeatures(prepared->article.body,
                                           prepared->salience_context,
                                           prepared->article.entities, none);
    doc.entities = std::move(prepared->article.entities);
    for (ArticleEntity& e : doc.entities) e.mentions.clear();
  }
  return docs;
}

bool TaggedAbout(const ArticleEntity& e, const AboutnessTags& tags) {
  switch (e.type) {
    case EntityType::kLocation:
      return !e.country.empty() && Contains(tags.countries, e.country);
    case EntityType::kPerson:
      return PersonTagged(e, tags);
    case EntityType::kOrganization:
      return OrgTagged(e, tags);
    default:
      return false;
  }
}

CorpusFrequency FrequencyOf(const std::vector<SalienceDocument>& docs,
                            const std::vector<size_t>& subset,
                            int64_t min_documents) {
  CorpusFrequency frequency;
  frequency.documents = static_cast<int64_t>(subset.size());
  for (size_t i : subset) {
    for (const ArticleEntity& e : docs[i].entities) {
      ++frequency.document_frequency[e.id];
    }
  }
  absl::erase_if(frequency.document_frequency,
                 [&](const auto& kv) { return kv.second < min_documents; });
  // Per country: articles mentioning a place in it, and of those, about it;
  // smoothed towards the overall share.
  absl::flat_hash_map<std::string, std::pair<int, int>> seen;
  int mentioned = 0, about = 0;
  for (size_t i : subset) {
    absl::flat_hash_set<std::string> countries;
    for (const ArticleEntity& e : docs[i].entities) {
      if (e.type == EntityType::kLocation && !e.country.empty()) {
        countries.insert(e.country);
      }
    }
    for (const std::string& c : countries) {
      const bool tagged = absl::c_linear_search(docs[i].tags.countries, c);
      ++seen[c].first;
      seen[c].second += tagged;
      ++mentioned;
      about += tagged;
    }
  }
  constexpr double kSmoothing = 5;
  frequency.default_prior = mentioned ? double(about) / mentioned : 0.5;
  for (const auto& [c, n] : seen) {
    if (n.first < min_documents) continue;
    frequency.country_prior[c] =
        (n.second + kSmoothing * frequency.default_prior) /
        (n.first + kSmoothing);
  }
  return frequency;
}

std::vector<SalienceExample> ExamplesOf(
    const std::vector<SalienceDocument>& docs,
    const std::vector<size_t>& subset, const CorpusFrequency& frequency) {
  std::vector<SalienceExample> examples;
  for (size_t i : subset) {
    const SalienceDocument& doc = docs[i];
    for (size_t k = 0; k < doc.entities.size(); ++k) {
      const ArticleEntity& e = doc.entities[k];
      if (e.type == EntityType::kOther) continue;
      if (e.type == EntityType::kLocation && e.country.empty()) continue;
      // The editors tagged people and organizations from short lists, in
      // few stories: only a story with such tags says anything of the
      // people (organizations) it mentions.
      if (e.type == EntityType::kPerson && doc.tags.people.empty()) continue;
      if (e.type == EntityType::kOrganization && doc.tags.orgs.empty()) {
        continue;
      }
      SalienceExample& x = examples.emplace_back();
      x.group = SalienceGroupOf(e.type);
      x.features = doc.features[k];
      x.features[kCorpusFrequency] = CorpusFrequencyFeature(frequency, e.id);
      x.features[kCountryPrior] = CountryPriorFeature(frequency, e);
      x.about = TaggedAbout(e, doc.tags);
    }
  }
  return examples;
}

SalienceModel TrainSalienceModel(const std::vector<SalienceDocument>& docs,
                                 const std::vector<size_t>& subset,
                                 double threshold,
                                 const SalienceTrainerOptions& options) {
  SalienceModel model;
  model.threshold = threshold;
  model.frequency = FrequencyOf(docs, subset, /*min_documents=*/3);
  model.weights =
      FitSalienceWeights(ExamplesOf(docs, subset, model.frequency), options);
  return model;
}

}  // namespace newsindex
