#include "core/search/match_offsets.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <utility>

#include "absl/strings/ascii.h"

namespace newsindex {
namespace {

absl::string_view Head(absl::string_view word) { return word.substr(0, 2); }

// Porter2's exceptional forms whose stem starts differently from the word
// (checked against every word of both corpora and WordNet: only these).
constexpr std::pair<absl::string_view, absl::string_view> kHeadChanges[] = {
    {"die", "dy"}, {"lie", "ly"}, {"tie", "ty"}};

}  // namespace

QueryMatcher::QueryMatcher(const Xapian::Query& query,
                           const Xapian::Stem& stemmer)
    : stemmer_(stemmer) {
  for (auto it = query.get_unique_terms_begin();
       it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.empty()) continue;
    if (term[0] == 'Z') {
      const absl::string_view stem = absl::string_view(term).substr(1);
      stems_.insert(std::string(stem));
      heads_.insert(std::string(Head(stem)));
      for (const auto& [changed_stem, word_head] : kHeadChanges) {
        if (stem == changed_stem) heads_.insert(std::string(word_head));
      }
    } else if (!absl::ascii_isupper(static_cast<unsigned char>(term[0]))) {
      // Uppercase-led terms are prefixed (fields, entities): never words.
      words_.insert(term);
      heads_.insert(std::string(Head(term)));
    }
  }
}

bool QueryMatcher::Matches(const std::string& word) {
  // A one-letter stem ("oed" -> "o") has a one-byte head.
  const absl::string_view view = word;
  if (!heads_.contains(Head(view)) && !heads_.contains(view.substr(0, 1))) {
    return false;
  }
  auto [it, inserted] = seen_.try_emplace(word, false);
  if (inserted) {
    it->second = words_.contains(word) ||
                 (!stems_.empty() && stems_.contains(stemmer_(word)));
  }
  return it->second;
}

std::vector<MatchSpan> QueryMatcher::Find(absl::string_view text,
                                          size_t limit) {
  std::vector<MatchSpan> spans;
  if (heads_.empty()) return spans;
  std::string word;
  MatchSpan current;
  bool in_word = false;
  int code_points = 0;
  auto finish_word = [&](int byte_end) {
    if (!in_word) return;
    in_word = false;
    if (Matches(word)) {
      current.end = code_points;
      current.byte_end = byte_end;
      spans.push_back(current);
    }
    word.clear();
  };
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n && spans.size() < limit) {
    const int32_t at = i;
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    UChar32 c;
    bool alnum;
    if (byte < 0x80) {  // ASCII fast path: most of an English body
      ++i;
      c = byte;
      alnum = absl::ascii_isalnum(byte);
    } else {
      U8_NEXT(text.data(), i, n, c);
      alnum = c >= 0 && u_isalnum(c);
    }
    if (alnum) {
      if (!in_word) {
        in_word = true;
        current.start = code_points;
        current.byte_start = at;
      }
      if (c < 0x80) {
        word.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
      } else {
        char buf[4];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, u_tolower(c));
        word.append(buf, len);
      }
    } else {
      finish_word(at);
    }
    ++code_points;
  }
  if (spans.size() < limit) finish_word(i);
  return spans;
}

std::vector<MatchSpan> FindMatchSpans(const Xapian::Query& query,
                                      absl::string_view text,
                                      const Xapian::Stem& stemmer,
                                      size_t limit) {
  QueryMatcher matcher(query, stemmer);
  return matcher.Find(text, limit);
}

}  // namespace newsindex
