#include "core/normalize/normalizer.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/base/hash.h"
#include "core/normalize/blocks.h"
#include "core/normalize/boilerplate.h"
#include "core/normalize/charset.h"
#include "core/normalize/citations.h"
#include "core/normalize/dateline.h"
#include "core/normalize/dates.h"
#include "core/normalize/html/dom_extract.h"
#include "core/normalize/html/embeds.h"
#include "core/normalize/html/html.h"
#include "core/normalize/html/html_title.h"
#include "core/normalize/line_kinds.h"
#include "core/normalize/title.h"
#include "core/normalize/vocabulary.h"
#include "core/text/simhash.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

std::string DetectLanguage(absl::string_view body) {
  bool reliable = false;
  CLD2::Language language =
      CLD2::DetectLanguage(body.data(), static_cast<int>(body.size()),
                           /*is_plain_text=*/true, &reliable);
  if (!reliable || language == CLD2::UNKNOWN_LANGUAGE) return "";
  return CLD2::LanguageCode(language);
}

bool LooksLikeHtml(absl::string_view content) {
  const std::string head = absl::AsciiStrToLower(content.substr(0, 1024));
  return absl::StrContains(head, "<html") ||
         absl::StrContains(head, "<!doctype html") ||
         absl::StrContains(head, "<body") || absl::StrContains(head, "<head");
}

// One line of metadata text, NFC, whitespace collapsed.
std::string Clean(absl::string_view s) {
  std::string text = NormalizeWhitespace(ToNfc(RepairUtf8(s)));
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return NormalizeWhitespace(text);
}

std::string HostOf(absl::string_view url) {
  absl::ConsumePrefix(&url, "https://") || absl::ConsumePrefix(&url, "http://");
  absl::ConsumePrefix(&url, "www.");
  url = url.substr(0, url.find_first_of("/?#:"));
  return absl::AsciiStrToLower(url);
}

// Share of bytes that are C0 control characters other than tab, line feed,
// form feed and carriage return (NUL included). Text in UTF-8 and in the
// single-byte legacy encodings has next to none.
double ControlByteFraction(absl::string_view bytes) {
  if (bytes.empty()) return 0;
  size_t control = 0;
  for (unsigned char c : bytes) {
    control += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
  }
  return double(control) / bytes.size();
}

// Bytes to valid UTF-8, per the content kind; see Normalizer::Normalize.
absl::StatusOr<std::string> DecodeContent(const RawArticle& raw, bool is_html,
                                          const char* field, double max_junk,
                                          std::vector<std::string>* warnings) {
  if (ControlByteFraction(raw.content) > max_junk) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": content is not text (binary data)"));
  }
  const std::string declared =
      is_html ? DeclaredCharset(raw.content) : std::string();
  const bool valid = IsValidUtf8(raw.content);
  const bool declared_other = !declared.empty() &&
                              !absl::EqualsIgnoreCase(declared, "utf-8") &&
                              !absl::EqualsIgnoreCase(declared, "utf8");
  if (!valid && (raw.kind == ContentKind::kRaw || declared_other)) {
    std::string used;
    absl::StatusOr<std::string> converted =
        ToUtf8(raw.content, declared, &used);
    if (!converted.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": ", converted.status().message()));
    }
    warnings->push_back(absl::StrCat("decoded from ", used));
    return converted;
  }
  if (valid && declared_other) {
    warnings->push_back(absl::StrCat("declared charset ", declared,
                                     " ignored: the content is valid UTF-8"));
  }
  int replaced = 0;
  std::string content = RepairUtf8(raw.content, &replaced);
  if (replaced > 0) {
    const int total = std::max(1, CodePointCount(content));
    if (double(replaced) / total > max_junk) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": content is not text (", replaced,
                       " invalid UTF-8 sequences)"));
    }
    warnings->push_back(absl::StrCat("replaced ", replaced,
                                     " invalid UTF-8 sequence(s) with U+FFFD"));
  }
  return content;
}

// The body: kept blocks, citation markers removed; list items one per line,
// other blocks one paragraph each.
std::string BuildBody(const std::vector<Block>& blocks, const Classification& c,
                      int* markers) {
  std::string body;
  bool previous_item = false;
  *markers = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!c.verdicts[i].keep) continue;
    int removed = 0;
    std::string text = StripCitationMarkers(blocks[i].text, &removed);
    *markers += removed;
    text = std::string(absl::StripAsciiWhitespace(text));
    if (text.empty()) continue;
    const bool item = blocks[i].kind == BlockKind::kListItem;
    if (item && !StartsWithBullet(text)) text.insert(0, "- ");
    if (!body.empty()) body.append(item && previous_item ? "\n" : "\n\n");
    body.append(text);
    previous_item = item;
  }
  return body;
}

