// Audits the aliases of the shipped knowledge base: an alias a record
// lists is a name of that entity, not of another one (a former state is
// not its successor: "Russia" is not the Soviet Union).
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/entities/test_knowledge.h"
#include "core/entities/tokens.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(AliasAuditTest, SovietUnionIsNotRussia) {
  const Gazetteer& g = TestKnowledge();
  const EntityRecord* ussr = g.FindByName("Soviet Union");
  ASSERT_NE(ussr, nullptr);
  const EntityRecord* russia = g.FindByName("Russia");
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(russia->id, "country:ru");
  EXPECT_NE(ussr->id, russia->id);
  for (const std::string& alias : ussr->aliases) {
    EXPECT_NE(NameKey(alias), "russia") << ussr->id << " lists " << alias;
  }
}

// Every alias a record lists besides its display name resolves to that
// record (so it is neither another entity's name nor ambiguous), and no
// name is listed by two countries.
TEST(AliasAuditTest, NoAliasPointsAtAnotherEntity) {
  const Gazetteer& g = TestKnowledge();
  std::vector<std::string> elsewhere;
  absl::flat_hash_map<std::string, std::string> country_of_key;
  std::vector<std::string> shared;
  for (const EntityRecord* r : g.Records()) {
    for (const std::string& alias : r->aliases) {
      const EntityRecord* owner = g.FindByName(alias);
      if (alias != r->name && owner != r) {
        elsewhere.push_back(
            absl::StrCat(r->id, " lists \"", alias, "\", a name of ",
                         owner == nullptr ? "several entities" : owner->id));
      }
      if (r->subtype != "country") continue;
      auto [it, inserted] = country_of_key.try_emplace(NameKey(alias), r->id);
      if (!inserted && it->second != r->id) {
        shared.push_back(
            absl::StrCat("\"", alias, "\": ", it->second, " and ", r->id));
      }
    }
  }
  EXPECT_TRUE(elsewhere.empty()) << elsewhere.size() << " aliases:\n"
                                 << absl::StrJoin(elsewhere, "\n");
  EXPECT_TRUE(shared.empty()) << absl::StrJoin(shared, "\n");
}

}  // namespace
}  // namespace newsindex
