// Date-sorted search without reading every match.
//
// Sorting by value makes Xapian visit every match of a query to find the
// newest ten: at a million articles an entity query such as place:us
// reads hundreds of thousands of values. Published months are indexed as
// terms (schema::MonthTerm), so a date-sorted page of a query with many
// matches can be taken from the newest months alone: filter the query to
// the newest months that should hold the page, judging by the query's
// share of all articles, and widen the window if they do not.
#ifndef NEWSINDEX_CORE_SEARCH_DATE_WINDOW_H_
#define NEWSINDEX_CORE_SEARCH_DATE_WINDOW_H_

#include <optional>
#include <string>
#include <vector>

#include "xapian.h"

namespace newsindex {

// Callers sort queries with fewer estimated matches whole: cheap enough,
// and a window would cost a second match.
inline constexpr Xapian::doccount kDateWindowMinMatches = 5000;

struct MonthCount {
  std::string term;           // schema::MonthTerm
  Xapian::doccount articles;  // articles published that month
};

// The months of `db` that have articles, from the earliest to the latest
// published date (by the value-slot bounds), in both orders. Both are
// empty when no article has a date; `oldest_first` is also empty when some
// article has none (undated articles sort first in ascending order, so no
// window of months holds the first page).
struct PublishedMonthList {
  std::vector<MonthCount> newest_first;
  std::vector<MonthCount> oldest_first;
};

// One pass over the months (a term-frequency lookup each). Throws
// Xapian::Error.
PublishedMonthList PublishedMonths(const Xapian::Database& db);

// Runs `query` on `enquire`, which the caller has set up to sort by
// published date in the direction of `months` (and to collapse, limit
// time, as it likes), filtered to a window of the first `months`: the
// MSet of the first window whose matches reach offset + count, which is
// the page the whole query would give. `estimated_matches` is the whole
// query's estimate and sizes the first window. nullopt when no window short
// of all months reaches the page (it needs undated articles, runs past the
// end, or the query matches too few): then run the whole query.
// Leaves `enquire`'s query set to the last window. Throws Xapian::Error.
std::optional<Xapian::MSet> MatchInDateWindow(
    Xapian::Enquire& enquire, const Xapian::Query& query,
    Xapian::doccount estimated_matches, const std::vector<MonthCount>& months,
    Xapian::doccount offset, Xapian::doccount count);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_DATE_WINDOW_H_