// The first publication and the first update date the page's date lines
// state; a line's unlabeled date counts as published only when the line
// is not an update line ("Updated on 2 May 2026").
StatedDates DatesOfLines(const PageFacts& facts) {
  StatedDates found;
  for (size_t i = 0; i < facts.date_lines.size(); ++i) {
    StatedDates line = ReadDateLine(facts.date_lines[i]);
    if (!facts.date_lines_published[i] && line.published.has_value() &&
        !line.updated.has_value()) {
      line.updated = line.published;
      line.published.reset();
    }
    if (!found.published.has_value() && line.published.has_value() &&
        ResolveStatedDate(*line.published).has_value()) {
      found.published = line.published;
    }
    if (!found.updated.has_value() && line.updated.has_value() &&
        ResolveStatedDate(*line.updated).has_value()) {
      found.updated = line.updated;
    }
  }
  return found;
}

// published_at, its source and updated_at, from what the page states and
// only that: the caller, JSON-LD, <meta>/<time>, date lines (publication
// before update), the dateline, the URL; else the ingest time
// (`reference`). A date without a year is not a publication date: no year
// is taken from the clock. Dates in the body (events, quoted posts,
// citations) are never read.
void ResolvePublished(const RawArticle& raw, const HtmlMetadata& meta,
                      const PageFacts& facts,
                      const std::optional<Dateline>& dateline,
                      absl::Time reference, NormalizedArticle* result) {
  Article& article = result->article;
  auto set = [&](std::optional<absl::Time> t, DateSource source) {
    if (article.published_at.has_value() || !t.has_value()) return;
    article.published_at = t;
    article.published_at_source = source;
  };
  const StatedDates lines = DatesOfLines(facts);
  set(raw.published_at, DateSource::kCaller);
  set(ParseDateTime(meta.ld_date_published), DateSource::kJsonLd);
  set(ParseDateTime(meta.published), DateSource::kMeta);
  set(ParseDateTime(meta.time_datetime), DateSource::kMeta);
  if (lines.published.has_value()) {
    set(ResolveStatedDate(*lines.published), DateSource::kByline);
  }
  if (dateline.has_value() && dateline->date.has_value()) {
    set(ResolveStatedDate(*dateline->date), DateSource::kDateline);
  }
  set(DateFromUrl(article.url), DateSource::kUrl);
  // Only an update stated: the article is no younger than it.
  if (lines.updated.has_value()) {
    set(ResolveStatedDate(*lines.updated), DateSource::kByline);
  }
  set(reference, DateSource::kIngestTime);
  std::optional<absl::Time> updated = ParseDateTime(meta.ld_date_modified);
  if (!updated.has_value()) updated = ParseDateTime(meta.modified);
  if (!updated.has_value() && lines.updated.has_value()) {
    updated = ResolveStatedDate(*lines.updated);
  }
  if (updated.has_value() && *updated >= *article.published_at) {
    article.updated_at = updated;
  }
}

// Step 1: bytes to valid NFC UTF-8. Sets *is_html.
absl::StatusOr<std::string> DecodeToNfc(const RawArticle& raw,
                                        const NormalizerOptions& options,
                                        bool* is_html,
                                        std::vector<std::string>* warnings) {
  const char* field = ContentFieldName(raw.kind);
  if (raw.content.size() > options.max_input_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        field, ": ", raw.content.size(), " bytes exceeds the limit of ",
        options.max_input_bytes, " bytes"));
  }
  if (absl::StripAsciiWhitespace(raw.content).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": empty content"));
  }
  *is_html = raw.kind == ContentKind::kHtml ||
             (raw.kind == ContentKind::kRaw && LooksLikeHtml(raw.content));
  absl::StatusOr<std::string> decoded =
      DecodeContent(raw, *is_html, field, options.max_junk_fraction, warnings);
  if (!decoded.ok()) return decoded.status();
  if (ControlCharFraction(*decoded) > options.max_junk_fraction) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": content is not text (binary data)"));
  }
  return ToNfc(*decoded);
}

// Step 2: the blocks of the page or text, media links removed and embedded
// posts merged. `html` receives the parsed page (metadata) for HTML.
std::vector<Block> ContentBlocks(const std::string& content, bool is_html,
                                 const HtmlLimits& limits, HtmlDocument* html,
                                 NormalizedArticle* result) {
  std::vector<std::string>* warnings = &result->warnings;
  std::vector<Block> blocks;
  if (is_html) {
    *html = ParseHtml(content, limits);
    if (html->flattened) {
      warnings->push_back(absl::StrCat("HTML ", html->flattened_reason,
                                       ": read without the tree builder"));
    }
    blocks = std::move(html->blocks);
    // What the page-level extraction (dom_extract.h) left out.
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (html->block_reasons[i].empty()) continue;
      result->removed.push_back(
          {blocks[i].lines[0], blocks[i].text, html->block_reasons[i]});
      blocks[i].text.clear();  // dropped below with the empty blocks
    }
  } else {
    blocks = SplitTextIntoBlocks(content);
  }
  if (int links = StripMediaLinks(&blocks); links > 0) {
    warnings->push_back(absl::StrCat("removed ", links, " media link(s)"));
  }
  std::erase_if(blocks, [](const Block& b) { return b.text.empty(); });
  MergeEmbeddedPosts(&blocks);
  return blocks;
}

