// Finding and resolving dates written in news text and metadata.
#ifndef NEWSINDEX_CORE_NORMALIZE_DATES_H_
#define NEWSINDEX_CORE_NORMALIZE_DATES_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

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

// A time zone abbreviation and the offset it stands for. Where one
// abbreviation names several zones the table holds the reading news in this
// corpus means (IST is India, GST the Gulf, CST and PST the United States);
// abbreviations too ambiguous to read (AST: Arabia or Atlantic) are left out,
// so the time stays without an offset (UTC). Upper case only.
struct ZoneAbbreviation {
  absl::string_view name;
  int offset_minutes;  // east of UTC
  absl::string_view zone;
};

// The table Zone reading uses, documented in docs/normalization.md.
absl::Span<const ZoneAbbreviation> ZoneAbbreviations();

// Every date with a day in `text`, in order, not overlapping. Recognized:
//   2026-05-29, 2026-05-29T14:05:00Z, 2026-05-29 14:05+02:00 (ISO 8601)
//   May 29, 2026 / May 29 2026 / May 29th, 2026 / Nov. 3 / Sept 3
//   29 May 2026 / 29 May / 3rd of July
//   Fri, 29 May 2026 14:05:00 +0000 / GMT / UTC (RFC 2822)
// with an optional time after ",", " at ", " | ", " - " ("11:58 PM",
// "09:41", "08.15 GST" with a zone or am/pm) and zone (ZoneAbbreviations(),
// "+03:00", "GMT+3").
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

// The dates a date line or page header states, by their labels:
// "Published: 12 Mar 2026, 09:41 EAT | Updated: 12 Mar 2026, 14:05 EAT".
// A date is labeled by the nearest label word before it (published,
// posted, first published, created: publication; updated, modified,
// edited, revised: update); an unlabeled date is a publication date. The
// first of each kind is taken.
struct StatedDates {
  std::optional<DateMatch> published;
  std::optional<DateMatch> updated;
};
StatedDates ReadDateLine(absl::string_view line);

// The date a URL's path states: /2026/03/12/, /2026-03-12/, /20260312/
// (a year 1990..2199, a valid month and day). Empty when none.
std::optional<absl::Time> DateFromUrl(absl::string_view url);

// The instant of a date that states its year; empty for a yearless date
// (no year is taken from a clock) or an impossible one.
std::optional<absl::Time> ResolveStatedDate(const DateMatch& date);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_DATES_H_
