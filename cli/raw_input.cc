#include "cli/raw_input.h"

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/text/text.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

using Json = nlohmann::json;

std::optional<absl::Time> ParseDateExactly(absl::string_view value) {
  absl::Time t;
  std::string error;
  const std::string s(value);
  for (const char* format :
       {absl::RFC3339_full, "%d-%b-%Y %H:%M:%E*S", "%Y-%m-%d"}) {
    // Reuters-21578: "26-FEB-1987 15:01:01.79"
    if (absl::ParseTime(format, s, &t, &error)) return t;
  }
  return std::nullopt;
}

// The date that `value` starts with. A trailing note after the date
// ("27-MAR-1987 00:02:59.13   RM" in Reuters-21578) is ignored: the
// longest run of leading words that parses wins.
std::optional<absl::Time> ParseDate(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  std::vector<absl::string_view> words =
      absl::StrSplit(value, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  constexpr size_t kMaxDateWords = 6;  // "Thu, 26 Feb 1987 15:01:01 GMT"
  for (size_t n = std::min(words.size(), kMaxDateWords); n > 0; --n) {
    const size_t end = words[n - 1].data() + words[n - 1].size() - value.data();
    if (std::optional<absl::Time> t = ParseDateExactly(value.substr(0, end))) {
      return t;
    }
  }
  return std::nullopt;
}

absl::StatusOr<RawArticle> FromJsonObject(const Json& j,
                                          std::vector<std::string>* warnings) {
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
  for (auto [name, out] : {std::pair{"id", &raw.id},
                           {"url", &raw.url},
                           {"title", &raw.title},
                           {"source", &raw.source},
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
  // Bad metadata costs the metadata, never the article.
  if (!date.empty()) {
    raw.published_at = ParseDate(date);
    if (!raw.published_at.has_value() && warnings != nullptr) {
      warnings->push_back(absl::StrCat("published_at: cannot parse date \"",
                                       date, "\"; ignored"));
    }
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
      text =
          absl::StrCat(dateline, " ", absl::StripLeadingAsciiWhitespace(text));
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

// `json` parsed, or INVALID_ARGUMENT with the parser's reason and where
// ("record: not valid JSON: syntax error ... at line 1, column 9").
absl::StatusOr<Json> ParseJson(absl::string_view json) {
  try {
    return Json::parse(json);
  } catch (const Json::parse_error& e) {
    // e.what() starts "[json.exception.parse_error.101] parse error at ...".
    absl::string_view what = e.what();
    if (const size_t close = what.find("] "); close != what.npos) {
      what.remove_prefix(close + 2);
    }
    std::string why(what);
    if (!IsValidUtf8(json)) {
      why = absl::StrCat("not UTF-8 (JSON must be; ", why, ")");
    }
    return absl::InvalidArgumentError(
        absl::StrCat("record: not valid JSON: ", why));
  }
}

absl::StatusOr<RawArticle> ParseRecord(absl::string_view json,
                                       std::vector<std::string>* warnings) {
  absl::StatusOr<Json> j = ParseJson(json);
  if (!j.ok()) return j.status();
  return FromJsonObject(*j, warnings);
}

}  // namespace

absl::StatusOr<RawArticle> RawArticleFromJson(
    absl::string_view json, std::vector<std::string>* warnings) {
  return ParseRecord(json, warnings);
}

std::vector<InputItem> ReadInput(absl::string_view name,
                                 absl::string_view contents) {
  std::string lower = absl::AsciiStrToLower(name);
  std::vector<InputItem> items;
  const std::string origin(name);
  absl::string_view head = absl::StripLeadingAsciiWhitespace(contents);
  const bool known =
      absl::EndsWith(lower, ".txt") || absl::EndsWith(lower, ".html") ||
      absl::EndsWith(lower, ".htm") || absl::EndsWith(lower, ".json") ||
      absl::EndsWith(lower, ".jsonl") || absl::EndsWith(lower, ".ndjson");
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
      InputItem item;
      item.origin = absl::StrCat(origin, ":", line_number);
      item.article = ParseRecord(line, &item.warnings);
      items.push_back(std::move(item));
    }
    return items;
  }
  if (absl::EndsWith(lower, ".json")) {
    absl::StatusOr<Json> parsed = ParseJson(contents);
    const Json& j = parsed.ok() ? *parsed : Json();
    if (!parsed.ok()) {
      items.push_back({origin, parsed.status(), {}});
    } else if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) {
        InputItem item;
        item.origin = absl::StrCat(origin, "[", i, "]");
        item.article = FromJsonObject(j[i], &item.warnings);
        items.push_back(std::move(item));
      }
    } else {
      InputItem item;
      item.origin = origin;
      item.article = FromJsonObject(j, &item.warnings);
      items.push_back(std::move(item));
    }
    return items;
  }
  RawArticle raw;
  raw.kind =
      absl::EndsWith(lower, ".txt") ? ContentKind::kText : ContentKind::kHtml;
  // Text and HTML are proto strings, which must be UTF-8 (protobuf refuses
  // to parse a message with anything else, and the whole stream with it);
  // other bytes go as raw, which the service decodes (it tells text from
  // HTML by itself) and says so in the result's warnings.
  if (!IsValidUtf8(contents)) raw.kind = ContentKind::kRaw;
  raw.content = std::string(contents);
  items.push_back({origin, std::move(raw), {}});
  return items;
}

}  // namespace newsindex
