#include "core/normalize/vocabulary.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/normalize/dates.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

// Keys longer than this are never furniture.
constexpr size_t kMaxFurnitureKey = 80;

const absl::flat_hash_set<absl::string_view>& Stopwords() {
  static const auto* words = new absl::flat_hash_set<absl::string_view>{
      "a",       "about",  "above",   "after",  "again",  "against", "all",
      "also",    "am",     "an",      "and",    "any",    "are",     "as",
      "at",      "be",     "been",    "before", "being",  "between", "both",
      "but",     "by",     "can",     "could",  "did",    "do",      "does",
      "down",    "during", "each",    "few",    "for",    "from",    "further",
      "had",     "has",    "have",    "having", "he",     "her",     "here",
      "hers",    "him",    "his",     "how",    "i",      "if",      "in",
      "into",    "is",     "it",      "its",    "itself", "just",    "may",
      "me",      "might",  "more",    "most",   "must",   "my",      "no",
      "nor",     "not",    "now",     "of",     "off",    "on",      "once",
      "only",    "or",     "other",   "our",    "out",    "over",    "own",
      "said",    "same",   "says",    "she",    "should", "so",      "some",
      "such",    "than",   "that",    "the",    "their",  "them",    "then",
      "there",   "these",  "they",    "this",   "those",  "through", "to",
      "too",     "under",  "until",   "up",     "very",   "was",     "we",
      "were",    "what",   "when",    "where",  "which",  "while",   "who",
      "whom",    "why",    "will",    "with",   "would",  "you",     "your",
      "yet",     "s",      "t",       "said",   "says",   "say",     "since",
      "because", "while",  "however", "among",  "within", "without", "whether"};
  return *words;
}

// Whole-key furniture; a trailing '*' matches any rest.
constexpr std::pair<absl::string_view, const char*> kFurniture[] = {
    // Navigation, share and subscribe prompts.
    {"home", "navigation"},
    {"menu", "navigation"},
    {"main menu", "navigation"},
    {"skip to content", "navigation"},
    {"skip to main content", "navigation"},
    {"search", "navigation"},
    {"sign in", "navigation"},
    {"log in", "navigation"},
    {"login", "navigation"},
    {"register", "navigation"},
    {"subscribe", "navigation"},
    {"subscribe now", "navigation"},
    {"subscribe to *", "navigation"},
    {"sign up *", "navigation"},
    {"sign up", "navigation"},
    {"newsletter", "navigation"},
    {"share", "navigation"},
    {"share this", "navigation"},
    {"share this article", "navigation"},
    {"share this story", "navigation"},
    {"share on *", "navigation"},
    {"tweet", "navigation"},
    {"email", "navigation"},
    {"print", "navigation"},
    {"whatsapp", "navigation"},
    {"facebook", "navigation"},
    {"twitter", "navigation"},
    {"linkedin", "navigation"},
    {"telegram", "navigation"},
    {"copy link", "navigation"},
    {"follow us", "navigation"},
    {"follow us on *", "navigation"},
    {"back to top", "navigation"},
    {"next article", "navigation"},
    {"previous article", "navigation"},
    {"next", "navigation"},
    {"previous", "navigation"},
    {"advertisement", "navigation"},
    {"advertisements", "navigation"},
    {"sponsored", "navigation"},
    {"sponsored content", "navigation"},
    {"close", "navigation"},
    {"toggle navigation", "navigation"},
    {"open menu", "navigation"},
    {"listen to this article", "navigation"},
    {"listen", "navigation"},
    {"watch live", "navigation"},
    {"breaking news", "navigation"},
    {"view comments", "navigation"},
    {"comments", "navigation"},
    {"# comments", "navigation"},
    {"leave a comment", "navigation"},
    {"read more", "navigation"},
    {"continue reading", "navigation"},
    {"click here *", "navigation"},
    {"accept cookies", "navigation"},
    {"we use cookies *", "navigation"},
    {"tags", "navigation"},
    {"topics", "navigation"},
    {"tags *", "navigation"},
    {"loading", "navigation"},
    {"show more", "navigation"},
    // Reading furniture and empty widgets.
    {"# min read", "boilerplate"},
    {"# mins read", "boilerplate"},
    {"# minute read", "boilerplate"},
    {"# minutes read", "boilerplate"},
    {"# min", "boilerplate"},
    {"reading time *", "boilerplate"},
    {"no stories found", "boilerplate"},
    {"no results found", "boilerplate"},
    {"no comments", "boilerplate"},
    {"no comments yet", "boilerplate"},
    {"be the first to comment", "boilerplate"},
    {"# views", "boilerplate"},
    {"# shares", "boilerplate"},
    // Link lists.
    {"related", "related-links"},
    {"also in this section", "related-links"},
    {"more in this section", "related-links"},
    {"in this section", "related-links"},
    {"in other news", "related-links"},
    {"further reading", "related-links"},
    {"more on this topic", "related-links"},
    {"what to read next", "related-links"},
    {"like this", "navigation"},
    {"like loading", "navigation"},
    {"related stories", "related-links"},
    {"related articles", "related-links"},
    {"related news", "related-links"},
    {"related content", "related-links"},
    {"related posts", "related-links"},
    {"related topics", "related-links"},
    {"more stories", "related-links"},
    {"more news", "related-links"},
    {"more from *", "related-links"},
    {"more on this story", "related-links"},
    {"you may also like", "related-links"},
    {"you might also like", "related-links"},
    {"recommended", "related-links"},
    {"recommended for you", "related-links"},
    {"see also", "related-links"},
    {"also read", "related-links"},
    {"read also", "related-links"},
    {"read next", "related-links"},
    {"most read", "related-links"},
    {"most popular", "related-links"},
    {"trending", "related-links"},
    {"trending now", "related-links"},
    {"latest news", "related-links"},
    {"top stories", "related-links"},
    {"editor s picks", "related-links"},
    {"don t miss", "related-links"},
    {"from around the web", "related-links"},
    {"also read *", "related-links"},
    {"read more *", "related-links"},
    // Site footer.
    {"copyright *", "site-footer"},
    {"privacy policy", "site-footer"},
    {"terms of use", "site-footer"},
    {"terms of service", "site-footer"},
    {"cookie policy", "site-footer"},
    {"contact us", "site-footer"},
    {"about us", "site-footer"},
    {"powered by *", "site-footer"},
    {"all rights reserved", "site-footer"},
    // Captions and credits.
    {"photo *", "caption"},
    {"file photo *", "caption"},
    {"image *", "caption"},
    {"credit *", "caption"},
    {"picture *", "caption"},
    {"getty images", "caption"},
};

