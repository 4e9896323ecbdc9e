// Golden tests of the plain-text path on inputs written for these tests:
// hard-wrapped wire copy, an earnings table, a bulleted list, a page
// topped by breadcrumbs and one topped by a menu. Each states the title,
// exactly which lines are removed and why, and anchors that must stay in
// the body with their line structure.
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "core/normalize/normalizer.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

struct Golden {
  const char* file;
  const char* given_title;  // RawArticle::title, "" for none
  const char* title;        // expected
  std::vector<std::pair<int, const char*>> removed;  // exactly these lines
  std::vector<const char*> kept;                     // substrings of the body
  std::vector<const char*> not_kept;  // substrings absent from the body
};

const std::vector<Golden>& Goldens() {
  static const auto* goldens = new std::vector<Golden>{
      {"golden_wire_wrapped.txt",
       "DAIRY DELIVERIES FALL",
       "DAIRY DELIVERIES FALL",
       {},
       // Wrapped lines joined into paragraphs, a paragraph per indent.
       {"MARLOW, June 4 - Dairy cooperatives in the lowland provinces said",
        "fell for a second month as a dry spring left pastures",
        "year earlier, the federation of cooperatives said. It blamed",
        "\n\nA federation spokesman said farmers had kept herds in sheds",
        "against 21,300 a year ago. REUTER"},
       {}},
      {"golden_earnings.txt",
       "NORTHGATE VALVE <NGV> 4TH QTR NET",
       "NORTHGATE VALVE <NGV> 4TH QTR NET",
       {},
       // A table: one row per line, nothing removed.
       {"NORTHGATE, March 12 - Shr 41 cts vs 37 cts\nNet 6,412,000 vs "
        "5,880,000\nRevs 88.4 mln vs 79.1 mln",
        "Pay April 20\nRecord April Two",
        "NOTE: Full name is Northgate Valve and Pump Co",
        "Shr 1.52 dlrs vs 1.38 dlrs\nNet 23.7 mln vs 21.9 mln\nRevs 331.0 "
        "mln vs 302.5 mln"},
       {}},
      {"golden_bullets.txt",
       "Transport board sets out spending plan",
       "Transport board sets out spending plan",
       {},
       // List items kept, one per line.
       {"- Two new platforms at the central station, allowing trains to turn "
        "round faster\n- A timetable with a train every ten minutes",
        "- Ticket machines that accept cards at every stop\n\nOpposition",
        "\"We have been asking for this for a decade,\" one of them said."},
       {}},
      {"golden_breadcrumb.txt",
       "",
       "River Patrols Resume Along the Northern Border",
       {{1, "navigation"}, {2, "navigation"}, {4, "title"}},
       {"Patrol boats returned to the northern river on Monday",
        "bring customers back."},
       {"Home", "Security |"}},
      {"golden_menu.txt",
       "",
       "Volunteers Rebuild Flooded Village Library in Record Time",
       {{1, "navigation"},
        {2, "navigation"},
        {3, "navigation"},
        {4, "navigation"},
        {5, "navigation"},
        {6, "navigation"},
        {8, "title"},
        {10, "date-line"}},
       {"More than two hundred volunteers rebuilt the library",
        "reopening party on Saturday."},
       {"Menu", "Weather"}},
  };
  return *goldens;
}

std::string ReadTestdata(const std::string& name) {
  std::ifstream in(
      std::string(NEWSINDEX_SOURCE_DIR) + "/core/normalize/testdata/" + name,
      std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class TextGoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(TextGoldenTest, TitleRemovedLinesAndBody) {
  const Golden& g = GetParam();
  RawArticle raw;
  raw.content = ReadTestdata(g.file);
  ASSERT_FALSE(raw.content.empty()) << g.file;
  raw.title = g.given_title;
  absl::StatusOr<NormalizedArticle> n = Normalizer().Normalize(
      raw, absl::FromCivil(absl::CivilSecond(2026, 6, 1, 0, 0, 0),
                           absl::UTCTimeZone()));
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->article.title, g.title);
  std::vector<std::pair<int, std::string>> removed, want;
  for (const RemovedLine& r : n->removed) removed.push_back({r.line, r.reason});
  for (const auto& [line, reason] : g.removed) want.push_back({line, reason});
  EXPECT_EQ(removed, want);
  for (const char* anchor : g.kept) {
    EXPECT_TRUE(absl::StrContains(n->article.body, anchor))
        << anchor << "\n--- body:\n"
        << n->article.body;
  }
  for (const char* gone : g.not_kept) {
    EXPECT_FALSE(absl::StrContains(n->article.body, gone)) << gone;
  }
}

INSTANTIATE_TEST_SUITE_P(Text, TextGoldenTest, ::testing::ValuesIn(Goldens()),
                         [](const ::testing::TestParamInfo<Golden>& info) {
                           std::string name = info.param.file;
                           name = name.substr(0, name.find('.'));
                           return name;
                         });

}  // namespace
}  // namespace newsindex
