// Turns newsctl's search options (--filter, --sort, --interval, --fields,
// --facets, --no-collapse, --type) into request fields. Pure functions: no
// I/O, no flags; every error is an InvalidArgumentError whose message names
// the offending option and value, and newsctl reports it as a usage error.
#ifndef NEWSINDEX_CLI_FILTERS_H_
#define NEWSINDEX_CLI_FILTERS_H_

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newsindex/v1/article.pb.h"
#include "newsindex/v1/search_service.pb.h"

namespace newsindex::cli {

// "relevance" | "newest" | "oldest" (case-insensitive).
absl::StatusOr<v1::SortOrder> ParseSort(absl::string_view text);

// "day" | "month" (case-insensitive).
absl::StatusOr<v1::DateInterval> ParseInterval(absl::string_view text);

// "person" | "organization" | "location" | "other" (case-insensitive; "org"
// and "place" are accepted as the query language's short names).
absl::StatusOr<v1::EntityType> ParseEntityType(absl::string_view text);

// "YYYY-MM-DD" (a UTC calendar day) or an RFC 3339 date-time
// ("2025-05-29T10:00:00Z", "2025-05-29T10:00:00+02:00"). A bare day is its
// first instant, or with `end_of_day` its last (23:59:59.999999999), so that
// an inclusive upper bound of "2025-05-31" includes that whole day.
absl::StatusOr<google::protobuf::Timestamp> ParseDate(absl::string_view text,
                                                      bool end_of_day);

// Adds one "KEY=VALUE" filter to `filter`. Keys: entity (canonical id or
// alias), type (see ParseEntityType), source, lang, after and before (see
// ParseDate; inclusive; each at most once). Values of a repeated key are
// ORed by the server. Rejects an unknown key, a missing "=", an empty value,
// a bad type or date, a second after/before, and after > before.
absl::Status AddFilter(absl::string_view key_value, v1::SearchFilter* filter);

// Comma-separated Article field names ("id,title,published_at"; the JSON
// names "publishedAt" are accepted too) -> read_mask paths, in proto names,
// without duplicates. Rejects names Article does not have.
absl::Status ParseFields(absl::string_view csv,
                         google::protobuf::FieldMask* mask);

// The search options newsctl takes from its command line.
struct SearchOptions {
  std::vector<std::string> filters;  // each "KEY=VALUE"
  std::string sort;                  // empty: relevance
  bool facets = false;
  std::string interval;  // date histogram interval; empty: month
  std::string fields;    // empty: every field
  bool no_collapse = false;
};

// Applies `options` to `request` (filter, sort, facets, read_mask,
// disable_collapse). With facets, asks for entities, sources, languages and
// a date histogram at the given interval. Returns the first error.
absl::Status ApplySearchOptions(const SearchOptions& options,
                                v1::SearchRequest* request);

// The query language's field names (title, author, source, lang, entity,
// person, org, place, event, country, date), as core/search's QueryBuilder
// defines them.
const std::vector<std::string>& QueryFieldNames();

// Words of `query` written as a field ("foo:" in "foo:bar", outside double
// quotes, at the start of a term) that are not query fields, lowercased,
// without duplicates, in order. The query parser searches them as plain
// words; newsctl says so.
std::vector<std::string> UnknownQueryFields(absl::string_view query);

// Removes every occurrence of the flag `name` ("--name VALUE",
// "--name=VALUE", also with one dash) from the argv `args` (args[0], the
// program, is kept), up to a bare "--", and appends the values to `values`
// in order. absl flags keep only the last
// value of a repeated flag; this keeps them all. Fails when the flag is the
// last argument and has no value.
absl::Status ExtractRepeatedFlag(absl::string_view name,
                                 std::vector<std::string>* args,
                                 std::vector<std::string>* values);

}  // namespace newsindex::cli

#endif  // NEWSINDEX_CLI_FILTERS_H_
