#include "core/search/match_offsets.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace newsindex {

std::vector<MatchSpan> FindMatchSpans(const Xapian::Query& query,
                                      absl::string_view text,
                                      const Xapian::Stem& stemmer,
                                      size_t limit) {
  absl::flat_hash_set<std::string> terms;
  for (auto it = query.get_unique_terms_begin();
       it != query.get_unique_terms_end(); ++it) {
    terms.insert(*it);
  }
  std::vector<MatchSpan> spans;
  if (terms.empty()) return spans;
  // Articles repeat their words: stem each distinct word once.
  absl::flat_hash_map<std::string, bool> matches;
  std::string word;
  int word_start = -1;
  int code_points = 0;
  auto finish_word = [&]() {
    if (word_start < 0) return;
    auto [it, inserted] = matches.try_emplace(word, false);
    if (inserted) {
      it->second = terms.contains(word) || terms.contains("Z" + stemmer(word));
    }
    if (it->second) spans.push_back({word_start, code_points});
    word.clear();
    word_start = -1;
  };
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n && spans.size() < limit) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c >= 0 && u_isalnum(c)) {
      if (word_start < 0) word_start = code_points;
      char buf[4];
      int32_t len = 0;
      U8_APPEND_UNSAFE(buf, len, u_tolower(c));
      word.append(buf, len);
    } else {
      finish_word();
    }
    ++code_points;
  }
  if (spans.size() < limit) finish_word();
  return spans;
}

}  // namespace newsindex
