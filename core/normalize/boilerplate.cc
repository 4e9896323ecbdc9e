#include "core/normalize/boilerplate.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/normalize/citations.h"
#include "core/normalize/dateline.h"
#include "core/normalize/dates.h"
#include "core/normalize/line_kinds.h"
#include "core/normalize/title.h"
#include "core/normalize/vocabulary.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

// Thresholds of the block classes (see docs/normalization.md).
constexpr int kGoodMinWords = 8;          // a sentence this long is story
constexpr int kGoodMinChars = 200;        // any block this long is story
constexpr int kNearGoodMinWords = 3;      // shorter sentences need context
constexpr double kMinStopDensity = 0.12;  // English story text has more
constexpr double kMaxLinkDensity = 0.5;   // HTML blocks mostly links are nav
constexpr int kMaxRelatedHeadlineWords = 20;  // a related story's headline
constexpr int kMaxCreditWords = 8;            // "Steppe Wire / A. Zhunusova"
constexpr int kShortMaxWords = 12;  // repeated short lines are furniture
constexpr int kMaxHeadlineWords = 25;
constexpr int kMaxHeadlineChars = 200;
constexpr int kMaxFooterWords = 6;
constexpr size_t kMaxGluedSuffix = 13;         // "MoscowNVO": caption + credit
constexpr size_t kMaxSignOffChars = 8;         // "REUTER"
constexpr double kEnglishMinStopShare = 0.15;  // of the page's words
constexpr size_t kMaxCaptionsCompared = 50;    // bounds step 2b
constexpr int kMaxCaptionCopyWords = 60;
constexpr size_t kMinCaptionCopyKey = 12;
constexpr int kMinSubtitleWords = 5;
constexpr int kMaxSubtitleWords = 40;
constexpr int kMaxSubtitleChars = 300;
constexpr int kMaxDatedLineWords = 20;  // "Jane Doe in Baku Wed 6 May 2026"
constexpr double kMinHeadingCapsRatio = 0.5;
constexpr int kMinSummaryWords = 6;
constexpr int kMaxLabelWords = 2;
constexpr size_t kMaxTitleScanBlocks =
    12;  // the title is near the top  // "Menu", "World News"
constexpr size_t kMaxFooterLines = 2;
constexpr int kMinFooterWordsInText = 2;  // a lone "REUTER" is the story's

enum class Cls { kGood, kNearGood, kShort, kEmbed };

struct Features {
  int chars = 0;
  WordStats stats;
  double stop_density = 0;
  double link_density = 0;
  double caps_ratio = 0;  // capitalized share of content words
  bool terminal = false;
  bool asks = false;  // ends with '?' or '!'
  std::string key;
};

// Wire copy ends with the agency's sign-off after the last sentence
// ("... going inside. REUTER"): the sentence end is what counts.
absl::string_view WithoutSignOff(absl::string_view text) {
  const size_t space = text.rfind(' ');
  if (space == absl::string_view::npos || space == 0) return text;
  absl::string_view word = text.substr(space + 1);
  const bool upper =
      !word.empty() && word.size() <= kMaxSignOffChars &&
      std::all_of(word.begin(), word.end(), [](char c) {
        return absl::ascii_isupper(static_cast<unsigned char>(c));
      });
  absl::string_view before = text.substr(0, space);
  return upper && EndsSentence(before) ? before : text;
}

Features FeaturesOf(const Block& block) {
  // Features see the text as the reader will: without citation markers.
  Block b;
  b.text = StripCitationMarkers(block.text, nullptr);
  b.link_chars = block.link_chars;
  Features f;
  f.chars = CodePointCount(b.text);
  f.stats = CountWords(b.text);
  if (f.stats.words > 0) {
    f.stop_density = double(f.stats.stopwords) / f.stats.words;
  }
  if (f.stats.content_words > 0) {
    f.caps_ratio = double(f.stats.capitalized_content) / f.stats.content_words;
  }
  if (f.chars > 0) f.link_density = double(b.link_chars) / f.chars;
  f.terminal = EndsSentence(WithoutSignOff(b.text));
  f.asks = !b.text.empty() && (b.text.back() == '?' || b.text.back() == '!');
  f.key = BlockKey(b.text);
  return f;
}

bool HeadlineShaped(const Features& f) {
  return f.stats.words >= 1 && f.stats.words <= kMaxHeadlineWords &&
         f.chars <= kMaxHeadlineChars && (!f.terminal || f.asks);
}

