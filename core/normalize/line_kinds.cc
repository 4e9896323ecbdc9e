#include "core/normalize/line_kinds.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/normalize/dates.h"
#include "core/normalize/vocabulary.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

// Name words of a byline: capitalized words, initials and particles.
bool IsNameList(absl::string_view names) {
  std::vector<absl::string_view> words =
      absl::StrSplit(names, absl::ByAnyChar(" ,"), absl::SkipEmpty());
  if (words.empty() || words.size() > 8) return false;
  int named = 0;
  for (absl::string_view w : words) {
    if (w == "and" || w == "&" || w == "de" || w == "van" || w == "von" ||
        w == "bin" || w == "al" || w == "la" || w == "der") {
      continue;
    }
    UChar32 c;
    int32_t i = 0;
    U8_NEXT(w.data(), i, static_cast<int32_t>(w.size()), c);
    if (c < 0 || !u_isupper(c)) return false;
    ++named;
  }
  return named >= 1;
}

}  // namespace

bool IsMenuLine(absl::string_view text) {
  if (text.size() > 300) return false;
  std::string s(text);
  for (absl::string_view sep : {" \xE2\x80\xBA ", " \xC2\xBB ", " > ", " / ",
                                " \xC2\xB7 ", " \xE2\x80\xA2 "}) {
    s = absl::StrReplaceAll(s, {{sep, " | "}});
  }
  std::vector<absl::string_view> items =
      absl::StrSplit(s, " | ", absl::SkipWhitespace());
  if (items.size() >= 3) {
    for (absl::string_view item : items) {
      if (CountWords(item).words > 4) return false;
    }
    return true;
  }
  static const auto* social = new absl::flat_hash_set<absl::string_view>{
      "share",     "facebook",  "twitter", "x",     "whatsapp", "linkedin",
      "email",     "telegram",  "reddit",  "print", "copy",     "link",
      "pinterest", "messenger", "mail",    "on",    "this",     "article"};
  const std::string key = BlockKey(text);
  std::vector<absl::string_view> words =
      absl::StrSplit(key, ' ', absl::SkipEmpty());
  if (words.size() < 3) return false;
  for (absl::string_view w : words) {
    if (!social->contains(w)) return false;
  }
  return true;
}

std::optional<std::string> ParseByline(absl::string_view text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  if (s.size() > 160) return std::nullopt;
  if (absl::ConsumePrefix(&s, "(")) absl::ConsumeSuffix(&s, ")");
  bool prefixed = false;
  for (absl::string_view prefix :
       {"By ", "BY ", "by ", "Written by ", "Reported by ", "Story by ",
        "Words by ", "Author: ", "Authors: ", "Reporting by ", "Writing by ",
        "Compiled by "}) {
    if (absl::ConsumePrefix(&s, prefix)) {
      prefixed = true;
      break;
    }
  }
  if (!prefixed) return std::nullopt;
  // The names end at a separator before an outlet, date or role.
  size_t end = s.size();
  for (absl::string_view sep :
       {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ",
        " \xE2\x80\xA2 ", ";", " in ", " for ", " on "}) {
    end = std::min(end, s.find(sep));
  }
  absl::string_view names = absl::StripAsciiWhitespace(s.substr(0, end));
  absl::ConsumeSuffix(&names, ",");
  if (!IsNameList(names)) return std::nullopt;
  // The first person: up to " and " or ",".
  size_t first_end = std::min(names.find(" and "), names.find(','));
  absl::string_view first = names.substr(0, first_end);
  first = absl::StripAsciiWhitespace(first);
  if (first.empty()) return std::nullopt;
  // "Our Sports Reporter", "Staff Correspondent", "Editorial Desk": a
  // byline that names a role, not a person (no author).
  const std::string key = BlockKey(first);
  std::vector<absl::string_view> words =
      absl::StrSplit(key, ' ', absl::SkipEmpty());
  for (absl::string_view w : words) {
    if (w == "our" || w == "staff" || w == "reporter" || w == "reporters" ||
        w == "correspondent" || w == "correspondents" || w == "desk" ||
        w == "bureau" || w == "newsroom" || w == "editor" || w == "editors") {
      return std::string();
    }
  }
  return std::string(first);
}

std::string CopyrightHolder(absl::string_view text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  if (s.size() > 200) return "";
  if (!absl::ConsumePrefix(&s, "\xC2\xA9") && !absl::ConsumePrefix(&s, "(c)") &&
      !absl::ConsumePrefix(&s, "(C)") &&
      !absl::ConsumePrefix(&s, "Copyright")) {
    return "";
  }
  absl::ConsumePrefix(&s, " \xC2\xA9");
  s = absl::StripLeadingAsciiWhitespace(s);
  // Years: "2026", "2020-2026".
  while (!s.empty() && (absl::ascii_isdigit(static_cast<unsigned char>(s[0])) ||
                        s[0] == '-' || s[0] == ',')) {
    s.remove_prefix(1);
  }
  s = absl::StripLeadingAsciiWhitespace(s);
  size_t end = s.find_first_of(".|;");
  for (absl::string_view sep :
       {"\xC2\xB7", "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\x94"}) {
    end = std::min(end, s.find(sep));
  }
  s = absl::StripAsciiWhitespace(s.substr(0, end));
  absl::ConsumeSuffix(&s, " All rights reserved");
  if (s.empty() || CountWords(s).words > 6) return "";
  return std::string(s);
}

