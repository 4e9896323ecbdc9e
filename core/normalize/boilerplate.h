// Boilerplate removal: decides for every block whether it is part of the
// story, and collects what the removed blocks say about the article.
//
// In the spirit of jusText: each block gets features (length in code
// points and words, whether it ends a sentence, stop-word density, link
// density in HTML, repetition inside the document, position, membership in
// a known page-furniture vocabulary); hard rules remove furniture, then
// blocks are classed good (sentences of some length with function words),
// near-good (short sentences), short (headings, labels, link titles).
// The story spans from the first to the last good block; short blocks in
// it stay when content follows them, short blocks before it are title,
// deck, bylines or navigation, and after it related links and the site
// footer. See docs/normalization.md for the full rule.
#ifndef NEWSINDEX_CORE_NORMALIZE_BOILERPLATE_H_
#define NEWSINDEX_CORE_NORMALIZE_BOILERPLATE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/normalize/blocks.h"

namespace newsindex {

// Why a block left the body. The names (RemovalReasonName) are reported
// by Analyze and are a contract.
enum class RemovalReason {
  kNone,          // kept
  kTitle,         // "title"
  kSubtitle,      // "subtitle" (moved to metadata)
  kNavigation,    // "navigation"
  kRepeated,      // "repeated"
  kBoilerplate,   // "boilerplate"
  kRelatedLinks,  // "related-links"
  kSiteFooter,    // "site-footer"
  kCitationList,  // "citation-list"
  kByline,        // "byline"
  kDateLine,      // "date-line"
  kCaption,       // "caption"
  kEmbeddedPost,  // "embedded-post"
  kSectionLabel,  // "section-label": "Introduction", "Story Snapshot"
};

// The reported name of `reason` ("" for kNone).
const char* RemovalReasonName(RemovalReason reason);

// The reason named `name` (as FurnitureReason returns); kBoilerplate for
// an unknown name.
RemovalReason RemovalReasonFromName(absl::string_view name);

struct ClassifyOptions {
  // Plain text without a given title: the first block is the title when it
  // is shaped like a headline (short, no sentence end, not a section label).
  bool title_from_first_block = false;
  // A title known from elsewhere (caller, HTML metadata): a block before
  // the story that repeats it is removed as "title".
  std::string known_title;
  // Plain text (not HTML): removal needs positive evidence. Short lines
  // inside the story are kept; before and after it, only label-like lines
  // (no sentence end, no figures) and footer lines are removed by their
  // position; sentences, tables and figures stay.
  bool plain_text = false;
};

// What happens to one block.
struct BlockVerdict {
  bool keep = true;
  RemovalReason reason = RemovalReason::kNone;  // when !keep
};

struct PageFacts {
  std::string title;        // from the first block (title_from_first_block)
  std::string subtitle;     // deck: the headline-like block after the title
  std::string author;       // from the first byline
  std::string site_name;    // trailing site name ("Inter Bellum News")
  std::string site_domain;  // trailing domain ("interbellumnews.com")
  std::string copyright_holder;  // "© 2026 The Savannah Ledger." -> name
  std::vector<std::string> date_lines;     // removed date lines, in order
  std::vector<bool> date_lines_published;  // ... stating publication
  std::vector<std::string> references;     // entries of a source list
  std::string first_heading;  // first kept heading, section label removed
};

struct Classification {
  std::vector<BlockVerdict> verdicts;  // one per block
  PageFacts facts;
  bool has_body = false;  // some block holds story text
};

// Classifies `blocks` (embedded posts already merged). Linear time.
Classification ClassifyBlocks(const std::vector<Block>& blocks,
                              const ClassifyOptions& options);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_BOILERPLATE_H_
