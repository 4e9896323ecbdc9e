// Normalization throughput and scaling.
//
//   normalize_bench [corpus_dir]
//
// 1. Normalizes every record of corpus_dir/*.jsonl (default: the shared
//    corpus) on one thread and reports MB/s per core.
// 2. Normalizes text and HTML documents of 1, 4 and 16 MB built from the
//    corpus bodies, and a 16 MB single line, to show time linear in size.
// 3. SimHash distances between different corpus articles, for the
//    near-duplicate threshold.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/normalize/normalizer.h"
#include "core/text/simhash.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

// CPU time of this thread: on a shared machine wall time measures the
// neighbours too, CPU time measures MB/s per core.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

std::vector<RawArticle> ReadJsonl(const std::string& path) {
  std::vector<RawArticle> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    RawArticle raw;
    raw.title = j.value("title", "");
    if (j.contains("html")) {
      raw.kind = ContentKind::kHtml;
      raw.content = j.value("html", "");
    } else {
      raw.content = j.value("body", j.value("text", ""));
    }
    if (!raw.content.empty()) out.push_back(std::move(raw));
  }
  return out;
}

// Normalizes `raw` `repeats` times; returns the best time in seconds.
double TimeOne(const Normalizer& normalizer, const RawArticle& raw, int repeats,
               bool* ok) {
  double best = 1e9;
  for (int i = 0; i < repeats; ++i) {
    const double start = CpuSeconds();
    *ok = normalizer.Normalize(raw, absl::Now()).ok();
    best = std::min(best, CpuSeconds() - start);
  }
  return best;
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) {
  using namespace newsindex;
  const std::string dir =
      argc > 1 ? argv[1] : std::string(NEWSINDEX_SHARED_DIR) + "/corpus";
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "no *.jsonl under %s\n", dir.c_str());
    return 1;
  }

  // 1. Corpus throughput.
  std::printf("== corpus throughput (1 thread, CPU time)\n");
  Normalizer normalizer;
  std::vector<RawArticle> all;
  std::vector<uint64_t> simhashes;
  for (const std::string& file : files) {
    std::vector<RawArticle> records = ReadJsonl(file);
    size_t bytes = 0, failed = 0;
    const double start = CpuSeconds();
    for (const RawArticle& raw : records) {
      bytes += raw.content.size();
      absl::StatusOr<NormalizedArticle> n =
          normalizer.Normalize(raw, absl::Now());
      if (!n.ok()) {
        ++failed;
        continue;
      }
      if (file.find("bbc") != std::string::npos) {
        simhashes.push_back(ParseSimhash(n->article.simhash));
      }
    }
    const double s = CpuSeconds() - start;
    std::printf(
        "%-20s %6zu records %5zu rejected %7.2f MB %6.2f cpu-s %7.2f MB/s\n",
        std::filesystem::path(file).filename().c_str(), records.size(), failed,
        bytes / 1e6, s, bytes / 1e6 / s);
    for (RawArticle& r : records) all.push_back(std::move(r));
  }

  // 2. Linear time: documents of growing size.
  std::printf("\n== scaling (best of 3, CPU time)\n");
  NormalizerOptions big;
  big.max_input_bytes = size_t{64} << 20;
  Normalizer unlimited(big);
  for (int mode = 0; mode < 3; ++mode) {
    const char* name = mode == 0 ? "text" : mode == 1 ? "html" : "one-line";
    for (size_t mb : {1, 4, 16}) {
      RawArticle raw;
      raw.kind = mode == 1 ? ContentKind::kHtml : ContentKind::kText;
      std::string& c = raw.content;
      if (mode == 1) c = "<html><body><article>";
      for (size_t i = 0; c.size() < (mb << 20); i = (i + 1) % all.size()) {
        if (all[i].kind != ContentKind::kText) continue;
        if (mode == 0) {
          absl::StrAppend(&c, all[i].content, "\n\n");
        } else if (mode == 1) {
          absl::StrAppend(&c, "<h2>", all[i].title, "</h2><p>", all[i].content,
                          "</p>\n");
        } else {
          for (char ch : all[i].content) c.push_back(ch == '\n' ? ' ' : ch);
          c.push_back(' ');
        }
      }
      if (mode == 1) c += "</article></body></html>";
      bool ok = false;
      const double s = TimeOne(unlimited, raw, 3, &ok);
      std::printf("%-9s %3zu MB %7.3f cpu-s %7.2f MB/s %s\n", name, mb, s,
                  c.size() / 1e6 / s, ok ? "" : "(rejected)");
    }
  }

  // 3. SimHash distances between different articles.
  std::printf("\n== simhash distances between %zu BBC articles\n",
              simhashes.size());
  std::vector<size_t> histogram(65, 0);
  for (size_t i = 0; i < simhashes.size(); ++i) {
    for (size_t j = i + 1; j < simhashes.size(); ++j) {
      ++histogram[SimhashDistance(simhashes[i], simhashes[j])];
    }
  }
  size_t cumulative = 0;
  for (int d = 0; d <= 20; ++d) {
    cumulative += histogram[d];
    std::printf("distance <= %2d: %8zu pairs%s\n", d, cumulative,
                d == kNearDuplicateMaxDistance ? "  <- threshold" : "");
  }
  return 0;
}
