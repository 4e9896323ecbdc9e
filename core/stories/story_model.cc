#include "core/stories/story_model.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/index/analyzer.h"
#include "core/index/schema.h"
#include "nlohmann/json.hpp"
#include "xapian.h"

namespace newsindex::stories {
namespace {

using Json = nlohmann::json;

// Adds `scale` * wdf of each index term of `text` to `counts`: the stems
// the index holds for the article's language (or the plain words of a
// language indexed unstemmed).
void CountTerms(absl::string_view text, absl::string_view language,
                double scale, Analyzer* analyzer, SparseVector* counts) {
  if (text.empty()) return;
  Xapian::TermGenerator generator;
  analyzer->Configure(language, &generator);
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(std::string(text));
  const bool stemmed = !ProfileOf(language).snowball.empty();
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string term = *it;
    if (term.empty()) continue;
    const bool is_stem = term[0] == 'Z';
    if (stemmed != is_stem) continue;
    (*counts)[term] += scale * it.get_wdf();
  }
}

std::string LeadOf(absl::string_view body, int words) {
  std::vector<absl::string_view> parts =
      absl::StrSplit(body, absl::ByAnyChar(" \n\t"), absl::SkipWhitespace());
  if (static_cast<int>(parts.size()) > words) parts.resize(words);
  return absl::StrJoin(parts, " ");
}

double DotWithIdf(const SparseVector& a, const SparseVector& b,
                  const TermStats& stats, bool is_entity) {
  // Walk the smaller vector and look up in the larger: both are ordered
  // maps, so the cost is O(small * log large).
  const SparseVector& small = a.size() <= b.size() ? a : b;
  const SparseVector& large = a.size() <= b.size() ? b : a;
  double dot = 0;
  for (const auto& [key, weight] : small) {
    auto it = large.find(key);
    if (it == large.end()) continue;
    double idf = Idf(stats.DocCount(), stats.DocFreq(key, is_entity));
    dot += weight * it->second * idf * idf;
  }
  return dot;
}

double NormWithIdf(const SparseVector& v, const TermStats& stats,
                   bool is_entity) {
  return std::sqrt(DotWithIdf(v, v, stats, is_entity));
}

Json TimeJson(const std::optional<absl::Time>& t) {
  if (!t.has_value()) return nullptr;
  return absl::ToUnixSeconds(*t);
}

std::optional<absl::Time> TimeFromJson(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return absl::FromUnixSeconds(j.get<int64_t>());
}

}  // namespace

StoryFeatures FeaturesOf(const Article& article, const StoryParams& params) {
  StoryFeatures f;
  f.article_id = article.id;
  f.title = article.title;
  f.lead = LeadOf(article.body, params.lead_words);
  f.source = article.source;
  f.cluster_key = article.cluster_key;
  f.published_at = article.published_at;
  Analyzer analyzer;
  SparseVector counts;
  CountTerms(article.title, article.language, params.title_weight, &analyzer,
             &counts);
  CountTerms(f.lead, article.language, 1.0, &analyzer, &counts);
  for (const auto& [term, count] : counts) {
    f.terms[term] = std::log1p(count);
  }
  for (const ArticleEntity& e : article.entities) {
    if (e.id.empty()) continue;
    f.entities[e.id] = params.salience_floor + e.salience;
    f.entity_names[e.id] = e.name;
  }
  return f;
}

double Idf(int64_t doc_count, int64_t doc_freq) {
  double idf = std::log((static_cast<double>(doc_count) + 1.0) /
                        (static_cast<double>(doc_freq) + 0.5));
  return std::max(idf, 0.0);
}

double WeightedCosine(const SparseVector& a, const SparseVector& b,
                      const TermStats& stats, bool is_entity) {
  if (a.empty() || b.empty()) return 0;
  double dot = DotWithIdf(a, b, stats, is_entity);
  if (dot <= 0) return 0;
  double norms =
      NormWithIdf(a, stats, is_entity) * NormWithIdf(b, stats, is_entity);
  return norms > 0 ? dot / norms : 0;
}

