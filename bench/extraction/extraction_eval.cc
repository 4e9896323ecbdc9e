// extraction_eval: how well Normalize extracts the article from web pages.
//
//   extraction_eval [--pages=DIR] [--every=N] [--only=NAME] [--verbose]
//                   [--json] [--run=N] [--shapes]
//
// DIR holds one folder per page with source.html.gz (the page),
// expected.html.gz (the article a reader view should show) and
// expected-metadata.json (title, byline, ...): mozilla/readability's test
// pages by default (../shared/data/extraction/readability-test-pages).
// Every page goes through Normalizer::Normalize as HTML, as ingest-service
// would take it; the body is compared with the text of expected.html by
// word 4-gram shingles (precision, recall, F1, pooled over all pages and
// averaged per page), the title and the author with the expected metadata.
// A refused page scores 0 recall. See docs/normalization.md.
#include <gumbo.h>
#include <time.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "bench/extraction/shingles.h"
#include "core/normalize/html/block_tags.h"
#include "core/normalize/html/html_limits.h"
#include "core/normalize/normalizer.h"
#include "nlohmann/json.hpp"

ABSL_FLAG(std::string, pages,
          NEWSINDEX_SHARED_DIR "/data/extraction/readability-test-pages",
          "Directory of test pages (one folder per page)");
ABSL_FLAG(int, every, 1, "Evaluate every N-th page only (a quick subset)");
ABSL_FLAG(std::string, only, "", "Evaluate this page only");
ABSL_FLAG(bool, verbose, false, "One line per page");
ABSL_FLAG(bool, json, false,
          "Print one JSON line of the overall figures (for scripts/bench)");
ABSL_FLAG(int, run, 1, "Run number written in the JSON line");
ABSL_FLAG(bool, body, false, "With --verbose: print the extracted body");
ABSL_FLAG(bool, removed, false,
          "With --verbose: every removed line of the page and its reason");
ABSL_FLAG(bool, shapes, false,
          "Print the largest depth, element count, attributes per element "
          "and parse work of the pages (html_limits.h) instead");

namespace newsindex::bench {
namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

absl::StatusOr<std::string> ReadGzip(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return absl::NotFoundError(path);
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(file, buf, sizeof(buf))) > 0) out.append(buf, n);
  const bool failed = n < 0;
  gzclose(file);
  if (failed) return absl::DataLossError(absl::StrCat(path, ": bad gzip"));
  return out;
}

// Visible text of the reference article (it holds no scripts; skipped
// anyway), block elements separated by a newline.
void AppendText(const GumboNode* node, std::string* out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    out->append(node->v.text.text);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  if (e.tag == GUMBO_TAG_SCRIPT || e.tag == GUMBO_TAG_STYLE) return;
  const bool block = IsBlockTag(e.tag);
  if (block) out->push_back('\n');
  for (unsigned i = 0; i < e.children.length; ++i) {
    AppendText(static_cast<const GumboNode*>(e.children.data[i]), out);
  }
  if (block) out->push_back('\n');
}

std::string TextOfHtml(const std::string& html) {
  GumboOutput* output = gumbo_parse(html.c_str());
  std::string text;
  AppendText(output->root, &text);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return text;
}

std::string StringField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

struct PageResult {
  std::string name;
  Overlap overlap;
  bool refused = false;
  std::string error;
  std::string title, expected_title;
  std::string author, expected_byline;
  std::vector<std::string> warnings;
  std::vector<std::string> removed;  // with --removed
  size_t bytes = 0;
  double cpu_seconds = 0;
};

