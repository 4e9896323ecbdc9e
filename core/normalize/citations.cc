#include "core/normalize/citations.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace newsindex {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the marker starting at text[i] == '[', or 0 when there is none.
// A marker holds numbers (1-3 digits) separated by ',', '-', '–' or
// spaces, or is "[citation needed]".
size_t MarkerLength(absl::string_view text, size_t i) {
  static constexpr absl::string_view kNeeded = "[citation needed]";
  if (absl::StartsWithIgnoreCase(text.substr(i), kNeeded)) {
    return kNeeded.size();
  }
  size_t j = i + 1;
  int digits = 0;
  bool any_number = false;
  const size_t limit = std::min(text.size(), i + 24);
  while (j < limit) {
    const char c = text[j];
    if (IsDigit(c)) {
      if (++digits > 3) return 0;
      any_number = true;
      ++j;
    } else if (c == ',' || c == ' ' || c == '-') {
      digits = 0;
      ++j;
    } else if (text.substr(j, 3) == "\xE2\x80\x93") {  // en dash
      digits = 0;
      j += 3;
    } else if (c == ']') {
      return any_number ? j + 1 - i : 0;
    } else {
      return 0;
    }
  }
  return 0;
}

bool IsClosingPunctuation(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == ')';
}

}  // namespace

std::string StripCitationMarkers(absl::string_view text, int* removed) {
  std::string out;
  out.reserve(text.size());
  int count = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '[') {
      out.push_back(text[i++]);
      continue;
    }
    const size_t len = MarkerLength(text, i);
    if (len == 0) {
      out.push_back(text[i++]);
      continue;
    }
    ++count;
    i += len;
    const char next = i < text.size() ? text[i] : '\0';
    // "word [1] next" -> "word next"; "word [1]." -> "word."
    if (!out.empty() && out.back() == ' ' &&
        (next == ' ' || next == '\0' || next == '[' ||
         IsClosingPunctuation(next))) {
      out.pop_back();
    }
  }
  if (removed != nullptr) *removed = count;
  return out;
}

bool IsSourceListHeader(absl::string_view line) {
  absl::string_view s = absl::StripAsciiWhitespace(line);
  absl::ConsumeSuffix(&s, ":");
  s = absl::StripTrailingAsciiWhitespace(s);
  for (absl::string_view header :
       {"sources", "source list", "references", "reference", "notes",
        "citations", "bibliography", "works cited", "further reading",
        "footnotes"}) {
    if (absl::EqualsIgnoreCase(s, header)) return true;
  }
  return false;
}

bool StartsWithReferenceNumber(absl::string_view line) {
  if (line.empty() || line[0] != '[') return false;
  size_t j = 1;
  while (j < line.size() && j < 5 && IsDigit(line[j])) ++j;
  return j > 1 && j < line.size() && line[j] == ']';
}

bool ParseSourceListEntry(absl::string_view line, std::string* entry) {
  absl::string_view s = absl::StripAsciiWhitespace(line);
  if (StartsWithReferenceNumber(s)) {
    s.remove_prefix(s.find(']') + 1);
  } else if (!s.empty() && IsDigit(s[0])) {
    size_t j = 0;
    while (j < s.size() && j < 4 && IsDigit(s[j])) ++j;
    if (j >= s.size() || (s[j] != '.' && s[j] != ')')) return false;
    s.remove_prefix(j + 1);
  } else if (absl::StartsWith(s, "- ") || absl::StartsWith(s, "* ") ||
             absl::StartsWith(s, "\xE2\x80\xA2")) {
    s.remove_prefix(absl::StartsWith(s, "\xE2\x80\xA2") ? 3 : 2);
  } else {
    return false;
  }
  s = absl::StripAsciiWhitespace(s);
  if (s.empty()) return false;
  *entry = std::string(s);
  return true;
}

}  // namespace newsindex