std::vector<std::pair<std::string, double>> QueryTerms(const SparseVector& v,
                                                       const TermStats& stats,
                                                       bool is_entity,
                                                       int limit) {
  std::vector<std::pair<std::string, double>> items;
  const int64_t n = stats.DocCount();
  for (const auto& [key, weight] : v) {
    const int64_t df = stats.DocFreq(key, is_entity);
    // A term in a tenth of the articles finds no story in particular and
    // costs the longest posting lists.
    if (n >= kCommonTermMinDocs && df * 10 > n) continue;
    double w = weight * Idf(n, df);
    if (w > 0) items.emplace_back(key, w);
  }
  std::stable_sort(
      items.begin(), items.end(),
      [](const auto& a, const auto& b) { return a.second > b.second; });
  if (static_cast<int>(items.size()) > limit) items.resize(limit);
  return items;
}

absl::Duration TimeDistance(const StoryRecord& story, absl::Time t) {
  if (story.first_published.has_value() && t < *story.first_published) {
    return *story.first_published - t;
  }
  if (story.last_published.has_value() && t > *story.last_published) {
    return t - *story.last_published;
  }
  return absl::ZeroDuration();
}

double Similarity(const StoryFeatures& article, const StoryRecord& story,
                  const TermStats& stats, const StoryParams& params) {
  double time_factor = 1.0;
  if (article.published_at.has_value() && story.last_published.has_value()) {
    absl::Duration d = TimeDistance(story, *article.published_at);
    if (d > params.max_gap) return 0;
    time_factor = std::exp(-absl::FDivDuration(d, params.time_scale));
  }
  double terms = WeightedCosine(article.terms, story.terms, stats, false);
  double entities =
      WeightedCosine(article.entities, story.entities, stats, true);
  return time_factor *
         ((1 - params.entity_weight) * terms + params.entity_weight * entities);
}

void AddToStory(const StoryFeatures& article, int sign, StoryRecord* story) {
  story->article_count += sign;
  if (!article.source.empty()) {
    int64_t& n = story->sources[article.source];
    n += sign;
    if (n <= 0) story->sources.erase(article.source);
  }
  for (const auto& [term, w] : article.terms) story->terms[term] += sign * w;
  for (const auto& [id, w] : article.entities) {
    story->entities[id] += sign * w;
  }
  if (sign > 0) {
    for (const auto& [id, name] : article.entity_names) {
      story->entity_names.emplace(id, name);
    }
  }
  if (article.published_at.has_value()) {
    absl::Time t = *article.published_at;
    if (sign > 0) {
      if (!story->first_published || t < *story->first_published) {
        story->first_published = t;
      }
      if (!story->last_published || t > *story->last_published) {
        story->last_published = t;
      }
    }
    std::string day = absl::FormatTime("%Y%m%d", t, absl::UTCTimeZone());
    int64_t& n = story->days[day];
    n += sign;
    if (n <= 0) story->days.erase(day);
  }
  if (story->headline.empty() && sign > 0) {
    story->headline = article.title;
    story->lead = article.lead;
  }
}

void MergeStories(const StoryRecord& part, StoryRecord* whole) {
  const bool part_first =
      whole->headline.empty() || (part.founder && !whole->founder) ||
      (part.founder == whole->founder && part.first_published.has_value() &&
       (!whole->first_published.has_value() ||
        *part.first_published < *whole->first_published));
  if (part_first && !part.headline.empty()) {
    whole->headline = part.headline;
    whole->lead = part.lead;
    whole->founder = part.founder;
  }
  whole->article_count += part.article_count;
  for (const auto& [k, n] : part.sources) whole->sources[k] += n;
  for (const auto& [k, n] : part.days) whole->days[k] += n;
  for (const auto& [k, w] : part.terms) whole->terms[k] += w;
  for (const auto& [k, w] : part.entities) whole->entities[k] += w;
  whole->entity_names.insert(part.entity_names.begin(),
                             part.entity_names.end());
  if (part.first_published.has_value() &&
      (!whole->first_published ||
       *part.first_published < *whole->first_published)) {
    whole->first_published = part.first_published;
  }
  if (part.last_published.has_value() &&
      (!whole->last_published ||
       *part.last_published > *whole->last_published)) {
    whole->last_published = part.last_published;
  }
}

