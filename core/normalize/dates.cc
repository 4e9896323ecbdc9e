#include "core/normalize/dates.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"

namespace newsindex {
namespace {

constexpr ZoneAbbreviation kZoneTable[] = {
    {"GMT", 0, "Greenwich Mean Time"},
    {"UTC", 0, "Coordinated Universal Time"},
    {"UT", 0, "Universal Time"},
    {"WET", 0, "Western European Time"},
    {"WEST", 60, "Western European Summer Time"},
    {"BST", 60, "British Summer Time"},
    {"CET", 60, "Central European Time"},
    {"CEST", 120, "Central European Summer Time"},
    {"WAT", 60, "West Africa Time"},
    {"CAT", 120, "Central Africa Time"},
    {"SAST", 120, "South Africa Standard Time"},
    {"EET", 120, "Eastern European Time"},
    {"EEST", 180, "Eastern European Summer Time"},
    {"EAT", 180, "East Africa Time"},
    {"MSK", 180, "Moscow Time"},
    {"TRT", 180, "Turkey Time"},
    {"IRST", 210, "Iran Standard Time"},
    {"GST", 240, "Gulf Standard Time"},
    {"AFT", 270, "Afghanistan Time"},
    {"PKT", 300, "Pakistan Standard Time"},
    {"UZT", 300, "Uzbekistan Time"},
    {"IST", 330, "India Standard Time"},
    {"NPT", 345, "Nepal Time"},
    {"ICT", 420, "Indochina Time"},
    {"WIB", 420, "Western Indonesia Time"},
    {"HKT", 480, "Hong Kong Time"},
    {"SGT", 480, "Singapore Time"},
    {"PHT", 480, "Philippine Time"},
    {"AWST", 480, "Australian Western Standard Time"},
    {"JST", 540, "Japan Standard Time"},
    {"KST", 540, "Korea Standard Time"},
    {"AEST", 600, "Australian Eastern Standard Time"},
    {"AEDT", 660, "Australian Eastern Daylight Time"},
    {"NZST", 720, "New Zealand Standard Time"},
    {"NZDT", 780, "New Zealand Daylight Time"},
    {"EST", -300, "US Eastern Standard Time"},
    {"EDT", -240, "US Eastern Daylight Time"},
    {"CST", -360, "US Central Standard Time"},
    {"CDT", -300, "US Central Daylight Time"},
    {"MST", -420, "US Mountain Standard Time"},
    {"MDT", -360, "US Mountain Daylight Time"},
    {"PST", -480, "US Pacific Standard Time"},
    {"PDT", -420, "US Pacific Daylight Time"},
    {"AKST", -540, "Alaska Standard Time"},
    {"HST", -600, "Hawaii Standard Time"},
};

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