absl::StatusOr<PageResult> EvaluatePage(const Normalizer& normalizer,
                                        const std::filesystem::path& dir) {
  PageResult r;
  r.name = dir.filename().string();
  absl::StatusOr<std::string> source = ReadGzip(dir / "source.html.gz");
  if (!source.ok()) return source.status();
  absl::StatusOr<std::string> expected = ReadGzip(dir / "expected.html.gz");
  if (!expected.ok()) return expected.status();
  std::ifstream meta_file(dir / "expected-metadata.json");
  const nlohmann::json meta = nlohmann::json::parse(meta_file, nullptr, false);
  if (meta.is_object()) {
    r.expected_title = StringField(meta, "title");
    r.expected_byline = StringField(meta, "byline");
  }
  RawArticle raw;
  raw.kind = ContentKind::kHtml;
  raw.content = std::move(*source);
  r.bytes = raw.content.size();
  const double start = CpuSeconds();
  absl::StatusOr<NormalizedArticle> n = normalizer.Normalize(raw, absl::Now());
  r.cpu_seconds = CpuSeconds() - start;
  std::string body;
  if (n.ok()) {
    body = n->article.body;
    r.title = n->article.title;
    r.author = n->article.author;
    r.warnings = n->warnings;
    if (absl::GetFlag(FLAGS_body)) {
      r.removed.push_back(absl::StrCat("    body:\n", body));
    }
    if (absl::GetFlag(FLAGS_removed)) {
      for (const RemovedLine& line : n->removed) {
        r.removed.push_back(absl::StrCat("    removed ", line.line, " [",
                                         line.reason, "] ",
                                         line.text.substr(0, 100)));
      }
    }
  } else {
    r.refused = true;
    r.error = std::string(n.status().message());
  }
  r.overlap = CompareShingles(body, TextOfHtml(*expected));
  return r;
}

struct Totals {
  int pages = 0, refused = 0;
  Overlap pooled;
  double sum_p = 0, sum_r = 0, sum_f1 = 0;
  int titles = 0, titles_exact = 0, titles_loose = 0;
  int bylines = 0, bylines_found = 0, bylines_spurious = 0;
  size_t bytes = 0;
  double cpu_seconds = 0;

  void Add(const PageResult& r) {
    ++pages;
    refused += r.refused;
    pooled += r.overlap;
    sum_p += r.overlap.Precision();
    sum_r += r.overlap.Recall();
    sum_f1 += r.overlap.F1();
    if (!r.expected_title.empty()) {
      ++titles;
      titles_exact += SameWords(r.title, r.expected_title, /*exact=*/true);
      titles_loose += SameWords(r.title, r.expected_title, /*exact=*/false);
    }
    if (!r.expected_byline.empty()) {
      ++bylines;
      bylines_found += WordsContained(r.author, r.expected_byline);
    } else if (!r.author.empty()) {
      ++bylines_spurious;
    }
    bytes += r.bytes;
    cpu_seconds += r.cpu_seconds;
  }
};

void PrintPage(const PageResult& r) {
  const bool title_ok = SameWords(r.title, r.expected_title, false);
  std::printf("%-42s P %.3f R %.3f F1 %.3f  title %-4s byline %-4s %s\n",
              r.name.c_str(), r.overlap.Precision(), r.overlap.Recall(),
              r.overlap.F1(),
              r.expected_title.empty() ? "-"
              : title_ok               ? "ok"
                                       : "MISS",
              r.expected_byline.empty() ? (r.author.empty() ? "-" : "XTRA")
              : WordsContained(r.author, r.expected_byline) ? "ok"
                                                            : "MISS",
              r.refused ? absl::StrCat("REFUSED: ", r.error).c_str() : "");
  if (!r.expected_title.empty() &&
      !SameWords(r.title, r.expected_title, /*exact=*/true)) {
    std::printf("    title: got \"%s\" want \"%s\"\n", r.title.c_str(),
                r.expected_title.c_str());
  }
  for (const std::string& w : r.warnings) {
    std::printf("    warning: %s\n", w.c_str());
  }
  for (const std::string& line : r.removed) std::printf("%s\n", line.c_str());
}

double Share(int num, int den) { return den == 0 ? 0 : double(num) / den; }

void PrintTotals(const Totals& t) {
  std::printf(
      "pages %d, refused %d\n"
      "body shingles, pooled:   P %.3f  R %.3f  F1 %.3f\n"
      "body shingles, per page: P %.3f  R %.3f  F1 %.3f (means)\n"
      "title: %d/%d same words (%.3f), %d/%d same up to a site suffix "
      "(%.3f)\n"
      "byline: %d/%d found (%.3f); %d author(s) where none expected\n"
      "speed: %.2f MB in %.2f cpu-s, %.2f MB/s\n",
      t.pages, t.refused, t.pooled.Precision(), t.pooled.Recall(),
      t.pooled.F1(), t.sum_p / t.pages, t.sum_r / t.pages, t.sum_f1 / t.pages,
      t.titles_exact, t.titles, Share(t.titles_exact, t.titles), t.titles_loose,
      t.titles, Share(t.titles_loose, t.titles), t.bylines_found, t.bylines,
      Share(t.bylines_found, t.bylines), t.bylines_spurious, t.bytes / 1e6,
      t.cpu_seconds, t.bytes / 1e6 / std::max(t.cpu_seconds, 1e-9));
}

