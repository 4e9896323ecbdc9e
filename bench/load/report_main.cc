// bench_report: turns the JSON lines the benchmark tools printed into the
// machine-readable summary (JSON) and a Markdown table: min/median/max of
// every figure over the runs, and each target with whether it is met.
//
//   bench_report --results=results.jsonl --json=latest.json --md=latest.md
//       [--mode=quick] [--command="scripts/bench --quick"]
//       [--attach=name=path,...]  (text outputs to include verbatim)
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/load/targets.h"

ABSL_FLAG(std::string, results, "", "JSON lines from the tools");
ABSL_FLAG(std::string, json, "", "Summary JSON to write");
ABSL_FLAG(std::string, md, "", "Markdown to write");
ABSL_FLAG(std::string, mode, "full", "quick or full");
ABSL_FLAG(std::string, command, "scripts/bench", "The command that ran");
ABSL_FLAG(std::string, attach, "", "name=path,... text files to include");

namespace newsindex::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string MachineLine() {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line, model;
  while (std::getline(cpu, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  std::ifstream mem("/proc/meminfo");
  double mem_gib = 0;
  while (std::getline(mem, line)) {
    if (line.rfind("MemTotal:", 0) == 0) {
      mem_gib = std::stod(line.substr(9)) / 1024.0 / 1024.0;
    }
  }
  return absl::StrFormat("%s, %d cores, %.1f GiB RAM", model,
                         std::thread::hardware_concurrency(), mem_gib);
}

// The metrics shown in the Markdown table, in order.
const std::vector<std::string>& ShownMetrics() {
  static const auto* m =
      new std::vector<std::string>{"articles",
                                   "articles_per_s",
                                   "mb_per_s",
                                   "peak_rss_mib",
                                   "cpu_seconds",
                                   "db_bytes_per_article",
                                   "qps",
                                   "p50_ms",
                                   "p95_ms",
                                   "p99_ms",
                                   "max_ms",
                                   "hits_per_query",
                                   "errors",
                                   "misses",
                                   "failed",
                                   "probes",
                                   "ack_p50_ms",
                                   "ack_p99_ms",
                                   "background_articles_per_s",
                                   "ingest_service_peak_rss_mib",
                                   "search_service_peak_rss_mib",
                                   "pages",
                                   "refused",
                                   "precision",
                                   "recall",
                                   "f1",
                                   "page_mean_f1",
                                   "title_match",
                                   "byline_match"};
  return *m;
}

std::string Number(double v) {
  if (v != 0 && std::abs(v) < 10) return absl::StrFormat("%.3g", v);
  return absl::StrFormat("%.0f", v);
}

int Main() {
  std::ifstream in(absl::GetFlag(FLAGS_results));
  std::vector<nlohmann::json> lines;
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("bench")) {
      lines.push_back(std::move(j));
    }
  }
  const Groups groups = GroupResults(lines);
  const std::vector<TargetResult> targets = EvaluateTargets(groups);

  nlohmann::json summary;
  summary["date"] =
      absl::FormatTime("%Y-%m-%d %H:%M UTC", absl::Now(), absl::UTCTimeZone());
  summary["machine"] = MachineLine();
  summary["mode"] = absl::GetFlag(FLAGS_mode);
  summary["command"] = absl::GetFlag(FLAGS_command);
  for (const auto& [name, group] : groups) {
    for (const auto& [metric, values] : group) {
      const Spread s = SpreadOf(values);
      summary["figures"][name][metric] = {{"min", s.min},
                                          {"median", s.median},
                                          {"max", s.max},
                                          {"runs", values.size()}};
    }
  }
  for (const TargetResult& t : targets) {
    summary["targets"].push_back({{"name", t.name},
                                  {"goal", t.goal},
                                  {"min", t.value.min},
                                  {"median", t.value.median},
                                  {"max", t.value.max},
                                  {"runs", t.runs},
                                  {"met", t.met}});
  }
  std::map<std::string, std::string> attached;
  for (absl::string_view item :
       absl::StrSplit(absl::GetFlag(FLAGS_attach), ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, '=');
    attached[kv.first] = ReadFile(kv.second);
    summary["attached"][kv.first] = attached[kv.first];
  }
  summary["raw"] = lines;
  std::ofstream(absl::GetFlag(FLAGS_json)) << summary.dump(2) << "\n";

  std::ostringstream md;
  md << "Date: " << summary["date"].get<std::string>() << "  \n"
     << "Machine: " << summary["machine"].get<std::string>() << "  \n"
     << "Command: `" << absl::GetFlag(FLAGS_command) << "` (mode "
     << absl::GetFlag(FLAGS_mode) << ")\n\n"
     << "| target | goal | min | median | max | runs | met |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (const TargetResult& t : targets) {
    md << "| " << t.name << " | " << t.goal << " | " << Number(t.value.min)
       << " | " << Number(t.value.median) << " | " << Number(t.value.max)
       << " | " << t.runs << " | " << (t.met ? "yes" : "**no**") << " |\n";
  }
  md << "\n| benchmark | figure | min | median | max | runs |\n"
     << "|---|---|---|---|---|---|\n";
  for (const auto& [name, group] : groups) {
    for (const std::string& metric : ShownMetrics()) {
      auto it = group.find(metric);
      if (it == group.end()) continue;
      const Spread s = SpreadOf(it->second);
      md << "| " << name << " | " << metric << " | " << Number(s.min) << " | "
         << Number(s.median) << " | " << Number(s.max) << " | "
         << it->second.size() << " |\n";
    }
  }
  for (const auto& [name, text] : attached) {
    md << "\n`" << name << "` output:\n\n```\n" << text << "```\n";
  }
  std::ofstream(absl::GetFlag(FLAGS_md)) << md.str();
  std::cout << md.str();
  return 0;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return newsindex::bench::Main();
}
