#include "core/spelling.h"

#include "absl/strings/ascii.h"

namespace newsindex {

void CollectSpellings(const Xapian::Document& doc, SpellingCounts* counts) {
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.size() < 3 || term.size() > 30) continue;
    bool word = true;
    for (char c : term) {
      // Lowercase ASCII letters or UTF-8 bytes: numbers and prefixed
      // (uppercase-led) terms are no spellings.
      if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
          static_cast<unsigned char>(c) < 0x80) {
        word = false;
        break;
      }
    }
    if (word) ++(*counts)[term];
  }
}

void AddSpellings(const SpellingCounts& counts, Xapian::WritableDatabase& db) {
  for (const auto& [word, count] : counts) db.add_spelling(word, count);
}

}  // namespace newsindex
