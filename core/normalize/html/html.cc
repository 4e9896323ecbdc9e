#include "core/normalize/html/html.h"

#include <gumbo.h>

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "core/normalize/html/block_tags.h"
#include "core/normalize/html/dom_extract.h"
#include "core/normalize/html/html_scan.h"
#include "core/normalize/html/json_ld.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

const char* Attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  return attr == nullptr ? nullptr : attr->value;
}

bool IsEmbed(const GumboElement& element) {
  const char* cls = Attribute(element, "class");
  if (cls == nullptr) return false;
  const std::string lower = absl::AsciiStrToLower(cls);
  return absl::StrContains(lower, "twitter-tweet") ||
         absl::StrContains(lower, "instagram-media") ||
         absl::StrContains(lower, "tiktok-embed") ||
         absl::StrContains(lower, "bluesky-embed") ||
         absl::StrContains(lower, "x-tweet");
}

// Text of an element's children (for <title>, <script>).
std::string ChildText(const GumboElement& element) {
  std::string text;
  for (unsigned i = 0; i < element.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA ||
        child->type == GUMBO_NODE_WHITESPACE) {
      text.append(child->v.text.text);
    }
  }
  return text;
}

void ReadMetaProperty(absl::string_view k, const char* content,
                      HtmlMetadata* meta);

void ReadMeta(const GumboElement& element, HtmlMetadata* meta) {
  const char* content = Attribute(element, "content");
  if (const char* charset = Attribute(element, "charset")) {
    meta->charset = charset;
  }
  const char* http_equiv = Attribute(element, "http-equiv");
  if (http_equiv && content &&
      absl::EqualsIgnoreCase(http_equiv, "content-type")) {
    const std::string lower = absl::AsciiStrToLower(content);
    const size_t pos = lower.find("charset=");
    if (pos != std::string::npos) {
      meta->charset = std::string(absl::StripAsciiWhitespace(
          absl::string_view(content).substr(pos + 8)));
    }
  }
  if (content == nullptr) return;
  const char* key = Attribute(element, "property");
  if (key == nullptr) key = Attribute(element, "name");
  if (key == nullptr) key = Attribute(element, "itemprop");
  if (key == nullptr) return;
  // "dc:title og:title": one value for several properties.
  for (absl::string_view k : absl::StrSplit(absl::AsciiStrToLower(key), ' ',
                                            absl::SkipWhitespace())) {
    ReadMetaProperty(k, content, meta);
  }
}

void ReadMetaProperty(absl::string_view k, const char* content,
                      HtmlMetadata* meta) {
  auto set = [content](std::string* field) {
    if (field->empty()) *field = content;
  };
  if (k == "og:title" || k == "twitter:title") {
    set(&meta->og_title);
  } else if (k == "dc:title" || k == "dcterm:title" || k == "dcterms.title" ||
             k == "dc.title") {
    set(&meta->dc_title);
  } else if (k == "og:site_name" || k == "application-name") {
    set(&meta->og_site_name);
  } else if (k == "og:description" || k == "description") {
    set(&meta->og_description);
  } else if (k == "og:url") {
    meta->url = content;
  } else if (k == "article:published_time" || k == "datepublished" ||
             k == "date" || k == "pubdate" || k == "publishdate" ||
             k == "dc.date" || k == "dcterms.date" || k == "sailthru.date" ||
             k == "parsely-pub-date" || k == "og:published_time") {
    set(&meta->published);
  } else if (k == "article:modified_time" || k == "datemodified") {
    set(&meta->modified);
  } else if (k == "author" || k == "article:author" || k == "byl" ||
             k == "dc.creator") {
    // article:author is often a profile URL: names only.
    if (!absl::StartsWith(content, "http")) set(&meta->author);
  }
}

// Builds blocks while walking the tree.
class BlockBuilder {
 public:
  BlockBuilder(std::vector<Block>* blocks, std::vector<std::string>* reasons)
      : blocks_(blocks), reasons_(reasons) {}

