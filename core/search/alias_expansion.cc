#include "core/search/alias_expansion.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace newsindex {
namespace {

// A maximal run of query bytes without white space, quotes or
// parentheses.
struct Chunk {
  size_t begin = 0;
  size_t end = 0;
};

bool IsSpace(char c) {
  return absl::ascii_isspace(static_cast<unsigned char>(c));
}

bool IsBoolOperator(absl::string_view chunk) {
  return chunk == "AND" || chunk == "OR" || chunk == "NOT" || chunk == "XOR";
}

// NEAR, ADJ, NEAR/n, ADJ/n: their operands must stay plain terms.
bool IsProximityOperator(absl::string_view chunk) {
  for (absl::string_view op :
       {absl::string_view("NEAR"), absl::string_view("ADJ")}) {
    if (absl::StartsWith(chunk, op) &&
        (chunk.size() == op.size() || chunk[op.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// The runs of plain chunks of `query` (see FindAliasGroups).
std::vector<std::vector<Chunk>> PlainRuns(absl::string_view query) {
  std::vector<std::vector<Chunk>> runs(1);
  auto end_run = [&] {
    if (!runs.back().empty()) runs.emplace_back();
  };
  bool after_proximity = false;
  size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (c == '"') {
      end_run();
      const size_t close = query.find('"', i + 1);
      i = close == absl::string_view::npos ? query.size() : close + 1;
      after_proximity = false;
      continue;
    }
    if (c == '(' || c == ')') {
      end_run();
      ++i;
      continue;
    }
    size_t j = i;
    while (j < query.size() && !IsSpace(query[j]) && query[j] != '"' &&
           query[j] != '(' && query[j] != ')') {
      ++j;
    }
    Chunk chunk{i, j};
    const absl::string_view text = query.substr(i, j - i);
    i = j;
    const bool was_after_proximity = after_proximity;
    after_proximity = false;
    if (IsProximityOperator(text)) {
      if (!runs.back().empty()) runs.back().pop_back();
      end_run();
      after_proximity = true;
      continue;
    }
    if (was_after_proximity || IsBoolOperator(text) ||
        absl::StrContains(text, ':') || absl::StrContains(text, '*') ||
        text[0] == '~') {
      end_run();
      continue;
    }
    if (text[0] == '+' || text[0] == '-') {
      end_run();
      if (text.size() > 1) runs.back().push_back({chunk.begin + 1, chunk.end});
      end_run();
      continue;
    }
    runs.back().push_back(chunk);
  }
  return runs;
}

}  // namespace

std::vector<QueryWordGroup> FindAliasGroups(
    absl::string_view query, absl::FunctionRef<bool(absl::string_view)> take) {
  std::vector<QueryWordGroup> groups;
  for (const std::vector<Chunk>& run : PlainRuns(query)) {
    size_t s = 0;
    while (s < run.size()) {
      size_t e = std::min(run.size(), s + kMaxAliasWords);
      for (; e > s; --e) {
        const size_t begin = run[s].begin;
        const size_t end = run[e - 1].end;
        if (take(query.substr(begin, end - begin))) {
          groups.push_back({begin, end});
          break;
        }
      }
      s = e > s ? e : s + 1;
    }
  }
  return groups;
}

std::string ReplaceGroups(absl::string_view query,
                          const std::vector<QueryWordGroup>& groups,
                          absl::string_view field) {
  std::string out;
  size_t at = 0;
  for (size_t n = 0; n < groups.size(); ++n) {
    absl::StrAppend(&out, query.substr(at, groups[n].begin - at), field, ":",
                    n);
    at = groups[n].end;
  }
  absl::StrAppend(&out, query.substr(at));
  return out;
}

std::vector<MatchSpan> MentionSpans(absl::string_view body,
                                    const std::vector<Mention>& mentions) {
  std::vector<Mention> sorted = mentions;
  std::sort(
      sorted.begin(), sorted.end(),
      [](const Mention& a, const Mention& b) { return a.start < b.start; });
  std::vector<MatchSpan> spans;
  int cp = 0;
  size_t byte = 0;
  // Moves (cp, byte) forward to code point `target` (or the end).
  auto advance = [&](int target) {
    while (cp < target && byte < body.size()) {
      ++byte;
      while (byte < body.size() &&
             (static_cast<unsigned char>(body[byte]) & 0xC0) == 0x80) {
        ++byte;
      }
      ++cp;
    }
  };
  for (const Mention& m : sorted) {
    if (m.start < cp || m.end <= m.start) continue;  // overlaps or empty
    advance(m.start);
    if (cp != m.start) break;  // past the body
    MatchSpan span;
    span.start = m.start;
    span.byte_start = static_cast<int>(byte);
    advance(m.end);
    if (cp != m.end) break;
    span.end = m.end;
    span.byte_end = static_cast<int>(byte);
    spans.push_back(span);
  }
  return spans;
}

std::vector<MatchSpan> MergeSpans(const std::vector<MatchSpan>& a,
                                  const std::vector<MatchSpan>& b,
                                  size_t limit) {
  std::vector<MatchSpan> all = a;
  all.insert(all.end(), b.begin(), b.end());
  std::stable_sort(
      all.begin(), all.end(), [](const MatchSpan& x, const MatchSpan& y) {
        return x.start < y.start || (x.start == y.start && x.end > y.end);
      });
  std::vector<MatchSpan> merged;
  for (const MatchSpan& s : all) {
    if (merged.size() == limit) break;
    if (!merged.empty() && s.start < merged.back().end) continue;
    merged.push_back(s);
  }
  return merged;
}

}  // namespace newsindex
