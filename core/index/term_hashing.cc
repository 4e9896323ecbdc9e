#include "core/index/term_hashing.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/index/schema.h"

namespace newsindex {
namespace {

bool IsSha256Hex(absl::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c)) ||
        absl::ascii_isupper(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

// (old term, new term) for every plain "#" value under `prefix`.
std::vector<std::pair<std::string, std::string>> PlainHashMarkTerms(
    const Xapian::Database& db, absl::string_view prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string start = absl::StrCat(prefix, schema::kHashedMark);
  for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
    const std::string term = *it;
    absl::string_view value(term);
    value.remove_prefix(prefix.size());
    if (IsSha256Hex(value.substr(schema::kHashedMark.size()))) continue;
    out.emplace_back(term, schema::PrefixedTerm(prefix, value));
  }
  return out;
}

}  // namespace

int MigrateTermHashing(Xapian::WritableDatabase& db) {
  const std::string key(schema::kTermHashingKey);
  if (db.get_metadata(key) == schema::kTermHashing) return 0;
  int rewritten = 0;
  for (absl::string_view prefix : schema::kHashedTermPrefixes) {
    for (const auto& [old_term, new_term] : PlainHashMarkTerms(db, prefix)) {
      std::vector<Xapian::docid> ids(db.postlist_begin(old_term),
                                     db.postlist_end(old_term));
      for (Xapian::docid id : ids) {
        Xapian::Document doc = db.get_document(id);
        doc.remove_term(old_term);
        doc.add_boolean_term(new_term);
        db.replace_document(id, doc);
        ++rewritten;
      }
    }
  }
  db.set_metadata(key, std::string(schema::kTermHashing));
  return rewritten;
}

}  // namespace newsindex