bool MatchesPattern(absl::string_view key, absl::string_view pattern) {
  if (absl::EndsWith(pattern, " *")) {
    pattern.remove_suffix(1);  // keep the space: a word must follow
    return absl::StartsWith(key, pattern) && key.size() > pattern.size();
  }
  return key == pattern;
}

}  // namespace

std::string BlockKey(absl::string_view text) {
  const std::string folded = FoldCase(FoldForIndexing(text));
  std::string key;
  key.reserve(folded.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(folded.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(folded.data(), i, n, c);
    const bool word = c < 0x80
                          ? absl::ascii_isalnum(static_cast<unsigned char>(c))
                          : (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
    if (c >= 0 && word) {
      key.append(folded.data() + start, i - start);
    } else if (!key.empty() && key.back() != ' ') {
      key.push_back(' ');
    }
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

bool EndsSentence(absl::string_view s) {
  while (!s.empty()) {
    if (s.back() == '"' || s.back() == ')' || s.back() == '\'' ||
        s.back() == ']' || s.back() == ' ') {
      s.remove_suffix(1);
    } else if (absl::EndsWith(s, "\xE2\x80\x9D") ||
               absl::EndsWith(s, "\xE2\x80\x99")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  if (absl::EndsWith(s, "\xE2\x80\xA6")) return true;  // …
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' ||
                        s.back() == ':');
}

bool IsStopword(absl::string_view lower_word) {
  return Stopwords().contains(lower_word);
}

WordStats CountWords(absl::string_view text) {
  WordStats stats;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  std::string word;
  bool first_upper = false;
  auto flush = [&]() {
    if (word.empty()) return;
    ++stats.words;
    if (first_upper) ++stats.capitalized;
    if (IsStopword(word)) {
      ++stats.stopwords;
    } else {
      ++stats.content_words;
      if (first_upper) ++stats.capitalized_content;
    }
    word.clear();
  };
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    const bool alnum = c < 0x80
                           ? absl::ascii_isalnum(static_cast<unsigned char>(c))
                           : c >= 0 && u_isalnum(c);
    if (alnum) {
      if (word.empty()) {
        first_upper =
            c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c));
      }
      if (c < 0x80) {
        word.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
      } else {
        word.append(text.data() + start, i - start);
      }
    } else if (c == '\'' || c == 0x2019) {
      flush();  // "Russia's" -> "russia", "s"
    } else {
      flush();
    }
  }
  flush();
  return stats;
}

const char* FurnitureReason(absl::string_view text) {
  absl::string_view stripped = absl::StripAsciiWhitespace(text);
  // "Photo: <caption of any length>"
  for (absl::string_view label :
       {"Photo:", "PHOTO:", "Image:", "Picture:", "Photograph:", "Credit:",
        "File photo:", "Caption:", "Video:"}) {
    if (absl::StartsWith(stripped, label) && stripped.size() <= 400) {
      return "caption";
    }
  }
  if (text.size() > 4 * kMaxFurnitureKey) return nullptr;
  if (absl::StartsWith(stripped, "\xC2\xA9") ||
      absl::StartsWithIgnoreCase(stripped, "(c) ")) {
    return "site-footer";
  }
  std::string key = BlockKey(text);
  if (key.size() > kMaxFurnitureKey) return nullptr;
  if (absl::StrContains(key, "all rights reserved")) return "site-footer";
  for (char& c : key) {
    if (c >= '0' && c <= '9') c = '#';
  }
  // "12 345" -> "# #" -> "#"
  std::string compact;
  for (char c : key) {
    if (c == '#' && !compact.empty() && compact.back() == '#') continue;
    compact.push_back(c);
  }
  for (const auto& [pattern, reason] : kFurniture) {
    if (MatchesPattern(compact, pattern)) return reason;
  }
  return nullptr;
}

}  // namespace newsindex
