// aboutness_eval: the salience model against the Reuters editors' tags, by
// k-fold cross-validation on the training range (ids <= --max_id): for
// each threshold, document-level countries (from `about` locations, a
// place counting for its country), people and organizations, precision and
// recall; beside them the rule salience and "every country mentioned". A
// benchmark over research data, not a test (docs/entities.md).
//
//   build/bench/entity/aboutness_eval [--folds=5] [--max_id=14818]
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "absl/algorithm/container.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "core/base/clock.h"
#include "core/entities/knowledge.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/ingest/ingest_pipeline.h"
#include "core/ingest/salience_training.h"
#include "core/normalize/normalizer.h"
#include "server/knowledge_flags.h"

ABSL_FLAG(std::string, corpus,
          NEWSINDEX_SHARED_DIR "/corpus/reuters21578.jsonl",
          "Reuters-21578 JSONL (id, title, dateline, body)");
ABSL_FLAG(std::string, tags,
          NEWSINDEX_SHARED_DIR "/data/aboutness/reuters-train-tags.jsonl",
          "Editors' tags JSONL (id, countries, people, orgs)");
ABSL_FLAG(std::string, data_dir, NEWSINDEX_SOURCE_DIR "/data/entities",
          "Directory of newsindex's entity data");
ABSL_FLAG(int64_t, max_id, 14818,
          "Only stories whose id ends in a number up to this (the training "
          "range; never tune on the stories above it)");
ABSL_FLAG(int, errors, 0,
          "Print this many missed and wrongly found countries at 0.45");
ABSL_FLAG(int, folds, 5, "Cross-validation folds (story i in fold i % k)");