  // `reason`: why the text is not part of the article ("" when it is).
  void Text(absl::string_view text, bool in_link, BlockKind kind, int level,
            Zone zone, const char* reason) {
    if (!has_text_) {
      kind_ = kind;
      level_ = level;
      zone_ = zone;
      reason_ = reason;
      has_text_ = !absl::StripAsciiWhitespace(text).empty();
    }
    current_.append(text.data(), text.size());
    if (in_link) link_text_.append(text.data(), text.size());
  }

  void Break() {
    std::string text = NormalizeWhitespace(current_);
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    text = NormalizeWhitespace(text);
    current_.clear();
    has_text_ = false;
    if (!text.empty()) {
      Block block;
      block.kind = kind_;
      block.heading_level = level_;
      block.zone = zone_;
      const int chars = CodePointCount(text);
      block.link_chars =
          std::min(CodePointCount(NormalizeWhitespace(link_text_)), chars);
      // Mostly links outside the article: a menu or a list of links.
      const bool linky = 2 * block.link_chars >= chars;
      reasons_->push_back(linky && absl::string_view(reason_) ==
                                       "outside-article"
                              ? "navigation"
                              : reason_);
      block.text = std::move(text);
      block.lines.push_back(static_cast<int>(blocks_->size()) + 1);
      block.blank_before = true;
      blocks_->push_back(std::move(block));
    }
    link_text_.clear();
  }

 private:
  std::vector<Block>* blocks_;
  std::vector<std::string>* reasons_;
  std::string current_;
  bool has_text_ = false;
  const char* reason_ = "";
  std::string link_text_;
  BlockKind kind_ = BlockKind::kText;
  int level_ = 0;
  Zone zone_ = Zone::kUnknown;
};

// Context of the walk: counters of the open elements that matter.
struct Context {
  int nav = 0, footer = 0, article = 0, embed = 0, link = 0;
  int main_content = 0;  // open roots of the main content
  std::vector<std::pair<BlockKind, int>> kinds;  // innermost last
  std::vector<const char*> dropped;              // innermost last
  const MainContent* content = nullptr;

  const char* reason() const {
    if (!dropped.empty()) return dropped.back();
    if (content->roots.empty() || main_content > 0) return "";
    switch (zone()) {
      case Zone::kNavigation:
        return "navigation";
      case Zone::kFooter:
        return "site-footer";
      default:
        return "outside-article";
    }
  }

  Zone zone() const {
    if (embed > 0) return Zone::kEmbed;
    if (nav > 0) return Zone::kNavigation;
    if (footer > 0) return Zone::kFooter;
    if (article > 0) return Zone::kContent;
    return Zone::kUnknown;
  }
};

// What opening an element changed, to undo when it closes.
enum : unsigned {
  kNav = 1,
  kFooter = 2,
  kArticle = 4,
  kEmbedFlag = 8,
  kLink = 16,
  kKind = 32,
  kRoot = 64,
  kDropped = 128
};

// True when the element before `node` (white space aside) is a <br>.
bool FollowsBreak(const GumboNode* node) {
  const GumboNode* parent = node->parent;
  if (parent == nullptr || parent->type != GUMBO_NODE_ELEMENT) return false;
  const GumboVector& siblings = parent->v.element.children;
  for (unsigned i = node->index_within_parent; i-- > 0;) {
    const auto* s = static_cast<const GumboNode*>(siblings.data[i]);
    if (s->type == GUMBO_NODE_WHITESPACE || s->type == GUMBO_NODE_COMMENT) {
      continue;
    }
    return s->type == GUMBO_NODE_ELEMENT && s->v.element.tag == GUMBO_TAG_BR;
  }
  return false;
}

// Enters or leaves the main content and its dropped elements.
unsigned MarkContent(const GumboNode* node, Context* ctx) {
  unsigned flags = 0;
  if (ctx->content->roots.contains(node)) {
    flags |= kRoot;
    ++ctx->main_content;
  }
  if (auto it = ctx->content->dropped.find(node);
      it != ctx->content->dropped.end()) {
    flags |= kDropped;
    ctx->dropped.push_back(it->second);
  }
  return flags;
}

void UnmarkContent(unsigned flags, Context* ctx) {
  if (flags & kRoot) --ctx->main_content;
  if (flags & kDropped) ctx->dropped.pop_back();
}