// Step 3: the title known before classification: the caller's, else (HTML)
// the best of the page's candidates (html_title.h).
std::string KnownTitle(const RawArticle& raw, bool is_html,
                       const HtmlMetadata& meta, std::string* site,
                       std::vector<std::string>* warnings) {
  std::string title = Clean(raw.title);
  // Bad metadata costs the metadata: a breadcrumb is never a title.
  if (IsBreadcrumb(title) || IsMenuLine(title)) {
    warnings->push_back(
        absl::StrCat("title: \"", title,
                     "\" is a breadcrumb or menu, not a headline: "
                     "ignored"));
    title.clear();
  }
  if (title.empty() && is_html) title = ChooseHtmlTitle(meta, site);
  return title;
}

// Every line of the removed blocks, in line order.
std::vector<RemovedLine> RemovedLines(const std::vector<Block>& blocks,
                                      const Classification& c) {
  std::vector<RemovedLine> removed;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (c.verdicts[i].keep) continue;
    for (size_t k = 0; k < blocks[i].lines.size(); ++k) {
      removed.push_back({blocks[i].lines[k],
                         k == 0 ? blocks[i].text : std::string(),
                         RemovalReasonName(c.verdicts[i].reason)});
    }
  }
  std::stable_sort(removed.begin(), removed.end(),
                   [](const RemovedLine& a, const RemovedLine& b) {
                     return a.line < b.line;
                   });
  return removed;
}

// Step 4 fallback for HTML, when the classifier found no story: a page
// with visible text is never refused; its densest run of blocks is kept
// (dom_extract.h).
Classification KeepDensestRun(const std::vector<Block>& blocks,
                              Classification c, NormalizedArticle* result) {
  std::vector<size_t> run = DensestRun(blocks);
  const bool navigation_only = run.empty();
  if (navigation_only) {
    // Only navigation or footer text: still visible text, so the block
    // with the most words is kept rather than the page refused.
    int most = 0;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const int words = CountWords(blocks[i].text).words;
      if (words > most) {
        most = words;
        run = {i};
      }
    }
  }
  for (BlockVerdict& verdict : c.verdicts) verdict.keep = false;
  for (size_t i : run) {
    c.verdicts[i].keep = true;
    c.verdicts[i].reason = RemovalReason::kNone;
  }
  c.has_body = !run.empty();
  result->warnings.push_back(
      navigation_only
          ? std::string("no article body recognised: kept the densest block "
                        "of a page with navigation text only")
          : absl::StrCat(
                "no article body recognised: kept the densest run of the "
                "page (",
                run.size(), " block(s))"));
  return c;
}

// Step 4 fallback for text, when the classifier found no story: visible
// text is never refused. Plain text keeps every block but its title (a
// title line alone is kept).
Classification KeepEverything(const std::vector<Block>& blocks,
                              Classification c, NormalizedArticle* result) {
  // A title line alone is the body too.
  const bool only_title =
      std::count_if(c.verdicts.begin(), c.verdicts.end(),
                    [](const BlockVerdict& v) {
                      return v.reason == RemovalReason::kTitle;
                    }) == static_cast<long>(blocks.size());
  c.has_body = false;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const bool title =
        !c.verdicts[i].keep && c.verdicts[i].reason == RemovalReason::kTitle;
    if ((!title || only_title) && CountWords(blocks[i].text).words > 0) {
      c.verdicts[i].keep = true;
      c.verdicts[i].reason = RemovalReason::kNone;
      c.has_body = true;
    }
  }
  result->warnings.push_back("no story text recognised: kept the whole text");
  return c;
}

