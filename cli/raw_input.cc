#include "cli/raw_input.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

using Json = nlohmann::json;

absl::StatusOr<absl::Time> ParseDate(const std::string& value) {
  absl::Time t;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, value, &t, &error)) return t;
  // Reuters-21578: "26-FEB-1987 15:01:01.79"
  if (absl::ParseTime("%d-%b-%Y %H:%M:%E*S", value, &t, &error)) return t;
  if (absl::ParseTime("%Y-%m-%d", value, &t, &error)) return t;
  return absl::InvalidArgumentError(
      absl::StrCat("published_at: cannot parse date \"", value, "\""));
}

absl::StatusOr<RawArticle> FromJsonObject(const Json& j) {
  if (!j.is_object()) {
    return absl::InvalidArgumentError("record: not a JSON object");
  }
  RawArticle raw;
  auto text_field = [&](const char* name, std::string* out) -> absl::Status {
    if (!j.contains(name) || j[name].is_null()) return absl::OkStatus();
    if (!j[name].is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": must be a string"));
    }
    *out = j[name].get<std::string>();
    return absl::OkStatus();
  };
  for (auto [name, out] : {std::pair{"id", &raw.id}, {"url", &raw.url},
                           {"title", &raw.title}, {"source", &raw.source},
                           {"language", &raw.language}}) {
    if (absl::Status s = text_field(name, out); !s.ok()) return s;
  }
  if (j.contains("id") && j["id"].is_number_integer()) {
    raw.id = std::to_string(j["id"].get<int64_t>());
  }
  std::string date;
  for (const char* name : {"published_at", "date"}) {
    if (absl::Status s = text_field(name, &date); !s.ok()) return s;
    if (!date.empty()) break;
  }
  if (!date.empty()) {
    absl::StatusOr<absl::Time> t = ParseDate(date);
    if (!t.ok()) return t.status();
    raw.published_at = *t;
  }
  std::string html, text;
  if (absl::Status s = text_field("html", &html); !s.ok()) return s;
  if (absl::Status s = text_field("text", &text); !s.ok()) return s;
  if (text.empty()) {
    if (absl::Status s = text_field("body", &text); !s.ok()) return s;
  }
  if (!html.empty()) {
    raw.kind = ContentKind::kHtml;
    raw.content = std::move(html);
  } else if (!text.empty()) {
    raw.kind = ContentKind::kText;
    std::string dateline;
    if (absl::Status s = text_field("dateline", &dateline); !s.ok()) return s;
    dateline = std::string(absl::StripAsciiWhitespace(dateline));
    if (!dateline.empty() &&
        !absl::StartsWith(absl::StripLeadingAsciiWhitespace(text), dateline)) {
      text = absl::StrCat(dateline, " ", absl::StripLeadingAsciiWhitespace(text));
    }
    raw.content = std::move(text);
    // A record's body has no title line: a missing title stays missing
    // rather than the first sentence becoming one.
  } else {
    return absl::InvalidArgumentError(
        "body: the record has no \"html\", \"text\" or \"body\"");
  }
  return raw;
}

absl::StatusOr<RawArticle> ParseRecord(absl::string_view json) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return absl::InvalidArgumentError("record: not valid JSON");
  }
  return FromJsonObject(j);
}

}  // namespace

absl::StatusOr<RawArticle> RawArticleFromJson(absl::string_view json) {
  return ParseRecord(json);
}

std::vector<InputItem> ReadInput(absl::string_view name,
                                 absl::string_view contents) {
  std::string lower = absl::AsciiStrToLower(name);
  std::vector<InputItem> items;
  const std::string origin(name);
  absl::string_view head = absl::StripLeadingAsciiWhitespace(contents);
  const bool known = absl::EndsWith(lower, ".txt") ||
                     absl::EndsWith(lower, ".html") ||
                     absl::EndsWith(lower, ".htm") ||
                     absl::EndsWith(lower, ".json") ||
                     absl::EndsWith(lower, ".jsonl") ||
                     absl::EndsWith(lower, ".ndjson");
  if (!known) {
    if (absl::StartsWith(head, "<")) {
      lower = ".html";
    } else if (absl::StartsWith(head, "{")) {
      lower = ".jsonl";
    } else {
      lower = ".txt";
    }
  }
  if (absl::EndsWith(lower, ".jsonl") || absl::EndsWith(lower, ".ndjson")) {
    int line_number = 0;
    for (absl::string_view line : absl::StrSplit(contents, '\n')) {
      ++line_number;
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      items.push_back(
          {absl::StrCat(origin, ":", line_number), ParseRecord(line)});
    }
    return items;
  }
  if (absl::EndsWith(lower, ".json")) {
    Json j = Json::parse(contents, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      items.push_back(
          {origin, absl::InvalidArgumentError("record: not valid JSON")});
    } else if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) {
        items.push_back({absl::StrCat(origin, "[", i, "]"), FromJsonObject(j[i])});
      }
    } else {
      items.push_back({origin, FromJsonObject(j)});
    }
    return items;
  }
  RawArticle raw;
  raw.kind = absl::EndsWith(lower, ".txt") ? ContentKind::kText
                                           : ContentKind::kHtml;
  raw.content = std::string(contents);
  items.push_back({origin, std::move(raw)});
  return items;
}

}  // namespace newsindex