// Reads what the page says about itself from `element`; true when the
// element holds nothing visible (title, meta, link, JSON-LD).
bool ReadMetadataElement(const GumboElement& element, HtmlMetadata* meta) {
  switch (element.tag) {
    case GUMBO_TAG_HTML:
      if (const char* lang = Attribute(element, "lang")) meta->lang = lang;
      break;
    case GUMBO_TAG_TITLE:
      if (meta->title.empty()) meta->title = ChildText(element);
      return true;
    case GUMBO_TAG_META:
      ReadMeta(element, meta);
      return true;
    case GUMBO_TAG_LINK: {
      const char* rel = Attribute(element, "rel");
      const char* href = Attribute(element, "href");
      if (rel && href && absl::EqualsIgnoreCase(rel, "canonical") &&
          meta->url.empty()) {
        meta->url = href;
      }
      return true;
    }
    case GUMBO_TAG_TIME:
      if (const char* dt = Attribute(element, "datetime")) {
        if (meta->time_datetime.empty()) meta->time_datetime = dt;
      }
      break;
    case GUMBO_TAG_SCRIPT: {
      const char* type = Attribute(element, "type");
      if (type && absl::EqualsIgnoreCase(type, "application/ld+json")) {
        ReadJsonLd(ChildText(element), meta);
      }
      return true;
    }
    default:
      break;
  }
  return false;
}

// Opens `element` in the context; returns what to undo when it closes.
unsigned OpenElement(const GumboElement& element, Context* ctx) {
  unsigned flags = 0;
  switch (element.tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
      flags |= kNav;
      break;
    case GUMBO_TAG_HEADER:
      if (ctx->article == 0) flags |= kNav;
      break;
    case GUMBO_TAG_FOOTER:
      if (ctx->article == 0) flags |= kFooter;
      break;
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
      flags |= kArticle;
      break;
    case GUMBO_TAG_A:
      flags |= kLink;
      break;
    case GUMBO_TAG_BLOCKQUOTE:
      if (IsEmbed(element)) flags |= kEmbedFlag;
      flags |= kKind;
      ctx->kinds.push_back({BlockKind::kQuote, 0});
      break;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      flags |= kKind;
      ctx->kinds.push_back(
          {BlockKind::kHeading, 1 + int(element.tag) - int(GUMBO_TAG_H1)});
      break;
    case GUMBO_TAG_LI:
      flags |= kKind;
      ctx->kinds.push_back({BlockKind::kListItem, 0});
      break;
    case GUMBO_TAG_PRE:
      flags |= kKind;
      ctx->kinds.push_back({BlockKind::kPre, 0});
      break;
    case GUMBO_TAG_FIGCAPTION:
      flags |= kKind;
      ctx->kinds.push_back({BlockKind::kCaption, 0});
      break;
    default:
      break;
  }
  if (flags & kNav) ++ctx->nav;
  if (flags & kFooter) ++ctx->footer;
  if (flags & kArticle) ++ctx->article;
  if (flags & kEmbedFlag) ++ctx->embed;
  if (flags & kLink) ++ctx->link;
  return flags;
}

// Undoes OpenElement.
void CloseElement(unsigned flags, Context* ctx) {
  if (flags & kNav) --ctx->nav;
  if (flags & kFooter) --ctx->footer;
  if (flags & kArticle) --ctx->article;
  if (flags & kEmbedFlag) --ctx->embed;
  if (flags & kLink) --ctx->link;
  if (flags & kKind) ctx->kinds.pop_back();
}

