#include "core/normalize/html_scan.h"

#include <unicode/utf8.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "core/normalize/text.h"

namespace newsindex {
namespace {

bool IsVoid(absl::string_view tag) {
  for (absl::string_view v : {"area", "base", "br", "col", "embed", "hr",
                              "img", "input", "link", "meta", "source",
                              "track", "wbr", "param", "keygen"}) {
    if (tag == v) return true;
  }
  return false;
}

bool ClosesImplicitly(absl::string_view tag) {
  for (absl::string_view v : {"p", "li", "dt", "dd", "option", "tr", "td",
                              "th", "tbody", "thead", "tfoot", "html",
                              "body", "head"}) {
    if (tag == v) return true;
  }
  return false;
}

bool IsBlockTag(absl::string_view tag) {
  for (absl::string_view v :
       {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
        "h6", "blockquote", "tr", "td", "th", "section", "article", "pre",
        "table", "header", "footer", "nav", "aside", "figcaption", "main",
        "dd", "dt", "hr", "title", "body", "form"}) {
    if (tag == v) return true;
  }
  return false;
}

// The lowercase name of the tag whose '<' is at html[i] (after an optional
// '/'), and where the tag ends (one past '>', or the end of the input).
struct Tag {
  std::string name;
  bool closing = false;
  bool self_closing = false;
  size_t end = 0;
};

Tag ReadTag(absl::string_view html, size_t i) {
  Tag tag;
  size_t j = i + 1;
  if (j < html.size() && html[j] == '/') {
    tag.closing = true;
    ++j;
  }
  while (j < html.size() && j - i < 32 &&
         absl::ascii_isalnum(static_cast<unsigned char>(html[j]))) {
    tag.name.push_back(absl::ascii_tolower(static_cast<unsigned char>(html[j])));
    ++j;
  }
  const size_t close = html.find('>', j);
  tag.end = close == absl::string_view::npos ? html.size() : close + 1;
  tag.self_closing = close != absl::string_view::npos && close > 0 &&
                     html[close - 1] == '/';
  return tag;
}

// Skips past the end tag `</name` starting the search at `from`.
size_t SkipRawText(absl::string_view html, size_t from,
                   absl::string_view name) {
  size_t pos = from;
  while (true) {
    pos = html.find("</", pos);
    if (pos == absl::string_view::npos) return html.size();
    if (absl::StartsWithIgnoreCase(html.substr(pos + 2), name)) {
      const size_t close = html.find('>', pos);
      return close == absl::string_view::npos ? html.size() : close + 1;
    }
    pos += 2;
  }
}

bool IsRawTextTag(absl::string_view name) {
  return name == "script" || name == "style" || name == "textarea" ||
         name == "title" || name == "noscript" || name == "template";
}

void AppendCodePoint(UChar32 c, std::string* out) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  if (!error) out->append(buf, len);
}

}  // namespace

int EstimateHtmlDepth(absl::string_view html, int limit) {
  int depth = 0, max_depth = 0;
  size_t i = 0;
  while (i < html.size() && max_depth <= limit) {
    i = html.find('<', i);
    if (i == absl::string_view::npos) break;
    if (html.substr(i, 4) == "<!--") {
      const size_t end = html.find("-->", i + 4);
      i = end == absl::string_view::npos ? html.size() : end + 3;
      continue;
    }
    Tag tag = ReadTag(html, i);
    i = tag.end;
    if (tag.name.empty() || IsVoid(tag.name) ||
        ClosesImplicitly(tag.name)) {
      continue;
    }
    if (tag.closing) {
      if (depth > 0) --depth;
      continue;
    }
    if (tag.self_closing) continue;
    if (IsRawTextTag(tag.name)) {
      i = SkipRawText(html, i, tag.name);
      continue;
    }
    max_depth = std::max(max_depth, ++depth);
  }
  return max_depth;
}

std::string DecodeEntities(absl::string_view text) {
  static constexpr std::pair<absl::string_view, absl::string_view> kNamed[] = {
      {"amp", "&"},         {"lt", "<"},           {"gt", ">"},
      {"quot", "\""},       {"apos", "'"},         {"nbsp", "\xC2\xA0"},
      {"mdash", "\xE2\x80\x94"}, {"ndash", "\xE2\x80\x93"},
      {"lsquo", "\xE2\x80\x98"}, {"rsquo", "\xE2\x80\x99"},
      {"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"},
      {"hellip", "\xE2\x80\xA6"}, {"copy", "\xC2\xA9"}};
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '&') {
      out.push_back(text[i++]);
      continue;
    }
    const size_t semi = text.find(';', i);
    if (semi == absl::string_view::npos || semi - i > 10) {
      out.push_back(text[i++]);
      continue;
    }
    absl::string_view name = text.substr(i + 1, semi - i - 1);
    bool done = false;
    if (!name.empty() && name[0] == '#') {
      UChar32 c = 0;
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      absl::string_view digits = name.substr(hex ? 2 : 1);
      bool ok = !digits.empty();
      for (char d : digits) {
        int v;
        if (d >= '0' && d <= '9') {
          v = d - '0';
        } else if (hex && d >= 'a' && d <= 'f') {
          v = d - 'a' + 10;
        } else if (hex && d >= 'A' && d <= 'F') {
          v = d - 'A' + 10;
        } else {
          ok = false;
          break;
        }
        c = c * (hex ? 16 : 10) + v;
        if (c > 0x10FFFF) ok = false;
      }
      if (ok && c > 0 && !(c >= 0xD800 && c <= 0xDFFF)) {
        AppendCodePoint(c, &out);
        done = true;
      }
    } else {
      for (const auto& [entity, value] : kNamed) {
        if (name == entity) {
          out.append(value.data(), value.size());
          done = true;
          break;
        }
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

std::vector<Block> FlattenHtml(absl::string_view html) {
  std::vector<Block> blocks;
  std::string current;
  auto flush = [&]() {
    std::string text = NormalizeWhitespace(DecodeEntities(current));
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    current.clear();
    if (text.empty()) return;
    Block block;
    block.text = NormalizeWhitespace(text);
    block.lines.push_back(static_cast<int>(blocks.size()) + 1);
    block.blank_before = true;
    blocks.push_back(std::move(block));
  };
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    const size_t stop = lt == absl::string_view::npos ? html.size() : lt;
    current.append(html.data() + i, stop - i);
    if (lt == absl::string_view::npos) break;
    if (html.substr(lt, 4) == "<!--") {
      const size_t end = html.find("-->", lt + 4);
      i = end == absl::string_view::npos ? html.size() : end + 3;
      continue;
    }
    Tag tag = ReadTag(html, lt);
    i = tag.end;
    if (!tag.closing && IsRawTextTag(tag.name)) {
      i = SkipRawText(html, i, tag.name);
    }
    if (IsBlockTag(tag.name)) flush();
  }
  flush();
  return blocks;
}

}  // namespace newsindex
