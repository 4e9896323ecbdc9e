#include "core/ingest/ingest_pipeline.h"

#include "absl/strings/str_cat.h"
#include "core/base/labels.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

class OneEntityExtractor : public EntityExtractor {
 public:
  std::vector<ArticleEntity> Extract(absl::string_view body) const override {
    ArticleEntity e;
    e.id = "thing:1";
    e.mention_count = 1;
    return {e};
  }
};

class IngestPipelineTest : public ::testing::Test {
 protected:
  Normalizer normalizer_;
  OneEntityExtractor extractor_;
  FixedClock clock_{absl::FromUnixSeconds(1800000000)};
  IngestPipeline pipeline_{&normalizer_, &extractor_, &clock_};
};

TEST_F(IngestPipelineTest, FillsIdTimestampAndEntities) {
  RawArticle raw;
  raw.content = "Headline\n\nBody text of the story.";
  auto prepared = pipeline_.Prepare(raw);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  EXPECT_EQ(prepared->article.ingested_at, absl::FromUnixSeconds(1800000000));
  EXPECT_EQ(prepared->article.id,
            "h-" + prepared->article.content_hash.substr(0, 24));
  ASSERT_EQ(prepared->article.entities.size(), 1u);
  EXPECT_EQ(prepared->article.entities[0].id, "thing:1");
  // Found in the body and the headline: one entity, both mentions.
  EXPECT_EQ(prepared->article.entities[0].mention_count, 2);
}

TEST_F(IngestPipelineTest, KeepsLabelsWithinTheirLimits) {
  RawArticle raw;
  raw.content = "Headline\n\nBody text of the story.";
  raw.labels = {{"section", "World"}, {"feed.id", "wire-1"}};
  auto prepared = pipeline_.Prepare(raw);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  EXPECT_EQ(prepared->article.labels, raw.labels);
  Labels many;
  for (size_t i = 0; i <= kMaxLabels; ++i) many[absl::StrCat("k", i)] = "v";
  const struct {
    Labels labels;
    const char* message;
  } bad[] = {
      {many, "33 labels exceed the limit of 32"},
      {{{"", "v"}}, "must be 1 to 64 bytes"},
      {{{std::string(kMaxLabelKeyBytes + 1, 'k'), "v"}}, "must be 1 to 64"},
      {{{"Section", "v"}}, "a-z, 0-9"},
      {{{"k", std::string(kMaxLabelValueBytes + 1, 'v')}},
       "201 bytes exceed the limit of 200"},
      {{{"k", "tab\there"}}, "control characters"},
      {{{"k", "\xff"}}, "not UTF-8"},
  };
  for (const auto& b : bad) {
    raw.labels = b.labels;
    auto refused = pipeline_.Prepare(raw);
    ASSERT_FALSE(refused.ok()) << b.message;
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(refused.status().message().find(b.message), std::string::npos)
        << refused.status();
    EXPECT_EQ(refused.status().message().rfind("labels", 0), 0u)
        << refused.status();
  }
}

// Reported: Analyze ran the whole pipeline after its caller gave up. Each
// stage asks the stop check first: after the n-th answer says stop, no
// later stage runs and its status is Prepare's.
TEST_F(IngestPipelineTest, StopCheckEndsThePipelineBetweenStages) {
  RawArticle raw;
  raw.content = "Headline\n\nBody text of the story.";
  for (int allowed = 0; allowed < 4; ++allowed) {
    int asked = 0;
    auto prepared = pipeline_.Prepare(raw, [&]() -> absl::Status {
      return asked++ < allowed ? absl::OkStatus()
                               : absl::DeadlineExceededError("gave up");
    });
    EXPECT_EQ(prepared.status().code(), absl::StatusCode::kDeadlineExceeded)
        << allowed;
    EXPECT_EQ(asked, allowed + 1) << "a stage ran after the stop";
  }
  int asked = 0;
  auto prepared = pipeline_.Prepare(raw, [&] {
    ++asked;
    return absl::OkStatus();
  });
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  EXPECT_EQ(asked, 4);  // before normalizing, body, title, and at the end
}

TEST_F(IngestPipelineTest, IdTable) {
  struct Case {
    std::string id;
    std::string url;
    absl::StatusCode code;
    std::string want_prefix;
  };
  const Case cases[] = {
      {"given", "", absl::StatusCode::kOk, "given"},
      {"", "https://example.org/a", absl::StatusCode::kOk, "u-"},
      {"", "", absl::StatusCode::kOk, "h-"},
      {std::string(kMaxIdBytes + 1, 'x'), "",
       absl::StatusCode::kInvalidArgument, ""},
      {"tab\tid", "", absl::StatusCode::kInvalidArgument, ""},
      {"bad\xFFutf8", "", absl::StatusCode::kInvalidArgument, ""},
  };
  for (const Case& c : cases) {
    RawArticle raw;
    raw.id = c.id;
    raw.url = c.url;
    raw.content = "Headline\n\nThe council approved the budget on Monday.";
    auto prepared = pipeline_.Prepare(raw);
    EXPECT_EQ(prepared.status().code(), c.code) << c.id;
    if (prepared.ok()) {
      EXPECT_EQ(prepared->article.id.substr(0, c.want_prefix.size()),
                c.want_prefix);
    } else {
      EXPECT_EQ(prepared.status().message().substr(0, 3), "id:");
    }
  }
}

TEST_F(IngestPipelineTest, DerivedIdsAreStable) {
  Article a;
  a.url = "https://example.org/story";
  EXPECT_EQ(DeriveArticleId(a), DeriveArticleId(a));
  Article b;
  b.content_hash = std::string(64, 'f');
  EXPECT_EQ(DeriveArticleId(b), "h-" + std::string(24, 'f'));
}

}  // namespace
}  // namespace newsindex