void Walk(const GumboNode* root, const MainContent& content,
          HtmlDocument* doc) {
  struct Frame {
    const GumboNode* node;
    bool closing;
    unsigned flags;
  };
  std::vector<Frame> stack = {{root, false, 0}};
  BlockBuilder builder(&doc->blocks, &doc->block_reasons);
  Context ctx;
  ctx.content = &content;
  HtmlMetadata& meta = doc->meta;
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const GumboNode* node = frame.node;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      const auto [kind, level] =
          ctx.kinds.empty() ? std::pair{BlockKind::kText, 0} : ctx.kinds.back();
      builder.Text(node->v.text.text, ctx.link > 0, kind, level, ctx.zone(),
                   ctx.reason());
      continue;
    }
    if (node->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& children = node->v.document.children;
      for (unsigned i = children.length; i > 0; --i) {
        stack.push_back(
            {static_cast<const GumboNode*>(children.data[i - 1]), false, 0});
      }
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
      continue;
    }
    const GumboElement& element = node->v.element;
    if (frame.closing) {
      if (IsBlockTag(element.tag) && element.tag != GUMBO_TAG_BR)
        builder.Break();
      CloseElement(frame.flags, &ctx);
      UnmarkContent(frame.flags, &ctx);
      continue;
    }
    if (ReadMetadataElement(element, &meta)) continue;
    if (IsInvisibleTag(element.tag) && element.tag != GUMBO_TAG_HEAD) continue;
    // Hidden by the page (display:none, aria-hidden, ...): not shown to a
    // reader, so not taken.
    if (auto it = content.dropped.find(node);
        it != content.dropped.end() &&
        absl::string_view(it->second) == "hidden") {
      continue;
    }
    unsigned flags = OpenElement(element, &ctx);
    flags |= MarkContent(node, &ctx);
    if (element.tag == GUMBO_TAG_BR && !FollowsBreak(node)) {
      // A single <br> is a line break inside a paragraph; two end it.
      builder.Text(" ", ctx.link > 0, BlockKind::kText, 0, ctx.zone(),
                   ctx.reason());
    } else if (IsBlockTag(element.tag)) {
      builder.Break();
    }
    stack.push_back({node, true, flags});
    for (unsigned i = element.children.length; i > 0; --i) {
      const auto* child =
          static_cast<const GumboNode*>(element.children.data[i - 1]);
      // The head holds no visible text: only its metadata elements.
      if (element.tag == GUMBO_TAG_HEAD && child->type != GUMBO_NODE_ELEMENT) {
        continue;
      }
      stack.push_back({child, false, 0});
    }
  }
  builder.Break();
}

}  // namespace

HtmlDocument ParseHtml(absl::string_view html, const HtmlLimits& limits) {
  HtmlDocument doc;
  doc.flattened_reason = ExceededHtmlLimit(MeasureHtml(html, limits), limits);
  if (!doc.flattened_reason.empty()) {
    doc.flattened = true;
    doc.meta.charset = DeclaredCharset(html);
    doc.blocks = FlattenHtml(html);
    doc.block_reasons.assign(doc.blocks.size(), "");
    return doc;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;
  GumboOutput* output =
      gumbo_parse_with_options(&options, html.data(), html.size());
  MainContent content = FindMainContent(output->document);
  doc.main_content_chars = content.chars;
  if (content.chars < kMinMainContentChars) {
    // Too little to be the article: the classifier judges the whole page
    // (hidden elements stay out).
    content.roots.clear();
    for (auto it = content.dropped.begin(); it != content.dropped.end();) {
      auto here = it++;
      if (absl::string_view(here->second) != "hidden") {
        content.dropped.erase(here);
      }
    }
  }
  doc.meta.byline = content.byline;
  doc.meta.h1s = content.h1s;
  Walk(output->document, content, &doc);
  gumbo_destroy_output(&options, output);
  return doc;
}

std::string DeclaredCharset(absl::string_view html) {
  const std::string head = absl::AsciiStrToLower(html.substr(0, 8192));
  size_t pos = 0;
  while ((pos = head.find("charset", pos)) != std::string::npos) {
    size_t j = pos + 7;
    while (j < head.size() && (head[j] == ' ' || head[j] == '=' ||
                               head[j] == '"' || head[j] == '\'')) {
      ++j;
    }
    size_t k = j;
    while (k < head.size() &&
           (absl::ascii_isalnum(static_cast<unsigned char>(head[k])) ||
            head[k] == '-' || head[k] == '_' || head[k] == ':' ||
            head[k] == '.')) {
      ++k;
    }
    if (k > j && j > pos + 7) return std::string(html.substr(j, k - j));
    pos = j;
  }
  return "";
}

}  // namespace newsindex
