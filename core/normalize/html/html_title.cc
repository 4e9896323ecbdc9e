#include "core/normalize/html/html_title.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

constexpr int kMaxSiteWords = 5;
constexpr int kMaxTitleWords = 40;

// Source priors: the headline the publisher wrote for machines (JSON-LD,
// Dublin Core), then for sharing (og:, twitter:), then the browser tab's
// title; an <h1> wins only with the support of another candidate (it is
// often the site's name or a section).
constexpr int kStructuredPrior = 5;
constexpr int kSharingPrior = 4;
constexpr int kTabTitlePrior = 3;
constexpr int kHeadingPrior = 2;
constexpr int kAgreementBonus = 2;
constexpr int kContainedBonus = 2;
constexpr int kMinContainedWords = 3;
// A site suffix is stripped only when this many words remain.
constexpr int kMinStrippedWords = 2;

int WordCount(absl::string_view text) {
  return static_cast<int>(std::vector<absl::string_view>(
                              absl::StrSplit(text, ' ', absl::SkipWhitespace()))
                              .size());
}

// One line: NFC, white space collapsed.
std::string CleanLine(absl::string_view s) {
  std::string text = NormalizeWhitespace(ToNfc(RepairUtf8(s)));
  std::replace(text.begin(), text.end(), '\n', ' ');
  return NormalizeWhitespace(text);
}

// Lowercase letters and digits, one space between words.
std::string Key(absl::string_view text) {
  std::string key;
  bool space = false;
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c >= 0x80) {
      if (space && !key.empty()) key.push_back(' ');
      space = false;
      key.push_back(absl::ascii_tolower(c));
    } else {
      space = true;
    }
  }
  return key;
}

struct Candidate {
  std::string text;
  std::string key;
  int prior = 0;
};

}  // namespace

std::string SplitTitleSiteSuffix(const std::string& title, std::string* site) {
  for (absl::string_view sep :
       {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: "}) {
    const size_t pos = absl::string_view(title).rfind(sep);
    if (pos == absl::string_view::npos || pos == 0) continue;
    const absl::string_view right =
        absl::string_view(title).substr(pos + sep.size());
    if (WordCount(right) <= kMaxSiteWords &&
        WordCount(absl::string_view(title).substr(0, pos)) >=
            kMinStrippedWords) {
      *site = std::string(right);
      return title.substr(0, pos);
    }
  }
  return title;
}

std::string ChooseHtmlTitle(const HtmlMetadata& meta, std::string* site) {
  std::vector<Candidate> candidates;
  auto add = [&](absl::string_view raw, int prior) {
    Candidate c;
    c.text = CleanLine(raw);
    c.key = Key(c.text);
    const int words = WordCount(c.text);
    if (c.key.empty() || words > kMaxTitleWords || IsBreadcrumb(c.text)) {
      return;
    }
    c.prior = prior;
    candidates.push_back(std::move(c));
  };
  add(meta.ld_headline, kStructuredPrior);
  add(meta.dc_title, kStructuredPrior);
  add(meta.og_title, kSharingPrior);
  std::string tab_site;
  const std::string tab =
      SplitTitleSiteSuffix(CleanLine(meta.title), &tab_site);
  if (!IsBreadcrumb(tab)) *site = tab_site;
  add(tab, kTabTitlePrior);
  for (const std::string& h1 : meta.h1s) add(h1, kHeadingPrior);
  const Candidate* best = nullptr;
  int best_score = 0;
  for (const Candidate& c : candidates) {
    int score = c.prior;
    for (const Candidate& other : candidates) {
      if (&other == &c) continue;
      if (other.key == c.key || absl::StrContains(other.key, c.key) ||
          absl::StrContains(c.key, other.key)) {
        score += kAgreementBonus;
      }
      // Held in a longer candidate: the same headline without the
      // site's or section's words around it.
      if (other.key.size() > c.key.size() &&
          absl::StrContains(other.key, c.key) &&
          WordCount(c.text) >= kMinContainedWords) {
        score += kContainedBonus;
      }
    }
    if (best == nullptr || score > best_score) {
      best = &c;
      best_score = score;
    }
  }
  return best == nullptr ? std::string() : best->text;
}

std::string BylineName(absl::string_view byline) {
  byline = absl::StripAsciiWhitespace(byline);
  for (absl::string_view prefix : {"written by", "by", "von", "par"}) {
    if (byline.size() > prefix.size() &&
        absl::StartsWithIgnoreCase(byline, prefix) &&
        !absl::ascii_isalnum(
            static_cast<unsigned char>(byline[prefix.size()]))) {
      byline.remove_prefix(prefix.size());
      byline = absl::StripLeadingAsciiWhitespace(byline);
      absl::ConsumePrefix(&byline, ":");
      break;
    }
  }
  return std::string(absl::StripAsciiWhitespace(byline));
}

}  // namespace newsindex
