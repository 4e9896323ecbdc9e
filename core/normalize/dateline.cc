#include "core/normalize/dateline.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newsindex {
namespace {

constexpr size_t kMaxDatelineBytes = 100;

// Letter statistics of a word.
struct Caps {
  int letters = 0;
  int upper = 0;
  bool first_upper = false;
};

Caps CapsOf(absl::string_view word) {
  Caps caps;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(word.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(word.data(), i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    if (caps.letters == 0) caps.first_upper = u_isupper(c);
    ++caps.letters;
    if (u_isupper(c)) ++caps.upper;
  }
  return caps;
}

// "KABUL", "NEW YORK", "ST. LOUIS", "RIO DE JANEIRO".
bool IsCapitalPlace(absl::string_view part) {
  std::vector<absl::string_view> words =
      absl::StrSplit(part, ' ', absl::SkipEmpty());
  if (words.empty() || words.size() > 5) return false;
  const Caps first = CapsOf(words[0]);
  if (first.letters < 2 || first.upper != first.letters) return false;
  for (absl::string_view w : words) {
    const Caps caps = CapsOf(w);
    if (caps.letters == 0 || caps.upper != caps.letters) return false;
  }
  return true;
}

// "Afghanistan", "N.Y.", "United Kingdom", "Calif."
bool IsRegion(absl::string_view part) {
  std::vector<absl::string_view> words =
      absl::StrSplit(part, ' ', absl::SkipEmpty());
  if (words.empty() || words.size() > 4) return false;
  for (absl::string_view w : words) {
    const Caps caps = CapsOf(w);
    if (caps.letters == 0) return false;
    if (!caps.first_upper && w != "of" && w != "de" && w != "la") {
      return false;
    }
  }
  return true;
}

bool IsDash(absl::string_view s) {
  return s == "-" || s == "\xE2\x80\x93" || s == "\xE2\x80\x94" || s == "--" ||
         s == ":";
}

}  // namespace

std::optional<Dateline> ParseDateline(absl::string_view paragraph) {
  absl::string_view head = paragraph.substr(0, kMaxDatelineBytes);
  // The separator: the first " <dash> " in the head.
  size_t sep_begin = absl::string_view::npos, sep_end = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] != ' ') continue;
    size_t j = head.find(' ', i + 1);
    if (j == absl::string_view::npos) break;
    if (IsDash(head.substr(i + 1, j - i - 1))) {
      sep_begin = i;
      sep_end = j + 1;
      break;
    }
  }
  if (sep_begin == absl::string_view::npos) return std::nullopt;
  absl::string_view prefix = head.substr(0, sep_begin);
  // A trailing colon glued to the prefix ("KABUL:") is handled by the dash
  // rule only when spaced; keep datelines strict.
  Dateline dateline;
  if (absl::EndsWith(prefix, ")")) {
    const size_t open = prefix.rfind('(');
    if (open == absl::string_view::npos) return std::nullopt;
    absl::string_view source =
        prefix.substr(open + 1, prefix.size() - open - 2);
    source = absl::StripAsciiWhitespace(source);
    if (source.empty() || source.size() > 40) return std::nullopt;
    dateline.source = std::string(source);
    prefix = absl::StripTrailingAsciiWhitespace(prefix.substr(0, open));
  }
  // A date that closes the prefix may hold a comma itself ("July 16, 2026").
  const std::vector<DateMatch> trailing = FindDates(prefix);
  if (!trailing.empty() && trailing.back().end == prefix.size()) {
    absl::string_view before = absl::StripTrailingAsciiWhitespace(
        prefix.substr(0, trailing.back().begin));
    if (absl::ConsumeSuffix(&before, ",")) {
      DateMatch date = trailing.back();
      const size_t offset = prefix.data() - paragraph.data();
      date.begin += offset;
      date.end += offset;
      dateline.date = date;
      prefix = absl::StripTrailingAsciiWhitespace(before);
    }
  }
  std::vector<absl::string_view> parts = absl::StrSplit(prefix, ',');
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  if (!IsCapitalPlace(absl::StripAsciiWhitespace(parts[0]))) {
    return std::nullopt;
  }
  std::vector<absl::string_view> place = {absl::StripAsciiWhitespace(parts[0])};
  for (size_t i = 1; i < parts.size(); ++i) {
    absl::string_view part = absl::StripAsciiWhitespace(parts[i]);
    std::vector<DateMatch> dates = FindDates(part);
    if (dates.size() == 1 && dates[0].begin == 0 &&
        dates[0].end == part.size()) {
      DateMatch date = dates[0];
      const size_t offset = part.data() - paragraph.data();
      date.begin += offset;
      date.end += offset;
      dateline.date = date;
    } else if (IsRegion(part) && !dateline.date.has_value()) {
      place.push_back(part);
    } else {
      return std::nullopt;
    }
  }
  dateline.place = absl::StrJoin(place, ", ");
  dateline.length = sep_end;
  return dateline;
}

}  // namespace newsindex
