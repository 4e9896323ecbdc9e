// story_eval: how well stories group a labelled set (docs/stories.md).
// Reads JSONL lines {"id", "story", "title", "text"}, ingests them in a
// fixed order (the file's, or a shuffle with --seed) and scores story_id
// against the gold "story" by B-cubed and pairwise F1, beside a plain
// single-pass TF-IDF baseline run by the same code.
//
//   story_eval                  in-process: the ingest pipeline and the
//                               story assignment with the default params
//   story_eval --fit            the parameter search: grid on one half of
//                               the stories, scores on the other, both ways
//   story_eval --ingest=H:P     through a running ingest-service (gRPC):
//                               IngestArticle in order, story_id as acked
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "bench/load/service_pipeline.h"
#include "bench/stories/cluster_metrics.h"
#include "bench/stories/story_grpc.h"
#include "core/stories/memory_story_backend.h"
#include "core/stories/story_assigner.h"
#include "nlohmann/json.hpp"

ABSL_FLAG(std::string, data,
          NEWSINDEX_SHARED_DIR "/data/stories/allsides-train.jsonl",
          "JSONL set: id, story, title, text");
ABSL_FLAG(int, seed, 0, "0: the file's order; else a shuffle with this seed");
ABSL_FLAG(bool, fit, false, "Run the parameter search (two-fold)");
ABSL_FLAG(std::string, ingest, "",
          "host:port of an ingest-service: ingest through gRPC");
ABSL_FLAG(double, baseline_threshold, 0.3,
          "The baseline's threshold (its value fit by --fit)");
ABSL_FLAG(std::string, prepared_cache, "",
          "File of the prepared articles (title, lead, entities): written "
          "when absent, read instead of running the ingest pipeline when "
          "present (the parameter search reruns only the assignment)");
ABSL_FLAG(int, limit, 0, "Read only the first N lines (0: all)");

