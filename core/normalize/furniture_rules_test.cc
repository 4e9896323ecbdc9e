// Page furniture removed wherever it sits, by rules that generalize: cases
// written for these tests (not taken from the seeds or examples).
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "core/normalize/normalizer.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

const char kHeadline[] = "Harbour Ferry Service Resumes After Two-Week Strike";
const char kPara1[] =
    "PORTVILLE \xE2\x80\x93 Ferries between the old town and the island "
    "resumed on Monday after crews and the operator agreed a new pay deal, "
    "ending a strike that had stranded thousands of commuters.";
const char kPara2[] =
    "The operator said the timetable would be back to normal by Wednesday, "
    "and that passengers with season tickets would be refunded for the days "
    "lost to the strike.";

struct Case {
  const char* name;
  std::vector<std::string> lines;    // between the headline and the story
  std::vector<std::string> after;    // after the story
  std::vector<std::string> removed;  // must not be in the body
  std::vector<std::string> kept;     // must be in the body
};

TEST(FurnitureRulesTest, RemovedWhereverTheySit) {
  const Case cases[] = {
      {"reading time and share buttons in a header laid out like a table",
       {"By Ana Reyes",
        "Published: 3 Jun 2026, 08:10 CET  |  Updated: 3 Jun "
        "2026, 12:00 CET",
        "Share:  Facebook  X  WhatsApp  Email", "5 min read"},
       {},
       {"Published:", "Facebook", "min read"},
       {}},
      {"the headline printed again, longer than a short line",
       {kHeadline, "By Ana Reyes"},
       {},
       {"Harbour Ferry Service Resumes"},
       {}},
      {"section labels alone on their line",
       {"Story Snapshot"},
       {"Background", kPara2},
       {"Story Snapshot", "Background"},
       {}},
      {"a caption, then the same with the credit glued on",
       {"Commuters board the first ferry at the old town pier",
        "Commuters board the first ferry at the old town pierPort Daily / J. "
        "Smit"},
       {},
       {"Commuters board", "J. Smit"},
       {}},
      {"related headlines after 'Also in this section', in the middle",
       {},
       {"Also in this section", "Bridge tolls to rise in spring",
        "Island school gets new roof", kPara2},
       {"Also in this section", "Bridge tolls", "Island school"},
       {"The operator said the timetable"}},
      {"numbered related headlines after 'Most read' at the end",
       {},
       {"Most read", "1. Bridge tolls to rise in spring",
        "2. Island school gets new roof"},
       {"Most read", "Bridge tolls", "Island school"},
       {}},
      {"a list that answers a question stays",
       {},
       {"The new deal includes:", "- a 4% rise this year",
        "- a shorter night shift"},
       {},
       {"a 4% rise this year", "a shorter night shift"}},
      {"a dividend table keeps its dated rows",
       {},
       {"Qtly div 12 cts vs 10 cts", "Pay Aug 14, 2026",
        "Record July 31, 2026"},
       {},
       {"Pay Aug 14, 2026", "Record July 31, 2026"}},
  };
  for (const Case& c : cases) {
    std::string text = std::string(kHeadline) + "\n";
    for (const std::string& l : c.lines) text += l + "\n";
    text += "\n" + std::string(kPara1) + "\n\n";
    for (const std::string& l : c.after) text += l + "\n";
    RawArticle raw;
    raw.content = text;
    absl::StatusOr<NormalizedArticle> n =
        Normalizer().Normalize(raw, absl::FromUnixSeconds(1780000000));
    ASSERT_TRUE(n.ok()) << c.name << ": " << n.status();
    const std::string& body = n->article.body;
    EXPECT_TRUE(absl::StrContains(body, "Ferries between the old town"))
        << c.name << "\n"
        << body;
    for (const std::string& r : c.removed) {
      EXPECT_FALSE(absl::StrContains(body, r)) << c.name << ": " << r << "\n"
                                               << body;
    }
    for (const std::string& k : c.kept) {
      EXPECT_TRUE(absl::StrContains(body, k)) << c.name << ": " << k << "\n"
                                              << body;
    }
  }
}

}  // namespace
}  // namespace newsindex
