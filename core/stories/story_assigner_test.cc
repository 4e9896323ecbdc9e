#include "core/stories/story_assigner.h"

#include <map>
#include <string>
#include <vector>

#include "core/stories/memory_story_backend.h"
#include "gtest/gtest.h"

namespace newsindex::stories {
namespace {

struct Input {
  std::string id;
  std::string title;
  std::string body;
  std::vector<std::string> entities;
  std::string near_duplicate_of = "";
};

StoryFeatures Features(const Input& in, const StoryParams& params) {
  Article a;
  a.id = in.id;
  a.title = in.title;
  a.body = in.body;
  for (const std::string& id : in.entities) {
    ArticleEntity e;
    e.id = id;
    e.name = id;
    e.salience = 0.5;
    a.entities.push_back(e);
  }
  return FeaturesOf(a, params);
}

// Background articles so that IDF means something.
std::vector<Input> Background() {
  return {
      {"b1", "Stocks rise on earnings", "Shares climbed in New York", {}},
      {"b2", "Storm hits the coast", "Heavy rain and wind in Florida", {}},
      {"b3", "Election results due", "Votes are being counted", {}},
      {"b4", "Football final tonight", "The two clubs meet in London", {}},
  };
}

// Runs `inputs` in order; returns article id -> story id.
std::map<std::string, std::string> Ingest(const std::vector<Input>& inputs,
                                          MemoryStoryBackend* backend) {
  StoryAssigner assigner{StoryParams()};
  std::map<std::string, std::string> out;
  for (const Input& in : inputs) {
    absl::StatusOr<Assignment> a = assigner.Assign(
        Features(in, assigner.params()), in.near_duplicate_of, backend);
    EXPECT_TRUE(a.ok()) << a.status();
    if (a.ok()) out[in.id] = a->story_id;
  }
  return out;
}

TEST(StoryAssignerTest, Table) {
  struct Case {
    std::string name;
    std::vector<Input> inputs;
    // Pairs expected together (true) or apart (false).
    std::vector<std::tuple<std::string, std::string, bool>> expect;
  };
  const Input envoy1{"e1",
                     "Russia accepts Taliban ambassador",
                     "Moscow accepted the credentials of the Taliban envoy",
                     {"country:ru", "org:taliban"}};
  const Input envoy2{"e2",
                     "Taliban envoy presents credentials in Moscow",
                     "The Taliban ambassador to Russia was accepted",
                     {"country:ru", "org:taliban"}};
  const Input deal{"d1",
                   "Russia signs arms deal with India",
                   "A military contract for helicopters",
                   {"country:ru", "country:in"}};
  std::vector<Case> cases = {
      {"one event, two outlets", {envoy1, envoy2}, {{"e1", "e2", true}}},
      {"same country, other event", {envoy1, deal}, {{"e1", "d1", false}}},
      {"near-duplicate joins whatever its words",
       {envoy1, {"x", "Completely different", "words", {}, "e1"}},
       {{"e1", "x", true}}},
  };
  for (const Case& c : cases) {
    MemoryStoryBackend backend;
    std::vector<Input> inputs = Background();
    inputs.insert(inputs.end(), c.inputs.begin(), c.inputs.end());
    std::map<std::string, std::string> story = Ingest(inputs, &backend);
    for (const auto& [a, b, together] : c.expect) {
      EXPECT_EQ(story.at(a) == story.at(b), together) << c.name;
    }
    EXPECT_NE(story.at("b1"), story.at("b2")) << c.name;
  }
}

TEST(StoryAssignerTest, DeterministicForAnOrder) {
  std::vector<Input> inputs = Background();
  inputs.push_back({"e1", "Taliban envoy in Moscow", "ambassador", {}});
  inputs.push_back({"e2", "Moscow hosts Taliban envoy", "credentials", {}});
  MemoryStoryBackend one, two;
  EXPECT_EQ(Ingest(inputs, &one), Ingest(inputs, &two));
}

TEST(StoryAssignerTest, UpsertMovesAndDeleteRemovesEmptyStories) {
  MemoryStoryBackend backend;
  std::vector<Input> inputs = Background();
  inputs.push_back({"e1",
                    "Taliban envoy in Moscow",
                    "ambassador accepted",
                    {"org:taliban"}});
  inputs.push_back({"e2",
                    "Moscow accepts Taliban envoy",
                    "ambassador credentials",
                    {"org:taliban"}});
  std::map<std::string, std::string> story = Ingest(inputs, &backend);
  ASSERT_EQ(story["e1"], story["e2"]);
  const size_t stories = backend.story_count();
  // e2 is rewritten about the storm: it moves to the storm's story.
  std::map<std::string, std::string> moved = Ingest(
      {{"e2", "Storm hits the coast again", "Heavy rain in Florida", {}}},
      &backend);
  EXPECT_EQ(moved["e2"], story["b2"]);
  absl::StatusOr<std::optional<StoryRecord>> envoy =
      backend.LoadStory(story["e1"]);
  ASSERT_TRUE(envoy.ok() && envoy->has_value());
  EXPECT_EQ((*envoy)->article_count, 1);
  EXPECT_EQ(backend.story_count(), stories);
  // Deleting e1 leaves its story empty: the story goes.
  StoryAssigner assigner{StoryParams()};
  ASSERT_TRUE(assigner.Remove("e1", &backend).ok());
  EXPECT_EQ(backend.story_count(), stories - 1);
  absl::StatusOr<std::optional<StoryRecord>> gone =
      backend.LoadStory(story["e1"]);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  EXPECT_TRUE(assigner.Remove("never-seen", &backend).ok());
}

TEST(StoryAssignerTest, ReUpsertOfASingletonKeepsItsStoryId) {
  MemoryStoryBackend backend;
  std::vector<Input> inputs = Background();
  std::map<std::string, std::string> first = Ingest(inputs, &backend);
  std::map<std::string, std::string> again = Ingest({inputs[0]}, &backend);
  EXPECT_EQ(again["b1"], first["b1"]);
  EXPECT_EQ(backend.story_count(), inputs.size());
}

TEST(NewStoryIdTest, StableAndDistinct) {
  EXPECT_EQ(NewStoryId("a", 0), NewStoryId("a", 0));
  EXPECT_NE(NewStoryId("a", 0), NewStoryId("a", 1));
  EXPECT_NE(NewStoryId("a", 0), NewStoryId("b", 0));
  EXPECT_EQ(NewStoryId("a", 0).size(), 17u);
}

}  // namespace
}  // namespace newsindex::stories
