#include "core/search/date_window.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "core/index/schema.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

// 600 articles over 50 months, added out of date order; "even" on every
// second one, "rare" on every 97th; the first `undated` without a date.
Xapian::Database MakeDatabase(int undated) {
  Xapian::WritableDatabase db(FreshDbPath(absl::StrCat("date_window", undated)),
                              Xapian::DB_CREATE_OR_OVERWRITE);
  for (int i = 0; i < 600; ++i) {
    Xapian::Document doc;
    doc.add_term("all");
    if (i % 2 == 0) doc.add_term("even");
    if (i % 97 == 0) doc.add_term("rare");
    doc.set_data(absl::StrCat(i));
    if (i >= undated) {
      const int day = (i * 7919) % 1500;  // scrambled, ~50 months
      const absl::Time t = absl::FromCivil(absl::CivilDay(2020, 1, 1) + day,
                                           absl::UTCTimeZone()) +
                           absl::Seconds(i);
      doc.add_boolean_term(schema::MonthTerm(t));
      doc.add_value(schema::kPublishedSlot, schema::TimeValue(t));
    }
    db.add_document(doc);
  }
  db.commit();
  return db;
}

std::vector<std::string> Ids(const Xapian::MSet& mset) {
  std::vector<std::string> ids;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    ids.push_back(it.get_document().get_data());
  }
  return ids;
}

TEST(DateWindowTest, SamePageAsSortingEveryMatch) {
  struct Case {
    int undated;
    std::string term;
    Xapian::doccount offset, count;
    bool newest;
    bool windowed;  // whether a window (not the whole range) suffices
  };
  const Case cases[] = {
      {20, "all", 0, 11, true, true},
      {20, "even", 0, 11, true, true},
      {20, "even", 40, 11, true, true},
      {20, "rare", 0, 11, true, false},   // few matches: the whole range
      {20, "all", 575, 11, true, false},  // needs the undated articles
      {20, "all", 0, 11, false, false},   // undated ones come first
      {0, "all", 0, 11, false, true},
      {0, "even", 20, 11, false, true},
      {0, "even", 250, 11, false, false},  // past the last window
      {0, "even", 0, 11, true, true},
  };
  for (const Case& c : cases) {
    Xapian::Database db = MakeDatabase(c.undated);
    Xapian::Enquire enquire(db);
    enquire.set_sort_by_value_then_relevance(schema::kPublishedSlot, c.newest);
    enquire.set_query(Xapian::Query(c.term));
    const Xapian::doccount estimate =
        enquire.get_mset(0, 0).get_matches_estimated();
    const PublishedMonthList months = PublishedMonths(db);
    std::optional<Xapian::MSet> windowed =
        MatchInDateWindow(enquire, Xapian::Query(c.term), estimate,
                          c.newest ? months.newest_first : months.oldest_first,
                          c.offset, c.count);
    ASSERT_EQ(windowed.has_value(), c.windowed) << c.term << " " << c.offset;
    if (!windowed) continue;
    enquire.set_query(Xapian::Query(c.term));
    const Xapian::MSet full = enquire.get_mset(c.offset, c.count);
    EXPECT_EQ(Ids(*windowed), Ids(full)) << c.term << " " << c.offset;
  }
}

TEST(DateWindowTest, MonthsSpanTheDatesInOrder) {
  Xapian::Database db = MakeDatabase(0);
  const PublishedMonthList months = PublishedMonths(db);
  const std::vector<MonthCount>& newest = months.newest_first;
  ASSERT_GE(newest.size(), 48u);
  EXPECT_EQ(newest.back().term, "M202001");
  EXPECT_GT(newest.front().term, newest.back().term);
  Xapian::doccount total = 0;
  for (const MonthCount& m : newest) total += m.articles;
  EXPECT_EQ(total, 600u);
  // Every article has a date: the same months, oldest first.
  ASSERT_EQ(months.oldest_first.size(), newest.size());
  for (size_t i = 0; i < newest.size(); ++i) {
    EXPECT_EQ(months.oldest_first[i].term, newest[newest.size() - 1 - i].term);
  }
  // Some articles without a date: no oldest-first months.
  EXPECT_TRUE(PublishedMonths(MakeDatabase(20)).oldest_first.empty());
  EXPECT_FALSE(PublishedMonths(MakeDatabase(20)).newest_first.empty());
  Xapian::WritableDatabase empty(FreshDbPath("date_window_empty"),
                                 Xapian::DB_CREATE_OR_OVERWRITE);
  EXPECT_TRUE(PublishedMonths(empty).newest_first.empty());
  EXPECT_TRUE(PublishedMonths(empty).oldest_first.empty());
}

}  // namespace
}  // namespace newsindex