bool IsShortLine(const Features& f) {
  return f.stats.words <= kShortMaxWords && !f.terminal;
}

// Letters and digits of a key, for comparing a site name with a domain.
std::string Compact(absl::string_view key) {
  return absl::StrReplaceAll(key, {{" ", ""}, {"-", ""}});
}

bool HasDigit(absl::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Figures: digits, or a month or number spelled out ("Record July One").
bool HasFigure(absl::string_view text) {
  if (HasDigit(text)) return true;
  for (absl::string_view word :
       absl::StrSplit(BlockKey(text), ' ', absl::SkipEmpty())) {
    if (IsSpelledFigure(word)) return true;
  }
  return false;
}

// An editor's note ("NOTE: Full name is ...") belongs to the story.
bool IsNote(absl::string_view text) {
  return absl::StartsWithIgnoreCase(text, "note:") ||
         absl::StartsWithIgnoreCase(text, "note -");
}

// A story without prose (an earnings table, a one-word note): when no block
// is good or near-good, the blocks that no hard rule removed and that hold
// figures, a few words or a sentence end are the body; the rest (lone
// labels such as "World") is navigation.
void KeepDataLines(const std::vector<Block>& blocks,
                   const std::vector<Features>& f, const std::vector<Cls>& cls,
                   Classification* out) {
  std::vector<BlockVerdict>& v = out->verdicts;
  int words = 0;
  std::vector<bool> data(blocks.size(), false);
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!v[i].keep || cls[i] == Cls::kEmbed ||
        (blocks[i].link_chars > 0 && f[i].link_density >= kMaxLinkDensity)) {
      continue;
    }
    if (HasDigit(blocks[i].text) || f[i].stats.words >= kNearGoodMinWords ||
        f[i].terminal) {
      data[i] = true;
      words += f[i].stats.words;
    }
  }
  if (words == 0) return;
  out->has_body = true;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (v[i].keep && !data[i]) {
      v[i].keep = false;
      v[i].reason = RemovalReason::kNavigation;
    }
  }
}

// ClassifyBlocks, one method per numbered step (see the header and
// docs/normalization.md). Holds the blocks, their features and verdicts.
class Classifier {
 public:
  Classifier(const std::vector<Block>& blocks, const ClassifyOptions& options)
      : blocks_(blocks), options_(options), n_(blocks.size()) {
    out_.verdicts.resize(n_);
    f_.reserve(n_);
    for (const Block& b : blocks) f_.push_back(FeaturesOf(b));
    known_key_ = BlockKey(options.known_title);
  }

  Classification Run() {
    TitleLine();
    SourceLists();
    HardRules();
    RelatedRuns();
    SectionLabels();
    CaptionCopies();
    GluedCaptions();
    Repetition();
    BlockClasses();
    if (!StorySpan()) {
      KeepDataLines(blocks_, f_, cls_, &out_);
      return std::move(out_);
    }
    out_.has_body = true;
    InsideSpan();
    BeforeSpan();
    AfterSpan();
    FirstHeading();
    return std::move(out_);
  }

