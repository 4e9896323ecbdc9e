#include "core/normalize/html.h"

#include <gumbo.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace newsindex {
namespace {

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
      return true;
    default:
      return false;
  }
}

const char* Attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  return attr == nullptr ? nullptr : attr->value;
}

// Walks the tree iteratively: deeply nested markup must not exhaust the
// stack.
void Walk(const GumboNode* root, HtmlDocument* doc) {
  struct Frame {
    const GumboNode* node;
    bool closing;
  };
  std::vector<Frame> stack = {{root, false}};
  std::string title;
  std::string og_title;
  while (!stack.empty()) {
    Frame frame = stack.back();
    stack.pop_back();
    const GumboNode* node = frame.node;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      doc->text.append(node->v.text.text);
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT &&
        node->type != GUMBO_NODE_DOCUMENT &&
        node->type != GUMBO_NODE_TEMPLATE) {
      continue;
    }
    if (node->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& children = node->v.document.children;
      for (unsigned i = children.length; i > 0; --i) {
        stack.push_back({static_cast<const GumboNode*>(children.data[i - 1]),
                         false});
      }
      continue;
    }
    const GumboElement& element = node->v.element;
    if (frame.closing) {
      if (IsBlock(element.tag)) doc->text.push_back('\n');
      continue;
    }
    if (element.tag == GUMBO_TAG_TITLE && element.children.length > 0) {
      const GumboNode* child =
          static_cast<const GumboNode*>(element.children.data[0]);
      if (child->type == GUMBO_NODE_TEXT) title = child->v.text.text;
    }
    if (element.tag == GUMBO_TAG_META) {
      const char* property = Attribute(element, "property");
      const char* content = Attribute(element, "content");
      if (property && content && absl::string_view(property) == "og:title") {
        og_title = content;
      }
      if (const char* charset = Attribute(element, "charset")) {
        doc->charset = charset;
      }
      const char* http_equiv = Attribute(element, "http-equiv");
      if (http_equiv && content &&
          absl::EqualsIgnoreCase(http_equiv, "content-type")) {
        std::string lower = absl::AsciiStrToLower(content);
        size_t pos = lower.find("charset=");
        if (pos != std::string::npos) {
          doc->charset = std::string(
              absl::StripAsciiWhitespace(absl::string_view(content).substr(pos + 8)));
        }
      }
    }
    if (IsSkipped(element.tag)) {
      // <head> is skipped for text but its <title> and <meta> matter.
      if (element.tag != GUMBO_TAG_HEAD) continue;
      for (unsigned i = element.children.length; i > 0; --i) {
        const GumboNode* child =
            static_cast<const GumboNode*>(element.children.data[i - 1]);
        if (child->type == GUMBO_NODE_ELEMENT &&
            (child->v.element.tag == GUMBO_TAG_TITLE ||
             child->v.element.tag == GUMBO_TAG_META)) {
          stack.push_back({child, false});
        }
      }
      continue;
    }
    if (IsBlock(element.tag)) doc->text.push_back('\n');
    stack.push_back({node, true});
    for (unsigned i = element.children.length; i > 0; --i) {
      stack.push_back(
          {static_cast<const GumboNode*>(element.children.data[i - 1]), false});
    }
  }
  doc->title = og_title.empty() ? title : og_title;
}

}  // namespace

HtmlDocument ParseHtml(absl::string_view html) {
  HtmlDocument doc;
  GumboOptions options = kGumboDefaultOptions;
  // Bounded tree depth keeps pathological nesting linear in memory.
  options.max_errors = 1000;
  GumboOutput* output =
      gumbo_parse_with_options(&options, html.data(), html.size());
  Walk(output->document, &doc);
  gumbo_destroy_output(&options, output);
  return doc;
}

}  // namespace newsindex
