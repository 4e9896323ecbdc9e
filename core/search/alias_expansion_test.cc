#include "core/search/alias_expansion.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

// The groups FindAliasGroups takes from `query` when `names` are the
// names it accepts.
std::vector<std::string> Groups(const std::string& query,
                                const absl::flat_hash_set<std::string>& names) {
  std::vector<std::string> out;
  for (const QueryWordGroup& g :
       FindAliasGroups(query, [&](absl::string_view text) {
         return names.contains(std::string(text));
       })) {
    out.push_back(query.substr(g.begin, g.end - g.begin));
  }
  return out;
}

TEST(FindAliasGroupsTest, TakesPlainWordsLongestFirst) {
  const absl::flat_hash_set<std::string> names = {
      "ISKP",   "ISIS-K", "Islamic State", "Islamic State Khorasan Province",
      "Russia", "Kabul"};
  const struct {
    std::string query;
    std::vector<std::string> groups;
  } cases[] = {
      {"ISKP", {"ISKP"}},
      {"ISIS-K attack", {"ISIS-K"}},
      {"Islamic State Khorasan Province Kabul",
       {"Islamic State Khorasan Province", "Kabul"}},
      {"Islamic State claims", {"Islamic State"}},
      {"-Russia grain", {"Russia"}},
      {"+Russia", {"Russia"}},
      // Phrases, field values, operators, wildcards and proximity
      // operands stay as they are.
      {"\"Russia Kabul\" ISKP", {"ISKP"}},
      {"title:Russia place:Kabul", {}},
      {"Russia NEAR Kabul", {}},
      {"Russia NEAR/3 grain ISKP", {"ISKP"}},
      {"Russ* Kabul", {"Kabul"}},
      {"Russia AND Kabul", {"Russia", "Kabul"}},
      {"(Russia OR Kabul)", {"Russia", "Kabul"}},
      {"Islamic -State", {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Groups(c.query, names), c.groups) << c.query;
  }
}

TEST(ReplaceGroupsTest, WritesTheFieldInPlace) {
  const std::string query = "-Russia ISIS-K attack";
  std::vector<QueryWordGroup> groups = {{1, 7}, {8, 14}};
  EXPECT_EQ(ReplaceGroups(query, groups, "x"), "-x:0 x:1 attack");
}

TEST(MentionSpansTest, ConvertsCodePointsToBytes) {
  // "Kābul" has a two-byte letter: the second mention starts a byte later.
  const std::string body = "Kābul and Kabul.";
  std::vector<Mention> mentions = {{10, 15, "Kabul"}, {0, 5, "Kābul"}};
  std::vector<MatchSpan> spans = MentionSpans(body, mentions);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].start, 0);
  EXPECT_EQ(spans[0].byte_end, 6);
  EXPECT_EQ(spans[1].start, 10);
  EXPECT_EQ(spans[1].byte_start, 11);
  EXPECT_EQ(spans[1].byte_end, 16);
  // Past the body: dropped.
  EXPECT_TRUE(MentionSpans(body, {{40, 45, "x"}}).empty());
}

TEST(MergeSpansTest, KeepsTextOrderWithoutOverlaps) {
  std::vector<MatchSpan> a = {{0, 5, 0, 5}, {20, 25, 20, 25}};
  std::vector<MatchSpan> b = {{3, 8, 3, 8}, {10, 12, 10, 12}};
  std::vector<MatchSpan> merged = MergeSpans(a, b, 10);
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].start, 0);
  EXPECT_EQ(merged[1].start, 10);
  EXPECT_EQ(merged[2].start, 20);
  EXPECT_EQ(MergeSpans(a, b, 1).size(), 1u);
}

}  // namespace
}  // namespace newsindex
