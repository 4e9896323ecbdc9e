#include "core/index/schema.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(SchemaTest, ShortIdsAreVerbatimLongOnesHashed) {
  EXPECT_EQ(schema::IdTerm("abc"), "Qabc");
  const std::string long_id(300, 'z');
  const std::string term = schema::IdTerm(long_id);
  EXPECT_LE(term.size(), 245u);
  EXPECT_EQ(term.substr(0, 2), "Q#");
  EXPECT_EQ(term, schema::IdTerm(long_id));  // stable
  EXPECT_NE(term, schema::IdTerm(long_id + "y"));
  EXPECT_EQ(schema::IdTerm(std::string(200, 'a')).size(), 201u);
}

TEST(SchemaTest, TermsAreLowercased) {
  EXPECT_EQ(schema::SourceTerm("Reuters"), "XSOURCE:reuters");
  EXPECT_EQ(schema::LanguageTerm("EN"), "Len");
}

TEST(SchemaTest, CountryTermsAreUpperCase) {
  EXPECT_EQ(schema::CountryTerm("af"), "XCC:AF");
  EXPECT_EQ(schema::CountryTerm("AF"), "XCC:AF");
}

TEST(SchemaTest, EntityPrefixesAreDistinct) {
  EXPECT_EQ(schema::EntityTypePrefix(EntityType::kPerson), "XPER:");
  EXPECT_EQ(schema::EntityTypePrefix(EntityType::kOrganization), "XORG:");
  EXPECT_EQ(schema::EntityTypePrefix(EntityType::kLocation), "XLOC:");
  EXPECT_EQ(schema::EntityTypePrefix(EntityType::kOther), "XOTH:");
}

}  // namespace
}  // namespace newsindex