// Step 4: boilerplate removal and the body. Fails only when no block has
// visible text.
absl::StatusOr<Classification> ClassifyAndBuildBody(
    const std::vector<Block>& blocks, const HtmlDocument* html,
    const std::string& title, const char* field, NormalizedArticle* result) {
  const bool is_html = html != nullptr;
  ClassifyOptions classify;
  classify.title_from_first_block = !is_html && title.empty();
  classify.known_title = title;
  classify.plain_text = !is_html;
  Classification c = ClassifyBlocks(blocks, classify);
  if (is_html && html->main_content_chars >= kMinMainContentChars) {
    RestoreArticleBlocks(blocks, &c);
  }
  int markers = 0;
  if (c.has_body) result->article.body = BuildBody(blocks, c, &markers);
  if (result->article.body.empty()) {
    c = is_html ? KeepDensestRun(blocks, c, result)
                : KeepEverything(blocks, c, result);
    result->article.body = BuildBody(blocks, c, &markers);
  }
  if (result->article.body.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": no article body found in the content"));
  }
  if (markers > 0) {
    result->warnings.push_back(
        absl::StrCat("removed ", markers, " citation marker(s)"));
  }
  // After the lines the page-level extraction removed (ContentBlocks).
  std::vector<RemovedLine> removed = RemovedLines(blocks, c);
  result->removed.insert(result->removed.end(), removed.begin(), removed.end());
  std::stable_sort(result->removed.begin(), result->removed.end(),
                   [](const RemovedLine& a, const RemovedLine& b) {
                     return a.line < b.line;
                   });
  return c;
}

// The dateline opens one of the first paragraphs (a heading may come
// first).
std::optional<Dateline> FindDateline(absl::string_view body) {
  std::optional<Dateline> dateline;
  absl::string_view rest = body;
  for (int p = 0; p < 3 && !rest.empty() && !dateline.has_value(); ++p) {
    const size_t end = rest.find('\n');
    dateline = ParseDateline(rest.substr(0, end));
    rest = end == absl::string_view::npos ? absl::string_view()
                                          : rest.substr(end + 1);
  }
  return dateline;
}

// Step 5: title, subtitle, author, dateline, url, source, date, language,
// hashes.
void FillMetadata(const RawArticle& raw, const HtmlMetadata& meta,
                  const PageFacts& facts, std::string title,
                  const std::string& site_from_title, absl::Time reference,
                  NormalizedArticle* result) {
  Article& article = result->article;
  if (title.empty()) {
    const std::vector<TitleCandidate> candidates = {
        {facts.title, TitleOrigin::kTextLine},
        {facts.first_heading, TitleOrigin::kFirstHeading}};
    const int best = ChooseTitle(candidates);
    if (best >= 0) title = candidates[best].text;
    if (best >= 0 && candidates[best].origin == TitleOrigin::kFirstHeading) {
      result->warnings.push_back("title taken from the first section heading");
    }
  }
  article.title = title;
  article.subtitle = facts.subtitle.empty()
                         ? Clean(meta.ld_alternative_headline)
                         : facts.subtitle;
  article.author = Clean(meta.ld_author);
  if (article.author.empty()) article.author = Clean(meta.author);
  if (article.author.empty()) article.author = BylineName(Clean(meta.byline));
  if (article.author.empty()) article.author = facts.author;
  const std::optional<Dateline> dateline = FindDateline(article.body);
  if (dateline.has_value()) article.dateline = dateline->place;
  article.url = raw.url.empty() ? Clean(meta.url) : raw.url;
  for (const std::string& source :
       {raw.source, Clean(meta.og_site_name), Clean(meta.ld_publisher),
        dateline.has_value() ? dateline->source : std::string(),
        facts.site_name, facts.copyright_holder, site_from_title,
        facts.site_domain, HostOf(article.url)}) {
    if (!source.empty()) {
      article.source = source;
      break;
    }
  }
  ResolvePublished(raw, meta, facts, dateline, reference, result);
  article.language = raw.language;
  if (article.language.empty()) article.language = DetectLanguage(article.body);
  if (article.language.empty() && !meta.lang.empty()) {
    article.language = absl::AsciiStrToLower(
        absl::string_view(meta.lang).substr(0, meta.lang.find('-')));
  }
  article.references = facts.references;
  article.content_hash = Sha256Hex(article.body);
  article.simhash = SimhashToHex(ComputeSimhash(article.body));
}

}  // namespace

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {}

absl::StatusOr<NormalizedArticle> Normalizer::Normalize(
    const RawArticle& raw, absl::Time reference_time) const {
  NormalizedArticle result;
  bool is_html = false;
  absl::StatusOr<std::string> content =
      DecodeToNfc(raw, options_, &is_html, &result.warnings);
  if (!content.ok()) return content.status();
  HtmlDocument html;
  const std::vector<Block> blocks =
      ContentBlocks(*content, is_html, options_.html_limits, &html, &result);
  std::string site_from_title;
  const std::string title =
      KnownTitle(raw, is_html, html.meta, &site_from_title, &result.warnings);
  absl::StatusOr<Classification> c =
      ClassifyAndBuildBody(blocks, is_html ? &html : nullptr, title,
                           ContentFieldName(raw.kind), &result);
  if (!c.ok()) return c.status();
  FillMetadata(raw, html.meta, c->facts, title, site_from_title, reference_time,
               &result);
  return result;
}

}  // namespace newsindex
