#include "api/proto_convert.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(ProtoConvertTest, RawArticleRoundTrip) {
  const ContentKind kinds[] = {ContentKind::kText, ContentKind::kHtml,
                               ContentKind::kRaw};
  for (ContentKind kind : kinds) {
    RawArticle raw;
    raw.kind = kind;
    raw.content = "content";
    raw.id = "id";
    raw.url = "u";
    raw.title = "t";
    raw.source = "s";
    raw.language = "en";
    raw.published_at = absl::FromUnixSeconds(-5) + absl::Microseconds(250);
    v1::RawArticle proto;
    ToProto(raw, &proto);
    absl::StatusOr<RawArticle> back = FromProto(proto);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->kind, kind);
    EXPECT_EQ(back->content, "content");
    EXPECT_EQ(back->id, "id");
    EXPECT_EQ(back->url, "u");
    EXPECT_EQ(back->title, "t");
    EXPECT_EQ(back->source, "s");
    EXPECT_EQ(back->language, "en");
    EXPECT_EQ(back->published_at, raw.published_at);
  }
}

TEST(ProtoConvertTest, MissingContentNamesTheField) {
  v1::RawArticle proto;
  auto raw = FromProto(proto);
  EXPECT_EQ(raw.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(raw.status().message().substr(0, 15), "article.content");
}

TEST(ProtoConvertTest, ArticleFields) {
  Article a;
  a.id = "x";
  a.title = "T";
  a.published_at = absl::FromUnixSeconds(1700000000);
  ArticleEntity e;
  e.id = "country:ru";
  e.name = "Russia";
  e.type = EntityType::kLocation;
  e.mention_count = 2;
  e.surface_forms = {"Russia", "Russian"};
  e.mentions = {{1, 7, "Russia"}};
  a.entities = {e};
  v1::Article proto;
  ToProto(a, &proto);
  EXPECT_EQ(proto.id(), "x");
  EXPECT_EQ(proto.published_at().seconds(), 1700000000);
  ASSERT_EQ(proto.entities_size(), 1);
  EXPECT_EQ(proto.entities(0).type(), v1::LOCATION);
  EXPECT_EQ(proto.entities(0).surface_forms_size(), 2);
  EXPECT_EQ(proto.entities(0).mentions(0).end(), 7);
  Article unpublished;
  v1::Article empty;
  ToProto(unpublished, &empty);
  EXPECT_FALSE(empty.has_published_at());
}

}  // namespace
}  // namespace newsindex
