#include "core/search/remote_overlay.h"

#include <stdlib.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>

#include "core/index/schema.h"
#include "core/index/spelling.h"

namespace newsindex {
namespace {

void AddSynonyms(const CatalogReader& catalog,
                 Xapian::WritableDatabase& overlay) {
  const std::string prefix(schema::kSynonymMetadataPrefix);
  for (const std::string& key : catalog.KeysWithPrefix(prefix)) {
    const size_t tab = key.find('\t', prefix.size());
    if (tab == std::string::npos) continue;
    overlay.add_synonym(key.substr(prefix.size(), tab - prefix.size()),
                        schema::EntityTerm(key.substr(tab + 1)));
  }
}

// The spelling table's words are the documents' plain terms (spelling.h),
// counted once per document: the term's document frequency.
void AddSpellings(const Xapian::Database& shard,
                  Xapian::WritableDatabase& overlay) {
  for (auto it = shard.allterms_begin(); it != shard.allterms_end(); ++it) {
    const std::string term = *it;
    if (IsSpellingWord(term)) overlay.add_spelling(term, it.get_termfreq());
  }
}

}  // namespace

RemoteOverlay::RemoteOverlay(const ShardLayout& layout,
                             const std::vector<Xapian::Database>& shards,
                             const CatalogReader& catalog) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "newsindex-overlay-XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw Xapian::DatabaseCreateError(
        "cannot make a directory for the "
        "remote shards' synonyms and spellings",
        errno);
  }
  directory_ = pattern;
  Xapian::WritableDatabase overlay(
      directory_, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  // Synonym keys exist only on remote shards; local ones use the table.
  AddSynonyms(catalog, overlay);
  for (size_t i = 0; i < shards.size(); ++i) {
    if (layout.shards[i].remote()) AddSpellings(shards[i], overlay);
  }
  overlay.commit();
  overlay.close();
  database_ = Xapian::Database(directory_);
}

RemoteOverlay::~RemoteOverlay() {
  database_.close();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

}  // namespace newsindex
