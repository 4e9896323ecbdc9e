#include "core/search/snippet.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"

namespace newsindex {
namespace {

bool IsSpace(char c) {
  return absl::ascii_isspace(static_cast<unsigned char>(c));
}

// The first byte of the first word that starts at or after `at`: a window
// never starts mid-word.
size_t WordStartAtOrAfter(absl::string_view text, size_t at) {
  if (at == 0) return 0;
  if (IsSpace(text[at - 1])) return at;
  while (at < text.size() && !IsSpace(text[at])) ++at;
  while (at < text.size() && IsSpace(text[at])) ++at;
  return at;
}

// The end of the last whole word that ends at or before `at`.
size_t WordEndAtOrBefore(absl::string_view text, size_t at, size_t floor) {
  if (at >= text.size()) return text.size();
  if (IsSpace(text[at])) {
    while (at > floor && IsSpace(text[at - 1])) --at;
    return at;
  }
  size_t end = at;
  while (end > floor && !IsSpace(text[end - 1])) --end;
  while (end > floor && IsSpace(text[end - 1])) --end;
  return end > floor ? end : at;  // one long word: cut it
}

void AppendEscaped(absl::string_view text, bool* last_was_space,
                   std::string* out) {
  for (char c : text) {
    if (IsSpace(c)) {
      if (!*last_was_space) out->push_back(' ');
      *last_was_space = true;
      continue;
    }
    *last_was_space = false;
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      default:
        out->push_back(c);
    }
  }
}

// Index of the first span of the best window: the most distinct matched
// words within `length` bytes of its start, then the most matches.
size_t BestWindow(absl::string_view text, const std::vector<MatchSpan>& spans,
                  size_t length) {
  size_t best = 0;
  size_t best_distinct = 0, best_count = 0;
  absl::flat_hash_set<std::string> words;
  for (size_t first = 0; first < spans.size(); ++first) {
    words.clear();
    size_t count = 0;
    for (size_t j = first; j < spans.size(); ++j) {
      if (static_cast<size_t>(spans[j].byte_end - spans[first].byte_start) >
          length) {
        break;
      }
      ++count;
      words.insert(absl::AsciiStrToLower(text.substr(
          spans[j].byte_start, spans[j].byte_end - spans[j].byte_start)));
    }
    if (words.size() > best_distinct ||
        (words.size() == best_distinct && count > best_count)) {
      best = first;
      best_distinct = words.size();
      best_count = count;
    }
  }
  return best;
}

}  // namespace

std::string MakeSnippet(absl::string_view text,
                        const std::vector<MatchSpan>& spans,
                        const SnippetOptions& options) {
  const size_t length = std::max<size_t>(options.length, 1);
  size_t begin = 0;
  if (!spans.empty()) {
    const MatchSpan& first = spans[BestWindow(text, spans, length)];
    // Some words of context before the first match, when there is room.
    size_t last_end = first.byte_end;
    for (const MatchSpan& s : spans) {
      if (s.byte_start >= first.byte_start &&
          static_cast<size_t>(s.byte_end - first.byte_start) <= length) {
        last_end = std::max<size_t>(last_end, s.byte_end);
      }
    }
    const size_t first_start = static_cast<size_t>(first.byte_start);
    const size_t slack = length - std::min(length, last_end - first_start);
    const size_t lead = std::min<size_t>(slack / 2, 60);
    begin = first_start > lead ? first_start - lead : 0;
    begin = std::min(WordStartAtOrAfter(text, begin), first_start);
  }
  while (begin < text.size() && IsSpace(text[begin])) ++begin;
  const size_t end =
      WordEndAtOrBefore(text, std::min(text.size(), begin + length), begin);

  std::string out;
  out.reserve(end - begin + 32);
  bool last_was_space = false;
  if (begin > 0) out.append(options.omitted);
  size_t at = begin;
  for (const MatchSpan& s : spans) {
    const size_t s_begin = s.byte_start, s_end = s.byte_end;
    if (s_begin < at || s_end > end) continue;
    AppendEscaped(text.substr(at, s_begin - at), &last_was_space, &out);
    out.append(options.highlight_start);
    AppendEscaped(text.substr(s_begin, s_end - s_begin), &last_was_space, &out);
    out.append(options.highlight_end);
    at = s_end;
  }
  AppendEscaped(text.substr(at, end - at), &last_was_space, &out);
  if (end < text.size()) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out.append(options.omitted);
  }
  return out;
}

}  // namespace newsindex