  bool Literal(absl::string_view w) {
    if (!absl::StartsWith(text_.substr(pos_), w)) return false;
    pos_ += w.size();
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

// "+03:00", "+0300", "+3", "-05": a signed offset from UTC.
bool SignedOffset(Scanner* s, int* minutes) {
  const size_t saved = s->pos();
  const char sign = s->Peek();
  if (sign != '+' && sign != '-') return false;
  s->Char(sign);
  int hh = 0, mm = 0;
  if (s->Number(4, 4, &hh)) {
    mm = hh % 100;
    hh /= 100;
  } else if (s->Number(1, 2, &hh)) {
    const size_t after_hours = s->pos();
    if (s->Char(':') && !s->Number(2, 2, &mm)) s->set_pos(after_hours);
  } else {
    s->set_pos(saved);
    return false;
  }
  if (hh > 14 || mm > 59) {
    s->set_pos(saved);
    return false;
  }
  *minutes = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
  return true;
}

// Optional time zone after a time: Z, +hh:mm, +hhmm, a name from
// ZoneAbbreviations(), "GMT+3", "UTC+05:30".
void Zone(Scanner* s, DateMatch* d) {
  size_t saved = s->pos();
  if (s->Char('Z')) {
    d->has_offset = true;
    d->offset_minutes = 0;
    return;
  }
  s->Spaces();
  int minutes = 0;
  if (SignedOffset(s, &minutes)) {
    d->has_offset = true;
    d->offset_minutes = minutes;
    return;
  }
  const size_t before_name = s->pos();
  absl::string_view word;
  if (s->Word(5, &word)) {
    for (const ZoneAbbreviation& zone : ZoneAbbreviations()) {
      if (word != zone.name) continue;  // upper case only: "eat" is a verb
      d->has_offset = true;
      d->offset_minutes = zone.offset_minutes;
      if ((word == "GMT" || word == "UTC") && SignedOffset(s, &minutes)) {
        d->offset_minutes = minutes;
      }
      return;
    }
  }
  s->set_pos(before_name);
  s->set_pos(saved);
}

// The separator between a date and its time: "T", ",", " ", " at ",
// " | ", " - ", " – ", " · ", " • ".
void TimeSeparator(Scanner* s) {
  if (s->Char('T')) return;
  s->Char(',');
  s->Spaces();
  if (s->Keyword("at")) {
    s->Spaces();
    return;
  }
  const size_t saved = s->pos();
  for (absl::string_view sep :
       {"|", "-", "\xE2\x80\x93", "\xC2\xB7", "\xE2\x80\xA2"}) {
    if (s->Literal(sep)) {
      if (s->Spaces()) return;
      break;
    }
  }
  s->set_pos(saved);
}

// Optional time of day: [T| |, |at ]hh:mm[:ss[.fff]][ am|pm][zone].
void TimeOfDay(Scanner* s, DateMatch* d) {
  const size_t saved = s->pos();
  TimeSeparator(s);
  int hh = 0, mm = 0, ss = 0;
  if (!s->Number(1, 2, &hh)) {
    s->set_pos(saved);
    return;
  }
  // "08.15" is a time only with am/pm or a zone after it (British style).
  const bool dotted = s->Peek() == '.';
  if (!(s->Char(':') || s->Char('.')) || !s->Number(2, 2, &mm)) {
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
  const bool had_ampm = s->pos() != before_ampm;
  if (hh > 23 || mm > 59 || ss > 60) {
    s->set_pos(saved);
    return;
  }
  DateMatch timed = *d;
  timed.has_time = true;
  timed.hour = hh;
  timed.minute = mm;
  timed.second = ss == 60 ? 59 : ss;
  Zone(s, &timed);
  if (dotted && !had_ampm && !timed.has_offset) {
    s->set_pos(saved);
    return;
  }
  *d = timed;
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

absl::Span<const ZoneAbbreviation> ZoneAbbreviations() { return kZoneTable; }

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

std::optional<absl::Time> ResolveStatedDate(const DateMatch& date) {
  if (date.year == 0) return std::nullopt;
  return ResolveDate(date, absl::InfiniteFuture());
}

namespace {

// Position of the last of `labels` in `text`, npos when none occurs.
size_t LastLabel(absl::string_view text,
                 absl::Span<const absl::string_view> labels) {
  size_t last = absl::string_view::npos;
  for (absl::string_view label : labels) {
    const size_t p = text.rfind(label);
    if (p != absl::string_view::npos &&
        (last == absl::string_view::npos || p > last)) {
      last = p;
    }
  }
  return last;
}

}  // namespace

StatedDates ReadDateLine(absl::string_view line) {
  static constexpr absl::string_view kPublished[] = {"published", "posted",
                                                     "created", "issued"};
  static constexpr absl::string_view kUpdated[] = {"updated", "modified",
                                                   "edited", "revised"};
  StatedDates stated;
  size_t from = 0;
  for (const DateMatch& d : FindDates(line)) {
    // The last label word between the previous date and this one.
    const std::string before =
        absl::AsciiStrToLower(line.substr(from, d.begin - from));
    const size_t published_at = LastLabel(before, kPublished);
    const size_t updated_at = LastLabel(before, kUpdated);
    const bool update =
        updated_at != std::string::npos &&
        (published_at == std::string::npos || updated_at > published_at);
    std::optional<DateMatch>& slot = update ? stated.updated : stated.published;
    if (!slot.has_value()) slot = d;
    from = d.end;
  }
  return stated;
}

std::optional<absl::Time> DateFromUrl(absl::string_view url) {
  // Only the path: a host or query holds no publication date.
  size_t start = url.find("://");
  start = start == absl::string_view::npos ? 0 : start + 3;
  const size_t slash = url.find('/', start);
  if (slash == absl::string_view::npos) return std::nullopt;
  absl::string_view path = url.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  const std::vector<absl::string_view> parts =
      absl::StrSplit(path, absl::ByAnyChar("/-_."));
  auto number = [](absl::string_view s, size_t len, int* out) {
    if (s.size() != len) return false;
    int v = 0;
    for (char c : s) {
      if (!IsDigit(c)) return false;
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  };
  for (size_t i = 0; i < parts.size(); ++i) {
    DateMatch d;
    int ymd = 0;
    if (number(parts[i], 8, &ymd)) {
      d.year = ymd / 10000;
      d.month = ymd / 100 % 100;
      d.day = ymd % 100;
    } else if (!(i + 2 < parts.size() && number(parts[i], 4, &d.year) &&
                 (number(parts[i + 1], 2, &d.month) ||
                  number(parts[i + 1], 1, &d.month)) &&
                 (number(parts[i + 2], 2, &d.day) ||
                  number(parts[i + 2], 1, &d.day)))) {
      continue;
    }
    if (d.year < 1990 || d.year > 2199 || d.month < 1 || d.month > 12 ||
        d.day < 1 || d.day > 31) {
      continue;
    }
    if (std::optional<absl::Time> t = ResolveStatedDate(d)) return t;
  }
  return std::nullopt;
}

}  // namespace newsindex