 private:
  bool kept(size_t i) const { return out_.verdicts[i].keep; }
  RemovalReason reason(size_t i) const { return out_.verdicts[i].reason; }
  void Remove(size_t i, RemovalReason reason) {
    out_.verdicts[i].keep = false;
    out_.verdicts[i].reason = reason;
  }
  bool Dense(size_t i) const {
    return blocks_[i].link_chars > 0 && f_[i].link_density >= kMaxLinkDensity;
  }
  size_t NextKept(size_t i) const {
    for (size_t j = i + 1; j < n_; ++j) {
      if (kept(j)) return j;
    }
    return n_;
  }
  // Plain text: a block a position alone may not remove (a sentence, a
  // table, figures, or prose of some length).
  // Most letters upper case: a wire table's row or a sign-off.
  bool MostlyUpper(size_t i) const {
    int upper = 0, letters = 0;
    for (char c : blocks_[i].text) {
      if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) continue;
      ++letters;
      upper += absl::ascii_isupper(static_cast<unsigned char>(c)) ? 1 : 0;
    }
    return letters > 0 && upper * 2 > letters;
  }

  bool HasStoryEvidence(size_t i) const {
    return options_.plain_text &&
           (blocks_[i].kind == BlockKind::kTable || f_[i].terminal ||
            HasFigure(blocks_[i].text) || f_[i].stats.words > kShortMaxWords ||
            IsNote(blocks_[i].text));
  }

  // Plain text: a sentence of story length is not furniture even when it
  // starts like a caption ("Image Video is scheduled to release ...");
  // labelled captions ("Photo: ...") still are.
  bool ProseSentence(size_t i) const {
    absl::string_view text = blocks_[i].text;
    const absl::string_view first = text.substr(0, text.find(' '));
    return options_.plain_text && f_[i].terminal &&
           f_[i].stats.words >= kGoodMinWords && !absl::EndsWith(first, ":");
  }

  // A date in `text`; plain text asks for one with a year ("Wed 6 May
  // 2026"): "Record June 15" in a dividend notice is data.
  bool HasFullDate(absl::string_view text) const {
    for (const DateMatch& d : FindDates(text)) {
      if (!options_.plain_text || d.year != 0) return true;
    }
    return false;
  }

  bool TitleShaped(size_t i) const;
  void TitleLine();
  void SourceLists();
  void HardRules();
  void RelatedRuns();
  void SectionLabels();
  void CaptionCopies();
  void GluedCaptions();
  void Repetition();
  void BlockClasses();
  bool StorySpan();
  void InsideSpan();
  void BeforeSpan();
  void LeadIn();
  void AfterSpan();
  std::vector<size_t> SiteFooter(size_t tail);
  void SiteName(const std::vector<size_t>& footer);
  void FirstHeading();

  const std::vector<Block>& blocks_;
  const ClassifyOptions& options_;
  const size_t n_;
  std::vector<Features> f_;
  std::vector<Cls> cls_;
  std::string known_key_;
  size_t first_ = 0, last_ = 0;  // the story span
  size_t title_index_ = 0;       // the title line, when facts.title is set
  Classification out_;
};

// Lines that are page furniture wherever they stand: never a title.
bool IsFurnitureLine(absl::string_view text) {
  std::string rest, domain;
  bool published = false;
  return FurnitureReason(text) != nullptr || IsMenuLine(text) ||
         IsBreadcrumb(text) || IsSectionLabel(text, &rest) ||
         ParseByline(text).has_value() || IsDateLine(text, &published) ||
         IsDomainLine(text, &domain);
}

bool Classifier::TitleShaped(size_t i) const {
  const Block& b = blocks_[i];
  return b.kind != BlockKind::kListItem && b.kind != BlockKind::kTable &&
         b.zone != Zone::kEmbed && HeadlineShaped(f_[i]) &&
         !IsFurnitureLine(b.text) &&
         ScoreTitleCandidate({b.text, TitleOrigin::kTextLine}) > 0;
}

// 0. The title line of plain text: the first substantial line that is not
// page furniture (a breadcrumb, a menu, a label such as "Menu" or
// "World", a section label, a date, a byline, a domain); the first line
// when it is a short headline and nothing better follows.
void Classifier::TitleLine() {
  if (!options_.title_from_first_block) return;
  size_t title = n_;
  for (size_t i = 0; i < n_ && i < kMaxTitleScanBlocks; ++i) {
    if (IsFurnitureLine(blocks_[i].text)) continue;
    if (f_[i].stats.words <= kMaxLabelWords) continue;
    if (TitleShaped(i)) title = i;
    break;
  }
  if (title == n_ && n_ > 0 && TitleShaped(0)) title = 0;
  if (title == n_) return;
  Remove(title, RemovalReason::kTitle);
  out_.facts.title = blocks_[title].text;
  title_index_ = title;
}

// 1. Source lists: a header and its entries, or a run of "[n] ..." lines.
void Classifier::SourceLists() {
  for (size_t i = 0; i < n_; ++i) {
    if (!kept(i)) continue;
    std::string entry;
    const bool header = IsSourceListHeader(blocks_[i].text) && i + 1 < n_ &&
                        ParseSourceListEntry(blocks_[i + 1].text, &entry);
    const bool numbered = StartsWithReferenceNumber(blocks_[i].text) &&
                          i + 1 < n_ &&
                          StartsWithReferenceNumber(blocks_[i + 1].text);
    if (!header && !numbered) continue;
    if (header) Remove(i++, RemovalReason::kCitationList);
    while (i < n_ && (header ? ParseSourceListEntry(blocks_[i].text, &entry)
                             : StartsWithReferenceNumber(blocks_[i].text))) {
      ParseSourceListEntry(blocks_[i].text, &entry);
      out_.facts.references.push_back(entry);
      Remove(i++, RemovalReason::kCitationList);
    }
    --i;
  }
}

