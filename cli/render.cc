#include "cli/render.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace newsindex::cli {
namespace {

constexpr char kReset[] = "\033[0m";
constexpr char kBold[] = "\033[1m";
constexpr char kDim[] = "\033[2m";
constexpr char kHighlight[] = "\033[1;33m";
constexpr char kEllipsis[] = "\u2026";
constexpr char kReplacement[] = "\uFFFD";

// Decodes the code point at `*i` of `text` and advances past it; a negative
// value for an invalid byte (then `*i` advances by at least one byte).
UChar32 NextCodePoint(absl::string_view text, int32_t* i) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  UChar32 c = 0;
  U8_NEXT(bytes, *i, length, c);
  return c;
}

// Length in bytes of the ANSI CSI sequence at `pos` ("\033[" parameters and
// a final byte in 0x40..0x7E), or 0 when there is none.
size_t EscapeLength(absl::string_view text, size_t pos) {
  if (pos + 1 >= text.size() || text[pos] != '\033' || text[pos + 1] != '[') {
    return 0;
  }
  for (size_t end = pos + 2; end < text.size(); ++end) {
    const auto byte = static_cast<unsigned char>(text[end]);
    if (byte >= 0x40 && byte <= 0x7E) return end + 1 - pos;
  }
  return text.size() - pos;
}

int CodePointWidth(UChar32 c) {
  if (c < 0) return 1;
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:
    case U_CONTROL_CHAR:
      return 0;
    default:
      break;
  }
  const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

std::string Wrap(absl::string_view text, const char* style, bool color) {
  if (!color || text.empty()) return std::string(text);
  return absl::StrCat(style, text, kReset);
}

std::string Pad(int columns) {
  return std::string(static_cast<size_t>(std::max(columns, 0)), ' ');
}

}  // namespace

bool UseColor(bool stdout_is_tty, const char* no_color) {
  return stdout_is_tty && (no_color == nullptr || *no_color == '\0');
}

int DisplayWidth(absl::string_view text) {
  int width = 0;
  int32_t i = 0;
  while (i < static_cast<int32_t>(text.size())) {
    if (const size_t escape = EscapeLength(text, i); escape > 0) {
      i += static_cast<int32_t>(escape);
      continue;
    }
    width += CodePointWidth(NextCodePoint(text, &i));
  }
  return width;
}

std::string TruncateToWidth(absl::string_view text, int max_width) {
  if (DisplayWidth(text) <= max_width) return std::string(text);
  if (max_width <= 0) return "";
  const int budget = max_width - 1;  // one column for the ellipsis
  int width = 0;
  int32_t i = 0;
  while (i < static_cast<int32_t>(text.size())) {
    int32_t next = i;
    const int w = CodePointWidth(NextCodePoint(text, &next));
    if (width + w > budget) break;
    width += w;
    i = next;
  }
  return absl::StrCat(text.substr(0, i), kEllipsis);
}

std::string Printable(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  int32_t i = 0;
  while (i < static_cast<int32_t>(text.size())) {
    const int32_t start = i;
    const UChar32 c = NextCodePoint(text, &i);
    if (c < 0) {
      out += kReplacement;
    } else if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
               c == 0x85 || c == 0x2028 || c == 0x2029) {
      out += ' ';
    } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      out += kReplacement;
    } else {
      out.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

std::string PrintableLines(absl::string_view text) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::ConsumeSuffix(&line, "\r");
    lines.push_back(Printable(line));
  }
  return absl::StrJoin(lines, "\n");
}

std::string Bold(absl::string_view text, bool color) {
  return Wrap(text, kBold, color);
}

std::string Dim(absl::string_view text, bool color) {
  return Wrap(text, kDim, color);
}

std::string RenderSnippet(absl::string_view snippet, bool color,
                          absl::string_view pre_tag,
                          absl::string_view post_tag) {
  const std::string printable = Printable(snippet);
  absl::string_view rest = absl::StripAsciiWhitespace(printable);
  const std::string open = color ? kHighlight : "[";
  const std::string close = color ? kReset : "]";
  std::string out;
  bool inside = false;
  bool last_space = false;
  while (!rest.empty()) {
    if (!pre_tag.empty() && absl::ConsumePrefix(&rest, pre_tag)) {
      if (!inside) out += open;
      inside = true;
      continue;
    }
    if (!post_tag.empty() && absl::ConsumePrefix(&rest, post_tag)) {
      if (inside) out += close;
      inside = false;
      continue;
    }
    const char c = rest.front();
    rest.remove_prefix(1);
    if (c == ' ') {
      if (!last_space) out += ' ';
      last_space = true;
      continue;
    }
    last_space = false;
    out += c;
  }
  if (inside) out += close;
  return out;
}

