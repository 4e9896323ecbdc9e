#include "core/normalize/blocks.h"

#include <unicode/utf8.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "core/normalize/line_kinds.h"
#include "core/normalize/vocabulary.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

// Shape of hard-wrapped text and tables (see SplitTextIntoBlocks).
constexpr int kMinWrappedLines = 3;  // fewer lines: nothing to tell
constexpr int kMaxWrapWidth = 100;   // wider lines are not wrapped
constexpr int kMinWrapWidth = 40;
constexpr double kFilledShare = 0.7;    // of the width: a filled line
constexpr int kMinComparisonWords = 3;  // "X vs Y"
constexpr int kMinTableRows = 2;        // one aligned line is not a table
constexpr int kMaxRowStopwordShareInverse = 4;  // under 1/4 function words

struct Line {
  std::string text;         // collapsed
  int indent = 0;           // leading spaces and tabs
  int number = 0;           // 1-based
  int length = 0;           // code points
  bool table_row = false;   // aligned columns or a row of figures
  bool comparison = false;  // "Shr 53.51p vs 45.72p": a table by itself
};

// Column gaps: runs of two or more spaces (or a tab) inside a line, not
// after a sentence end (typists put two spaces there).
int ColumnGaps(absl::string_view raw) {
  int gaps = 0;
  size_t i = 0;
  while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) ++i;
  while (i < raw.size()) {
    if (raw[i] != ' ' && raw[i] != '\t') {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) ++i;
    const bool wide = i - start >= 2 || raw[start] == '\t';
    const char before = raw[start - 1];
    const bool sentence_gap =
        before == '.' || before == '!' || before == '?' || before == ':';
    if (wide && i < raw.size() && !sentence_gap) ++gaps;
  }
  return gaps;
}

enum class Row { kNone, kRow, kComparison };

// A row of a table: aligned columns ("Wheat   2.55   2.40"), or a line of
// figures that does not end a sentence: a third of its words figures
// ("Pay April 1"), or a comparison ("Shr 53.51p vs 45.72p", "Qtly div six
// cts vs six cts", a fixture "Chelsea v Birmingham"), which is a table of
// one row by itself. A wrapped line of prose has function words and few
// figures.
Row TableRowKind(absl::string_view raw, absl::string_view text) {
  if (text.empty() || StartsWithBullet(text)) return Row::kNone;
  const int gaps = ColumnGaps(raw);
  if (gaps >= 2) return Row::kRow;
  // Most lines are prose: settle them before looking at every word.
  if (gaps == 0 && EndsSentence(text)) return Row::kNone;
  const int tokens = 1 + std::count(text.begin(), text.end(), ' ');
  int figures = 0, stopwords = 0;
  bool versus = false;
  std::string lower;
  for (absl::string_view token : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    lower.assign(token.data(), token.size());
    absl::AsciiStrToLower(&lower);
    const bool digit = std::any_of(token.begin(), token.end(), [](char c) {
      return absl::ascii_isdigit(static_cast<unsigned char>(c));
    });
    figures += digit || IsSpelledFigure(lower);
    versus = versus || lower == "vs" || lower == "vs." || lower == "v";
    stopwords += IsStopword(lower);
    if (gaps == 0 && stopwords * kMaxRowStopwordShareInverse >= tokens) {
      return Row::kNone;  // prose: function words
    }
  }
  if (gaps >= 1 && figures >= 1) return Row::kRow;
  if (EndsSentence(text) || stopwords * kMaxRowStopwordShareInverse >= tokens) {
    return Row::kNone;
  }
  if (versus && tokens >= kMinComparisonWords) return Row::kComparison;
  return figures >= 1 && figures * 3 >= tokens ? Row::kRow : Row::kNone;
}

std::vector<Line> SplitLines(absl::string_view text) {
  std::vector<Line> lines;
  int number = 1;
  size_t start = 0;
  auto emit = [&](size_t end) {
    Line line;
    absl::string_view raw = text.substr(start, end - start);
    while (line.indent < static_cast<int>(raw.size()) &&
           (raw[line.indent] == ' ' || raw[line.indent] == '\t')) {
      ++line.indent;
    }
    line.text = NormalizeWhitespace(raw);
    line.number = number++;
    line.length = CodePointCount(line.text);
    Row row = TableRowKind(raw, line.text);
    if (row != Row::kNone && IsFurnitureRow(line.text)) row = Row::kNone;
    line.table_row = row != Row::kNone;
    line.comparison = row == Row::kComparison;
    lines.push_back(std::move(line));
  };
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
      emit(at);
      if (c == '\r' && i < n && text[i] == '\n') ++i;
      start = i;
    }
  }
  if (start < text.size()) emit(text.size());
  return lines;
}