// 2. Hard rules: page zones and furniture vocabulary. Tables are data.
void Classifier::HardRules() {
  PageFacts& facts = out_.facts;
  for (size_t i = 0; i < n_; ++i) {
    if (!kept(i)) continue;
    const Block& b = blocks_[i];
    bool published = false;
    std::string domain;
    if (facts.copyright_holder.empty()) {
      facts.copyright_holder = CopyrightHolder(b.text);
    }
    if (b.zone == Zone::kNavigation) {
      Remove(i, RemovalReason::kNavigation);
    } else if (b.zone == Zone::kFooter) {
      Remove(i, RemovalReason::kSiteFooter);
    } else if (b.kind == BlockKind::kTable) {
      continue;
    } else if (f_[i].stats.words == 0) {
      Remove(i, RemovalReason::kBoilerplate);
    } else if (b.kind == BlockKind::kCaption) {
      Remove(i, RemovalReason::kCaption);
    } else if (std::optional<std::string> author = ParseByline(b.text)) {
      Remove(i, RemovalReason::kByline);
      if (facts.author.empty()) facts.author = *author;
    } else if (IsDateLine(b.text, &published) &&
               (FindDates(b.text).empty() || HasFullDate(b.text))) {
      Remove(i, RemovalReason::kDateLine);
      facts.date_lines.push_back(b.text);
      facts.date_lines_published.push_back(published);
    } else if (const char* name = FurnitureReason(b.text);
               name != nullptr && !ProseSentence(i)) {
      Remove(i, RemovalReasonFromName(name));
    } else if (IsMenuLine(b.text) || IsBreadcrumb(b.text)) {
      Remove(i, RemovalReason::kNavigation);
    } else if (IsDomainLine(b.text, &domain)) {
      Remove(i, RemovalReason::kSiteFooter);
      facts.site_domain = domain;
    }
  }
}

// 2b. A caption printed twice, once with its label ("Photo: X. (Agency)"
// then "X."): the copy is a caption too.
void Classifier::CaptionCopies() {
  std::vector<size_t> captions;
  for (size_t i = 0; i < n_ && captions.size() < kMaxCaptionsCompared; ++i) {
    if (!kept(i) && reason(i) == RemovalReason::kCaption) captions.push_back(i);
  }
  for (size_t i = 0; i < n_ && !captions.empty(); ++i) {
    if (!kept(i) || f_[i].stats.words > kMaxCaptionCopyWords ||
        f_[i].key.size() < kMinCaptionCopyKey) {
      continue;
    }
    for (size_t c : captions) {
      if (f_[c].key.find(f_[i].key) != std::string::npos) {
        Remove(i, RemovalReason::kCaption);
        break;
      }
    }
  }
}

// 2a. Related headlines: after a related-links header ("Read more:",
// "Also in this section", "Trending Now"), wherever it sits, the run of
// headline-shaped blocks (short, no sentence end other than '?', list
// items too) is links to other stories. Prose ends the run.
void Classifier::RelatedRuns() {
  bool in_run = false;
  for (size_t i = 0; i < n_; ++i) {
    if (IsRelatedHeader(blocks_[i].text)) {
      if (kept(i)) Remove(i, RemovalReason::kRelatedLinks);
      in_run = true;
      continue;
    }
    if (!kept(i)) {
      // Other furniture ("No stories found.", "0 Comments") ends the run.
      in_run = in_run && reason(i) == RemovalReason::kRelatedLinks;
      continue;
    }
    if (!in_run) continue;
    const bool headline = blocks_[i].kind != BlockKind::kTable &&
                          f_[i].stats.words <= kMaxRelatedHeadlineWords &&
                          (!f_[i].terminal || f_[i].asks) &&
                          !ParseDateline(blocks_[i].text).has_value();
    if (!headline) {
      in_run = false;
      continue;
    }
    Remove(i, RemovalReason::kRelatedLinks);
  }
}

// 2a (continued). In plain text a bare section label ("Introduction",
// "Story Snapshot", "Key points") is the page's structure, not story text; a
// label heading a line ("Introduction: A Diplomatic Shift") keeps its line.
void Classifier::SectionLabels() {
  // HTML marks its section headings (<h2>Conclusion</h2>): the page's own
  // structure, which readers of the page see as part of the article.
  if (!options_.plain_text) return;
  for (size_t i = 0; i < n_; ++i) {
    std::string rest;
    if (kept(i) && IsSectionLabel(blocks_[i].text, &rest) && rest.empty()) {
      Remove(i, RemovalReason::kSectionLabel);
    }
  }
}

