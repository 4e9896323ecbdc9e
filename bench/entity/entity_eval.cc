// entity_eval: precision, recall and F1 per type (PER, ORG, LOC; exact span
// and type; MISC ignored) of the entity extractor on CoNLL-2003, and its
// speed in MB/s on one core over JSONL corpora. See docs/entities.md.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "core/entities/knowledge.h"
#include "core/entities/ner/features.h"
#include "core/entities/ner/tagger.h"
#include "core/entities/rule_entity_extractor.h"
#include "nlohmann/json.hpp"

ABSL_FLAG(std::string, conll,
          NEWSINDEX_SHARED_DIR "/data/ner/conll2003-dev.txt",
          "CoNLL-2003 file (token POS chunk NER); empty to skip");
ABSL_FLAG(std::vector<std::string>, corpus,
          std::vector<std::string>({NEWSINDEX_SHARED_DIR
                                    "/corpus/reuters21578.jsonl",
                                    NEWSINDEX_SHARED_DIR "/corpus/bbc.jsonl"}),
          "JSONL corpora (title, body) for the speed measure; empty to skip");
ABSL_FLAG(std::string, data_dir, NEWSINDEX_SOURCE_DIR "/data/entities",
          "Directory of curated.jsonl and given_names.txt");
ABSL_FLAG(std::vector<std::string>, geonames_cities, {},
          "GeoNames city dumps to load as operator gazetteers");
ABSL_FLAG(std::string, ner_model,
          NEWSINDEX_SOURCE_DIR "/data/models/ner-conll2003.nxner",
          "NER tagger model; 'none' for the rules alone");
ABSL_FLAG(std::string, untagged_knowledge, "strong",
          "Gazetteer matches the tagger did not mark: drop, strong or all");
ABSL_FLAG(double, min_confidence, 0.5, "Extractor's confidence threshold");
ABSL_FLAG(std::string, show, "",
          "Print the mentions found in this text file, then stop");
ABSL_FLAG(int, errors, 0, "Print this many misses and false alarms per type");

