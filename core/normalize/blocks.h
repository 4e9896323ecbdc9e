// The unit of boilerplate classification: a block of text (a line of plain
// text, a hard-wrapped paragraph, or an HTML block element) with the input
// lines it came from and what the markup says about it.
#ifndef NEWSINDEX_CORE_NORMALIZE_BLOCKS_H_
#define NEWSINDEX_CORE_NORMALIZE_BLOCKS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsindex {

enum class BlockKind {
  kText,      // a paragraph or line of unknown role
  kHeading,   // <h1>..<h6>
  kListItem,  // <li>, or a text line starting with a bullet
  kQuote,     // <blockquote>, or an embedded post kept as a quote
  kPre,       // <pre>
  kCaption,   // <figcaption>
  kTable,     // rows of a text table, one per line of `text`
};

// Where an HTML block sits in the page.
enum class Zone {
  kUnknown,     // plain text, or no telling element
  kContent,     // inside <article> or <main>
  kNavigation,  // inside <nav>, <aside>, <form>, or a page <header>
  kFooter,      // inside a page <footer>
  kEmbed,       // inside an embedded post (<blockquote class="twitter-...">)
};

struct Block {
  std::string text;        // NFC, whitespace collapsed, non-empty
  std::vector<int> lines;  // 1-based input lines it spans, ascending
  BlockKind kind = BlockKind::kText;
  int heading_level = 0;  // 1..6 for kHeading
  int link_chars = 0;     // code points of text inside <a>
  Zone zone = Zone::kUnknown;
  bool blank_before = false;  // a blank line (or block gap) precedes it
};

// Splits plain text (valid UTF-8, NFC) into blocks, keeping the 1-based
// line numbers of the input ("\n", "\r\n", "\r", U+2028 and U+2029 end a
// line). Paragraphs are rebuilt before any line is judged:
// - Tables: two or more consecutive rows of aligned columns (runs of spaces
//   or tabs between cells) or of figures ("Shr 53.51p vs 45.72p") are one
//   kTable block whose text keeps one row per line.
// - Hard-wrapped text (at least 3 lines of prose, most filled to a common
//   width of at most 100 code points, often broken mid-sentence and
//   continued in lower case, as in Reuters wire copy): lines are joined
//   into paragraphs that end at a blank line, an indented line, a bullet,
//   a table or a short line.
// - Otherwise each non-blank line is a block.
// Lines starting with a bullet ("- ", "* ", "•") are kListItem. Whitespace
// inside a line is collapsed. Linear time.
std::vector<Block> SplitTextIntoBlocks(absl::string_view text);

// True for a month or a number up to twelve spelled out, given in lower
// case ("april", "two"): figures in tables of wire copy.
bool IsSpelledFigure(absl::string_view lower_word);

// True when `text` starts with a list bullet followed by a space.
bool StartsWithBullet(absl::string_view text);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_BLOCKS_H_
