#include "cli/filters.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/flag_names.h"

namespace newsindex::cli {
namespace {

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  const absl::Duration since_epoch = time - absl::UnixEpoch();
  const int64_t seconds = absl::ToInt64Seconds(since_epoch);
  google::protobuf::Timestamp out;
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(since_epoch - absl::Seconds(seconds))));
  return out;
}

bool Later(const google::protobuf::Timestamp& a,
           const google::protobuf::Timestamp& b) {
  return a.seconds() > b.seconds() ||
         (a.seconds() == b.seconds() && a.nanos() > b.nanos());
}

}  // namespace

absl::StatusOr<v1::SortOrder> ParseSort(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "relevance") return v1::RELEVANCE;
  if (lower == "newest") return v1::NEWEST_FIRST;
  if (lower == "oldest") return v1::OLDEST_FIRST;
  return absl::InvalidArgumentError(absl::StrCat(
      "bad --sort \"", text, "\": expected relevance, newest or oldest"));
}

absl::StatusOr<v1::DateInterval> ParseInterval(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "day") return v1::DAY;
  if (lower == "month") return v1::MONTH;
  return absl::InvalidArgumentError(
      absl::StrCat("bad --interval \"", text, "\": expected day or month"));
}

absl::StatusOr<v1::EntityType> ParseEntityType(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "person") return v1::PERSON;
  if (lower == "organization" || lower == "org") return v1::ORGANIZATION;
  if (lower == "location" || lower == "place") return v1::LOCATION;
  if (lower == "other") return v1::OTHER;
  return absl::InvalidArgumentError(
      absl::StrCat("bad entity type \"", text,
                   "\": expected person, organization, location or other"));
}

absl::StatusOr<google::protobuf::Timestamp> ParseDate(absl::string_view text,
                                                      bool end_of_day) {
  absl::CivilDay day;
  // absl::ParseCivilTime also accepts years with a sign or more digits; a
  // date here is exactly YYYY-MM-DD.
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' &&
      absl::ParseCivilTime(text, &day)) {
    absl::Time start = absl::FromCivil(day, absl::UTCTimeZone());
    if (!end_of_day) return ToTimestamp(start);
    return ToTimestamp(start + absl::Hours(24) - absl::Nanoseconds(1));
  }
  absl::Time time;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, text, &time, &error)) {
    return ToTimestamp(time);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("bad date \"", text,
                   "\": expected YYYY-MM-DD or RFC 3339 "
                   "(2025-05-29T10:00:00Z)"));
}

absl::Status AddFilter(absl::string_view key_value, v1::SearchFilter* filter) {
  const size_t eq = key_value.find('=');
  if (eq == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad --filter \"", key_value,
        "\": expected KEY=VALUE with KEY one of entity, type, source, lang, "
        "country, after, before"));
  }
  const std::string key = absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(key_value.substr(0, eq)));
  const absl::string_view value =
      absl::StripAsciiWhitespace(key_value.substr(eq + 1));
  const auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad --filter \"", key_value, "\": ", why));
  };
  if (value.empty()) return bad("empty value");
  if (key == "entity") {
    filter->add_entities(std::string(value));
  } else if (key == "type") {
    absl::StatusOr<v1::EntityType> type = ParseEntityType(value);
    if (!type.ok()) return bad(type.status().message());
    filter->add_entity_types(*type);
  } else if (key == "country") {
    filter->add_countries(std::string(value));
  } else if (key == "source") {
    filter->add_sources(std::string(value));
  } else if (key == "lang" || key == "language") {
    filter->add_languages(absl::AsciiStrToLower(value));
  } else if (key == "after" || key == "before") {
    const bool after = key == "after";
    if (after ? filter->has_published_after()
              : filter->has_published_before()) {
      return bad(absl::StrCat(key, " given more than once"));
    }
    absl::StatusOr<google::protobuf::Timestamp> when =
        ParseDate(value, /*end_of_day=*/!after);
    if (!when.ok()) return bad(when.status().message());
    *(after ? filter->mutable_published_after()
            : filter->mutable_published_before()) = *when;
    if (filter->has_published_after() && filter->has_published_before() &&
        Later(filter->published_after(), filter->published_before())) {
      return bad("after is later than before");
    }
  } else {
    return bad(
        absl::StrCat("unknown key \"", key,
                     "\" (expected entity, type, country, source, lang, after "
                     "or before)"));
  }
  return absl::OkStatus();
}