// The wrap width: the second longest line of prose, so that one long
// line (a dateline put in front of the first) does not set it.
int WrapWidth(const std::vector<Line>& lines) {
  int longest = 0, second = 0;
  for (const Line& l : lines) {
    if (l.text.empty() || l.table_row) continue;
    if (l.length > longest) {
      second = longest;
      longest = l.length;
    } else {
      second = std::max(second, l.length);
    }
  }
  return second > 0 ? second : longest;
}

// Hard-wrapped: filled lines of a common width, often broken mid-sentence.
// Table rows are left out of the vote: they are never joined.
bool IsHardWrapped(const std::vector<Line>& lines, int* width) {
  *width = WrapWidth(lines);
  int prose = 0;
  for (const Line& l : lines) prose += !l.text.empty() && !l.table_row;
  if (prose < kMinWrappedLines || *width > kMaxWrapWidth ||
      *width < kMinWrapWidth) {
    return false;
  }
  int filled = 0, continued = 0, lower = 0, indented_starts = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.text.empty() || l.table_row) continue;
    // Wire copy indents the first line of a paragraph, not the others.
    indented_starts += i > 0 && l.indent > 0 && !lines[i - 1].text.empty() &&
                       !lines[i - 1].table_row && lines[i - 1].indent == 0;
    if (l.length >= kFilledShare * *width) ++filled;
    if (i + 1 < lines.size() && !lines[i + 1].text.empty() &&
        !lines[i + 1].table_row && !EndsSentence(l.text)) {
      ++continued;
      const unsigned char next = lines[i + 1].text[0];
      lower += absl::ascii_islower(next) || absl::ascii_isdigit(next);
    }
  }
  // Lists of headlines are filled too, but never continue in lower case.
  return filled * 2 >= prose && continued * 10 >= prose * 3 &&
         ((lower > 0 && lower * 4 >= continued) || indented_starts > 0);
}

// Appends a continuation line to a wrapped paragraph, mending a hyphen
// break ("reve-" + "nues").
void AppendContinuation(const Line& line, Block* block) {
  const char last = block->text.back();
  const bool hyphen = last == '-' && block->text.size() >= 2 &&
                      absl::ascii_isalpha(static_cast<unsigned char>(
                          block->text[block->text.size() - 2]));
  if (!hyphen) block->text.push_back(' ');
  block->text.append(line.text);
  block->lines.push_back(line.number);
}

}  // namespace

bool IsSpelledFigure(absl::string_view lower_word) {
  constexpr size_t kLongestFigureWord = 9;  // "september"
  if (lower_word.size() < 3 || lower_word.size() > kLongestFigureWord) {
    return false;
  }
  static constexpr absl::string_view kFigureWords[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december",
      "one",     "two",      "three",     "four",    "five",     "six",
      "seven",   "eight",    "nine",      "ten",     "eleven",   "twelve"};
  for (absl::string_view figure : kFigureWords) {
    if (lower_word == figure) return true;
  }
  return false;
}

bool StartsWithBullet(absl::string_view text) {
  for (absl::string_view bullet :
       {"- ", "* ", "\xE2\x80\xA2 ", "\xC2\xB7 ", "\xE2\x96\xAA ",
        "\xE2\x97\xA6 ", "\xE2\x80\xA3 ", "\xE2\x80\x93 "}) {
    if (absl::StartsWith(text, bullet)) return true;
  }
  return false;
}

std::vector<Block> SplitTextIntoBlocks(absl::string_view text) {
  std::vector<Line> lines = SplitLines(text);
  // Rows of a table are tables only in runs.
  for (size_t i = 0; i < lines.size();) {
    size_t end = i;
    while (end < lines.size() && lines[end].table_row) ++end;
    if (end - i < kMinTableRows) {
      for (size_t k = i; k < end; ++k) {
        lines[k].table_row = lines[k].comparison;
      }
    }
    i = end + 1;
  }
  int width = 0;
  const bool wrapped = IsHardWrapped(lines, &width);
  std::vector<Block> blocks;
  bool blank = false;
  bool open = false;  // the last block may take a continuation line
  const Line* previous = nullptr;
  for (const Line& line : lines) {
    if (line.text.empty()) {
      blank = true;
      open = false;
      continue;
    }
    const bool bullet = StartsWithBullet(line.text);
    if (line.table_row && open && previous->table_row) {
      Block& table = blocks.back();
      table.text.push_back('\n');
      table.text.append(line.text);
      table.lines.push_back(line.number);
    } else if (wrapped && open && !bullet && !line.table_row &&
               !previous->table_row && line.indent <= previous->indent &&
               previous->length >= kFilledShare * width) {
      AppendContinuation(line, &blocks.back());
    } else {
      Block block;
      block.text = line.text;
      block.lines.push_back(line.number);
      block.kind = line.table_row ? BlockKind::kTable
                   : bullet       ? BlockKind::kListItem
                                  : BlockKind::kText;
      block.blank_before = blank || blocks.empty();
      blocks.push_back(std::move(block));
    }
    open = true;
    blank = false;
    previous = &line;
  }
  return blocks;
}

}  // namespace newsindex