void TrimVector(SparseVector* v, int limit) {
  // Sums of removed contributions leave values near zero: drop them.
  for (auto it = v->begin(); it != v->end();) {
    it = it->second <= 1e-9 ? v->erase(it) : std::next(it);
  }
  if (static_cast<int>(v->size()) <= limit) return;
  std::vector<std::pair<std::string, double>> items(v->begin(), v->end());
  std::stable_sort(
      items.begin(), items.end(),
      [](const auto& a, const auto& b) { return a.second > b.second; });
  items.resize(limit);
  v->clear();
  v->insert(items.begin(), items.end());
}

std::vector<std::pair<std::string, std::string>> TopEntities(
    const StoryRecord& story, int limit) {
  std::vector<std::pair<std::string, double>> items(story.entities.begin(),
                                                    story.entities.end());
  std::stable_sort(
      items.begin(), items.end(),
      [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, weight] : items) {
    if (static_cast<int>(out.size()) >= limit) break;
    auto name = story.entity_names.find(id);
    out.emplace_back(id, name == story.entity_names.end() ? id : name->second);
  }
  return out;
}

std::string EncodeStory(const StoryRecord& s) {
  Json j;
  j["id"] = s.id;
  j["headline"] = s.headline;
  j["lead"] = s.lead;
  j["count"] = s.article_count;
  j["sources"] = s.sources;
  j["first"] = TimeJson(s.first_published);
  j["last"] = TimeJson(s.last_published);
  j["terms"] = s.terms;
  j["entities"] = s.entities;
  j["names"] = s.entity_names;
  j["days"] = s.days;
  j["founder"] = s.founder;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

absl::StatusOr<StoryRecord> DecodeStory(absl::string_view data) {
  Json j = Json::parse(data.begin(), data.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return absl::DataLossError("story record: not a JSON object");
  }
  StoryRecord s;
  try {
    s.id = j.at("id").get<std::string>();
    s.headline = j.at("headline").get<std::string>();
    s.lead = j.at("lead").get<std::string>();
    s.article_count = j.at("count").get<int64_t>();
    j.at("sources").get_to(s.sources);
    s.first_published = TimeFromJson(j.at("first"));
    s.last_published = TimeFromJson(j.at("last"));
    j.at("terms").get_to(s.terms);
    j.at("entities").get_to(s.entities);
    j.at("names").get_to(s.entity_names);
    j.at("days").get_to(s.days);
    s.founder = j.value("founder", false);
  } catch (const Json::exception& e) {
    return absl::DataLossError(absl::StrCat("story record: ", e.what()));
  }
  return s;
}

std::string EncodeFeatures(const StoryFeatures& f) {
  Json j;
  j["id"] = f.article_id;
  j["title"] = f.title;
  j["lead"] = f.lead;
  j["source"] = f.source;
  j["cluster"] = f.cluster_key;
  j["published"] = TimeJson(f.published_at);
  j["terms"] = f.terms;
  j["entities"] = f.entities;
  j["names"] = f.entity_names;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

absl::StatusOr<StoryFeatures> DecodeFeatures(absl::string_view data) {
  Json j = Json::parse(data.begin(), data.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return absl::DataLossError("story member: not a JSON object");
  }
  StoryFeatures f;
  try {
    f.article_id = j.at("id").get<std::string>();
    f.title = j.at("title").get<std::string>();
    f.lead = j.at("lead").get<std::string>();
    f.source = j.at("source").get<std::string>();
    f.cluster_key = j.at("cluster").get<std::string>();
    f.published_at = TimeFromJson(j.at("published"));
    j.at("terms").get_to(f.terms);
    j.at("entities").get_to(f.entities);
    j.at("names").get_to(f.entity_names);
  } catch (const Json::exception& e) {
    return absl::DataLossError(absl::StrCat("story member: ", e.what()));
  }
  return f;
}

}  // namespace newsindex::stories
