// The entity knowledge base: canonical entities, the names they go by, and
// a token-trie matcher over those names (leftmost-longest, case- and
// punctuation-aware).
#ifndef NEWSINDEX_CORE_ENTITIES_GAZETTEER_H_
#define NEWSINDEX_CORE_ENTITIES_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/entities/entity_extractor.h"
#include "core/entities/lexicon.h"
#include "core/entities/tokens.h"

namespace newsindex {

// How a name refers to its entity.
enum class AliasKind : uint8_t {
  kName,     // a name or variant ("Russia", "Russian Federation")
  kAcronym,  // matched only when written in capitals ("UAE", "SCO")
  kDemonym,  // an adjective or people ("Russian", "Afghans")
};

// Priorities of knowledge sources: when two entities share a name the
// higher priority owns it; equal priorities make the name ambiguous.
inline constexpr int kPriorityCurated = 100;
inline constexpr int kPriorityOperator = 90;
inline constexpr int kPriorityCountry = 80;
inline constexpr int kPriorityCity = 50;  // plus up to 9 for population
inline constexpr int kPriorityWordNet = 40;
inline constexpr int kPriorityRegion = 30;

// Built once at start-up by the loaders (see knowledge.h, loaders.h), then
// read-only: all const methods are thread-safe. Not copyable.
class Gazetteer final : public EntityResolver {
 public:
  Gazetteer() = default;
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // Adds `record` (its name and aliases as kName aliases at `priority`) or,
  // when its id exists, merges the aliases into that record. Returns the
  // stored record, owned by this gazetteer.
  EntityRecord* Add(EntityRecord record, int priority);
  // Adds `alias` of `record` (owned by this gazetteer). Aliases written in
  // capitals of at most 6 letters ("UAE", "U.S.") become kAcronym whatever
  // `kind` says, unless it is kDemonym.
  void AddAlias(EntityRecord* record, absl::string_view alias, AliasKind kind,
                int priority);
  // Removes from every record's aliases, except its display name, the
  // names it does not own: those another entity won with a higher
  // priority ("Russia", which WordNet lists for the Soviet Union, is
  // Russia's) and ambiguous ones ("Congo", "Korea"). Matching is
  // unchanged; what changes is what a record lists, which the index's
  // catalog and free-text alias expansion use. Call once all knowledge is
  // loaded.
  void DropForeignAliases();
  // A new id "<prefix>:<slug>" not yet taken ("-2", "-3"... appended).
  std::string UniqueId(absl::string_view prefix, absl::string_view name) const;

  size_t size() const { return records_.size(); }
  // Every record, in the order they were added.
  std::vector<const EntityRecord*> Records() const;
  const EntityRecord* FindById(absl::string_view id) const;
  EntityRecord* MutableById(absl::string_view id);
  // The record owning the name with NameKey(name); null when none or when
  // the name is ambiguous.
  const EntityRecord* FindByName(absl::string_view name) const;
  // The same for a name's MatchKey (tokens.h), without tokenizing.
  const EntityRecord* FindByMatchKey(absl::string_view match_key) const;
  // A person whose one-word alias is within edit distance 1 of `key` (at
  // least 5 letters), when exactly one is.
  const EntityRecord* FindPersonNear(absl::string_view key) const;

  // EntityResolver: an id ("country:ru"), else a name.
  std::optional<EntityRecord> Resolve(absl::string_view name_or_id,
                                      EntityType type) const override;

  struct Match {
    const EntityRecord* record = nullptr;
    size_t first = 0;  // index of the first token in the token vector
    size_t last = 0;   // index of the last word token (inclusive)
    AliasKind kind = AliasKind::kName;
    int priority = 0;
  };
  // The longest alias starting at word token `i` of `tokens`. Names match
  // when their first word is capitalized (or the text is in capitals);
  // acronyms only in capitals; words may be joined by spaces or one of
  // - . ' & / but not across line breaks or other punctuation. Ambiguous
  // names do not match.
  std::optional<Match> MatchAt(const std::vector<Token>& tokens,
                               size_t i) const;

  Lexicon& lexicon() { return lexicon_; }
  const Lexicon& lexicon() const { return lexicon_; }

 private:
  struct Payload {
    EntityRecord* record = nullptr;
    int priority = -1;
    AliasKind kind = AliasKind::kName;
    bool ambiguous = false;
  };
  uint32_t TokenId(absl::string_view key) const;
  uint32_t Child(uint32_t node, uint32_t token) const;

  std::vector<std::unique_ptr<EntityRecord>> records_;
  absl::flat_hash_map<std::string, EntityRecord*> by_id_;
  // Trie over interned word keys; node 0 is the root.
  absl::flat_hash_map<std::string, uint32_t> vocab_;
  absl::flat_hash_map<uint64_t, uint32_t> edges_;
  std::vector<Payload> nodes_ = std::vector<Payload>(1);
  // One-word person aliases, for FindPersonNear.
  absl::flat_hash_map<std::string, EntityRecord*> person_words_;
  Lexicon lexicon_;
};

// The type part of canonical ids: "person", "org", "event", and for
// locations "country", "region", "city" or "place" by subtype.
std::string EntityIdPrefix(EntityType type, absl::string_view subtype);

// Whether word tokens `a` < `b` of `tokens` may belong to one name: only
// spaces or one joining character (- . ' & /) between them, no line break.
bool Joinable(const std::vector<Token>& tokens, size_t a, size_t b);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_GAZETTEER_H_
