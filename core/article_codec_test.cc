#include "core/article_codec.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(ArticleCodecTest, RoundTripKeepsEveryField) {
  Article a;
  a.id = "id-1";
  a.url = "https://example.org/x";
  a.title = "Title “quoted”";
  a.subtitle = "Deck";
  a.body = "Body\n\nSecond paragraph.";
  a.source = "Example News";
  a.author = "A. Writer";
  a.language = "en";
  a.dateline = "KABUL";
  a.content_hash = "abc";
  a.cluster_key = "c1";
  a.simhash = "0123456789abcdef";
  a.published_at = absl::FromUnixSeconds(1700000000) + absl::Microseconds(5);
  a.ingested_at = absl::FromUnixSeconds(1700000100);
  a.references = {"Source one", "Source two"};
  ArticleEntity e;
  e.id = "country:ru";
  e.name = "Russia";
  e.type = EntityType::kLocation;
  e.subtype = "country";
  e.mention_count = 2;
  e.surface_forms = {"Russia", "Russian"};
  e.salience = 0.5;
  e.mentions = {{0, 6, "Russia"}, {10, 17, "Russian"}};
  a.entities = {e};

  absl::StatusOr<Article> b = DecodeArticle(EncodeArticle(a));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->id, a.id);
  EXPECT_EQ(b->url, a.url);
  EXPECT_EQ(b->title, a.title);
  EXPECT_EQ(b->subtitle, a.subtitle);
  EXPECT_EQ(b->body, a.body);
  EXPECT_EQ(b->source, a.source);
  EXPECT_EQ(b->author, a.author);
  EXPECT_EQ(b->language, a.language);
  EXPECT_EQ(b->dateline, a.dateline);
  EXPECT_EQ(b->content_hash, a.content_hash);
  EXPECT_EQ(b->cluster_key, a.cluster_key);
  EXPECT_EQ(b->simhash, a.simhash);
  EXPECT_EQ(b->published_at, a.published_at);
  EXPECT_EQ(b->ingested_at, a.ingested_at);
  EXPECT_EQ(b->references, a.references);
  ASSERT_EQ(b->entities.size(), 1u);
  const ArticleEntity& f = b->entities[0];
  EXPECT_EQ(f.id, e.id);
  EXPECT_EQ(f.name, e.name);
  EXPECT_EQ(f.type, e.type);
  EXPECT_EQ(f.subtype, e.subtype);
  EXPECT_EQ(f.mention_count, e.mention_count);
  EXPECT_EQ(f.surface_forms, e.surface_forms);
  EXPECT_DOUBLE_EQ(f.salience, e.salience);
  ASSERT_EQ(f.mentions.size(), 2u);
  EXPECT_EQ(f.mentions[1].start, 10);
  EXPECT_EQ(f.mentions[1].end, 17);
  EXPECT_EQ(f.mentions[1].text, "Russian");
}

TEST(ArticleCodecTest, MissingPublishedAtStaysMissing) {
  Article a;
  a.id = "x";
  absl::StatusOr<Article> b = DecodeArticle(EncodeArticle(a));
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->published_at.has_value());
}

TEST(ArticleCodecTest, GarbageIsDataLoss) {
  for (const char* data : {"", "not json", "[1,2]", "{\"no_id\":1}",
                           "{\"id\":\"x\",\"entities\":[{\"mentions\":[[1]]}]}"}) {
    EXPECT_EQ(DecodeArticle(data).status().code(), absl::StatusCode::kDataLoss)
        << data;
  }
}

}  // namespace
}  // namespace newsindex