bool IsDateLine(absl::string_view text, bool* published) {
  if (text.size() > 200) return false;
  const std::string key = BlockKey(text);
  if (key.size() > 120) return false;
  *published = false;
  for (absl::string_view prefix :
       {"first published", "published", "posted", "last updated",
        "last modified", "updated", "modified", "date"}) {
    if (key == prefix || absl::StartsWith(key, absl::StrCat(prefix, " "))) {
      *published = absl::StrContains(prefix, "published") ||
                   absl::StrContains(prefix, "posted") || prefix == "date";
      absl::string_view rest = absl::string_view(key).substr(prefix.size());
      absl::ConsumePrefix(&rest, " ");
      absl::ConsumePrefix(&rest, "on ");
      absl::ConsumePrefix(&rest, "at ");
      if (rest.empty() || rest == "on" || !FindDates(text).empty() ||
          rest == "today" || rest == "yesterday" || rest == "just now") {
        return true;
      }
      // "3 hours ago"
      std::vector<absl::string_view> words =
          absl::StrSplit(rest, ' ', absl::SkipEmpty());
      return words.size() == 3 && words[2] == "ago" &&
             absl::ascii_isdigit(static_cast<unsigned char>(words[0][0]));
    }
  }
  // A line that is only a date (and time): nothing but the date's words.
  std::vector<DateMatch> dates = FindDates(text);
  if (dates.size() != 1) return false;
  const std::string rest = absl::StrCat(text.substr(0, dates[0].begin), " ",
                                        text.substr(dates[0].end));
  const std::string rest_key = BlockKey(rest);
  int unknown = 0;
  for (absl::string_view w : absl::StrSplit(rest_key, ' ', absl::SkipEmpty())) {
    static const auto* allowed = new absl::flat_hash_set<absl::string_view>{
        "monday",   "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday",  "mon",       "tue",      "wed",
        "thu",      "fri",     "sat",       "sun",      "gmt",
        "utc",      "am",      "pm",        "at",       "on"};
    const bool digits = std::all_of(w.begin(), w.end(), [](char c) {
      return absl::ascii_isdigit(static_cast<unsigned char>(c));
    });
    if (allowed->contains(w) || (digits && w.size() <= 2)) continue;
    // A time zone abbreviation ("GST", "EAT").
    if (w.size() <= 4 && ++unknown <= 1) continue;
    return false;
  }
  *published = true;
  return true;
}

bool IsDomainLine(absl::string_view text, std::string* domain) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  if (s.empty() || s.size() > 100 || s.find(' ') != absl::string_view::npos) {
    return false;
  }
  absl::ConsumePrefix(&s, "https://") || absl::ConsumePrefix(&s, "http://");
  absl::ConsumePrefix(&s, "www.");
  absl::string_view host = s.substr(0, s.find('/'));
  std::vector<absl::string_view> labels = absl::StrSplit(host, '.');
  if (labels.size() < 2) return false;
  for (absl::string_view label : labels) {
    if (label.empty() || label.size() > 63) return false;
    for (char c : label) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return false;
      }
    }
  }
  absl::string_view tld = labels.back();
  if (tld.size() < 2 || tld.size() > 12) return false;
  for (char c : tld) {
    if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) return false;
  }
  *domain = absl::AsciiStrToLower(host);
  return true;
}

bool IsSectionLabel(absl::string_view text, std::string* rest) {
  static constexpr absl::string_view kLabels[] = {
      "introduction", "intro",         "overview",       "summary",
      "background",   "conclusion",    "story snapshot", "snapshot",
      "key points",   "key takeaways", "takeaways",      "highlights",
      "at a glance",  "in brief",      "what we know",   "the bottom line",
      "bottom line",  "context",       "analysis",       "explainer",
      "tl dr",        "in short",      "what happened"};
  absl::string_view s = absl::StripAsciiWhitespace(text);
  const size_t colon = s.find(':');
  absl::string_view label = s.substr(0, colon);
  if (label.size() > 40) return false;
  const std::string key = BlockKey(label);
  for (absl::string_view l : kLabels) {
    if (key == l) {
      rest->clear();
      if (colon != absl::string_view::npos) {
        *rest = std::string(absl::StripAsciiWhitespace(s.substr(colon + 1)));
      }
      return true;
    }
  }
  return false;
}

bool IsRelatedHeader(absl::string_view text) {
  if (text.size() > 60) return false;
  const std::string key = BlockKey(text);
  if (key == "read more") return true;
  const char* reason = FurnitureReason(text);
  // "Also read: <headline>" is one link, not a header over several.
  return reason != nullptr && absl::string_view(reason) == "related-links" &&
         CountWords(text).words <= 4 && !absl::StartsWith(key, "also read ") &&
         !absl::StartsWith(key, "read more ");
}

bool IsFurnitureRow(absl::string_view text) {
  const bool digits = std::any_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
  bool published = false;
  if (IsDateLine(text, &published)) {
    // A labeled date line ("Published: ...", "Last modified: ..."), or a
    // date with its time ("Feb 20, 2026 | 11:58 PM GST"); "Pay Aug 14,
    // 1987" and "Record April Two" in a dividend table are data.
    const std::string key = BlockKey(text);
    for (absl::string_view label :
         {"published", "posted", "updated", "last updated", "last modified",
          "modified", "first published"}) {
      if (absl::StartsWith(key, label)) return true;
    }
    for (const DateMatch& d : FindDates(text)) {
      if (d.year != 0 && d.has_time) return true;
    }
  }
  if (ParseByline(text).has_value()) return true;
  // Share buttons and reading time; "credit 40,000 dlrs" is a figure.
  if (const char* reason = FurnitureReason(text)) {
    const absl::string_view name = reason;
    if (!digits && (name == "navigation" || name == "related-links")) {
      return true;
    }
    if (name == "boilerplate" && CountWords(text).words <= 4) return true;
  }
  // A menu of share buttons; a menu of figures is a table row.
  return !digits && IsMenuLine(text);
}

}  // namespace newsindex
