// Terminal rendering for newsctl: display widths, aligned tables, colour,
// highlighted snippets and bars. Pure functions over strings; the caller
// decides (with UseColor) whether colour is on, and where output goes.
#ifndef NEWSINDEX_CLI_RENDER_H_
#define NEWSINDEX_CLI_RENDER_H_

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "newsindex/v1/article.pb.h"
#include "newsindex/v1/search_service.pb.h"

namespace newsindex::cli {

// Colour is on only for a terminal, and never when NO_COLOR is set to a
// non-empty value (https://no-color.org). `no_color` is getenv("NO_COLOR").
bool UseColor(bool stdout_is_tty, const char* no_color);

// How many terminal columns `text` takes: one per code point, two for East
// Asian wide and fullwidth characters, none for combining marks, format
// characters and ANSI escape sequences (ESC [ ... final byte). An invalid
// UTF-8 byte counts as one column.
int DisplayWidth(absl::string_view text);

// `text` cut to at most `max_width` columns, ending in "…" when cut. Cuts
// only between code points. Expects text without escape sequences.
std::string TruncateToWidth(absl::string_view text, int max_width);

// Untrusted text (titles, names, snippets from the index) made safe to
// print: tabs, newlines and other whitespace controls become one space,
// other C0/C1 control characters (including ESC) and invalid UTF-8 become
// U+FFFD, so that stored text can never drive the terminal.
std::string Printable(absl::string_view text);

// Printable for each line of `text`, keeping the line breaks ("\n"; a
// "\r\n" becomes "\n").
std::string PrintableLines(absl::string_view text);

// The ANSI styles newsctl uses; each returns `text` unchanged when `color`
// is false.
std::string Bold(absl::string_view text, bool color);
std::string Dim(absl::string_view text, bool color);

// A snippet for the terminal: made Printable, runs of spaces collapsed, and
// the matches between `pre_tag` and `post_tag` (the server's "<em>" and
// "</em>" by default) rendered bold yellow with colour, else as "[match]".
// An unbalanced tag is closed at the end of the snippet.
std::string RenderSnippet(absl::string_view snippet, bool color,
                          absl::string_view pre_tag = "<em>",
                          absl::string_view post_tag = "</em>");

enum class Align { kLeft, kRight };

struct Table {
  // Column titles; no title line when empty.
  std::vector<std::string> header;
  // Per column; missing entries are kLeft.
  std::vector<Align> align;
  std::vector<std::vector<std::string>> rows;
  // Cells wider than this (in columns) are truncated with "…"; 0: never.
  // Applies to every column but the last one when `last_unbounded`.
  int max_cell_width = 0;
  bool last_unbounded = false;
};

// Renders `table` as lines: columns separated by two spaces and padded to
// the widest cell (by DisplayWidth, so UTF-8 titles line up), no trailing
// spaces, header bold with colour. Rows shorter than the header get empty
// cells. Cells may hold escape sequences (they take no width); they are not
// made Printable here.
std::string RenderTable(const Table& table, bool color);

// A bar of "█" for `count` out of `max_count`, at most `width` blocks,
// rounded to the nearest block; any non-zero count gets at least one.
std::string Bar(int64_t count, int64_t max_count, int width);

struct HistogramRow {
  std::string label;  // "2025-05", "2025-05-29"
  int64_t count = 0;
};

// A table of label, count and a Bar scaled so that the largest count fills
// the bar column: the rest of `line_width` columns when it is positive (a
// terminal's width; at least 10 blocks), else 40 blocks. Labels are made
// Printable.
std::string RenderHistogram(const std::vector<HistogramRow>& rows,
                            absl::string_view label_title, int line_width,
                            bool color);

// "2025-05-29 10:00" (UTC); empty for an unset timestamp.
std::string FormatTime(const google::protobuf::Timestamp& time);

// "2026-03-12 06:41 (BYLINE)": an article's published_at with where it came
// from (v1::DateSource name); "2026-03-12 06:41 (INGEST_TIME)" says the page
// stated no date. Empty when published_at is unset.
std::string FormatPublished(const v1::Article& article);

// "person", "organization", "location", "other"; empty when unspecified.
std::string EntityTypeName(v1::EntityType type);

// A score or measure with two decimals ("0.53", "-1.20").
std::string FormatDecimal(double value);

// What a search response says about its query, one line each: the
// warnings ("warning: place:Atlantis: ...") and the alias expansions
// ("Russia: also searched Russian Federation, Russian (country:ru)"; at
// most `max_aliases` names, then "+N more"). Empty when there is neither.
std::string RenderQueryNotes(const v1::SearchResponse& response,
                             int max_aliases = 6);

}  // namespace newsindex::cli

#endif  // NEWSINDEX_CLI_RENDER_H_