namespace newsindex {
namespace {

// Per-entity scores of one document: the model's (held out) and the rule's.
struct Scored {
  const SalienceDocument* doc;
  std::vector<double> model, rule;
};

struct PR {
  int64_t tp = 0, predicted = 0, truth = 0;
  double P() const { return predicted ? double(tp) / predicted : 0; }
  double R() const { return truth ? double(tp) / truth : 0; }
};

// Countries: predicted = countries of locations scoring >= t.
PR Countries(const std::vector<Scored>& scored, bool use_model, double t) {
  PR pr;
  for (const Scored& s : scored) {
    std::set<std::string> predicted;
    for (size_t k = 0; k < s.doc->entities.size(); ++k) {
      const ArticleEntity& e = s.doc->entities[k];
      const double p = use_model ? s.model[k] : s.rule[k];
      if (e.type == EntityType::kLocation && !e.country.empty() && p >= t) {
        predicted.insert(e.country);
      }
    }
    const std::set<std::string> truth(s.doc->tags.countries.begin(),
                                      s.doc->tags.countries.end());
    for (const std::string& c : predicted) pr.tp += truth.count(c);
    pr.predicted += predicted.size();
    pr.truth += truth.size();
  }
  return pr;
}

// People or organizations, over the stories with tags of that kind,
// precision: a predicted entity is right when it
// matches one of the article's tags.
PR Named(const std::vector<Scored>& scored, EntityType type, double t) {
  PR pr;
  for (const Scored& s : scored) {
    const std::vector<std::string>& tags =
        type == EntityType::kPerson ? s.doc->tags.people : s.doc->tags.orgs;
    if (tags.empty()) continue;  // stories with tags of that kind only
    for (size_t k = 0; k < s.doc->entities.size(); ++k) {
      const ArticleEntity& e = s.doc->entities[k];
      if (e.type != type || s.model[k] < t) continue;
      ++pr.predicted;
      bool right = false;
      for (const std::string& tag : tags) {
        AboutnessTags one;
        (type == EntityType::kPerson ? one.people : one.orgs) = {tag};
        right = right || TaggedAbout(e, one);
      }
      pr.tp += right;
    }
  }
  return pr;
}

// Their recall: a tag is found when some predicted entity matches it.

PR NamedRecall(const std::vector<Scored>& scored, EntityType type, double t) {
  PR pr;
  for (const Scored& s : scored) {
    const std::vector<std::string>& tags =
        type == EntityType::kPerson ? s.doc->tags.people : s.doc->tags.orgs;
    for (const std::string& tag : tags) {
      ++pr.truth;
      AboutnessTags one;
      (type == EntityType::kPerson ? one.people : one.orgs) = {tag};
      for (size_t k = 0; k < s.doc->entities.size(); ++k) {
        const ArticleEntity& e = s.doc->entities[k];
        if (e.type == type && s.model[k] >= t && TaggedAbout(e, one)) {
          ++pr.tp;
          break;
        }
      }
    }
  }
  return pr;
}

std::vector<Scored> CrossValidate(const std::vector<SalienceDocument>& docs,
                                  int folds) {
  std::vector<Scored> scored(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    scored[i].doc = &docs[i];
    for (const ArticleEntity& e : docs[i].entities) {
      scored[i].rule.push_back(e.salience);
    }
  }
  for (int f = 0; f < folds; ++f) {
    std::vector<size_t> train, test;
    for (size_t i = 0; i < docs.size(); ++i) {
      (static_cast<int>(i % folds) == f ? test : train).push_back(i);
    }
    const SalienceModel model = TrainSalienceModel(docs, train, 0.5);
    for (size_t i : test) {
      const SalienceDocument& d = docs[i];
      for (size_t k = 0; k < d.entities.size(); ++k) {
        SalienceFeatures x = d.features[k];
        x[kCorpusFrequency] =
            CorpusFrequencyFeature(model.frequency, d.entities[k].id);
        x[kCountryPrior] = CountryPriorFeature(model.frequency, d.entities[k]);
        scored[i].model.push_back(
            model.Probability(SalienceGroupOf(d.entities[k].type), x));
      }
    }
  }
  return scored;
}

// Predicted probability against the observed rate, locations.
void Calibration(const std::vector<Scored>& scored) {
  std::array<std::pair<int, int>, 10> bins{};
  for (const Scored& s : scored) {
    for (size_t k = 0; k < s.doc->entities.size(); ++k) {
      const ArticleEntity& e = s.doc->entities[k];
      if (e.type != EntityType::kLocation || e.country.empty()) continue;
      auto& bin = bins[std::min(9, static_cast<int>(s.model[k] * 10))];
      ++bin.first;
      bin.second += TaggedAbout(e, s.doc->tags);
    }
  }
  std::cout << "calibration (locations with a country): predicted bin, "
               "entities, share tagged\n";
  for (int b = 0; b < 10; ++b) {
    std::cout << absl::StrFormat(
        "  %.1f-%.1f %7d %.3f\n", b / 10.0, (b + 1) / 10.0, bins[b].first,
        bins[b].first ? double(bins[b].second) / bins[b].first : 0.0);
  }
}

// Countries the tags list that no location above `t` gave, and countries
// given that the tags do not list, with the article's places.
void Errors(const std::vector<Scored>& scored, double t, int n) {
  int shown = 0;
  for (const Scored& s : scored) {
    if (shown >= n) return;
    std::map<std::string, double> best;
    for (size_t k = 0; k < s.doc->entities.size(); ++k) {
      const ArticleEntity& e = s.doc->entities[k];
      if (e.type != EntityType::kLocation || e.country.empty()) continue;
      best[e.country] = std::max(best[e.country], s.model[k]);
    }
    std::string line;
    for (const auto& [c, p] : best) {
      const bool tagged = absl::c_linear_search(s.doc->tags.countries, c);
      if (tagged != (p >= t)) {
        line +=
            absl::StrFormat(" %s%s:%.2f", tagged ? "MISS " : "FALSE ", c, p);
      }
    }
    if (line.empty()) continue;
    ++shown;
    std::cout << s.doc->id << line << " | tags:";
    for (const std::string& c : s.doc->tags.countries) std::cout << " " << c;
    std::cout << " | places:";
    for (size_t k = 0; k < s.doc->entities.size(); ++k) {
      const ArticleEntity& e = s.doc->entities[k];
      if (e.type == EntityType::kLocation) {
        std::cout << absl::StrFormat(" %s(%s)x%d:%.2f", e.name, e.country,
                                     e.mention_count, s.model[k]);
      }
    }
    std::cout << "\n";
  }
}

void Report(const std::vector<Scored>& scored) {
  Errors(scored, 0.45, absl::GetFlag(FLAGS_errors));
  const PR all = Countries(scored, false, -1);
  std::cout << absl::StrFormat(
      "stories %d; every country mentioned: P %.3f R %.3f\n", scored.size(),
      all.P(), all.R());
  std::cout << "threshold | countries model P R F1 | rule P R | people P R | "
               "orgs P R\n";
  for (double t = 0.2; t < 0.81; t += 0.05) {
    const PR m = Countries(scored, true, t);
    const PR r = Countries(scored, false, t);
    const PR pp = Named(scored, EntityType::kPerson, t);
    const PR pr = NamedRecall(scored, EntityType::kPerson, t);
    const PR op = Named(scored, EntityType::kOrganization, t);
    const PR orr = NamedRecall(scored, EntityType::kOrganization, t);
    const double f1 = 2 * m.P() * m.R() / std::max(1e-9, m.P() + m.R());
    std::cout << absl::StrFormat(
        "%.2f | %.3f %.3f %.3f | %.3f %.3f | %.3f %.3f | %.3f %.3f\n", t, m.P(),
        m.R(), f1, r.P(), r.R(), pp.P(), pr.R(), op.P(), orr.R());
  }
  Calibration(scored);
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using namespace newsindex;
  absl::StatusOr<std::unique_ptr<Gazetteer>> knowledge =
      LoadKnowledge(DefaultKnowledgePaths(absl::GetFlag(FLAGS_data_dir)));
  if (!knowledge.ok()) {
    std::cerr << "aboutness_eval: " << knowledge.status() << "\n";
    return 1;
  }
  absl::StatusOr<std::unique_ptr<NerTagger>> tagger =
      NerTaggerFromFlags(argc, argv, knowledge->get());
  auto tags = ReadAboutnessTags(absl::GetFlag(FLAGS_tags));
  if (!tagger.ok() || !tags.ok()) {
    std::cerr << "aboutness_eval: "
              << (tagger.ok() ? tags.status() : tagger.status()) << "\n";
    return 1;
  }
  EntityExtractorOptions options;
  options.tagger = tagger->get();
  RuleEntityExtractor extractor(knowledge->get(), options);
  Normalizer normalizer;
  SystemClock clock;
  IngestPipeline pipeline(&normalizer, &extractor, &clock);
  const int64_t max_id = absl::GetFlag(FLAGS_max_id);
  auto docs = PrepareSalienceDocuments(pipeline, absl::GetFlag(FLAGS_corpus),
                                       *tags, [&](absl::string_view id) {
                                         const int64_t n = TrailingNumber(id);
                                         return n >= 0 && n <= max_id;
                                       });
  if (!docs.ok()) {
    std::cerr << "aboutness_eval: " << docs.status() << "\n";
    return 1;
  }
  Report(CrossValidate(*docs, std::max(2, absl::GetFlag(FLAGS_folds))));
  return 0;
}