absl::Status ParseFields(absl::string_view csv,
                         google::protobuf::FieldMask* mask) {
  const google::protobuf::Descriptor* article = v1::Article::descriptor();
  for (absl::string_view raw : absl::StrSplit(csv, ',')) {
    const absl::string_view name = absl::StripAsciiWhitespace(raw);
    if (name.empty()) continue;
    const std::string name_string(name);
    const google::protobuf::FieldDescriptor* field =
        article->FindFieldByName(name_string);
    for (int i = 0; field == nullptr && i < article->field_count(); ++i) {
      if (article->field(i)->json_name() == name_string) {
        field = article->field(i);
      }
    }
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad --fields: Article has no field \"", name, "\""));
    }
    const auto& paths = mask->paths();
    if (std::find(paths.begin(), paths.end(), field->name()) == paths.end()) {
      mask->add_paths(field->name());
    }
  }
  if (mask->paths_size() == 0) {
    return absl::InvalidArgumentError("bad --fields: no field names");
  }
  return absl::OkStatus();
}

absl::Status ApplySearchOptions(const SearchOptions& options,
                                v1::SearchRequest* request) {
  for (const std::string& filter : options.filters) {
    if (absl::Status s = AddFilter(filter, request->mutable_filter());
        !s.ok()) {
      return s;
    }
  }
  if (!options.sort.empty()) {
    absl::StatusOr<v1::SortOrder> sort = ParseSort(options.sort);
    if (!sort.ok()) return sort.status();
    request->set_sort(*sort);
  }
  v1::DateInterval interval = v1::MONTH;
  if (!options.interval.empty()) {
    absl::StatusOr<v1::DateInterval> parsed = ParseInterval(options.interval);
    if (!parsed.ok()) return parsed.status();
    interval = *parsed;
  }
  if (options.facets) {
    v1::FacetRequest* facets = request->mutable_facets();
    facets->set_entities(true);
    facets->set_sources(true);
    facets->set_languages(true);
    facets->set_date_histogram(interval);
  }
  if (!options.fields.empty()) {
    if (absl::Status s =
            ParseFields(options.fields, request->mutable_read_mask());
        !s.ok()) {
      return s;
    }
  }
  request->set_disable_collapse(options.no_collapse);
  return absl::OkStatus();
}

const std::vector<std::string>& QueryFieldNames() {
  static const auto* names = new std::vector<std::string>{
      "title", "author", "source", "lang",    "entity", "person",
      "org",   "place",  "event",  "country", "date"};
  return *names;
}

std::vector<std::string> UnknownQueryFields(absl::string_view query) {
  std::vector<std::string> unknown;
  bool quoted = false;
  size_t start = std::string::npos;  // of the current run of letters
  for (size_t i = 0; i < query.size(); ++i) {
    const char c = query[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (absl::ascii_isalpha(c) || c == '_') {
      // A field starts a term: after a space, a bracket, + or -.
      if (start == std::string::npos &&
          (i == 0 || absl::ascii_isspace(query[i - 1]) ||
           absl::string_view("(+-").find(query[i - 1]) !=
               absl::string_view::npos)) {
        start = i;
      }
      continue;
    }
    if (c == ':' && start != std::string::npos) {
      const std::string name =
          absl::AsciiStrToLower(query.substr(start, i - start));
      const auto& known = QueryFieldNames();
      if (std::find(known.begin(), known.end(), name) == known.end() &&
          std::find(unknown.begin(), unknown.end(), name) == unknown.end()) {
        unknown.push_back(name);
      }
    }
    start = std::string::npos;
  }
  return unknown;
}

absl::Status ExtractRepeatedFlag(absl::string_view name,
                                 std::vector<std::string>* args,
                                 std::vector<std::string>* values) {
  const std::string want = CanonicalFlagName(name);
  std::vector<std::string> kept;
  kept.reserve(args->size());
  bool flags_done = false;
  for (size_t i = 0; i < args->size(); ++i) {
    std::string& arg = (*args)[i];
    if (i == 0 || flags_done) {
      kept.push_back(std::move(arg));
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      kept.push_back(std::move(arg));
      continue;
    }
    std::optional<FlagArgument> flag = ParseFlagArgument(arg);
    if (!flag.has_value() || flag->name != want) {
      kept.push_back(std::move(arg));  // another flag, e.g. --filters
      continue;
    }
    if (flag->value.has_value()) {
      values->push_back(*std::move(flag->value));
    } else if (i + 1 < args->size()) {
      values->push_back(std::move((*args)[++i]));
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " needs a value"));
    }
  }
  *args = std::move(kept);
  return absl::OkStatus();
}

}  // namespace newsindex::cli