// 2c. A caption printed twice, the second time with its credit glued on
// ("Delegates at the summit" then "Delegates at the summitSteppe Wire / A.
// Zhunusova"): both are the caption of a picture, before the story.
void Classifier::GluedCaptions() {
  for (size_t i = 0; i + 1 < n_; ++i) {
    const size_t j = NextKept(i);
    if (!kept(i) || j >= n_ || f_[i].terminal ||
        f_[i].stats.words > kMaxCaptionCopyWords ||
        f_[i].key.size() < kMinCaptionCopyKey ||
        f_[j].key.size() <= f_[i].key.size() ||
        !absl::StartsWith(f_[j].key, f_[i].key) ||
        !absl::StartsWith(blocks_[j].text, blocks_[i].text)) {
      continue;
    }
    // What follows the copy is a credit: short, no sentence.
    absl::string_view credit =
        absl::string_view(blocks_[j].text).substr(blocks_[i].text.size());
    if (CountWords(credit).words > kMaxCreditWords || EndsSentence(credit)) {
      continue;
    }
    Remove(i, RemovalReason::kCaption);
    Remove(j, RemovalReason::kCaption);
  }
}

// 3. Repetition inside the document: short lines seen twice, later copies
// of longer blocks, and lines glued to a repeated short line ("Afghan
// Embassy, MoscowNVO"). Rows of figures repeat in tables of wire copy
// ("Shr 10 cts vs 12 cts" for the quarter and the year): not furniture.
void Classifier::Repetition() {
  absl::flat_hash_map<absl::string_view, int> count;
  for (size_t i = 0; i < n_; ++i) {
    if (!f_[i].key.empty()) ++count[f_[i].key];
  }
  absl::flat_hash_set<absl::string_view> repeated_short;
  for (size_t i = 0; i < n_; ++i) {
    if (count[f_[i].key] >= 2 && IsShortLine(f_[i]) &&
        f_[i].key.find(' ') != std::string::npos) {
      repeated_short.insert(f_[i].key);
    }
  }
  absl::flat_hash_set<absl::string_view> seen;
  if (!out_.facts.title.empty()) seen.insert(f_[title_index_].key);
  if (!known_key_.empty()) seen.insert(known_key_);
  for (size_t i = 0; i < n_; ++i) {
    if (!kept(i) || f_[i].key.empty()) continue;
    // The headline printed again under the title, however long.
    if (!out_.facts.title.empty() && i != title_index_ && !f_[i].terminal &&
        f_[i].key == f_[title_index_].key) {
      Remove(i, RemovalReason::kRepeated);
      continue;
    }
    // Plain text: repeated rows of figures and repeated prose are the
    // story's own (a table per period, a paragraph sent twice).
    if (options_.plain_text &&
        (blocks_[i].kind == BlockKind::kTable || HasDigit(blocks_[i].text) ||
         !IsShortLine(f_[i]))) {
      continue;
    }
    const std::string& key = f_[i].key;
    if (count[key] >= 2) {
      if (IsShortLine(f_[i]) || !seen.insert(key).second) {
        Remove(i, RemovalReason::kRepeated);
      }
      continue;
    }
    if (f_[i].stats.words > kShortMaxWords || repeated_short.empty()) continue;
    const size_t from =
        key.size() > kMaxGluedSuffix ? key.size() - kMaxGluedSuffix : 1;
    for (size_t p = from; p < key.size(); ++p) {
      if (repeated_short.contains(absl::string_view(key).substr(0, p))) {
        Remove(i, RemovalReason::kRepeated);
        break;
      }
    }
  }
}