namespace newsindex::bench {
namespace {

using stories::StoryFeatures;
using stories::StoryParams;

struct Item {
  std::string id, story, title, text;
  Article article;  // as the ingest pipeline prepared it
};

std::vector<Item> ReadItems(const std::string& path, int limit) {
  std::ifstream in(path);
  std::vector<Item> items;
  std::string line;
  while (std::getline(in, line) &&
         (limit == 0 || items.size() < static_cast<size_t>(limit))) {
    nlohmann::json j = nlohmann::json::parse(line);
    items.push_back(
        {j.at("id"), j.at("story"), j.at("title"), j.at("text"), Article()});
  }
  return items;
}

RawArticle RawOf(const Item& item) {
  RawArticle raw;
  raw.id = item.id;
  raw.title = item.title;
  // A few items have no text: the title is all there is (the service
  // refuses empty content).
  raw.content = item.text.empty() ? item.title : item.text;
  raw.language = "en";
  return raw;
}

// The order of ingest: the file's, or a Fisher-Yates shuffle driven by
// std::mt19937 (whose output the standard fixes, so the order is the same
// on every platform).
std::vector<size_t> Order(size_t n, int seed) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  if (seed == 0) return order;
  std::mt19937 rng(seed);
  for (size_t i = n - 1; i > 0; --i) {
    size_t j = rng() % (i + 1);
    std::swap(order[i], order[j]);
  }
  return order;
}

// The baseline: title and text as one bag of words, no entities, the
// article compared with the stories of the 200 articles sharing the most
// TF-IDF weight with it (an exhaustive comparison with every story costs
// O(n^2) and differs only where no article of the story is among them),
// joins the most similar centroid above the threshold.
StoryParams BaselineParams(double threshold) {
  StoryParams p;
  p.threshold = threshold;
  p.entity_weight = 0;
  p.title_weight = 1;
  p.lead_words = 1 << 20;
  p.query_terms = 24;
  p.candidate_articles = 200;
  p.centroid_terms = 1 << 20;
  return p;
}

std::vector<StoryFeatures> FeaturesFor(const std::vector<Item>& items,
                                       const std::vector<size_t>& order,
                                       const StoryParams& params) {
  std::vector<StoryFeatures> out;
  for (size_t i : order)
    out.push_back(stories::FeaturesOf(items[i].article, params));
  return out;
}

ClusterScores Assign(const std::vector<Item>& items,
                     const std::vector<size_t>& order,
                     const std::vector<StoryFeatures>& features,
                     const StoryParams& params) {
  stories::MemoryStoryBackend backend;
  stories::StoryAssigner assigner(params);
  std::vector<std::string> predicted, gold;
  for (size_t k = 0; k < order.size(); ++k) {
    absl::StatusOr<stories::Assignment> a =
        assigner.Assign(features[k], "", &backend);
    if (!a.ok()) {
      std::cerr << "story_eval: " << a.status() << "\n";
      std::exit(1);
    }
    predicted.push_back(a->story_id);
    gold.push_back(items[order[k]].story);
  }
  return ScoreClusters(predicted, gold);
}

void Print(const std::string& label, const ClusterScores& s) {
  std::cout << absl::StrFormat(
      "%-34s B3 P %.4f R %.4f F1 %.4f | pairwise P %.4f R %.4f F1 %.4f | "
      "%zu stories (gold %zu)\n",
      label, s.bcubed_precision, s.bcubed_recall, s.bcubed_f1,
      s.pairwise_precision, s.pairwise_recall, s.pairwise_f1,
      s.predicted_clusters, s.gold_clusters);
}

// The grid of the parameter search (docs/stories.md).
std::vector<double> Thresholds() {
  return {0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55};
}

struct Fitted {
  StoryParams params;
  ClusterScores scores;
};

// Best B-cubed F1 on `order` over the grid; ties keep the first.
Fitted Search(const std::vector<Item>& items, const std::vector<size_t>& order,
              bool baseline) {
  Fitted best;
  const std::vector<double> entity_weights =
      baseline ? std::vector<double>{0}
               : std::vector<double>{0, 0.2, 0.35, 0.5};
  const std::vector<double> title_weights =
      baseline ? std::vector<double>{1} : std::vector<double>{2};
  for (double tw : title_weights) {
    StoryParams base = baseline ? BaselineParams(0) : StoryParams();
    base.title_weight = tw;
    std::vector<StoryFeatures> features = FeaturesFor(items, order, base);
    for (double ew : entity_weights) {
      for (double t : Thresholds()) {
        StoryParams p = base;
        p.entity_weight = ew;
        p.threshold = t;
        ClusterScores s = Assign(items, order, features, p);
        if (s.bcubed_f1 > best.scores.bcubed_f1) best = {p, s};
      }
    }
  }
  return best;
}

std::string Describe(const StoryParams& p) {
  return absl::StrFormat("threshold %.3f entity_weight %.2f title_weight %.1f",
                         p.threshold, p.entity_weight, p.title_weight);
}

void Fit(const std::vector<Item>& items, const std::vector<size_t>& order) {
  // Halves by gold story, in the order of first appearance: every story
  // is wholly in one half.
  std::map<std::string, int> half;
  for (size_t i : order) {
    half.emplace(items[i].story, static_cast<int>(half.size() % 2));
  }
  std::vector<size_t> parts[2];
  for (size_t i : order) parts[half[items[i].story]].push_back(i);
  for (int fit = 0; fit < 2; ++fit) {
    const std::vector<size_t>& train = parts[fit];
    const std::vector<size_t>& test = parts[1 - fit];
    for (bool baseline : {true, false}) {
      Fitted f = Search(items, train, baseline);
      ClusterScores held =
          Assign(items, test, FeaturesFor(items, test, f.params), f.params);
      std::string name = baseline ? "baseline" : "stories";
      std::cout << absl::StrFormat("fold %d %s: fit on half %d: %s\n", fit,
                                   name, fit, Describe(f.params));
      Print(absl::StrFormat("  %s fit half %d", name, fit), f.scores);
      Print(absl::StrFormat("  %s held-out half %d", name, 1 - fit), held);
    }
  }
}

void WriteCache(const std::string& path, const std::vector<Item>& items) {
  std::ofstream out(path);
  for (const Item& item : items) {
    nlohmann::json entities = nlohmann::json::array();
    for (const ArticleEntity& e : item.article.entities) {
      entities.push_back({e.id, e.name, e.salience});
    }
    out << nlohmann::json{{"id", item.id},
                          {"title", item.article.title},
                          {"body", item.article.body},
                          {"entities", entities}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  }
}

// False when there is no cache to read.
bool ReadCache(const std::string& path, std::vector<Item>* items) {
  std::ifstream in(path);
  if (path.empty() || !in) return false;
  std::string line;
  for (Item& item : *items) {
    if (!std::getline(in, line)) return false;
    nlohmann::json j = nlohmann::json::parse(line);
    if (j.at("id") != item.id) return false;
    item.article.id = item.id;
    item.article.title = j.at("title");
    item.article.body = j.at("body");
    item.article.language = "en";
    for (const auto& e : j.at("entities")) {
      ArticleEntity entity;
      entity.id = e.at(0);
      entity.name = e.at(1);
      entity.salience = e.at(2);
      item.article.entities.push_back(std::move(entity));
    }
  }
  return true;
}

int Prepare(int argc, char** argv, std::vector<Item>* items) {
  const std::string cache = absl::GetFlag(FLAGS_prepared_cache);
  if (ReadCache(cache, items)) return 0;
  absl::StatusOr<std::unique_ptr<ServicePipeline>> pipeline =
      ServicePipeline::FromFlags(argc, argv);
  if (!pipeline.ok()) {
    std::cerr << "story_eval: " << pipeline.status() << "\n";
    return 1;
  }
  for (Item& item : *items) {
    absl::StatusOr<PreparedArticle> prepared =
        (*pipeline)->pipeline().Prepare(RawOf(item));
    if (!prepared.ok()) {
      std::cerr << "story_eval: " << item.id << ": " << prepared.status()
                << "\n";
      return 1;
    }
    item.article = std::move(prepared->article);
  }
  if (!cache.empty()) WriteCache(cache, *items);
  return 0;
}

int Main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::cout << std::unitbuf;  // each figure as soon as it is known
  std::vector<Item> items =
      ReadItems(absl::GetFlag(FLAGS_data), absl::GetFlag(FLAGS_limit));
  std::vector<size_t> order = Order(items.size(), absl::GetFlag(FLAGS_seed));
  std::cout << absl::StrFormat(
      "%zu articles from %s, order %s\n", items.size(),
      absl::GetFlag(FLAGS_data),
      absl::GetFlag(FLAGS_seed) == 0
          ? std::string("of the file")
          : absl::StrCat("shuffled, seed ", absl::GetFlag(FLAGS_seed)));
  if (!absl::GetFlag(FLAGS_ingest).empty()) {
    std::vector<std::string> predicted, gold;
    for (size_t i : order) {
      absl::StatusOr<std::string> story =
          IngestForStory(absl::GetFlag(FLAGS_ingest), RawOf(items[i]));
      if (!story.ok()) {
        std::cerr << "story_eval: " << items[i].id << ": " << story.status()
                  << "\n";
        return 1;
      }
      predicted.push_back(*story);
      gold.push_back(items[i].story);
    }
    Print("stories (gRPC ingest)", ScoreClusters(predicted, gold));
    return 0;
  }
  if (int status = Prepare(argc, argv, &items); status != 0) return status;
  if (absl::GetFlag(FLAGS_fit)) {
    Fit(items, order);
    return 0;
  }
  StoryParams params;
  absl::Time start = absl::Now();
  std::vector<StoryFeatures> features = FeaturesFor(items, order, params);
  absl::Time featured = absl::Now();
  Print("stories (in-process, defaults)",
        Assign(items, order, features, params));
  absl::Time assigned = absl::Now();
  std::cout << absl::StrFormat(
      "features %.1f us/article, assignment %.1f us/article (in memory)\n",
      absl::ToDoubleMicroseconds(featured - start) / items.size(),
      absl::ToDoubleMicroseconds(assigned - featured) / items.size());
  StoryParams baseline =
      BaselineParams(absl::GetFlag(FLAGS_baseline_threshold));
  Print("baseline (plain TF-IDF)",
        Assign(items, order, FeaturesFor(items, order, baseline), baseline));
  return 0;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) { return newsindex::bench::Main(argc, argv); }
