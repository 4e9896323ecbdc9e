// "Story kept": how much of each article's own words survive normalization,
// on corpora whose bodies are pure story (nothing in them is furniture).
//
//   story_kept [--limit=N] [--worst=K] [--min_kept=0.98] [--show=ID]
//              [FILE.jsonl...]
//
// Each record is read the way the ingest JSON path reads it
// (RawArticleFromJson: title, date, dateline put in front of the body) and
// normalized as Analyze does. Kept share = words of the input content found
// again (as a multiset, case-folded) in body + subtitle, over the words of
// the input content. Per file it reports the records, the refusals (read or
// normalize errors), the share of articles keeping under --min_kept, the
// share losing more than half, the mean kept share, and the worst ids.
// --show=ID prints what normalization removed from that record, and why.
// Default files: the shared Reuters-21578 and BBC corpora. Exit status 0
// unless a file cannot be read.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "cli/raw_input.h"
#include "core/normalize/normalizer.h"

namespace newsindex {
namespace {

struct Options {
  size_t limit = 0;  // 0: every record
  size_t worst = 10;
  double min_kept = 0.98;
  std::string show;  // an id whose removed lines are printed
  std::vector<std::string> files;
};

// Case-folded words: runs of ASCII letters and digits and of non-ASCII
// bytes (so accented words count as one).
absl::flat_hash_map<std::string, int> WordCounts(absl::string_view text,
                                                 int* total) {
  absl::flat_hash_map<std::string, int> counts;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    ++counts[word];
    ++*total;
    word.clear();
  };
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u) || u >= 0x80) {
      word.push_back(absl::ascii_tolower(u));
    } else {
      flush();
    }
  }
  flush();
  return counts;
}

// Share of the words of `input` found again in `output`.
double KeptShare(absl::string_view input, absl::string_view output) {
  int in_total = 0, out_total = 0;
  const auto in = WordCounts(input, &in_total);
  const auto out = WordCounts(output, &out_total);
  if (in_total == 0) return 1.0;
  int kept = 0;
  for (const auto& [word, n] : in) {
    auto it = out.find(word);
    if (it != out.end()) kept += std::min(n, it->second);
  }
  return double(kept) / in_total;
}

struct Outcome {
  std::string id;
  std::vector<std::pair<std::string, int>> lost;  // reason, words removed
  double kept = 0;                                // 0 for a refusal
  std::string refusal;
};

void Report(const std::string& file, const std::vector<Outcome>& outcomes,
            const Options& options) {
  size_t refused = 0, under = 0, half = 0;
  double sum = 0;
  for (const Outcome& o : outcomes) {
    if (!o.refusal.empty()) ++refused;
    if (o.kept < options.min_kept) ++under;
    if (o.kept < 0.5) ++half;
    sum += o.kept;
  }
  const double n = std::max<size_t>(1, outcomes.size());
  const std::string name = file.substr(file.rfind('/') + 1);
  std::printf(
      "%s: %zu articles, %zu refused, %zu (%.2f%%) keep under %.0f%% of "
      "their words, %zu lose more than half, mean kept %.4f\n",
      name.c_str(), outcomes.size(), refused, under, 100.0 * under / n,
      100 * options.min_kept, half, sum / n);
  // Words removed from the articles under the threshold, by reason.
  std::map<std::string, int> by_reason;
  for (const Outcome& o : outcomes) {
    if (o.kept >= options.min_kept) continue;
    for (const auto& [reason, words] : o.lost) by_reason[reason] += words;
  }
  for (const auto& [reason, words] : by_reason) {
    std::printf("  words removed as %-14s %d\n", reason.c_str(), words);
  }
  std::vector<const Outcome*> sorted;
  for (const Outcome& o : outcomes) sorted.push_back(&o);
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const Outcome* a, const Outcome* b) { return a->kept < b->kept; });
  for (size_t i = 0; i < sorted.size() && i < options.worst; ++i) {
    if (sorted[i]->kept >= options.min_kept) break;
    std::printf("  worst %-22s kept %.3f %s\n", sorted[i]->id.c_str(),
                sorted[i]->kept, sorted[i]->refusal.c_str());
  }
  std::printf(
      "{\"bench\":\"story_kept\",\"corpus\":\"%s\",\"articles\":%zu,"
      "\"refused\":%zu,\"under_min_share\":%.4f,\"mean_kept\":%.4f}\n",
      name.c_str(), outcomes.size(), refused, under / n, sum / n);
}

bool RunFile(const std::string& file, const Options& options) {
  std::ifstream in(file);
  if (!in) {
    std::fprintf(stderr, "story_kept: cannot read %s\n", file.c_str());
    return false;
  }
  const Normalizer normalizer;
  const absl::Time reference = absl::FromCivil(
      absl::CivilSecond(2026, 1, 1, 0, 0, 0), absl::UTCTimeZone());
  std::vector<Outcome> outcomes;
  std::string line;
  int number = 0;
  while (std::getline(in, line) &&
         (options.limit == 0 || outcomes.size() < options.limit)) {
    ++number;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    Outcome o;
    o.id = std::to_string(number);
    std::vector<std::string> read_warnings;
    absl::StatusOr<RawArticle> raw = RawArticleFromJson(line, &read_warnings);
    if (!raw.ok()) {
      o.refusal = std::string(raw.status().message());
      outcomes.push_back(std::move(o));
      continue;
    }
    if (!raw->id.empty()) o.id = raw->id;
    absl::StatusOr<NormalizedArticle> n = normalizer.Normalize(*raw, reference);
    if (!n.ok()) {
      o.refusal = std::string(n.status().message());
    } else {
      if (o.id == options.show) {
        for (const RemovedLine& r : n->removed) {
          std::printf("  removed %d %s: %s\n", r.line, r.reason.c_str(),
                      r.text.c_str());
        }
        std::printf("  title: %s\n  subtitle: %s\n", n->article.title.c_str(),
                    n->article.subtitle.c_str());
      }
      for (const RemovedLine& r : n->removed) {
        int words = 0;
        WordCounts(r.text, &words);
        if (words > 0) o.lost.emplace_back(r.reason, words);
      }
      o.kept =
          KeptShare(raw->content, n->article.subtitle + "\n" + n->article.body);
    }
    outcomes.push_back(std::move(o));
  }
  Report(file, outcomes, options);
  return true;
}

Options ParseArgs(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    bool ok = true;
    if (absl::ConsumePrefix(&arg, "--limit=")) {
      ok = absl::SimpleAtoi(arg, &options.limit);
    } else if (absl::ConsumePrefix(&arg, "--worst=")) {
      ok = absl::SimpleAtoi(arg, &options.worst);
    } else if (absl::ConsumePrefix(&arg, "--min_kept=")) {
      ok = absl::SimpleAtod(arg, &options.min_kept);
    } else if (absl::ConsumePrefix(&arg, "--show=")) {
      options.show = std::string(arg);
    } else if (absl::StartsWith(arg, "--")) {
      ok = false;
    } else {
      options.files.emplace_back(arg);
    }
    if (!ok) {
      std::fprintf(stderr, "story_kept: bad argument %s\n", argv[i]);
      std::exit(2);
    }
  }
  if (options.files.empty()) {
    const std::string dir = std::string(NEWSINDEX_SHARED_DIR) + "/corpus/";
    options.files = {dir + "reuters21578.jsonl", dir + "bbc.jsonl"};
  }
  return options;
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) {
  const newsindex::Options options = newsindex::ParseArgs(argc, argv);
  int status = 0;
  for (const std::string& file : options.files) {
    if (!newsindex::RunFile(file, options)) status = 1;
  }
  return status;
}
