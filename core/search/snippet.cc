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

struct Window {
  size_t first = 0;     // index of its first span
  size_t byte_end = 0;  // end of its last span
};

// The best window of the (non-empty) `spans`: the most distinct matched
// words within `length` bytes of its first span's start, then the most
// matches; the earliest on ties.
Window BestWindow(absl::string_view text, const std::vector<MatchSpan>& spans,
                  size_t length) {
  std::vector<std::string> words;  // each span's text, lowercased
  words.reserve(spans.size());
  for (const MatchSpan& s : spans) {
    words.push_back(absl::AsciiStrToLower(
        text.substr(s.byte_start, s.byte_end - s.byte_start)));
  }
  // Spans longer than `length` fit no window; then the first span alone.
  Window best{0, static_cast<size_t>(spans[0].byte_end)};
  size_t best_distinct = 0, best_count = 0;
  absl::flat_hash_set<absl::string_view> distinct;
  for (size_t first = 0; first < spans.size(); ++first) {
    distinct.clear();
    size_t end = first;  // one past the window's last span
    while (end < spans.size() &&
           static_cast<size_t>(spans[end].byte_end - spans[first].byte_start) <=
               length) {
      distinct.insert(words[end++]);
    }
    const size_t count = end - first;
    if (distinct.size() > best_distinct ||
        (distinct.size() == best_distinct && count > best_count)) {
      best = {first, static_cast<size_t>(spans[end - 1].byte_end)};
      best_distinct = distinct.size();
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
    const Window window = BestWindow(text, spans, length);
    const MatchSpan& first = spans[window.first];
    const size_t last_end = window.byte_end;
    // Some words of context before the first match, when there is room.
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
