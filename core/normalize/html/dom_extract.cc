#include "core/normalize/html/dom_extract.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/normalize/html/block_tags.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

// Paragraphs shorter than this (code points) do not score.
constexpr int kMinParagraphChars = 25;
// Ancestors a paragraph's score reaches.
constexpr int kScoredAncestors = 5;
// Class and id hints move a container's score by this much.
constexpr double kClassWeight = 25;
// A sibling joins the winner when it scores this share of the winner ...
constexpr double kSiblingShare = 0.2;
// ... and at least this much.
constexpr double kMinSiblingScore = 10;
// Text read for a byline or title candidate (longer is neither).
constexpr size_t kMaxCandidateTextBytes = 2000;
// Headings kept as title candidates.
constexpr size_t kMaxH1s = 4;
// Rivals of the winner: among the best kTopCandidates, those scoring
// kRivalShare of it; kMinRivals of them under one ancestor make it the
// article.
constexpr size_t kTopCandidates = 5;
constexpr double kRivalShare = 0.75;
constexpr int kMinRivals = 3;
// Bylines are short.
constexpr int kMaxBylineChars = 100;

// Words in class or id that mark page furniture; an element carrying one
// is no candidate unless it also carries a content word.
constexpr absl::string_view kFurnitureWords[] = {
    "ad-break",   "adbox",  "advert",   "agegate",    "banner",
    "breadcrumb", "combx",  "comment",  "community",  "cookie",
    "disqus",     "extra",  "footer",   "gdpr",       "header",
    "legends",    "menu",   "modal",    "newsletter", "pager",
    "pagination", "popup",  "promo",    "related",    "remark",
    "replies",    "rss",    "share",    "shoutbox",   "sidebar",
    "skyscraper", "social", "sponsor",  "subscribe",  "supplemental",
    "masthead",   "navbar", "outbrain", "taboola",    "signup"};
constexpr absl::string_view kContentWords[] = {
    "article", "body", "column", "content", "main", "story", "mathjax"};

// Words that lower or raise a container's prior.
constexpr absl::string_view kNegativeWords[] = {
    "hidden",     "banner",  "combx",    "comment", "com-",     "contact",
    "footer",     "gdpr",    "masthead", "media",   "meta",     "outbrain",
    "promo",      "related", "scroll",   "share",   "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags",    "widget",   "taboola"};
constexpr absl::string_view kPositiveWords[] = {
    "article", "body", "content", "entry", "hentry", "h-entry",
    "main",    "page", "post",    "text",  "blog",   "story"};

constexpr absl::string_view kBylineWords[] = {"byline", "author", "dateline",
                                              "writtenby", "p-author"};

