// Finding and resolving dates written in news text and metadata.
#ifndef NEWSINDEX_CORE_NORMALIZE_DATES_H_
#define NEWSINDEX_CORE_NORMALIZE_DATES_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newsindex {

// A calendar date found in text, possibly with a time of day and a UTC
// offset. `year` is 0 when the text gives none ("Nov. 3").
struct DateMatch {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  bool has_time = false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool has_offset = false;
  int offset_minutes = 0;  // east of UTC
  size_t begin = 0;        // byte range of the match in the searched text
  size_t end = 0;
};

// Every date with a day in `text`, in order, not overlapping. Recognized:
//   2026-05-29, 2026-05-29T14:05:00Z, 2026-05-29 14:05+02:00 (ISO 8601)
//   May 29, 2026 / May 29 2026 / May 29th, 2026 / Nov. 3 / Sept 3
//   29 May 2026 / 29 May / 3rd of July
//   Fri, 29 May 2026 14:05:00 +0000 / GMT / UTC (RFC 2822)
// Month names are English, capitalized or upper case ("May" the modal verb
// is only a month when a day number follows). Numeric dates like 05/06/2026
// are ambiguous between conventions and are not recognized. Calendar
// validity (Feb 30) is not checked here. Linear in the size of `text`.
std::vector<DateMatch> FindDates(absl::string_view text);

// The instant of `date`, in its offset (UTC when it has none), at midnight
// when it has no time. A date without a year resolves against `reference`:
// it takes the latest year in which it falls no later than one day after
// `reference`, and only when that lands within kMaxYearlessAgeDays before
// `reference`; otherwise (or for an impossible date such as Feb 30) the
// result is empty.
std::optional<absl::Time> ResolveDate(const DateMatch& date,
                                      absl::Time reference);

inline constexpr int kMaxYearlessAgeDays = 300;

// A whole metadata value as a time: RFC 3339 / ISO 8601 (with or without
// time and offset), RFC 2822, or any single form FindDates knows that has a
// year. Empty when nothing dated is found.
std::optional<absl::Time> ParseDateTime(absl::string_view value);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_DATES_H_
