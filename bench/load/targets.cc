#include "bench/load/targets.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace newsindex::bench {
namespace {

const std::vector<double>* Find(const Groups& groups, const std::string& group,
                                const std::string& metric) {
  auto g = groups.find(group);
  if (g == groups.end()) return nullptr;
  auto m = g->second.find(metric);
  return m == g->second.end() || m->second.empty() ? nullptr : &m->second;
}

// numerator[i] / denominator[i] for each run both have.
std::vector<double> Ratios(const std::vector<double>& num,
                           const std::vector<double>& den) {
  std::vector<double> out;
  for (size_t i = 0; i < num.size() && i < den.size(); ++i) {
    if (den[i] > 0) out.push_back(num[i] / den[i]);
  }
  return out;
}

void AddTarget(const std::string& name, const std::string& goal,
               const std::vector<double>& values, bool at_least, double bound,
               std::vector<TargetResult>* out) {
  if (values.empty()) return;
  TargetResult t;
  t.name = name;
  t.goal = goal;
  t.value = SpreadOf(values);
  t.runs = values.size();
  t.met = at_least ? t.value.median >= bound : t.value.median <= bound;
  out->push_back(t);
}

}  // namespace

Spread SpreadOf(std::vector<double> values) {
  Spread s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  s.min = values.front();
  s.max = values.back();
  const size_t n = values.size();
  s.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return s;
}

Groups GroupResults(const std::vector<nlohmann::json>& lines) {
  Groups groups;
  for (const nlohmann::json& j : lines) {
    std::string name = j.value("bench", "");
    if (j.contains("concurrency")) {
      absl::StrAppend(&name, "/c", j["concurrency"].get<int>());
    }
    if (j.contains("threads")) {
      absl::StrAppend(&name, "/t", j["threads"].get<int>());
    }
    for (const auto& [key, value] : j.items()) {
      if (key == "run" || key == "concurrency" || key == "threads") continue;
      if (value.is_number()) groups[name][key].push_back(value.get<double>());
    }
  }
  return groups;
}

std::vector<TargetResult> EvaluateTargets(const Groups& groups) {
  std::vector<TargetResult> out;
  const auto* ours = Find(groups, "ingest", "articles_per_s");
  const auto* base = Find(groups, "scriptindex", "articles_per_s");
  if (ours && base) {
    AddTarget("ingest articles/s vs scriptindex", ">= 1.2x",
              Ratios(*ours, *base), true, 1.2, &out);
  }
  const auto* qps16 = Find(groups, "grpc_search/c16", "qps");
  const auto* inproc2 = Find(groups, "inproc/t2", "qps");
  if (qps16 && inproc2) {
    AddTarget("gRPC QPS at c16 vs in-process 2 threads", ">= 0.7x",
              Ratios(*qps16, *inproc2), true, 0.7, &out);
  }
  if (const auto* p99 = Find(groups, "grpc_search/c16", "p99_ms")) {
    AddTarget("search p99 at c16 (ms)", "<= 5", *p99, false, 5, &out);
  }
  if (const auto* fresh = Find(groups, "freshness", "p99_ms")) {
    AddTarget("freshness p99 (ms)", "< 200", *fresh, false, 199.999, &out);
  }
  if (const auto* fresh = Find(groups, "freshness_under_load", "p99_ms")) {
    AddTarget("freshness p99 under ingest load (ms)", "< 200", *fresh, false,
              199.999, &out);
  }
  // Unary ingest while 16 streams ingest: the writer's default batch time
  // bound against the old setting (4,000 per commit, no time bound).
  if (const auto* ack = Find(groups, "ack_load", "ack_p99_ms")) {
    AddTarget("ack p99 under 16 ingest streams (ms)", "< 200", *ack, false,
              199.999, &out);
  }
  const auto* load_new = Find(groups, "ack_load", "background_articles_per_s");
  const auto* load_old =
      Find(groups, "ack_load_base", "background_articles_per_s");
  if (load_new && load_old) {
    AddTarget("ingest under 16 streams, time-bounded / 4000-article batches",
              ">= 0.9x", Ratios(*load_new, *load_old), true, 0.9, &out);
  }
  // Article extraction from web pages (bench/extraction; --quick runs a
  // subset of the pages).
  if (const auto* f1 = Find(groups, "extraction", "f1")) {
    AddTarget("extraction: body shingle F1", ">= 0.95", *f1, true, 0.95, &out);
  }
  if (const auto* refused = Find(groups, "extraction", "refused")) {
    AddTarget("extraction: pages refused", "0", *refused, false, 0, &out);
  }
  if (const auto* p99 = Find(groups, "scale_search/c16", "p99_ms")) {
    AddTarget("scale: search p99 at c16 (ms)", "<= 20", *p99, false, 20, &out);
  }
  return out;
}

}  // namespace newsindex::bench
