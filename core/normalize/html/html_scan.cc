#include "core/normalize/html/html_scan.h"

#include <gumbo.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

constexpr size_t kMaxTagName = 32;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool IsBlockTag(absl::string_view tag) {
  for (absl::string_view v :
       {"p",          "div",   "br",     "li",     "ul",      "ol",
        "h1",         "h2",    "h3",     "h4",     "h5",      "h6",
        "blockquote", "tr",    "td",     "th",     "section", "article",
        "pre",        "table", "header", "footer", "nav",     "aside",
        "figcaption", "main",  "dd",     "dt",     "hr",      "title",
        "body",       "form"}) {
    if (tag == v) return true;
  }
  return false;
}

// Skips one attribute (name, optional "= value") starting at html[j], a
// byte that is neither space, '/' nor '>'; returns where it ends.
size_t SkipAttribute(absl::string_view html, size_t j) {
  ++j;  // the first byte of a name may be '='
  while (j < html.size() && !IsSpace(html[j]) && html[j] != '>' &&
         html[j] != '/' && html[j] != '=') {
    ++j;
  }
  while (j < html.size() && IsSpace(html[j])) ++j;
  if (j >= html.size() || html[j] != '=') return j;
  ++j;
  while (j < html.size() && IsSpace(html[j])) ++j;
  if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
    const size_t close = html.find(html[j], j + 1);
    return close == absl::string_view::npos ? html.size() : close + 1;
  }
  while (j < html.size() && !IsSpace(html[j]) && html[j] != '>') ++j;
  return j;
}

// The attributes of a start tag from html[j] (after its name) to its '>'.
void ReadAttributes(absl::string_view html, size_t j, HtmlTag* tag) {
  while (j < html.size()) {
    const char c = html[j];
    if (c == '>') {
      tag->end = j + 1;
      return;
    }
    if (IsSpace(c)) {
      ++j;
    } else if (c == '/') {
      ++j;
      tag->self_closing = j < html.size() && html[j] == '>';
    } else {
      j = SkipAttribute(html, j);
      ++tag->attributes;
    }
  }
  tag->end = html.size();
}

size_t PastOrEnd(absl::string_view html, size_t from, absl::string_view s) {
  const size_t pos = html.find(s, from);
  return pos == absl::string_view::npos ? html.size() : pos + s.size();
}

}  // namespace

HtmlTag ReadHtmlTag(absl::string_view html, size_t lt) {
  HtmlTag tag;
  tag.end = lt + 1;
  if (lt + 1 >= html.size()) return tag;
  const char next = html[lt + 1];
  if (next == '!' || next == '?') {
    tag.kind = HtmlTag::kSkipped;
    tag.end = html.substr(lt, 4) == "<!--" ? PastOrEnd(html, lt + 4, "-->")
                                           : PastOrEnd(html, lt + 2, ">");
    return tag;
  }
  size_t j = lt + 1;
  if (next == '/') {
    tag.kind = HtmlTag::kEnd;
    ++j;
  }
  if (j >= html.size() ||
      !absl::ascii_isalpha(static_cast<unsigned char>(html[j]))) {
    if (tag.kind == HtmlTag::kEnd) {  // "</ >", "</3": a bogus comment
      tag.kind = HtmlTag::kSkipped;
      tag.end = PastOrEnd(html, j, ">");
    } else {
      tag.kind = HtmlTag::kText;
    }
    return tag;
  }
  if (tag.kind != HtmlTag::kEnd) tag.kind = HtmlTag::kStart;
  for (;
       j < html.size() && !IsSpace(html[j]) && html[j] != '/' && html[j] != '>';
       ++j) {
    if (tag.name.size() < kMaxTagName) {
      tag.name.push_back(
          absl::ascii_tolower(static_cast<unsigned char>(html[j])));
    }
  }
  if (tag.kind == HtmlTag::kEnd) {
    tag.end = PastOrEnd(html, j, ">");
    return tag;
  }
  ReadAttributes(html, j, &tag);
  return tag;
}

bool IsRawTextElement(absl::string_view name) {
  for (absl::string_view v :
       {"script", "style", "textarea", "title", "noscript", "template", "xmp",
        "iframe", "noembed", "noframes"}) {
    if (name == v) return true;
  }
  return false;
}

size_t SkipRawText(absl::string_view html, size_t from,
                   absl::string_view name) {
  size_t pos = from;
  while (true) {
    pos = html.find("</", pos);
    if (pos == absl::string_view::npos) return html.size();
    if (absl::StartsWithIgnoreCase(html.substr(pos + 2), name)) {
      return PastOrEnd(html, pos, ">");
    }
    pos += 2;
  }
}

std::string DecodeEntities(absl::string_view text) {
  if (text.find('&') == absl::string_view::npos) return std::string(text);
  // Inside <pre> the parser keeps white space as written; with every '<'
  // escaped the text can open no tag, so the document is one text node.
  // The newline after <pre> is dropped by the parser.
  const std::string doc =
      absl::StrCat("<pre>\n", absl::StrReplaceAll(text, {{"<", "&lt;"}}));
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output =
      gumbo_parse_with_options(&options, doc.data(), doc.size());
  std::string out;
  // document > html > body > pre > text nodes.
  const GumboNode* body =
      static_cast<const GumboNode*>(output->root->v.element.children.data[1]);
  const GumboNode* pre =
      static_cast<const GumboNode*>(body->v.element.children.data[0]);
  const GumboVector& children = pre->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT ||
        child->type == GUMBO_NODE_WHITESPACE) {
      out.append(child->v.text.text);
    }
  }
  gumbo_destroy_output(&options, output);
  return out;
}

std::vector<Block> FlattenHtml(absl::string_view html) {
  // The raw text of each block on a line of its own, decoded in one go.
  std::string raw;
  bool open = false;
  auto end_block = [&]() {
    if (open) raw.push_back('\n');
    open = false;
  };
  auto append = [&](absl::string_view text) {
    for (char c : text) raw.push_back(c == '\n' || c == '\r' ? ' ' : c);
    open = true;
  };
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    const size_t stop = lt == absl::string_view::npos ? html.size() : lt;
    append(html.substr(i, stop - i));
    if (lt == absl::string_view::npos) break;
    const HtmlTag tag = ReadHtmlTag(html, lt);
    i = tag.end;
    if (tag.kind == HtmlTag::kText) {
      append("<");
      continue;
    }
    if (tag.kind == HtmlTag::kStart && IsRawTextElement(tag.name)) {
      i = SkipRawText(html, i, tag.name);
    }
    if (IsBlockTag(tag.name)) end_block();
  }
  std::vector<Block> blocks;
  for (absl::string_view line : absl::StrSplit(DecodeEntities(raw), '\n')) {
    std::string text = NormalizeWhitespace(line);
    if (text.empty()) continue;
    Block block;
    block.text = std::move(text);
    block.lines.push_back(static_cast<int>(blocks.size()) + 1);
    block.blank_before = true;
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace newsindex