namespace newsindex {
namespace {

struct Doc {
  std::string text;
  std::vector<std::pair<int, int>> tokens;           // byte spans
  std::set<std::tuple<int, int, std::string>> gold;  // token span, type
};

std::vector<Doc> ReadConll(const std::string& path) {
  std::ifstream in(path);
  std::vector<Doc> docs(1);
  std::string line, open_type;
  int open_start = -1;
  bool sentence_open = false;
  auto close = [&]() {
    if (open_start >= 0) {
      docs.back().gold.emplace(open_start,
                               static_cast<int>(docs.back().tokens.size()) - 1,
                               open_type);
    }
    open_start = -1;
  };
  while (std::getline(in, line)) {
    if (line.rfind("-DOCSTART-", 0) == 0) {
      close();
      if (!docs.back().tokens.empty()) docs.emplace_back();
      sentence_open = false;
      continue;
    }
    if (line.empty()) {
      close();
      sentence_open = false;
      continue;
    }
    std::vector<std::string> f = absl::StrSplit(line, ' ');
    if (f.size() < 4) continue;
    Doc& doc = docs.back();
    if (!doc.text.empty()) doc.text += sentence_open ? " " : "\n";
    sentence_open = true;
    const std::string& tag = f[3];
    const std::string type = tag.size() > 2 ? tag.substr(2) : "";
    const bool begins = tag[0] == 'B' || (tag[0] == 'I' && type != open_type);
    if (tag == "O" || begins || open_start < 0) close();
    const int start = static_cast<int>(doc.text.size());
    doc.text += f[0];
    doc.tokens.emplace_back(start, static_cast<int>(doc.text.size()));
    if (tag != "O" && (begins || open_start < 0)) {
      open_start = static_cast<int>(doc.tokens.size()) - 1;
      open_type = type;
    }
    if (tag == "O") open_type.clear();
  }
  close();
  for (Doc& d : docs) {
    for (auto it = d.gold.begin(); it != d.gold.end();) {
      it = std::get<2>(*it) == "MISC" ? d.gold.erase(it) : std::next(it);
    }
  }
  return docs;
}

const char* ConllType(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return "PER";
    case EntityType::kOrganization:
      return "ORG";
    case EntityType::kLocation:
      return "LOC";
    default:
      return nullptr;
  }
}

int Evaluate(const RuleEntityExtractor& extractor, const std::string& path) {
  const std::vector<Doc> docs = ReadConll(path);
  std::map<std::string, int> tp, fp, fn;
  std::map<std::string, std::vector<std::string>> misses, alarms;
  for (const Doc& doc : docs) {
    std::set<std::tuple<int, int, std::string>> predicted;
    for (const EntitySpan& m : extractor.Mentions(doc.text)) {
      // CoNLL tags demonyms as MISC and does not nest names.
      if (m.kind == MentionKind::kDemonym || m.kind == MentionKind::kNested) {
        continue;
      }
      const char* type = ConllType(m.type);
      if (type == nullptr) continue;
      auto first =
          std::find_if(doc.tokens.begin(), doc.tokens.end(),
                       [&](auto& t) { return t.second > m.start_byte; });
      auto last = std::find_if(doc.tokens.begin(), doc.tokens.end(),
                               [&](auto& t) { return t.second >= m.end_byte; });
      if (first == doc.tokens.end() || last == doc.tokens.end()) continue;
      predicted.emplace(first - doc.tokens.begin(), last - doc.tokens.begin(),
                        type);
    }
    auto show = [&](const auto& span) {
      return doc.text.substr(doc.tokens[std::get<0>(span)].first,
                             doc.tokens[std::get<1>(span)].second -
                                 doc.tokens[std::get<0>(span)].first);
    };
    for (const auto& g : doc.gold) {
      if (predicted.contains(g)) {
        ++tp[std::get<2>(g)];
      } else {
        ++fn[std::get<2>(g)];
        misses[std::get<2>(g)].push_back(show(g));
      }
    }
    for (const auto& p : predicted) {
      if (!doc.gold.contains(p)) {
        ++fp[std::get<2>(p)];
        alarms[std::get<2>(p)].push_back(show(p));
      }
    }
  }
  std::cout << absl::StrFormat("CoNLL %s: %d documents\n", path, docs.size());
  std::cout << "type  precision  recall  F1      (tp/fp/fn)\n";
  int all_tp = 0, all_fp = 0, all_fn = 0;
  for (const std::string type : {"PER", "ORG", "LOC"}) {
    const double p = tp[type] / std::max(1.0, 1.0 * tp[type] + fp[type]);
    const double r = tp[type] / std::max(1.0, 1.0 * tp[type] + fn[type]);
    const double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::cout << absl::StrFormat("%-4s  %.3f      %.3f   %.3f   (%d/%d/%d)\n",
                                 type, p, r, f, tp[type], fp[type], fn[type]);
    all_tp += tp[type];
    all_fp += fp[type];
    all_fn += fn[type];
    const int n = absl::GetFlag(FLAGS_errors);
    for (int i = 0; i < n && i < static_cast<int>(misses[type].size()); ++i) {
      std::cout << "   miss  " << misses[type][i] << "\n";
    }
    for (int i = 0; i < n && i < static_cast<int>(alarms[type].size()); ++i) {
      std::cout << "   false " << alarms[type][i] << "\n";
    }
  }
  const double p = all_tp / std::max(1.0, 1.0 * all_tp + all_fp);
  const double r = all_tp / std::max(1.0, 1.0 * all_tp + all_fn);
  std::cout << absl::StrFormat("all   %.3f      %.3f   %.3f\n", p, r,
                               p + r > 0 ? 2 * p * r / (p + r) : 0);
  return 0;
}

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + t.tv_nsec / 1e9;
}