// 4. Block classes: good (sentences of some length with function words,
// tables), near-good (short sentences), short (headings, labels, links).
void Classifier::BlockClasses() {
  int words = 0, stopwords = 0;
  for (size_t i = 0; i < n_; ++i) {
    if (!kept(i)) continue;
    words += f_[i].stats.words;
    stopwords += f_[i].stats.stopwords;
  }
  const bool english =
      words > 0 && double(stopwords) / words >= kEnglishMinStopShare;
  cls_.assign(n_, Cls::kShort);
  for (size_t i = 0; i < n_; ++i) {
    if (!kept(i)) continue;
    const Features& x = f_[i];
    const bool wordy = !english || x.stop_density >= kMinStopDensity;
    if (blocks_[i].zone == Zone::kEmbed) {
      cls_[i] = Cls::kEmbed;
    } else if (blocks_[i].kind == BlockKind::kTable) {
      cls_[i] = Cls::kGood;  // figures are the story of wire copy
    } else if (Dense(i) || blocks_[i].kind == BlockKind::kHeading ||
               (x.asks && x.stats.words <= kShortMaxWords)) {
      // Short questions are headline-shaped ("How much carbon does the
      // Congo Basin store?"): kept only as headings of following text.
      cls_[i] = Cls::kShort;
    } else if ((x.terminal && x.stats.words >= kGoodMinWords && wordy) ||
               (x.chars >= kGoodMinChars && wordy)) {
      cls_[i] = Cls::kGood;
    } else if (x.terminal && x.stats.words >= kNearGoodMinWords) {
      cls_[i] = Cls::kNearGood;
    }
  }
}

// 5. The story span: from the first to the last good block (near-good
// when there is none). False when there is neither.
bool Classifier::StorySpan() {
  first_ = n_;
  last_ = 0;
  for (Cls wanted : {Cls::kGood, Cls::kNearGood}) {
    for (size_t i = 0; i < n_; ++i) {
      if (kept(i) && cls_[i] == wanted) {
        first_ = std::min(first_, i);
        last_ = i;
      }
    }
    if (first_ < n_) return true;
  }
  return false;
}

// 6a. Inside the span: short blocks stay when content follows them (in
// plain text they always stay: nothing but furniture vocabulary and
// repetition removes a line inside the story).
void Classifier::InsideSpan() {
  int short_run = 0;
  for (size_t i = first_ + 1; i < last_; ++i) {
    if (!kept(i)) continue;
    if (cls_[i] != Cls::kShort) {
      short_run = 0;
      continue;
    }
    ++short_run;
    if (Dense(i)) {
      Remove(i, RemovalReason::kNavigation);
      continue;
    }
    if (options_.plain_text) continue;
    size_t j = NextKept(i);
    if (j < n_ && cls_[j] == Cls::kShort) j = NextKept(j);
    if (j >= n_ || cls_[j] == Cls::kShort) {
      Remove(i, short_run >= 2 ? RemovalReason::kRelatedLinks
                               : RemovalReason::kBoilerplate);
    }
  }
}

// 6b. Before the span: known title, deck, headings leading into the story.
void Classifier::BeforeSpan() {
  for (size_t i = 0; i < first_ && !known_key_.empty(); ++i) {
    if (!kept(i) || f_[i].key.empty()) continue;
    if (f_[i].key == known_key_ ||
        (blocks_[i].kind == BlockKind::kHeading &&
         f_[i].key.size() * 2 >= known_key_.size() &&
         known_key_.find(f_[i].key) != std::string::npos)) {
      Remove(i, RemovalReason::kTitle);
    }
  }
  const bool titled = !out_.facts.title.empty() || !known_key_.empty();
  for (size_t i = 0; i < first_ && titled; ++i) {
    if (!kept(i)) continue;
    // A paragraph opening with a dateline ("WASHINGTON, Feb 26 - ...") is
    // the story's first, not a deck.
    if (blocks_[i].kind != BlockKind::kListItem &&
        blocks_[i].kind != BlockKind::kTable && cls_[i] != Cls::kEmbed &&
        f_[i].stats.words >= kMinSubtitleWords &&
        f_[i].stats.words <= kMaxSubtitleWords &&
        f_[i].chars <= kMaxSubtitleChars &&
        (HeadlineShaped(f_[i]) || cls_[i] == Cls::kNearGood) &&
        !ParseDateline(blocks_[i].text).has_value()) {
      Remove(i, RemovalReason::kSubtitle);
      out_.facts.subtitle = blocks_[i].text;
    }
    break;
  }
  LeadIn();
}

