// A pre-check of query strings that reports where a query is malformed.
// Xapian's QueryParser says what is wrong but not where; this finds the
// common mistakes first and names their position.
#ifndef NEWSINDEX_CORE_SEARCH_QUERY_SYNTAX_H_
#define NEWSINDEX_CORE_SEARCH_QUERY_SYNTAX_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newsindex {

// OK, or INVALID_ARGUMENT "query: <reason> at position N" where N is the
// 1-based character (code point) position of the offending token:
// an unterminated quote, an unbalanced parenthesis, an operator (AND, OR,
// XOR, NOT, NEAR, ADJ, NEAR/n, ADJ/n) missing an operand, a malformed
// date:FROM..TO range. Pure; thread-safe.
absl::Status CheckQuerySyntax(absl::string_view query);

// A date as written in a date: range or a filter: YYYY, YYYY-MM or
// YYYY-MM-DD (UTC). `end_of_period` gives the last instant of the year,
// month or day instead of the first. nullopt when malformed.
std::optional<absl::Time> ParseQueryDate(absl::string_view text,
                                         bool end_of_period);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_QUERY_SYNTAX_H_
