// Hashed terms of long values never equal the terms of short values, and
// a database written with the old scheme is migrated when opened.
#include "core/index/term_hashing.h"

#include <string>

#include "core/base/hash.h"
#include "core/index/schema.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

const std::string kLongId = std::string(300, 'x');

std::string HashLookalike(const std::string& value) {
  return "#" + Sha256Hex(value);
}

TEST(TermHashingTest, NoShortValueReachesALongValuesTerm) {
  for (absl::string_view prefix : schema::kHashedTermPrefixes) {
    EXPECT_NE(schema::PrefixedTerm(prefix, HashLookalike(kLongId)),
              schema::PrefixedTerm(prefix, kLongId))
        << prefix;
    // Plain values keep their terms; "#" values are hashed, and fit.
    EXPECT_EQ(schema::PrefixedTerm(prefix, "plain"),
              absl::StrCat(prefix, "plain"));
    EXPECT_LE(schema::PrefixedTerm(prefix, "#tag").size(),
              schema::kMaxTermBytes);
    EXPECT_NE(schema::PrefixedTerm(prefix, "#tag"),
              absl::StrCat(prefix, "#tag"));
  }
}

TEST(TermHashingTest, LookalikeIdNeitherReplacesNorDeletesTheLongIdArticle) {
  const std::string path = FreshDbPath("hashing");
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(UpsertSync(**writer, MakeArticle(kLongId, "Long", "one")).ok());
  auto lookalike =
      UpsertSync(**writer, MakeArticle(HashLookalike(kLongId), "Short", "two"));
  ASSERT_TRUE(lookalike.ok()) << lookalike.status();
  EXPECT_TRUE(lookalike->created);
  EXPECT_EQ((*writer)->committed_count(), 2u);
  ASSERT_TRUE(DeleteSync(**writer, HashLookalike(kLongId)).ok());
  EXPECT_EQ((*writer)->committed_count(), 1u);
  ASSERT_TRUE((*writer)->Close().ok());
  Xapian::Database db(path);
  EXPECT_TRUE(db.term_exists(schema::IdTerm(kLongId)));
}

TEST(TermHashingTest, OldDatabaseIsMigratedOnce) {
  const std::string path = FreshDbPath("hashing-old");
  const std::string hash_term = schema::IdTerm(kLongId);
  {
    // Scheme 1: "#tag" stored as it is, no scheme key.
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document plain;
    plain.add_boolean_term("Q#tag");
    plain.add_boolean_term("XSOURCE:#wire");
    plain.add_boolean_term("XSOURCE:wire");
    db.add_document(plain);
    Xapian::Document hashed;
    hashed.add_boolean_term(hash_term);
    db.add_document(hashed);
    db.commit();
  }
  Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
  EXPECT_EQ(MigrateTermHashing(db), 2);
  db.commit();
  EXPECT_FALSE(db.term_exists("Q#tag"));
  EXPECT_FALSE(db.term_exists("XSOURCE:#wire"));
  EXPECT_TRUE(db.term_exists(schema::IdTerm("#tag")));
  EXPECT_TRUE(db.term_exists(schema::SourceTerm("#wire")));
  EXPECT_TRUE(db.term_exists("XSOURCE:wire"));
  EXPECT_TRUE(db.term_exists(hash_term));
  EXPECT_EQ(db.get_metadata(std::string(schema::kTermHashingKey)),
            schema::kTermHashing);
  EXPECT_EQ(MigrateTermHashing(db), 0);
}

}  // namespace
}  // namespace newsindex
