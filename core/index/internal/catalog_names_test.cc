#include "core/index/internal/catalog_names.h"

#include "core/index/index_writer.h"
#include "core/index/test_util.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

Article WithEntities(const std::string& id) {
  Article a =
      MakeArticle(id, "T", "Kuwait Water Co (KWC) said. Zamir Kabulov said.");
  ArticleEntity kwc;
  kwc.id = "org:kuwait-water-co";
  kwc.name = "Kuwait Water Co";
  kwc.type = EntityType::kOrganization;
  kwc.surface_forms = {"Kuwait Water Co", "KWC"};
  ArticleEntity person;
  person.id = "person:zamir-kabulov";
  person.name = "Zamir Kabulov";
  person.type = EntityType::kPerson;
  person.surface_forms = {"Zamir Kabulov", "Kabulov"};
  a.entities = {kwc, person};
  return a;
}

// The writer fills the names after each commit; a new writer on the same
// database reads them back from the catalog.
TEST(CatalogNamesTest, WriterRecordsAndReopenLoads) {
  const std::string path = FreshDbPath("names");
  {
    CatalogNames names;
    IndexWriterOptions options;
    options.learned_names = &names;
    auto writer = IndexWriter::Open(path, options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    EXPECT_FALSE(names.FindLearned("kwc").has_value());
    ASSERT_TRUE(UpsertSync(**writer, WithEntities("a")).ok());
    std::optional<EntityRecord> kwc = names.FindLearned("kwc");
    ASSERT_TRUE(kwc.has_value());
    EXPECT_EQ(kwc->id, "org:kuwait-water-co");
    EXPECT_EQ(kwc->type, EntityType::kOrganization);
    // One word of a person's name is no name of its own.
    EXPECT_FALSE(names.FindLearned("kabulov").has_value());
    EXPECT_TRUE(names.FindLearned("zamir kabulov").has_value());
  }
  CatalogNames reloaded;
  IndexWriterOptions options;
  options.learned_names = &reloaded;
  auto writer = IndexWriter::Open(path, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  std::optional<EntityRecord> kwc = reloaded.FindLearned("kwc");
  ASSERT_TRUE(kwc.has_value());
  EXPECT_EQ(kwc->id, "org:kuwait-water-co");
  EXPECT_FALSE(reloaded.FindLearned("kabulov").has_value());
}

}  // namespace
}  // namespace newsindex
