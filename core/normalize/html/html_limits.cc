#include "core/normalize/html/html_limits.h"

#include <array>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/normalize/html/html_scan.h"

namespace newsindex {
namespace {

bool IsVoid(absl::string_view tag) {
  for (absl::string_view v :
       {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr", "param", "keygen", "basefont",
        "bgsound", "frame", "image"}) {
    if (tag == v) return true;
  }
  return false;
}

// Elements the parser closes on its own when a sibling starts or the
// parent ends: not counted (an unclosed <p> or <li> adds no depth).
bool ClosesImplicitly(absl::string_view tag) {
  for (absl::string_view v :
       {"p",    "li", "dt",    "dd",    "option",   "optgroup", "tr",
        "td",   "th", "tbody", "thead", "tfoot",    "html",     "body",
        "head", "rb", "rt",    "rp",    "colgroup", "caption"}) {
    if (tag == v) return true;
  }
  return false;
}

// The formatting elements the parser reopens after an ancestor closes them
// (HTML's "active formatting elements").
constexpr std::array<absl::string_view, 14> kFormatting = {
    "a",    "b", "big",   "code",   "em",     "font", "i",
    "nobr", "s", "small", "strike", "strong", "tt",   "u"};

int FormattingIndex(absl::string_view tag) {
  for (size_t i = 0; i < kFormatting.size(); ++i) {
    if (kFormatting[i] == tag) return static_cast<int>(i);
  }
  return -1;
}

// The open elements as the parser would hold them, estimated.
class OpenElements {
 public:
  int depth() const { return static_cast<int>(stack_.size()) + pending_; }

  // Formatting elements open or pending: the parser recreates the pending
  // ones before the next text or element, so each costs work again.
  int formatting() const { return formatting_on_stack_ + pending_; }

  void Open(const std::string& name) {
    const int f = FormattingIndex(name);
    // A second <a> closes the first.
    if (f == 0 && !Close(name) && pending_by_tag_[0] > 0) {
      --pending_by_tag_[0];
      --pending_;
    }
    stack_.push_back(name);
    formatting_on_stack_ += f >= 0;
  }

  // Closes the innermost open `name` and what it holds; formatting
  // elements it holds stay pending (the parser reopens them). An end tag
  // with nothing to close ends a pending formatting element, or nothing.
  bool Close(const std::string& name) {
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k] != name) continue;
      formatting_on_stack_ -= FormattingIndex(stack_[k]) >= 0;
      for (size_t m = k + 1; m < stack_.size(); ++m) {
        const int f = FormattingIndex(stack_[m]);
        if (f >= 0) {
          --formatting_on_stack_;
          ++pending_by_tag_[f];
          ++pending_;
        }
      }
      stack_.resize(k);
      return true;
    }
    const int f = FormattingIndex(name);
    if (f >= 0 && pending_by_tag_[f] > 0) {
      --pending_by_tag_[f];
      --pending_;
    }
    return false;
  }

  bool InForeignContent() const {
    for (const std::string& name : stack_) {
      if (name == "svg" || name == "math") return true;
    }
    return false;
  }

 private:
  std::vector<std::string> stack_;
  std::array<int, kFormatting.size()> pending_by_tag_{};
  int pending_ = 0;
  int formatting_on_stack_ = 0;
};

// The work of recreating one formatting element (a new element with a copy
// of its attributes) against one step of a stack scan.
constexpr int64_t kReopenCost = 64;

bool Exceeds(const HtmlShape& s, const HtmlLimits& l) {
  return s.max_depth > l.max_depth || s.elements > l.max_elements ||
         s.max_attributes > l.max_attributes_per_element ||
         s.parse_work > l.max_parse_work;
}

}  // namespace

HtmlShape MeasureHtml(absl::string_view html, const HtmlLimits& limits) {
  HtmlShape shape;
  OpenElements open;
  size_t i = 0;
  while (i < html.size() && !Exceeds(shape, limits)) {
    i = html.find('<', i);
    if (i == absl::string_view::npos) break;
    const HtmlTag tag = ReadHtmlTag(html, i);
    i = tag.end;
    if (tag.kind == HtmlTag::kEnd) {
      // The parser may scan its open elements for an end tag.
      shape.parse_work += open.depth();
      if (!ClosesImplicitly(tag.name)) open.Close(tag.name);
      continue;
    }
    if (tag.kind != HtmlTag::kStart) continue;
    ++shape.elements;
    shape.max_attributes = std::max(shape.max_attributes, tag.attributes);
    shape.parse_work +=
        open.depth() + tag.attributes + kReopenCost * open.formatting();
    if (IsRawTextElement(tag.name)) {
      i = SkipRawText(html, i, tag.name);
      continue;
    }
    if (IsVoid(tag.name) || ClosesImplicitly(tag.name)) continue;
    // "<div/>" opens a div in HTML; only foreign elements self-close.
    if (tag.self_closing && open.InForeignContent()) continue;
    open.Open(tag.name);
    shape.max_depth = std::max(shape.max_depth, open.depth());
  }
  return shape;
}

std::string ExceededHtmlLimit(const HtmlShape& s, const HtmlLimits& l) {
  if (s.max_depth > l.max_depth) {
    return absl::StrCat("nested deeper than ", l.max_depth,
                        " elements (max_depth)");
  }
  if (s.elements > l.max_elements) {
    return absl::StrCat("more than ", l.max_elements,
                        " elements (max_elements)");
  }
  if (s.max_attributes > l.max_attributes_per_element) {
    return absl::StrCat("more than ", l.max_attributes_per_element,
                        " attributes on one element "
                        "(max_attributes_per_element)");
  }
  if (s.parse_work > l.max_parse_work) {
    return absl::StrCat("parse work over ", l.max_parse_work,
                        " (max_parse_work)");
  }
  return "";
}

}  // namespace newsindex
