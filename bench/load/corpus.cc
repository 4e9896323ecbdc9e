#include "bench/load/corpus.h"

#include <cctype>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace newsindex::bench {
namespace {

std::optional<int64_t> ParseDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  absl::Time t;
  std::string err;
  // Reuters: "26-FEB-1987 15:01:01.79" (fraction dropped).
  const std::string head = text.substr(0, text.find('.'));
  if (absl::ParseTime("%d-%b-%Y %H:%M:%S", head, absl::UTCTimeZone(), &t,
                      &err) ||
      absl::ParseTime(absl::RFC3339_full, text, &t, &err)) {
    return absl::ToUnixSeconds(t);
  }
  return std::nullopt;
}

std::string SourceFromPath(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  std::string out;
  for (char c : name) {
    if (c == '.' || std::isdigit(static_cast<unsigned char>(c))) break;
    out.push_back(c);
  }
  return out.empty() ? "corpus" : out;
}

std::string StringField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::vector<Record> ReadJsonl(const std::string& path, size_t limit) {
  std::vector<Record> out;
  std::ifstream in(path);
  const std::string default_source = SourceFromPath(path);
  std::string line;
  while (std::getline(in, line)) {
    if (limit > 0 && out.size() >= limit) break;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    Record r;
    r.id = StringField(j, "id");
    r.title = StringField(j, "title");
    r.body = StringField(j, "body");
    if (r.body.empty()) r.body = StringField(j, "text");
    if (r.body.empty()) continue;
    r.source = StringField(j, "source");
    if (r.source.empty()) r.source = default_source;
    r.dateline = StringField(j, "dateline");
    r.published = ParseDate(StringField(j, "date"));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Record> ReadCorpus(const std::vector<std::string>& paths,
                               size_t limit) {
  std::vector<Record> all;
  for (const std::string& path : paths) {
    size_t left = limit == 0 ? 0 : limit - all.size();
    std::vector<Record> part = ReadJsonl(path, left);
    for (Record& r : part) all.push_back(std::move(r));
    if (limit > 0 && all.size() >= limit) break;
  }
  return all;
}

std::string ToJsonLine(const Record& r) {
  nlohmann::json j = {
      {"id", r.id}, {"title", r.title}, {"body", r.body}, {"source", r.source}};
  if (!r.dateline.empty()) j["dateline"] = r.dateline;
  if (r.published) {
    j["date"] =
        absl::FormatTime(absl::RFC3339_sec, absl::FromUnixSeconds(*r.published),
                         absl::UTCTimeZone());
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

uint64_t ContentBytes(const std::vector<Record>& records) {
  uint64_t total = 0;
  for (const Record& r : records) total += r.title.size() + r.body.size();
  return total;
}

std::vector<std::string> SplitList(const std::string& list) {
  return absl::StrSplit(list, ',', absl::SkipEmpty());
}

}  // namespace newsindex::bench