const char* Attr(const GumboNode* node, const char* name) {
  const GumboAttribute* a =
      gumbo_get_attribute(&node->v.element.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

std::string Lower(const char* s) {
  return s == nullptr ? std::string() : absl::AsciiStrToLower(s);
}

template <size_t N>
bool ContainsAny(absl::string_view text, const absl::string_view (&words)[N]) {
  for (absl::string_view w : words) {
    if (absl::StrContains(text, w)) return true;
  }
  return false;
}

bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

const GumboVector& Children(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children
                                           : node->v.element.children;
}

const GumboNode* Child(const GumboVector& v, unsigned i) {
  return static_cast<const GumboNode*>(v.data[i]);
}

// What the first pass learns about an element.
struct Info {
  int chars = 0;       // code points of visible text, white space runs as one
  int link_chars = 0;  // ... inside <a>
  int commas = 0;
  int paragraphs = 0;  // <p> descendants
  int inputs = 0;
  bool block_child = false;
  bool furniture = false;  // not a candidate (hidden, or furniture)
  double score = 0;
  bool scored = false;
  double LinkDensity() const {
    return chars == 0 ? 0 : double(link_chars) / chars;
  }
};

class Extractor {
 public:
  MainContent Run(const GumboNode* root) {
    Measure(root, /*in_link=*/false, 0);
    ScoreParagraphs();
    const GumboNode* top = TopCandidate();
    if (top == nullptr) return std::move(out_);
    top = CommonAncestorOfRivals(top);
    top = Climb(top);
    MergeSiblings(top);
    for (const GumboNode* r : out_.roots) Clean(r, r, 0);
    // Furniture outside the article keeps a telling reason.
    for (const GumboNode* node : order_) {
      if (info_[node].furniture && !Inside(node)) {
        out_.dropped.emplace(node, FurnitureReason(node));
      }
    }
    for (const GumboNode* r : out_.roots) out_.chars += info_[r].chars;
    // Furniture's text never reached its parent's count.
    for (const auto& [node, reason] : out_.dropped) {
      const Info& i = info_[node];
      if (!i.furniture && Inside(node)) out_.chars -= i.chars;
    }
    return std::move(out_);
  }

 private:
  static constexpr int kMaxRecursion = 2000;

  // Counts text, links and commas bottom-up; marks hidden and furniture
  // elements and finds the byline.
  void Measure(const GumboNode* node, bool in_link, int depth) {
    const GumboVector& children = Children(node);
    if (node->type == GUMBO_NODE_DOCUMENT) {
      for (unsigned i = 0; i < children.length; ++i) {
        if (IsElement(Child(children, i))) {
          Measure(Child(children, i), in_link, depth + 1);
        }
      }
      return;
    }
    const GumboElement& e = node->v.element;
    if (IsInvisibleTag(e.tag) || depth > kMaxRecursion) return;
    // Filled locally: the recursion adds entries to info_, which moves
    // them.
    Info info;
    order_.push_back(node);
    if (IsHiddenElement(node)) {
      info.furniture = true;
      out_.dropped[node] = "hidden";
    } else if (IsFurniture(node)) {
      info.furniture = true;
    } else if (e.tag == GUMBO_TAG_H1 && out_.h1s.size() < kMaxH1s) {
      out_.h1s.push_back(TextOf(node));
    } else if (out_.byline.empty() && IsBylineElement(node)) {
      std::string text = TextOf(node);
      if (!text.empty() && CodePointCount(text) <= kMaxBylineChars) {
        out_.byline = std::move(text);
        byline_node_ = node;
      }
    }
    in_link = in_link || e.tag == GUMBO_TAG_A;
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode* child = Child(children, i);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA) {
        AddText(child->v.text.text, in_link, &info);
        continue;
      }
      if (!IsElement(child)) continue;
      Measure(child, in_link, depth + 1);
      auto it = info_.find(child);
      if (it == info_.end()) continue;
      const Info& c = it->second;
      info.block_child =
          info.block_child ||
          HtmlBlockOf(child->v.element.tag) == HtmlBlock::kContainer;
      info.paragraphs += c.paragraphs + (child->v.element.tag == GUMBO_TAG_P);
      info.inputs += c.inputs + (child->v.element.tag == GUMBO_TAG_INPUT);
      if (c.furniture && !info.furniture) continue;
      info.chars += c.chars;
      info.link_chars += c.link_chars;
      info.commas += c.commas;
    }
    info_[node] = info;
  }

  static void AddText(absl::string_view text, bool in_link, Info* info) {
    bool space = true;
    int chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const unsigned char c = text[i];
      if ((c & 0xC0) == 0x80) continue;
      const bool is_space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (is_space && space) continue;
      space = is_space;
      ++chars;
      info->commas += c == ',' ||
                      (c == 0xEF && text.substr(i, 3) == "\xEF\xBC\x8C") ||
                      (c == 0xE3 && text.substr(i, 3) == "\xE3\x80\x81");
    }
    info->chars += chars;
    if (in_link) info->link_chars += chars;
  }

  static std::string ClassAndId(const GumboNode* node) {
    return absl::StrCat(Lower(Attr(node, "class")), " ",
                        Lower(Attr(node, "id")));
  }

  // schema.org's articleBody: the publisher's own mark of the story.
  static bool IsArticleBody(const GumboNode* node) {
    return absl::StrContains(Lower(Attr(node, "itemprop")), "articlebody");
  }

  static bool IsFurniture(const GumboNode* node) {
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE ||
        tag == GUMBO_TAG_FOOTER) {
      return true;
    }
    const std::string role = Lower(Attr(node, "role"));
    for (absl::string_view r :
         {"navigation", "menu", "menubar", "complementary", "dialog", "alert",
          "alertdialog"}) {
      if (role == r) return true;
    }
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML ||
        tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ||
        tag == GUMBO_TAG_A || IsArticleBody(node)) {
      return false;
    }
    const std::string hints = ClassAndId(node);
    return ContainsAny(hints, kFurnitureWords) &&
           !ContainsAny(hints, kContentWords);
  }

  static bool IsBylineElement(const GumboNode* node) {
    const std::string rel = Lower(Attr(node, "rel"));
    const std::string itemprop = Lower(Attr(node, "itemprop"));
    return rel == "author" || absl::StrContains(itemprop, "author") ||
           ContainsAny(ClassAndId(node), kBylineWords);
  }

  static double ClassWeight(const GumboNode* node) {
    double weight = IsArticleBody(node) ? kClassWeight : 0;
    for (const char* name : {"class", "id"}) {
      const std::string value = Lower(Attr(node, name));
      if (value.empty()) continue;
      if (ContainsAny(value, kNegativeWords)) weight -= kClassWeight;
      if (ContainsAny(value, kPositiveWords)) weight += kClassWeight;
    }
    return weight;
  }

  static double TagPrior(GumboTag tag) {
    switch (tag) {
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_ARTICLE:
      case GUMBO_TAG_MAIN:
        return 5;
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_BLOCKQUOTE:
        return 3;
      case GUMBO_TAG_ADDRESS:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
      case GUMBO_TAG_LI:
      case GUMBO_TAG_FORM:
        return -3;
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
      case GUMBO_TAG_TH:
        return -5;
      default:
        return 0;
    }
  }

  bool IsParagraph(const GumboNode* node) const {
    switch (node->v.element.tag) {
      case GUMBO_TAG_P:
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
        return true;
      case GUMBO_TAG_DIV:
        return !info_.at(node).block_child;
      default:
        return false;
    }
  }

  void ScoreParagraphs() {
    for (const GumboNode* node : order_) {
      const Info& p = info_.at(node);
      if (p.furniture || p.chars < kMinParagraphChars || !IsParagraph(node)) {
        continue;
      }
      if (UnderFurnitureCached(node)) continue;
      const double score = 1 + p.commas + std::min(p.chars / 100, 3);
      const GumboNode* a = node->parent;
      for (int level = 0; level < kScoredAncestors && a != nullptr &&
                          IsElement(a) && a->v.element.tag != GUMBO_TAG_HTML;
           ++level, a = a->parent) {
        Info& ai = info_[a];
        if (!ai.scored) {
          ai.scored = true;
          ai.score = TagPrior(a->v.element.tag) + ClassWeight(a);
          candidates_.push_back(a);
        }
        ai.score += level == 0   ? score
                    : level == 1 ? score / 2
                                 : score / (level * 3);
      }
    }
  }

  // Whether `node` or one of its ancestors is furniture (IsFurniture, as
  // Measure recorded it), with the answer of each parent remembered, so
  // the pass stays linear.
  bool UnderFurnitureCached(const GumboNode* node) {
    if (node == nullptr || !IsElement(node)) return false;
    auto it = under_furniture_.find(node);
    if (it != under_furniture_.end()) return it->second;
    auto info = info_.find(node);
    const bool under = (info != info_.end() && info->second.furniture) ||
                       UnderFurnitureCached(node->parent);
    under_furniture_[node] = under;
    return under;
  }

  double Final(const GumboNode* node) const {
    const Info& i = info_.at(node);
    return i.score * (1 - i.LinkDensity());
  }

  const GumboNode* TopCandidate() const {
    const GumboNode* top = nullptr;
    double best = 0;
    for (const GumboNode* c : candidates_) {
      if (info_.at(c).furniture) continue;
      const double s = Final(c);
      if (top == nullptr || s > best) {
        top = c;
        best = s;
      }
    }
    return top;
  }

  // An article split into parts that each score alike (steps, sections):
  // when three or more of the best candidates score close to the winner,
  // the winner's nearest ancestor holding three of them holds the article.
  const GumboNode* CommonAncestorOfRivals(const GumboNode* top) const {
    std::vector<std::pair<double, const GumboNode*>> ranked;
    for (const GumboNode* c : candidates_) {
      if (!info_.at(c).furniture) ranked.push_back({Final(c), c});
    }
    const size_t n = std::min<size_t>(ranked.size(), kTopCandidates);
    std::partial_sort(
        ranked.begin(), ranked.begin() + n, ranked.end(),
        [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<const GumboNode*> rivals;
    const double top_score = Final(top);
    for (size_t i = 0; i < n; ++i) {
      if (ranked[i].second != top &&
          ranked[i].first >= kRivalShare * top_score) {
        rivals.push_back(ranked[i].second);
      }
    }
    if (static_cast<int>(rivals.size()) < kMinRivals) return top;
    for (const GumboNode* a = top->parent;
         a != nullptr && IsElement(a) && a->v.element.tag != GUMBO_TAG_BODY;
         a = a->parent) {
      int inside = 0;
      for (const GumboNode* r : rivals) inside += IsAncestor(a, r);
      if (inside >= kMinRivals) return a;
    }
    return top;
  }

  static bool IsAncestor(const GumboNode* ancestor, const GumboNode* node) {
    for (const GumboNode* p = node->parent; p != nullptr; p = p->parent) {
      if (p == ancestor) return true;
    }
    return false;
  }

  // A parent that scores higher than the winner holds more of the article.
  const GumboNode* Climb(const GumboNode* top) const {
    double last = Final(top);
    const double threshold = last / 3;
    for (const GumboNode* p = top->parent;
         p != nullptr && IsElement(p) && p->v.element.tag != GUMBO_TAG_BODY;
         p = p->parent) {
      auto it = info_.find(p);
      if (it == info_.end() || !it->second.scored) continue;
      const double s = Final(p);
      if (s < threshold) break;
      if (s > last) {
        top = p;
        break;
      }
      last = s;
    }
    // An only child stands for its parent.
    while (top->parent != nullptr && IsElement(top->parent) &&
           top->parent->v.element.tag != GUMBO_TAG_BODY &&
           CountElementChildren(top->parent) == 1) {
      top = top->parent;
    }
    return top;
  }

  static int CountElementChildren(const GumboNode* node) {
    int n = 0;
    const GumboVector& children = Children(node);
    for (unsigned i = 0; i < children.length; ++i) {
      n += IsElement(Child(children, i));
    }
    return n;
  }

  void MergeSiblings(const GumboNode* top) {
    out_.roots.insert(top);
    const GumboNode* parent = top->parent;
    if (parent == nullptr || !IsElement(parent)) return;
    const double top_score = Final(top);
    const double threshold =
        std::max(kMinSiblingScore, top_score * kSiblingShare);
    const std::string top_class = Lower(Attr(top, "class"));
    const GumboVector& siblings = Children(parent);
    for (unsigned i = 0; i < siblings.length; ++i) {
      const GumboNode* s = Child(siblings, i);
      if (s == top || !IsElement(s)) continue;
      auto it = info_.find(s);
      if (it == info_.end() || it->second.furniture) continue;
      const Info& si = it->second;
      double bonus = 0;
      if (!top_class.empty() && Lower(Attr(s, "class")) == top_class) {
        bonus = top_score * kSiblingShare;
      }
      bool join = si.scored && Final(s) + bonus >= threshold;
      if (!join && s->v.element.tag == GUMBO_TAG_P) {
        const double ld = si.LinkDensity();
        if (si.chars > 80) {
          join = ld < 0.25;
        } else {
          const std::string text = TextOf(s);
          join = si.chars > 0 && ld == 0 && absl::EndsWith(text, ".");
        }
      }
      if (join) out_.roots.insert(s);
    }
  }

  // Drops furniture, hidden elements, the byline, share widgets and
  // link-dense boxes inside the article.
  void Clean(const GumboNode* node, const GumboNode* root, int depth) {
    if (depth > kMaxRecursion) return;
    const GumboVector& children = Children(node);
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode* child = Child(children, i);
      auto it = info_.find(child);
      if (!IsElement(child) || it == info_.end()) continue;
      if (const char* reason = DropReason(child, it->second)) {
        out_.dropped.emplace(child, reason);
        continue;
      }
      Clean(child, root, depth + 1);
    }
  }

  const char* DropReason(const GumboNode* node, const Info& info) const {
    if (out_.dropped.contains(node)) return out_.dropped.at(node);
    if (node == byline_node_) return "byline";
    const std::string hints = ClassAndId(node);
    if (info.furniture) return FurnitureReason(node);
    const GumboTag tag = node->v.element.tag;
    const double weight = ClassWeight(node);
    if ((tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2) && weight < 0) {
      return "boilerplate";
    }
    const bool list = tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL;
    const bool box = list || tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION ||
                     tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_FORM ||
                     tag == GUMBO_TAG_FIELDSET;
    if (!box) return nullptr;
    // A negative class or id that the box's own text does not outweigh
    // (a list's tag prior alone is no evidence).
    if (weight < 0 && weight + info.score < 0) return "boilerplate";
    if (info.commas >= 10) return nullptr;
    const double ld = info.LinkDensity();
    if (info.inputs > info.paragraphs / 3 + 1) return "boilerplate";
    if (list ? ld > 0.5 : (weight < kClassWeight && ld > 0.2)) {
      return "related-links";
    }
    if (weight >= kClassWeight && ld > 0.5) return "related-links";
    return nullptr;
  }

  static const char* FurnitureReason(const GumboNode* node) {
    const GumboTag tag = node->v.element.tag;
    const std::string hints = ClassAndId(node);
    const std::string role = Lower(Attr(node, "role"));
    if (tag == GUMBO_TAG_NAV || absl::StrContains(role, "menu") ||
        role == "navigation" || absl::StrContains(hints, "menu") ||
        absl::StrContains(hints, "nav") ||
        absl::StrContains(hints, "breadcrumb")) {
      return "navigation";
    }
    if (tag == GUMBO_TAG_FOOTER || absl::StrContains(hints, "footer")) {
      return "site-footer";
    }
    if (absl::StrContains(hints, "related") ||
        absl::StrContains(hints, "outbrain") ||
        absl::StrContains(hints, "taboola")) {
      return "related-links";
    }
    if (absl::StrContains(hints, "comment") ||
        absl::StrContains(hints, "disqus") ||
        absl::StrContains(hints, "replies")) {
      return "comments";
    }
    return "boilerplate";
  }

  bool Inside(const GumboNode* node) const {
    for (const GumboNode* p = node; p != nullptr; p = p->parent) {
      if (out_.roots.contains(p)) return true;
    }
    return false;
  }

  static void AppendText(const GumboNode* node, std::string* out, int depth) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      out->append(node->v.text.text);
      return;
    }
    if (!IsElement(node) || IsInvisibleTag(node->v.element.tag) ||
        depth > kMaxRecursion || out->size() > kMaxCandidateTextBytes) {
      return;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      AppendText(Child(children, i), out, depth + 1);
    }
  }

  static std::string TextOf(const GumboNode* node) {
    std::string text;
    AppendText(node, &text, 0);
    text = NormalizeWhitespace(text);
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    return NormalizeWhitespace(text);
  }

  absl::flat_hash_map<const GumboNode*, Info> info_;
  absl::flat_hash_map<const GumboNode*, bool> under_furniture_;
  std::vector<const GumboNode*> order_;       // elements, document order
  std::vector<const GumboNode*> candidates_;  // scored containers
  const GumboNode* byline_node_ = nullptr;
  MainContent out_;
};

}  // namespace

