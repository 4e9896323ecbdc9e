#include "core/index/near_duplicates.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/index/article_codec.h"
#include "core/index/schema.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"
#include "xapian.h"

namespace newsindex {
namespace {

// Adds an article whose near-duplicate signature is `simhash`.
void AddSigned(Xapian::WritableDatabase& db, const std::string& id,
               uint64_t simhash) {
  Xapian::Document doc;
  doc.set_data(EncodeArticle(MakeArticle(id, "T", "b")));
  doc.add_boolean_term(schema::IdTerm(id));
  StampNearDuplicateFields(simhash, NewClusterKey(id), &doc);
  db.add_document(doc);
}

TEST(NearDuplicatesTest, FindsCloseSignature) {
  Xapian::WritableDatabase db(FreshDbPath("neardup"), Xapian::DB_CREATE);
  AddSigned(db, "original", 0x123456789abcdef0ULL);
  auto found = FindNearDuplicate(db, 0x123456789abcdef1ULL, "Qnew");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "original");
  EXPECT_EQ(found->distance, 1);
  EXPECT_FALSE(FindNearDuplicate(db, ~0x123456789abcdef0ULL, "Qnew"));
}

TEST(NearDuplicatesTest, RecentDuplicateIsFoundBehindManyOlderCollisions) {
  // More old articles than candidate slots share the low band with the new
  // article by chance, but differ in every other bit; the true duplicate
  // came last.
  Xapian::WritableDatabase db(FreshDbPath("collisions"), Xapian::DB_CREATE);
  const uint64_t signature = 0x0f0f0f0f0f0f1234ULL;
  for (Xapian::doccount i = 0; i < 3 * kMaxDuplicateCandidates; ++i) {
    const uint64_t collision = (~signature & ~0xffffULL) | 0x1234ULL;
    AddSigned(db, absl::StrCat("collision-", i), collision ^ (i << 16));
  }
  AddSigned(db, "recent", signature ^ 0x3ULL);
  auto found = FindNearDuplicate(db, signature, "Qnew");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "recent");
}

}  // namespace
}  // namespace newsindex
