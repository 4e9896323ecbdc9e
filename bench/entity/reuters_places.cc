// reuters_places: Reuters-21578 through the ingest pipeline (Normalizer,
// RuleEntityExtractor, no index): how many datelined stories resolve their
// dateline to a place with a country, and what became of the entity
// examples of issue 13. A benchmark over research data, not a test.
//
//   bench/entity/reuters_places [--corpus=...reuters21578.jsonl]
//       [--limit=N] [--unresolved=20]
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/base/clock.h"
#include "core/entities/knowledge.h"
#include "core/entities/rule_entity_extractor.h"
#include "core/ingest/ingest_pipeline.h"
#include "core/normalize/normalizer.h"
#include "nlohmann/json.hpp"
#include "server/knowledge_flags.h"

ABSL_FLAG(std::string, corpus,
          NEWSINDEX_SHARED_DIR "/corpus/reuters21578.jsonl",
          "Reuters-21578 JSONL (id, title, dateline, body)");
ABSL_FLAG(std::string, data_dir, NEWSINDEX_SOURCE_DIR "/data/entities",
          "Directory of newsindex's entity data");
ABSL_FLAG(int, limit, 0, "Read at most this many stories (0: all)");
ABSL_FLAG(int, unresolved, 20, "Print the most frequent unresolved datelines");

namespace newsindex {
namespace {

// The entity examples of issue 13: a display name or id and a type; an
// example is still present when some article has such an entity.
struct Example {
  const char* name_or_id;
  EntityType type;
};
constexpr Example kExamples[] = {
    {"Hiroyuki Kondo of Yasuda Trust", EntityType::kPerson},
    {"Banking Co Ltd", EntityType::kUnspecified},
    {"Dept", EntityType::kUnspecified},
    {"Nancy", EntityType::kPerson},
    {"person:redstone-arsenal", EntityType::kUnspecified},
    {"person:ada-validation-facility", EntityType::kUnspecified},
    {"org:alq", EntityType::kUnspecified},
    {"org:opec", EntityType::kUnspecified},
};

bool IsExample(const ArticleEntity& e, const Example& x) {
  if (x.type != EntityType::kUnspecified && e.type != x.type) return false;
  return e.id == x.name_or_id || e.name == x.name_or_id;
}

struct Counts {
  int stories = 0, datelined = 0, resolved = 0, with_country = 0;
  std::map<std::string, int> unresolved;
  std::map<std::string, int> countries;
  int examples[std::size(kExamples)] = {};
};

void Count(const RuleEntityExtractor& extractor, const Article& article,
           Counts* c) {
  ++c->stories;
  for (size_t i = 0; i < std::size(kExamples); ++i) {
    for (const ArticleEntity& e : article.entities) {
      if (IsExample(e, kExamples[i])) {
        ++c->examples[i];
        break;
      }
    }
  }
  if (article.dateline.empty()) return;
  ++c->datelined;
  bool place = false, country = false;
  for (const ArticleEntity& e : extractor.ExtractDateline(article.dateline)) {
    if (e.type != EntityType::kLocation) continue;
    place = true;
    if (!e.country.empty()) {
      if (!country) ++c->countries[e.country];
      country = true;
    }
  }
  c->resolved += place;
  c->with_country += country;
  if (!country) ++c->unresolved[article.dateline];
}

void Report(const Counts& c) {
  std::cout << absl::StrFormat(
      "stories %d, with a dateline %d; dateline resolved to a place %d "
      "(%.1f%%), to a place with its country %d (%.1f%%)\n",
      c.stories, c.datelined, c.resolved, 100.0 * c.resolved / c.datelined,
      c.with_country, 100.0 * c.with_country / c.datelined);
  std::multimap<int, std::string, std::greater<>> top;
  for (const auto& [d, n] : c.unresolved) top.emplace(n, d);
  int shown = 0;
  std::cout << "most frequent unresolved datelines:";
  for (const auto& [n, d] : top) {
    if (shown++ >= absl::GetFlag(FLAGS_unresolved)) break;
    std::cout << " " << d << " (" << n << ");";
  }
  std::cout << "\nissue 13 examples (articles that still have the entity):\n";
  for (size_t i = 0; i < std::size(kExamples); ++i) {
    std::cout << absl::StrFormat("  %-34s %-12s %d\n", kExamples[i].name_or_id,
                                 EntityTypeName(kExamples[i].type),
                                 c.examples[i]);
  }
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using namespace newsindex;
  absl::StatusOr<std::unique_ptr<Gazetteer>> knowledge =
      LoadKnowledge(DefaultKnowledgePaths(absl::GetFlag(FLAGS_data_dir)));
  if (!knowledge.ok()) {
    std::cerr << "reuters_places: " << knowledge.status() << "\n";
    return 1;
  }
  // The shipped NER model unless --ner_model says otherwise, as ingest.
  absl::StatusOr<std::unique_ptr<NerTagger>> tagger =
      NerTaggerFromFlags(argc, argv, knowledge->get());
  if (!tagger.ok()) {
    std::cerr << "reuters_places: " << tagger.status() << "\n";
    return 1;
  }
  EntityExtractorOptions options;
  options.tagger = tagger->get();
  RuleEntityExtractor extractor(knowledge->get(), options);
  Normalizer normalizer;
  SystemClock clock;
  IngestPipeline pipeline(&normalizer, &extractor, &clock);
  std::ifstream in(absl::GetFlag(FLAGS_corpus));
  if (!in) {
    std::cerr << "reuters_places: cannot open " << absl::GetFlag(FLAGS_corpus)
              << "\n";
    return 1;
  }
  Counts counts;
  std::string line;
  const int limit = absl::GetFlag(FLAGS_limit);
  while (std::getline(in, line) && (limit <= 0 || counts.stories < limit)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    RawArticle raw;
    raw.id = j.value("id", "");
    raw.title = j.value("title", "");
    // As newsctl sends a JSONL record: the dateline opens the text.
    raw.content =
        absl::StrCat(j.value("dateline", ""), " ", j.value("body", ""));
    absl::StatusOr<PreparedArticle> prepared = pipeline.Prepare(raw);
    if (!prepared.ok()) continue;
    Count(extractor, prepared->article, &counts);
  }
  Report(counts);
  return 0;
}