bool IsInvisibleTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
      return true;
    default:
      return false;
  }
}

bool IsHiddenElement(const GumboNode* node) {
  if (!IsElement(node)) return false;
  if (Attr(node, "hidden") != nullptr) return true;
  if (Lower(Attr(node, "aria-hidden")) == "true") return true;
  std::string style = Lower(Attr(node, "style"));
  if (style.empty()) return false;
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return absl::StrContains(style, "display:none") ||
         absl::StrContains(style, "visibility:hidden");
}

std::vector<size_t> DensestRun(const std::vector<Block>& blocks) {
  std::vector<size_t> eligible;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.zone == Zone::kNavigation || b.zone == Zone::kFooter) continue;
    if (std::any_of(b.text.begin(), b.text.end(), [](unsigned char c) {
          return absl::ascii_isalnum(c) || c >= 0x80;
        })) {
      eligible.push_back(i);
    }
  }
  // Kadane over the eligible blocks in order.
  double best = 0, current = 0;
  size_t best_from = 0, best_to = 0, from = 0;
  for (size_t k = 0; k < eligible.size(); ++k) {
    const Block& b = blocks[eligible[k]];
    const double value = CodePointCount(b.text) - 3.0 * b.link_chars;
    if (current <= 0) {
      current = 0;
      from = k;
    }
    current += value;
    if (current > best) {
      best = current;
      best_from = from;
      best_to = k + 1;
    }
  }
  if (best <= 0) return eligible;
  return std::vector<size_t>(eligible.begin() + best_from,
                             eligible.begin() + best_to);
}

