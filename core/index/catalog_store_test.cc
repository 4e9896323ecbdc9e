#include "core/index/catalog_store.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/index/schema.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

// Every letter-case variant of `word` (2^n of them).
std::vector<std::string> CaseVariants(const std::string& word) {
  std::vector<std::string> variants;
  for (int mask = 0; mask < (1 << word.size()); ++mask) {
    std::string v = word;
    for (size_t i = 0; i < v.size(); ++i) {
      if ((mask >> i) & 1) v[i] = static_cast<char>(std::toupper(v[i]));
    }
    variants.push_back(v);
  }
  return variants;
}

ArticleEntity Russia(std::vector<std::string> forms) {
  ArticleEntity e;
  e.id = "country:ru";
  e.name = "Russia";
  e.type = EntityType::kLocation;
  e.surface_forms = std::move(forms);
  return e;
}

// Reported: every surface form, each letter-case variant counted anew, was
// appended to the record: five large articles gave one entity 169,168
// aliases. Case variants are one alias; an article adds a bounded number,
// and the record a bounded total.
TEST(CatalogStoreTest, AliasesAreOnePerNameKeyAndCapped) {
  Xapian::WritableDatabase db(FreshDbPath("aliases"), Xapian::DB_CREATE);
  // 2^7 = 128 case variants of "russian" plus 200 distinct forms.
  std::vector<std::string> forms = CaseVariants("russian");
  for (int i = 0; i < 200; ++i) forms.push_back(absl::StrCat("Russia ", i));
  ASSERT_TRUE(RecordEntities(db, {Russia(forms)}, nullptr).ok());
  std::optional<EntityRecord> record = ReadCatalogRecord(db, "country:ru");
  ASSERT_TRUE(record.has_value());
  // The name, one "russian", then new forms up to the per-article cap.
  EXPECT_EQ(record->aliases.size(), kMaxAliasesPerArticle);
  EXPECT_EQ(record->aliases[0], "Russia");
  EXPECT_EQ(record->aliases[1], "russian");
  for (int article = 0; article < 20; ++article) {
    ASSERT_TRUE(RecordEntities(db, {Russia(forms)}, nullptr).ok());
  }
  record = ReadCatalogRecord(db, "country:ru");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->aliases.size(), kMaxAliasesPerEntity);
}

// A record bloated by an earlier build: read back deduplicated and capped,
// and rewritten so when the entity is next recorded.
TEST(CatalogStoreTest, BloatedRecordIsRepairedOnReadAndOnNextWrite) {
  Xapian::WritableDatabase db(FreshDbPath("bloated"), Xapian::DB_CREATE);
  nlohmann::json bloated = {{"name", "Russia"},
                            {"type", "location"},
                            {"subtype", "country"},
                            {"aliases", nlohmann::json::array()}};
  for (int i = 0; i < 20; ++i) {
    for (const std::string& v : CaseVariants("russia")) {
      bloated["aliases"].push_back(v);
    }
    bloated["aliases"].push_back(absl::StrCat("Rossiya ", i));
  }
  for (int i = 0; i < 1000; ++i) {
    bloated["aliases"].push_back(absl::StrCat("Form ", i));
  }
  const std::string key =
      absl::StrCat(schema::kEntityMetadataPrefix, "country:ru");
  db.set_metadata(key, bloated.dump());
  const size_t before = db.get_metadata(key).size();

  std::optional<EntityRecord> record = ReadCatalogRecord(db, "country:ru");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->aliases.size(), kMaxAliasesPerEntity);
  EXPECT_EQ(record->aliases[0], "russia");  // the first form of its key
  EXPECT_EQ(record->aliases[1], "Rossiya 0");

  // An article naming nothing new still rewrites the record, repaired.
  ASSERT_TRUE(RecordEntities(db, {Russia({"Russia"})}, nullptr).ok());
  const std::string after = db.get_metadata(key);
  EXPECT_LT(after.size(), before / 10);
  nlohmann::json stored = nlohmann::json::parse(after);
  EXPECT_EQ(stored["aliases"].size(), kMaxAliasesPerEntity);
}

}  // namespace
}  // namespace newsindex