std::string RenderTable(const Table& table, bool color) {
  size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  if (columns == 0) return "";

  const auto cell_text = [&](const std::vector<std::string>& row,
                             size_t column) -> std::string {
    if (column >= row.size()) return "";
    const bool bounded = table.max_cell_width > 0 &&
                         !(table.last_unbounded && column + 1 == columns);
    return bounded ? TruncateToWidth(row[column], table.max_cell_width)
                   : row[column];
  };
  const auto align = [&](size_t column) {
    return column < table.align.size() ? table.align[column] : Align::kLeft;
  };

  std::vector<std::vector<std::string>> cells;
  if (!table.header.empty()) cells.push_back(table.header);
  for (const auto& row : table.rows) cells.push_back(row);
  std::vector<std::vector<std::string>> texts(cells.size());
  std::vector<int> widths(columns, 0);
  for (size_t r = 0; r < cells.size(); ++r) {
    for (size_t c = 0; c < columns; ++c) {
      texts[r].push_back(cell_text(cells[r], c));
      widths[c] = std::max(widths[c], DisplayWidth(texts[r][c]));
    }
  }

  std::string out;
  for (size_t r = 0; r < texts.size(); ++r) {
    const bool is_header = r == 0 && !table.header.empty();
    std::string line;
    for (size_t c = 0; c < columns; ++c) {
      const std::string& text = texts[r][c];
      const int padding = widths[c] - DisplayWidth(text);
      const std::string shown = is_header ? Bold(text, color) : text;
      if (c > 0) line += "  ";
      if (align(c) == Align::kRight) {
        absl::StrAppend(&line, Pad(padding), shown);
      } else {
        absl::StrAppend(&line, shown, Pad(padding));
      }
    }
    absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(line), "\n");
  }
  return out;
}

std::string Bar(int64_t count, int64_t max_count, int width) {
  if (count <= 0 || max_count <= 0 || width <= 0) return "";
  const double scaled = static_cast<double>(std::min(count, max_count)) *
                        width / static_cast<double>(max_count);
  const int blocks =
      std::clamp(static_cast<int>(std::lround(scaled)), 1, width);
  std::string out;
  for (int i = 0; i < blocks; ++i) out += "\u2588";
  return out;
}

std::string RenderHistogram(const std::vector<HistogramRow>& rows,
                            absl::string_view label_title, int line_width,
                            bool color) {
  constexpr char kCountTitle[] = "ARTICLES";
  int label_width = DisplayWidth(label_title);
  int count_width = DisplayWidth(kCountTitle);
  int64_t max_count = 0;
  Table table;
  table.header = {std::string(label_title), kCountTitle, ""};
  table.align = {Align::kLeft, Align::kRight, Align::kLeft};
  for (const HistogramRow& row : rows) {
    table.rows.push_back({Printable(row.label), absl::StrCat(row.count)});
    label_width = std::max(label_width, DisplayWidth(table.rows.back()[0]));
    count_width = std::max(count_width, DisplayWidth(table.rows.back()[1]));
    max_count = std::max(max_count, row.count);
  }
  const int bar_width =
      line_width > 0 ? std::max(10, line_width - label_width - count_width - 4)
                     : 40;
  for (size_t i = 0; i < rows.size(); ++i) {
    table.rows[i].push_back(Bar(rows[i].count, max_count, bar_width));
  }
  return RenderTable(table, color);
}

std::string FormatTime(const google::protobuf::Timestamp& time) {
  if (time.seconds() == 0 && time.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M",
                          absl::FromUnixSeconds(time.seconds()),
                          absl::UTCTimeZone());
}

std::string FormatPublished(const v1::Article& article) {
  const std::string time = FormatTime(article.published_at());
  if (time.empty() ||
      article.published_at_source() == v1::DATE_SOURCE_UNSPECIFIED) {
    return time;
  }
  return absl::StrCat(time, " (",
                      v1::DateSource_Name(article.published_at_source()), ")");
}

std::string EntityTypeName(v1::EntityType type) {
  switch (type) {
    case v1::PERSON:
      return "person";
    case v1::ORGANIZATION:
      return "organization";
    case v1::LOCATION:
      return "location";
    case v1::OTHER:
      return "other";
    default:
      return "";
  }
}

std::string FormatDecimal(double value) {
  std::string out = absl::StrFormat("%.2f", value);
  if (out == "-0.00") out = "0.00";
  return out;
}

std::string RenderQueryNotes(const v1::SearchResponse& response,
                             int max_aliases) {
  std::string out;
  for (const std::string& warning : response.warnings()) {
    absl::StrAppend(&out, "warning: ", Printable(warning), "\n");
  }
  for (const v1::QueryInterpretation& meaning : response.interpretations()) {
    std::vector<std::string> names;
    for (const std::string& alias : meaning.aliases()) {
      if (static_cast<int>(names.size()) == max_aliases) break;
      names.push_back(Printable(alias));
    }
    const int more = meaning.aliases_size() - static_cast<int>(names.size());
    if (more > 0) names.push_back(absl::StrCat("+", more, " more"));
    absl::StrAppend(&out, Printable(meaning.text()), ": also searched ",
                    names.empty()
                        ? absl::StrCat("articles linked to ",
                                       Printable(meaning.entity_name()))
                        : absl::StrJoin(names, ", "),
                    " (", Printable(meaning.entity_id()), ")\n");
  }
  return out;
}

}  // namespace newsindex::cli