// 6b (continued). Walking back from the story: dated lines, headings and
// sentences leading into it stay; the rest is navigation.
void Classifier::LeadIn() {
  PageFacts& facts = out_.facts;
  size_t lead = first_;  // the first kept block of the story so far
  for (size_t i = first_; i-- > 0;) {
    if (!kept(i)) continue;
    // "Jane Doe in Baku Wed 6 May 2026 08.15 GST": a dated line before the
    // story is a date line.
    if (!f_[i].terminal && f_[i].stats.words <= kMaxDatedLineWords &&
        blocks_[i].kind != BlockKind::kTable && HasFullDate(blocks_[i].text) &&
        !ParseDateline(blocks_[i].text).has_value()) {
      Remove(i, RemovalReason::kDateLine);
      facts.date_lines.push_back(blocks_[i].text);
      facts.date_lines_published.push_back(true);
      continue;
    }
    // Only what stands right before the story leads into it; a label
    // separated from it by removed furniture ("Business", then a byline
    // and share buttons) is navigation.
    const bool leads_in = i + 1 == lead;
    std::string rest;
    // A lone word before the story ("World", "Accueil") is a section
    // kicker, not a heading.
    const bool heading =
        blocks_[i].kind == BlockKind::kHeading ||
        (f_[i].caps_ratio >= kMinHeadingCapsRatio && f_[i].stats.words >= 2) ||
        IsSectionLabel(blocks_[i].text, &rest);
    const bool summary =
        f_[i].stats.words >= kMinSummaryWords && HasDigit(blocks_[i].text);
    // Plain text: only a label of one or two words ("Menu", "World") is
    // navigation by its position alone.
    const bool label = f_[i].stats.words <= kMaxLabelWords;
    if ((leads_in && cls_[i] != Cls::kEmbed && !Dense(i) &&
         (cls_[i] == Cls::kNearGood || heading || summary)) ||
        HasStoryEvidence(i) || (options_.plain_text && !label)) {
      lead = i;
    } else if (cls_[i] == Cls::kEmbed) {
      Remove(i, RemovalReason::kEmbeddedPost);
    } else {
      Remove(i, cls_[i] == Cls::kShort ? RemovalReason::kNavigation
                                       : RemovalReason::kBoilerplate);
    }
  }
}

// 6c. The site footer: up to two short lines at the very end (a site name,
// a domain, or both).
std::vector<size_t> Classifier::SiteFooter(size_t tail) {
  std::vector<size_t> footer;
  for (size_t i = n_; i-- > tail;) {
    if (!kept(i)) {
      if (reason(i) == RemovalReason::kSiteFooter) continue;
      break;
    }
    if (footer.size() >= kMaxFooterLines ||
        f_[i].stats.words > kMaxFooterWords || f_[i].terminal ||
        cls_[i] == Cls::kEmbed ||
        (options_.plain_text &&
         (f_[i].stats.words < kMinFooterWordsInText || HasStoryEvidence(i) ||
          f_[i].caps_ratio < kMinHeadingCapsRatio))) {
      break;
    }
    footer.push_back(i);
    Remove(i, RemovalReason::kSiteFooter);
  }
  return footer;
}

// Footer lines are a site name, a domain, or both ("Equator Science
// Daily | equatorsciencedaily.com").
void Classifier::SiteName(const std::vector<size_t>& footer) {
  PageFacts& facts = out_.facts;
  std::vector<std::string> names;
  for (size_t i : footer) {
    for (absl::string_view part :
         absl::StrSplit(blocks_[i].text, absl::ByAnyChar("|\xC2\xB7"),
                        absl::SkipWhitespace())) {
      part = absl::StripAsciiWhitespace(part);
      std::string domain;
      if (IsDomainLine(part, &domain)) {
        if (facts.site_domain.empty()) facts.site_domain = domain;
      } else {
        names.emplace_back(part);
      }
    }
  }
  const std::string domain_label =
      Compact(facts.site_domain.substr(0, facts.site_domain.find('.')));
  for (const std::string& name : names) {
    const std::string compact = Compact(BlockKey(name));
    const WordStats stats = CountWords(name);
    if ((!domain_label.empty() &&
         (compact == domain_label || compact == "the" + domain_label)) ||
        (facts.site_domain.empty() && names.size() == 1 &&
         stats.capitalized_content == stats.content_words)) {
      facts.site_name = name;
    }
  }
}

