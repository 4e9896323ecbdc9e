#include "core/normalize/blocks.h"

#include <unicode/utf8.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "core/normalize/text.h"
#include "core/normalize/vocabulary.h"

namespace newsindex {
namespace {

struct Line {
  std::string text;  // collapsed
  int indent = 0;    // leading spaces and tabs
  int number = 0;    // 1-based
  int length = 0;    // code points
};

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

// Hard-wrapped: filled lines of a common width, often broken mid-sentence.
bool IsHardWrapped(const std::vector<Line>& lines, int* width) {
  int nonempty = 0, max_len = 0;
  for (const Line& l : lines) {
    if (l.text.empty()) continue;
    ++nonempty;
    max_len = std::max(max_len, l.length);
  }
  if (nonempty < 4 || max_len > 100 || max_len < 40) return false;
  int filled = 0, continued = 0, lower = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.text.empty()) continue;
    if (l.length * 10 >= max_len * 7) ++filled;
    if (i + 1 < lines.size() && !lines[i + 1].text.empty() &&
        !EndsSentence(l.text)) {
      ++continued;
      const unsigned char next = lines[i + 1].text[0];
      lower += absl::ascii_islower(next) || absl::ascii_isdigit(next);
    }
  }
  *width = max_len;
  // Lists of headlines are filled too, but never continue in lower case.
  return filled * 2 >= nonempty && continued * 10 >= nonempty * 3 &&
         lower * 4 >= continued;
}

}  // namespace

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
    const bool continues =
        wrapped && open && previous != nullptr && !bullet &&
        line.indent <= previous->indent &&
        previous->length * 10 >= width * 7;
    if (continues) {
      Block& block = blocks.back();
      const char last = block.text.back();
      const bool hyphen = last == '-' && block.text.size() >= 2 &&
                          absl::ascii_isalpha(static_cast<unsigned char>(
                              block.text[block.text.size() - 2]));
      if (!hyphen) block.text.push_back(' ');
      block.text.append(line.text);
      block.lines.push_back(line.number);
    } else {
      Block block;
      block.text = line.text;
      block.lines.push_back(line.number);
      block.kind = bullet ? BlockKind::kListItem : BlockKind::kText;
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
