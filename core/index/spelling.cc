#include "core/index/spelling.h"

#include "absl/strings/ascii.h"

namespace newsindex {

bool IsSpellingWord(absl::string_view term) {
  if (term.size() < 3 || term.size() > 30) return false;
  for (char c : term) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && !absl::ascii_islower(byte)) return false;
  }
  return true;
}

void CollectSpellings(const Xapian::Document& doc, SpellingCounts* counts) {
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (IsSpellingWord(term)) ++(*counts)[term];
  }
}

void AddSpellings(const SpellingCounts& counts, Xapian::WritableDatabase& db) {
  for (const auto& [word, count] : counts) db.add_spelling(word, count);
}

}  // namespace newsindex