// 6c. After the span: trailing sentences, site footer, related links.
// Plain text keeps trailing sentences, tables and figures.
void Classifier::AfterSpan() {
  size_t tail = last_ + 1;
  while (tail < n_ && kept(tail) && cls_[tail] == Cls::kNearGood) ++tail;
  SiteName(SiteFooter(tail));
  int tail_short = 0;
  bool related_marker = false;
  for (size_t i = tail; i < n_; ++i) {
    // Plain text: links to other stories are title-cased headlines.
    if (kept(i) && cls_[i] == Cls::kShort && !HasStoryEvidence(i) &&
        (!options_.plain_text || f_[i].caps_ratio >= kMinHeadingCapsRatio)) {
      ++tail_short;
    }
    if (!kept(i) && reason(i) == RemovalReason::kRelatedLinks) {
      related_marker = true;
    }
  }
  std::vector<RemovalReason> before(n_);
  for (size_t i = 0; i < n_; ++i) before[i] = reason(i);
  for (size_t i = tail; i < n_; ++i) {
    if (!kept(i)) continue;
    // Between links removed before this step (not by it: no chains);
    // tables of figures in capitals ("NICKEL - quiet nil"), notes ("NOTE:
    // ...") and list items are data.
    const bool after_link =
        i > tail && !kept(i - 1) && reason(i - 1) == before[i - 1] &&
        (before[i - 1] == RemovalReason::kRelatedLinks ||
         before[i - 1] == RemovalReason::kRepeated) &&
        !absl::StrContains(blocks_[i].text, ":") &&
        !absl::StartsWith(blocks_[i].text, "- ") && !MostlyUpper(i);
    if (cls_[i] == Cls::kEmbed) {
      Remove(i, RemovalReason::kEmbeddedPost);
    } else if (after_link && !f_[i].terminal &&
               blocks_[i].kind != BlockKind::kTable &&
               f_[i].stats.words <= kMaxRelatedHeadlineWords) {
      // A headline among links to other stories after the story.
      Remove(i, RemovalReason::kRelatedLinks);
    } else if (HasStoryEvidence(i)) {
      continue;
    } else if (cls_[i] == Cls::kShort &&
               (tail_short >= 2 || related_marker || Dense(i)) &&
               (!options_.plain_text || related_marker ||
                f_[i].caps_ratio >= kMinHeadingCapsRatio)) {
      Remove(i, RemovalReason::kRelatedLinks);
    } else if (!options_.plain_text) {
      Remove(i, RemovalReason::kBoilerplate);
    }
  }
}

// 7. The first kept heading (a fallback title).
void Classifier::FirstHeading() {
  for (size_t i = 0; i < n_; ++i) {
    if (!kept(i) || cls_[i] != Cls::kShort || !HeadlineShaped(f_[i])) {
      continue;
    }
    std::string rest;
    if (IsSectionLabel(blocks_[i].text, &rest)) {
      if (rest.empty()) continue;
      out_.facts.first_heading = rest;
    } else {
      out_.facts.first_heading = blocks_[i].text;
    }
    break;
  }
}

}  // namespace

const char* RemovalReasonName(RemovalReason reason) {
  switch (reason) {
    case RemovalReason::kNone:
      return "";
    case RemovalReason::kTitle:
      return "title";
    case RemovalReason::kSubtitle:
      return "subtitle";
    case RemovalReason::kNavigation:
      return "navigation";
    case RemovalReason::kRepeated:
      return "repeated";
    case RemovalReason::kBoilerplate:
      return "boilerplate";
    case RemovalReason::kRelatedLinks:
      return "related-links";
    case RemovalReason::kSiteFooter:
      return "site-footer";
    case RemovalReason::kCitationList:
      return "citation-list";
    case RemovalReason::kByline:
      return "byline";
    case RemovalReason::kDateLine:
      return "date-line";
    case RemovalReason::kCaption:
      return "caption";
    case RemovalReason::kEmbeddedPost:
      return "embedded-post";
    case RemovalReason::kSectionLabel:
      return "section-label";
  }
  return "";
}

RemovalReason RemovalReasonFromName(absl::string_view name) {
  for (RemovalReason r :
       {RemovalReason::kTitle, RemovalReason::kSubtitle,
        RemovalReason::kNavigation, RemovalReason::kRepeated,
        RemovalReason::kBoilerplate, RemovalReason::kRelatedLinks,
        RemovalReason::kSiteFooter, RemovalReason::kCitationList,
        RemovalReason::kByline, RemovalReason::kDateLine,
        RemovalReason::kCaption, RemovalReason::kEmbeddedPost,
        RemovalReason::kSectionLabel}) {
    if (name == RemovalReasonName(r)) return r;
  }
  return RemovalReason::kBoilerplate;
}

Classification ClassifyBlocks(const std::vector<Block>& blocks,
                              const ClassifyOptions& options) {
  return Classifier(blocks, options).Run();
}

}  // namespace newsindex