void PrintJson(const Totals& t) {
  nlohmann::json j = {
      {"bench", "extraction"},
      {"run", absl::GetFlag(FLAGS_run)},
      {"pages", t.pages},
      {"refused", t.refused},
      {"precision", t.pooled.Precision()},
      {"recall", t.pooled.Recall()},
      {"f1", t.pooled.F1()},
      {"page_mean_f1", t.sum_f1 / t.pages},
      {"title_exact", Share(t.titles_exact, t.titles)},
      {"title_match", Share(t.titles_loose, t.titles)},
      {"byline_match", Share(t.bylines_found, t.bylines)},
      {"mb_per_s", t.bytes / 1e6 / std::max(t.cpu_seconds, 1e-9)}};
  std::cout << j.dump() << "\n";
}

// The largest of each HtmlShape figure over the pages, with no limit.
int PrintShapes(const std::vector<std::filesystem::path>& dirs) {
  HtmlLimits unlimited;
  unlimited.max_depth = unlimited.max_elements =
      unlimited.max_attributes_per_element = 1 << 30;
  unlimited.max_parse_work = int64_t{1} << 60;
  HtmlShape max;
  for (const std::filesystem::path& dir : dirs) {
    absl::StatusOr<std::string> html = ReadGzip(dir / "source.html.gz");
    if (!html.ok()) continue;
    const HtmlShape s = MeasureHtml(*html, unlimited);
    if (absl::GetFlag(FLAGS_verbose)) {
      std::printf("%-42s depth %4d elements %6d attributes %4d work %9lld\n",
                  dir.filename().c_str(), s.max_depth, s.elements,
                  s.max_attributes, static_cast<long long>(s.parse_work));
    }
    max.max_depth = std::max(max.max_depth, s.max_depth);
    max.elements = std::max(max.elements, s.elements);
    max.max_attributes = std::max(max.max_attributes, s.max_attributes);
    max.parse_work = std::max(max.parse_work, s.parse_work);
  }
  std::printf("largest: depth %d, elements %d, attributes %d, work %lld\n",
              max.max_depth, max.elements, max.max_attributes,
              static_cast<long long>(max.parse_work));
  return 0;
}

int Main() {
  const std::filesystem::path root = absl::GetFlag(FLAGS_pages);
  std::vector<std::filesystem::path> dirs;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
    if (entry.is_directory() &&
        std::filesystem::exists(entry.path() / "source.html.gz")) {
      dirs.push_back(entry.path());
    }
  }
  if (dirs.empty()) {
    std::fprintf(stderr, "extraction_eval: no test pages under %s\n",
                 root.c_str());
    return 1;
  }
  std::sort(dirs.begin(), dirs.end());
  if (absl::GetFlag(FLAGS_shapes)) return PrintShapes(dirs);
  const int every = std::max(1, absl::GetFlag(FLAGS_every));
  const std::string only = absl::GetFlag(FLAGS_only);
  Normalizer normalizer;
  Totals totals;
  for (size_t i = 0; i < dirs.size(); ++i) {
    if (!only.empty() ? dirs[i].filename() != only : i % every != 0) continue;
    absl::StatusOr<PageResult> r = EvaluatePage(normalizer, dirs[i]);
    if (!r.ok()) {
      std::fprintf(stderr, "extraction_eval: %s\n",
                   std::string(r.status().message()).c_str());
      return 1;
    }
    if (absl::GetFlag(FLAGS_verbose)) PrintPage(*r);
    totals.Add(*r);
  }
  if (totals.pages == 0) {
    std::fprintf(stderr, "extraction_eval: no page selected\n");
    return 1;
  }
  if (absl::GetFlag(FLAGS_json)) {
    PrintJson(totals);
  } else {
    PrintTotals(totals);
  }
  return 0;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return newsindex::bench::Main();
}