int RestoreArticleBlocks(const std::vector<Block>& blocks,
                         Classification* classification) {
  int restored = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    BlockVerdict& v = classification->verdicts[i];
    const RemovalReason reason = v.reason;
    if (v.keep || (reason != RemovalReason::kBoilerplate &&
                   reason != RemovalReason::kRelatedLinks &&
                   reason != RemovalReason::kNavigation &&
                   reason != RemovalReason::kSiteFooter)) {
      continue;
    }
    const Block& b = blocks[i];
    const std::vector<absl::string_view> words =
        absl::StrSplit(b.text, ' ', absl::SkipWhitespace());
    const int chars = CodePointCount(b.text);
    // Scripts without spaces between words (CJK, U+3000 on: lead bytes
    // from 0xE3): by length.
    const bool spaceless =
        std::any_of(b.text.begin(), b.text.end(), [](char c) {
          return static_cast<unsigned char>(c) >= 0xE3 &&
                 static_cast<unsigned char>(c) <= 0xED;
        });
    const bool long_enough =
        static_cast<int>(words.size()) >= kMinRestoredWords ||
        (spaceless && chars >= kMinRestoredChars);
    if (!long_enough || 2 * b.link_chars >= chars) {
      continue;
    }
    v.keep = true;
    v.reason = RemovalReason::kNone;
    ++restored;
  }
  if (restored > 0) classification->has_body = true;
  return restored;
}

MainContent FindMainContent(const GumboNode* root) {
  return Extractor().Run(root);
}

}  // namespace newsindex
