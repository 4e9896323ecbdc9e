#include "core/normalize/boilerplate.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/normalize/citations.h"
#include "core/normalize/dates.h"
#include "core/normalize/text.h"
#include "core/normalize/vocabulary.h"

namespace newsindex {
namespace {

// Thresholds of the block classes (see docs/normalization.md).
constexpr int kGoodMinWords = 8;          // a sentence this long is story
constexpr int kGoodMinChars = 200;        // any block this long is story
constexpr int kNearGoodMinWords = 3;      // shorter sentences need context
constexpr double kMinStopDensity = 0.12;  // English story text has more
constexpr double kMaxLinkDensity = 0.5;   // HTML blocks mostly links are nav
constexpr int kShortMaxWords = 12;        // repeated short lines are furniture
constexpr int kMaxHeadlineWords = 25;
constexpr int kMaxHeadlineChars = 200;
constexpr int kMaxFooterWords = 6;
constexpr size_t kMaxGluedSuffix = 13;  // "MoscowNVO": caption + credit
constexpr size_t kMaxSignOffChars = 8;  // "REUTER"

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
      v[i].reason = "navigation";
    }
  }
}

}  // namespace

Classification ClassifyBlocks(const std::vector<Block>& blocks,
                              const ClassifyOptions& options) {
  const size_t n = blocks.size();
  Classification out;
  out.verdicts.resize(n);
  std::vector<BlockVerdict>& v = out.verdicts;
  PageFacts& facts = out.facts;
  auto remove = [&v](size_t i, const char* reason) {
    v[i].keep = false;
    v[i].reason = reason;
  };
  std::vector<Features> f;
  f.reserve(n);
  for (const Block& b : blocks) f.push_back(FeaturesOf(b));

  // 0. The title line of plain text.
  if (options.title_from_first_block && n > 0) {
    const Block& b = blocks[0];
    std::string rest, domain;
    bool published = false;
    if (b.kind != BlockKind::kListItem && b.zone != Zone::kEmbed &&
        HeadlineShaped(f[0]) && !IsSectionLabel(b.text, &rest) &&
        FurnitureReason(b.text) == nullptr &&
        !ParseByline(b.text).has_value() && !IsDateLine(b.text, &published) &&
        !IsDomainLine(b.text, &domain)) {
      remove(0, "title");
      facts.title = b.text;
    }
  }

  // 1. Source lists: a header and its entries, or a run of "[n] ..." lines.
  for (size_t i = 0; i < n; ++i) {
    if (!v[i].keep) continue;
    std::string entry;
    const bool header = IsSourceListHeader(blocks[i].text) && i + 1 < n &&
                        ParseSourceListEntry(blocks[i + 1].text, &entry);
    const bool numbered = StartsWithReferenceNumber(blocks[i].text) &&
                          i + 1 < n &&
                          StartsWithReferenceNumber(blocks[i + 1].text);
    if (!header && !numbered) continue;
    if (header) remove(i++, "citation-list");
    while (i < n && (header ? ParseSourceListEntry(blocks[i].text, &entry)
                            : StartsWithReferenceNumber(blocks[i].text))) {
      ParseSourceListEntry(blocks[i].text, &entry);
      facts.references.push_back(entry);
      remove(i++, "citation-list");
    }
    --i;
  }

  // 2. Hard rules: page zones and furniture vocabulary.
  for (size_t i = 0; i < n; ++i) {
    if (!v[i].keep) continue;
    const Block& b = blocks[i];
    bool published = false;
    std::string domain;
    if (facts.copyright_holder.empty()) {
      facts.copyright_holder = CopyrightHolder(b.text);
    }
    if (b.zone == Zone::kNavigation) {
      remove(i, "navigation");
    } else if (b.zone == Zone::kFooter) {
      remove(i, "site-footer");
    } else if (b.kind == BlockKind::kTable) {
      continue;
    } else if (f[i].stats.words == 0) {
      remove(i, "boilerplate");
    } else if (b.kind == BlockKind::kCaption) {
      remove(i, "caption");
    } else if (std::optional<std::string> author = ParseByline(b.text)) {
      remove(i, "byline");
      if (facts.author.empty()) facts.author = *author;
    } else if (IsDateLine(b.text, &published)) {
      remove(i, "date-line");
      facts.date_lines.push_back(b.text);
      facts.date_lines_published.push_back(published);
    } else if (const char* reason = FurnitureReason(b.text)) {
      remove(i, reason);
    } else if (IsMenuLine(b.text)) {
      remove(i, "navigation");
    } else if (IsDomainLine(b.text, &domain)) {
      remove(i, "site-footer");
      facts.site_domain = domain;
    }
  }

  // 2b. A caption printed twice, once with its label ("Photo: X. (Agency)"
  // then "X."): the copy is a caption too.
  std::vector<size_t> captions;
  for (size_t i = 0; i < n && captions.size() < 50; ++i) {
    if (!v[i].keep && v[i].reason == "caption") captions.push_back(i);
  }
  for (size_t i = 0; i < n && !captions.empty(); ++i) {
    if (!v[i].keep || f[i].stats.words > 60 || f[i].key.size() < 12) continue;
    for (size_t c : captions) {
      if (f[c].key.find(f[i].key) != std::string::npos) {
        remove(i, "caption");
        break;
      }
    }
  }

  // 3. Repetition inside the document.
  absl::flat_hash_map<absl::string_view, int> count;
  for (size_t i = 0; i < n; ++i) {
    if (!f[i].key.empty()) ++count[f[i].key];
  }
  absl::flat_hash_set<absl::string_view> repeated_short;
  for (size_t i = 0; i < n; ++i) {
    if (count[f[i].key] >= 2 && IsShortLine(f[i]) &&
        f[i].key.find(' ') != std::string::npos) {
      repeated_short.insert(f[i].key);
    }
  }
  absl::flat_hash_set<absl::string_view> seen;
  if (!facts.title.empty()) seen.insert(f[0].key);  // the title came first
  const std::string known_key = BlockKey(options.known_title);
  if (!known_key.empty()) seen.insert(known_key);
  for (size_t i = 0; i < n; ++i) {
    if (!v[i].keep || f[i].key.empty()) continue;
    const std::string& key = f[i].key;
    if (count[key] >= 2) {
      if (IsShortLine(f[i]) || !seen.insert(key).second) {
        remove(i, "repeated");
      }
      continue;
    }
    if (f[i].stats.words > kShortMaxWords || repeated_short.empty()) continue;
    const size_t from =
        key.size() > kMaxGluedSuffix ? key.size() - kMaxGluedSuffix : 1;
    for (size_t p = from; p < key.size(); ++p) {
      if (repeated_short.contains(absl::string_view(key).substr(0, p))) {
        remove(i, "repeated");
        break;
      }
    }
  }

  // 4. Block classes.
  int words = 0, stopwords = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!v[i].keep) continue;
    words += f[i].stats.words;
    stopwords += f[i].stats.stopwords;
  }
  const bool english = words > 0 && double(stopwords) / words >= 0.15;
  std::vector<Cls> cls(n, Cls::kShort);
  for (size_t i = 0; i < n; ++i) {
    if (!v[i].keep) continue;
    const Features& x = f[i];
    const bool dense =
        blocks[i].link_chars > 0 && x.link_density >= kMaxLinkDensity;
    const bool wordy = !english || x.stop_density >= kMinStopDensity;
    if (blocks[i].zone == Zone::kEmbed) {
      cls[i] = Cls::kEmbed;
    } else if (blocks[i].kind == BlockKind::kTable) {
      cls[i] = Cls::kGood;  // figures are the story of wire copy
    } else if (dense || blocks[i].kind == BlockKind::kHeading ||
               (x.asks && x.stats.words <= kShortMaxWords)) {
      // Short questions are headline-shaped ("How much carbon does the
      // Congo Basin store?"): kept only as headings of following text.
      cls[i] = Cls::kShort;
    } else if ((x.terminal && x.stats.words >= kGoodMinWords && wordy) ||
               (x.chars >= kGoodMinChars && wordy)) {
      cls[i] = Cls::kGood;
    } else if (x.terminal && x.stats.words >= kNearGoodMinWords) {
      cls[i] = Cls::kNearGood;
    }
  }

  // 5. The story span.
  size_t first = n, last = 0;
  for (Cls wanted : {Cls::kGood, Cls::kNearGood}) {
    for (size_t i = 0; i < n; ++i) {
      if (v[i].keep && cls[i] == wanted) {
        first = std::min(first, i);
        last = i;
      }
    }
    if (first < n) break;
  }
  if (first == n) {
    KeepDataLines(blocks, f, cls, &out);
    return out;
  }
  out.has_body = true;
  auto next_kept = [&](size_t i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (v[j].keep) return j;
    }
    return n;
  };
  auto dense = [&](size_t i) {
    return blocks[i].link_chars > 0 && f[i].link_density >= kMaxLinkDensity;
  };

  // 6a. Inside the span: short blocks stay when content follows them.
  int short_run = 0;
  for (size_t i = first + 1; i < last; ++i) {
    if (!v[i].keep) continue;
    if (cls[i] != Cls::kShort) {
      short_run = 0;
      continue;
    }
    ++short_run;
    if (dense(i)) {
      remove(i, "navigation");
      continue;
    }
    size_t j = next_kept(i);
    if (j < n && cls[j] == Cls::kShort) j = next_kept(j);
    if (j >= n || cls[j] == Cls::kShort) {
      remove(i, short_run >= 2 ? "related-links" : "boilerplate");
    }
  }

  // 6b. Before the span: known title, deck, headings leading into the story.
  for (size_t i = 0; i < first && !known_key.empty(); ++i) {
    if (!v[i].keep || f[i].key.empty()) continue;
    if (f[i].key == known_key ||
        (blocks[i].kind == BlockKind::kHeading &&
         f[i].key.size() * 2 >= known_key.size() &&
         known_key.find(f[i].key) != std::string::npos)) {
      remove(i, "title");
    }
  }
  const bool titled = !facts.title.empty() || !known_key.empty();
  for (size_t i = 0; i < first && titled; ++i) {
    if (!v[i].keep) continue;
    if (blocks[i].kind != BlockKind::kListItem && cls[i] != Cls::kEmbed &&
        f[i].stats.words >= 5 && f[i].stats.words <= 40 && f[i].chars <= 300 &&
        (HeadlineShaped(f[i]) || cls[i] == Cls::kNearGood)) {
      remove(i, "subtitle");
      facts.subtitle = blocks[i].text;
    }
    break;
  }
  size_t lead = first;  // the first kept block of the story so far
  for (size_t i = first; i-- > 0;) {
    if (!v[i].keep) continue;
    // "Jane Doe in Baku Wed 6 May 2026 08.15 GST": a dated line before the
    // story is a date line.
    if (!f[i].terminal && f[i].stats.words <= 20 &&
        !FindDates(blocks[i].text).empty()) {
      remove(i, "date-line");
      facts.date_lines.push_back(blocks[i].text);
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
    const bool heading = blocks[i].kind == BlockKind::kHeading ||
                         (f[i].caps_ratio >= 0.5 && f[i].stats.words >= 2) ||
                         IsSectionLabel(blocks[i].text, &rest);
    const bool summary = f[i].stats.words >= 6 && HasDigit(blocks[i].text);
    if (leads_in && cls[i] != Cls::kEmbed && !dense(i) &&
        (cls[i] == Cls::kNearGood || heading || summary)) {
      lead = i;
    } else if (cls[i] == Cls::kEmbed) {
      remove(i, "embedded-post");
    } else {
      remove(i, cls[i] == Cls::kShort ? "navigation" : "boilerplate");
    }
  }

  // 6c. After the span: trailing sentences, site footer, related links.
  size_t tail = last + 1;
  while (tail < n && v[tail].keep && cls[tail] == Cls::kNearGood) ++tail;
  std::vector<size_t> footer;
  for (size_t i = n; i-- > tail;) {
    if (!v[i].keep) {
      if (v[i].reason == "site-footer") continue;
      break;
    }
    if (footer.size() >= 2 || f[i].stats.words > kMaxFooterWords ||
        f[i].terminal || cls[i] == Cls::kEmbed) {
      break;
    }
    footer.push_back(i);
    remove(i, "site-footer");
  }
  // Footer lines are a site name, a domain, or both ("Equator Science
  // Daily | equatorsciencedaily.com").
  std::vector<std::string> names;
  for (size_t i : footer) {
    for (absl::string_view part :
         absl::StrSplit(blocks[i].text, absl::ByAnyChar("|\xC2\xB7"),
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
    if ((!domain_label.empty() &&
         (compact == domain_label || compact == "the" + domain_label)) ||
        (facts.site_domain.empty() && names.size() == 1 &&
         CountWords(name).capitalized_content ==
             CountWords(name).content_words)) {
      facts.site_name = name;
    }
  }
  int tail_short = 0;
  bool related_marker = false;
  for (size_t i = tail; i < n; ++i) {
    if (v[i].keep && cls[i] == Cls::kShort) ++tail_short;
    if (!v[i].keep && v[i].reason == "related-links") related_marker = true;
  }
  for (size_t i = tail; i < n; ++i) {
    if (!v[i].keep) continue;
    if (cls[i] == Cls::kEmbed) {
      remove(i, "embedded-post");
    } else if (cls[i] == Cls::kShort &&
               (tail_short >= 2 || related_marker || dense(i))) {
      remove(i, "related-links");
    } else {
      remove(i, "boilerplate");
    }
  }

  // 7. The first kept heading (a fallback title).
  for (size_t i = 0; i < n; ++i) {
    if (!v[i].keep || cls[i] != Cls::kShort || !HeadlineShaped(f[i])) {
      continue;
    }
    std::string rest;
    if (IsSectionLabel(blocks[i].text, &rest)) {
      if (rest.empty()) continue;
      facts.first_heading = rest;
    } else {
      facts.first_heading = blocks[i].text;
    }
    break;
  }
  return out;
}

}  // namespace newsindex
