#include "core/search/date_window.h"

#include <algorithm>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "core/index/schema.h"

namespace newsindex {

PublishedMonthList PublishedMonths(const Xapian::Database& db) {
  const std::string low = db.get_value_lower_bound(schema::kPublishedSlot);
  const std::string high = db.get_value_upper_bound(schema::kPublishedSlot);
  PublishedMonthList list;
  if (low.empty() || high.empty()) return list;
  const absl::TimeZone utc = absl::UTCTimeZone();
  const absl::CivilMonth first(
      absl::ToCivilDay(schema::TimeFromValue(low), utc));
  const absl::CivilMonth last(
      absl::ToCivilDay(schema::TimeFromValue(high), utc));
  std::vector<MonthCount> months;
  for (absl::CivilMonth m = first; m <= last; ++m) {
    std::string term =
        schema::MonthTerm(absl::FromCivil(absl::CivilDay(m), utc));
    const Xapian::doccount articles = db.get_termfreq(term);
    if (articles > 0) months.push_back({std::move(term), articles});
  }
  list.newest_first.assign(months.rbegin(), months.rend());
  // Articles without a date sort before every dated one in ascending
  // order: the oldest months do not hold the first page then.
  if (db.get_value_freq(schema::kPublishedSlot) == db.get_doccount()) {
    list.oldest_first = std::move(months);
  }
  return list;
}

std::optional<Xapian::MSet> MatchInDateWindow(
    Xapian::Enquire& enquire, const Xapian::Query& query,
    Xapian::doccount estimated_matches, const std::vector<MonthCount>& months,
    Xapian::doccount offset, Xapian::doccount count) {
  if (estimated_matches == 0 || months.empty()) return std::nullopt;
  double dated = 0;
  for (const MonthCount& m : months) dated += m.articles;
  // Expected matches per article of a month, if matches spread evenly
  // over time; the window aims at twice the page, then doubles.
  const double share = std::min(1.0, estimated_matches / dated);
  const Xapian::doccount needed = offset + count;
  double target = 2.0 * needed + 100;
  size_t covered = 0;
  double expected = 0;
  while (true) {
    while (covered < months.size() && expected < target) {
      expected += months[covered++].articles * share;
    }
    if (covered == months.size()) return std::nullopt;  // no saving
    std::vector<std::string> terms;
    terms.reserve(covered);
    for (size_t i = 0; i < covered; ++i) terms.push_back(months[i].term);
    Xapian::Query window(Xapian::Query::OP_OR, terms.begin(), terms.end());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, window));
    Xapian::MSet mset = enquire.get_mset(offset, count);
    if (mset.get_matches_lower_bound() >= needed) return mset;
    target = 2 * std::max(target, expected);
  }
}

}  // namespace newsindex
