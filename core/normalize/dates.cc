#include "core/normalize/dates.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/time/civil_time.h"

namespace newsindex {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) {
  return absl::ascii_isalpha(static_cast<unsigned char>(c));
}
bool IsAlnum(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c));
}

// A cursor over the searched text; every reader advances only on success.
class Scanner {
 public:
  explicit Scanner(absl::string_view text) : text_(text) {}

  size_t pos() const { return pos_; }
  void set_pos(size_t pos) { pos_ = pos; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  // Reads `min`..`max` digits not followed by another digit.
  bool Number(int min, int max, int* value) {
    size_t p = pos_;
    int v = 0;
    while (p < text_.size() && IsDigit(text_[p]) && p - pos_ < size_t(max)) {
      v = v * 10 + (text_[p] - '0');
      ++p;
    }
    const size_t len = p - pos_;
    if (len < size_t(min) || (p < text_.size() && IsDigit(text_[p]))) {
      return false;
    }
    *value = v;
    pos_ = p;
    return true;
  }

  bool Char(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  // One or more spaces.
  bool Spaces() {
    size_t p = pos_;
    while (p < text_.size() && text_[p] == ' ') ++p;
    if (p == pos_) return false;
    pos_ = p;
    return true;
  }

  // A word of ASCII letters, at most `max` long, not followed by a letter.
  bool Word(size_t max, absl::string_view* word) {
    size_t p = pos_;
    while (p < text_.size() && IsAlpha(text_[p])) ++p;
    if (p == pos_ || p - pos_ > max) return false;
    *word = text_.substr(pos_, p - pos_);
    pos_ = p;
    return true;
  }

  // The word `w` (case-insensitive) not followed by a letter.
  bool Keyword(absl::string_view w) {
    size_t saved = pos_;
    absl::string_view word;
    if (Word(w.size(), &word) && absl::EqualsIgnoreCase(word, w)) return true;
    pos_ = saved;
    return false;
  }

 private:
  absl::string_view text_;
  size_t pos_ = 0;
};

// Month number of an English month name or abbreviation written
// "May", "MAY" or "Sept."; 0 otherwise.
int MonthNumber(Scanner* s) {
  static constexpr const char* kNames[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const size_t saved = s->pos();
  absl::string_view word;
  if (!s->Word(9, &word) || word.size() < 3 ||
      !absl::ascii_isupper(static_cast<unsigned char>(word[0]))) {
    s->set_pos(saved);
    return 0;
  }
  bool lower_rest = true, upper_rest = true;
  for (char c : word.substr(1)) {
    lower_rest &= absl::ascii_islower(static_cast<unsigned char>(c));
    upper_rest &= absl::ascii_isupper(static_cast<unsigned char>(c));
  }
  if (!lower_rest && !upper_rest) {
    s->set_pos(saved);
    return 0;
  }
  const std::string lower = absl::AsciiStrToLower(word);
  for (int m = 0; m < 12; ++m) {
    absl::string_view name = kNames[m];
    const bool full = lower == name;
    const bool abbreviation = lower.size() <= 4 &&
                              absl::StartsWith(name, lower) &&
                              (lower.size() == 3 || lower == "sept");
    if (full || abbreviation) {
      if (abbreviation && !full) s->Char('.');
      return m + 1;
    }
  }
  s->set_pos(saved);
  return 0;
}

// "st", "nd", "rd", "th" after a day number.
void OrdinalSuffix(Scanner* s) {
  for (absl::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (s->Keyword(suffix)) return;
  }
}

bool Year(Scanner* s, int* year) {
  const size_t saved = s->pos();
  if (s->Number(4, 4, year) && *year >= 1900 && *year <= 2199 &&
      s->Peek() != ':') {
    return true;
  }
  s->set_pos(saved);
  return false;
}

// Optional time zone after a time: Z, +hh:mm, +hhmm, GMT, UTC, US zones.
void Zone(Scanner* s, DateMatch* d) {
  size_t saved = s->pos();
  if (s->Char('Z')) {
    d->has_offset = true;
    d->offset_minutes = 0;
    return;
  }
  s->Spaces();
  const char sign = s->Peek();
  if (sign == '+' || sign == '-') {
    s->Char(sign);
    int hh = 0, mm = 0;
    if (s->Number(4, 4, &hh)) {
      mm = hh % 100;
      hh /= 100;
    } else if (s->Number(2, 2, &hh)) {
      if (s->Char(':') && !s->Number(2, 2, &mm)) {
        s->set_pos(saved);
        return;
      }
    } else {
      s->set_pos(saved);
      return;
    }
    d->has_offset = true;
    d->offset_minutes = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
    return;
  }
  struct Named {
    const char* name;
    int minutes;
  };
  static constexpr Named kZones[] = {
      {"GMT", 0},       {"UTC", 0},       {"UT", 0},        {"EST", -5 * 60},
      {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60}, {"MST", -7 * 60},
      {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60}};
  for (const Named& zone : kZones) {
    if (s->Keyword(zone.name)) {
      d->has_offset = true;
      d->offset_minutes = zone.minutes;
      return;
    }
  }
  s->set_pos(saved);
}

// Optional time of day: [T| |, |at ]hh:mm[:ss[.fff]][ am|pm][zone].
void TimeOfDay(Scanner* s, DateMatch* d) {
  const size_t saved = s->pos();
  if (!s->Char('T')) {
    s->Char(',');
    s->Spaces();
    if (s->Keyword("at")) s->Spaces();
  }
  int hh = 0, mm = 0, ss = 0;
  if (!s->Number(1, 2, &hh) || !s->Char(':') || !s->Number(2, 2, &mm)) {
    s->set_pos(saved);
    return;
  }
  const size_t after_minutes = s->pos();
  if (!(s->Char(':') && s->Number(2, 2, &ss))) {
    s->set_pos(after_minutes);
    ss = 0;
  }
  if (s->Char('.')) {
    int fraction = 0;
    s->Number(1, 9, &fraction);
  }
  const size_t before_ampm = s->pos();
  s->Spaces();
  if (s->Keyword("pm") || s->Keyword("p")) {
    if (hh < 12) hh += 12;
    s->Char('.');
  } else if (s->Keyword("am") || s->Keyword("a")) {
    if (hh == 12) hh = 0;
    s->Char('.');
  } else {
    s->set_pos(before_ampm);
  }
  if (hh > 23 || mm > 59 || ss > 60) {
    s->set_pos(saved);
    return;
  }
  d->has_time = true;
  d->hour = hh;
  d->minute = mm;
  d->second = ss == 60 ? 59 : ss;
  Zone(s, d);
}

// 2026-05-29[time]
bool IsoDate(Scanner* s, DateMatch* d) {
  const size_t saved = s->pos();
  if (Year(s, &d->year) && s->Char('-') && s->Number(2, 2, &d->month) &&
      s->Char('-') && s->Number(2, 2, &d->day)) {
    TimeOfDay(s, d);
    return true;
  }
  s->set_pos(saved);
  return false;
}

// May 29[th][,] [2026][time]
bool MonthFirst(Scanner* s, DateMatch* d) {
  const size_t saved = s->pos();
  d->month = MonthNumber(s);
  if (d->month == 0 || !s->Spaces() || !s->Number(1, 2, &d->day) ||
      s->Peek() == ':') {
    s->set_pos(saved);
    d->month = 0;
    return false;
  }
  OrdinalSuffix(s);
  if (IsAlnum(s->Peek())) {
    s->set_pos(saved);
    return false;
  }
  const size_t after_day = s->pos();
  s->Char(',');
  if (!(s->Spaces() && Year(s, &d->year))) {
    s->set_pos(after_day);
    d->year = 0;
  }
  TimeOfDay(s, d);
  return true;
}

// 29[th] [of] May[,] [2026][time]
bool DayFirst(Scanner* s, DateMatch* d) {
  const size_t saved = s->pos();
  if (!s->Number(1, 2, &d->day)) return false;
  OrdinalSuffix(s);
  if (!s->Spaces()) {
    s->set_pos(saved);
    return false;
  }
  const size_t before_of = s->pos();
  if (!(s->Keyword("of") && s->Spaces())) s->set_pos(before_of);
  d->month = MonthNumber(s);
  if (d->month == 0) {
    s->set_pos(saved);
    return false;
  }
  const size_t after_month = s->pos();
  s->Char(',');
  if (!(s->Spaces() && Year(s, &d->year))) {
    s->set_pos(after_month);
    d->year = 0;
  }
  TimeOfDay(s, d);
  return true;
}

}  // namespace

std::vector<DateMatch> FindDates(absl::string_view text) {
  std::vector<DateMatch> found;
  Scanner s(text);
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool word_start = i == 0 || !IsAlnum(text[i - 1]);
    if (!word_start ||
        !(IsDigit(c) || absl::ascii_isupper(static_cast<unsigned char>(c)))) {
      ++i;
      continue;
    }
    DateMatch d;
    s.set_pos(i);
    bool ok = false;
    if (IsDigit(c)) {
      ok = IsoDate(&s, &d);
      if (!ok) {
        d = DateMatch();
        ok = DayFirst(&s, &d);
      }
    } else {
      ok = MonthFirst(&s, &d);
    }
    if (ok && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31) {
      d.begin = i;
      d.end = s.pos();
      found.push_back(d);
      i = s.pos();
    } else {
      // Skip the rest of this word: no date starts inside it.
      ++i;
      while (i < text.size() && IsAlnum(text[i])) ++i;
    }
  }
  return found;
}

std::optional<absl::Time> ResolveDate(const DateMatch& date,
                                      absl::Time reference) {
  const absl::TimeZone zone =
      date.has_offset ? absl::FixedTimeZone(date.offset_minutes * 60)
                      : absl::UTCTimeZone();
  auto at_year = [&](int year) -> std::optional<absl::Time> {
    const absl::CivilDay day(year, date.month, date.day);
    if (day.year() != year || day.month() != date.month ||
        day.day() != date.day) {
      return std::nullopt;  // Feb 30 and the like
    }
    const absl::CivilSecond second(year, date.month, date.day, date.hour,
                                   date.minute, date.second);
    return absl::FromCivil(second, zone);
  };
  if (date.year != 0) return at_year(date.year);
  if (reference == absl::InfiniteFuture() ||
      reference == absl::InfinitePast()) {
    return std::nullopt;
  }
  const int ref_year =
      static_cast<int>(absl::ToCivilDay(reference, absl::UTCTimeZone()).year());
  const absl::Time latest = reference + absl::Hours(24);
  for (int year = ref_year + 1; year >= ref_year - 2; --year) {
    std::optional<absl::Time> t = at_year(year);
    if (!t.has_value() || *t > latest) continue;
    if (reference - *t > absl::Hours(24) * kMaxYearlessAgeDays) {
      return std::nullopt;
    }
    return t;
  }
  return std::nullopt;
}

std::optional<absl::Time> ParseDateTime(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty() || value.size() > 200) return std::nullopt;
  const std::string s(value);
  for (const char* format :
       {"%Y-%m-%d%ET%H:%M:%E*S%Ez", "%Y-%m-%d%ET%H:%M%Ez",
        "%Y-%m-%d%ET%H:%M:%E*S", "%Y-%m-%d%ET%H:%M", "%Y-%m-%d"}) {
    absl::Time t;
    std::string error;
    if (absl::ParseTime(format, s, &t, &error)) return t;
  }
  for (const DateMatch& d : FindDates(value)) {
    if (d.year != 0) return ResolveDate(d, absl::InfiniteFuture());
  }
  return std::nullopt;
}

}  // namespace newsindex