void MeasureSpeed(const RuleEntityExtractor& extractor,
                  const std::vector<std::string>& paths) {
  std::vector<std::string> bodies;
  size_t bytes = 0;
  for (const std::string& path : paths) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      std::string body = j.value("title", "") + "\n\n" + j.value("body", "");
      bytes += body.size();
      bodies.push_back(std::move(body));
    }
  }
  if (bodies.empty()) return;
  size_t entities = 0;
  // CPU time of this thread: the per-core figure, unaffected by other
  // processes sharing the machine (wall time is shown beside it).
  const double cpu_start = ThreadCpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& body : bodies)
    entities += extractor.Extract(body).size();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const double cpu = ThreadCpuSeconds() - cpu_start;
  std::cout << absl::StrFormat(
      "speed: %d articles, %.1f MB in %.2f s CPU on one core: %.2f MB/s "
      "(wall %.2f s: %.2f MB/s; %.1f entities per article)\n",
      bodies.size(), bytes / 1e6, cpu, bytes / 1e6 / cpu, seconds,
      bytes / 1e6 / seconds, 1.0 * entities / bodies.size());
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using namespace newsindex;
  KnowledgePaths paths = DefaultKnowledgePaths(absl::GetFlag(FLAGS_data_dir));
  paths.geonames_cities = absl::GetFlag(FLAGS_geonames_cities);
  const auto load_start = std::chrono::steady_clock::now();
  absl::StatusOr<std::unique_ptr<Gazetteer>> knowledge = LoadKnowledge(paths);
  if (!knowledge.ok()) {
    std::cerr << "entity_eval: " << knowledge.status() << "\n";
    return 1;
  }
  std::cout << absl::StrFormat(
      "knowledge: %d entities, loaded in %.2f s\n", (*knowledge)->size(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                    load_start)
          .count());
  EntityExtractorOptions options;
  options.min_confidence = absl::GetFlag(FLAGS_min_confidence);
  std::unique_ptr<NerTagger> tagger;
  if (absl::GetFlag(FLAGS_ner_model) != "none") {
    const auto tagger_start = std::chrono::steady_clock::now();
    absl::StatusOr<std::unique_ptr<NerTagger>> loaded =
        NerTagger::Load(absl::GetFlag(FLAGS_ner_model), knowledge->get());
    if (!loaded.ok()) {
      std::cerr << "entity_eval: " << loaded.status() << "\n";
      return 1;
    }
    tagger = *std::move(loaded);
    std::cout << absl::StrFormat(
        "tagger: %s, features %s, %d weight rows, %d cluster words, loaded "
        "in %.2f s\n",
        absl::GetFlag(FLAGS_ner_model),
        FeatureGroupNames(tagger->model().feature_groups),
        tagger->model().row_count() - 1, tagger->model().clusters.ids.size(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                      tagger_start)
            .count());
    options.tagger = tagger.get();
  }
  const std::string policy = absl::GetFlag(FLAGS_untagged_knowledge);
  options.untagged_knowledge = policy == "drop"  ? UntaggedKnowledge::kDrop
                               : policy == "all" ? UntaggedKnowledge::kAll
                                                 : UntaggedKnowledge::kStrong;
  RuleEntityExtractor extractor(knowledge->get(), options);
  if (const std::string show = absl::GetFlag(FLAGS_show); !show.empty()) {
    std::ifstream in(show);
    std::stringstream text;
    text << in.rdbuf();
    for (const EntitySpan& m : extractor.Mentions(text.str())) {
      std::cout << absl::StrFormat(
          "%-40s %-12s %s%s\n", m.text, m.id, m.known ? "known " : "",
          m.kind == MentionKind::kName ? "" : "(other kind)");
    }
    return 0;
  }
  if (!absl::GetFlag(FLAGS_conll).empty()) {
    Evaluate(extractor, absl::GetFlag(FLAGS_conll));
  }
  MeasureSpeed(extractor, absl::GetFlag(FLAGS_corpus));
  return 0;
}
