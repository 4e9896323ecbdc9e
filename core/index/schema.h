// The index schema: every term prefix and value slot that newsindex writes
// or reads, defined once and used by both the writer and the searcher.
//
// Prefixes follow Omega's conventions where one exists (Q unique id, S title,
// L language, D/M/Y dates, U url, A author); our own start with X. Terms
// whose prefix is longer than one character and whose content may begin with
// an uppercase letter are written with a ':' after the prefix, as Omega does.
#ifndef NEWSINDEX_CORE_INDEX_SCHEMA_H_
#define NEWSINDEX_CORE_INDEX_SCHEMA_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/base/article.h"
#include "xapian.h"

namespace newsindex::schema {

// --- Term prefixes -------------------------------------------------------
inline constexpr absl::string_view kIdPrefix = "Q";        // unique id
inline constexpr absl::string_view kTitlePrefix = "S";     // title words
inline constexpr absl::string_view kLanguagePrefix = "L";  // ISO 639-1
inline constexpr absl::string_view kDayPrefix = "D";       // YYYYMMDD
inline constexpr absl::string_view kMonthPrefix = "M";     // YYYYMM
inline constexpr absl::string_view kYearPrefix = "Y";      // YYYY
inline constexpr absl::string_view kUrlPrefix = "U";     // url (hashed if long)
inline constexpr absl::string_view kAuthorPrefix = "A";  // author words
inline constexpr absl::string_view kSourcePrefix =
    "XSOURCE:";                                            // boolean, lowercase
inline constexpr absl::string_view kEntityPrefix = "XE:";  // any entity id
inline constexpr absl::string_view kPersonPrefix = "XPER:";  // person ids
inline constexpr absl::string_view kOrgPrefix = "XORG:";     // organization ids
inline constexpr absl::string_view kLocationPrefix = "XLOC:";  // location ids
inline constexpr absl::string_view kOtherEntityPrefix = "XOTH:";  // events etc.
// "XCC:AF": the article mentions a place in that country (ISO 3166-1
// alpha-2, upper case) or the country itself; see CountryTerm().
inline constexpr absl::string_view kCountryPrefix = "XCC:";
inline constexpr absl::string_view kClusterPrefix =
    "XCLUSTER:";  // near-dup key
// "XT:person" etc.: the article mentions at least one entity of that type.
inline constexpr absl::string_view kEntityTypePresencePrefix = "XT:";
// Near-duplicate signature bands: "XSH<band>:<hex>" (see near_duplicates.h).
inline constexpr absl::string_view kSimhashBandPrefix = "XSH";
// "XSTORY:s0123456789abcdef": the article's story (docs/stories.md); the
// `story:` query field and SearchFilter.stories.
inline constexpr absl::string_view kStoryPrefix = "XSTORY:";
// "XAE:<id>": the article is about the entity (ArticleEntity::about);
// "XACC:AF": about the country or a place in it (AboutCountries).
inline constexpr absl::string_view kAboutEntityPrefix = "XAE:";
inline constexpr absl::string_view kAboutCountryPrefix = "XACC:";
// Weighted (not boolean) terms whose within-document frequency carries the
// salience: "XW:<id>" for an entity, "XWC:AF" for a country (its most
// salient place); SalienceWdf(). Entity fields rank by them.
inline constexpr absl::string_view kSalienceEntityPrefix = "XW:";
inline constexpr absl::string_view kSalienceCountryPrefix = "XWC:";
// "XLABEL:<key>=<value, lowercased>": a caller's label (Article::labels).
inline constexpr absl::string_view kLabelPrefix = "XLABEL:";

// --- Value slots ---------------------------------------------------------
// Xapian::sortable_serialise(seconds since epoch); absent when unknown.
inline constexpr Xapian::valueno kPublishedSlot = 0;
inline constexpr Xapian::valueno kIngestedSlot = 1;
inline constexpr Xapian::valueno kContentHashSlot = 2;  // hex
inline constexpr Xapian::valueno kClusterSlot = 3;      // collapse key
inline constexpr Xapian::valueno kSimhashSlot = 4;      // 8 bytes, big endian
inline constexpr Xapian::valueno kSourceSlot = 5;       // lowercase source
inline constexpr Xapian::valueno kLanguageSlot = 6;     // ISO 639-1
// The article's entities for facets and co-occurrence, without a termlist
// walk: see EncodeEntitySlot().
inline constexpr Xapian::valueno kEntitiesSlot = 7;
// Keys of the result order, which make it total: equal scores (and equal
// dates) come in one order in every shard layout. OrderValue() below.
// Absent in articles written before they existed. One slot each, not a
// Xapian KeyMaker: the remote backend (xapian-tcpsrv) cannot sort by one.
inline constexpr Xapian::valueno kNewestOrderSlot = 8;  // newest, then id
inline constexpr Xapian::valueno kOldestOrderSlot = 9;  // oldest, then id
// The article's story id: the collapse key of Search's one-hit-per-story
// mode and where a reader finds an article's story.
inline constexpr Xapian::valueno kStorySlot = 20;
// The `about` entities alone, encoded as kEntitiesSlot (facets' about_only).
inline constexpr Xapian::valueno kAboutEntitiesSlot = 25;
// The labels, one "<key>=<value>" line each (label facets); see
// EncodeLabelSlot().
inline constexpr Xapian::valueno kLabelsSlot = 26;

// --- Metadata keys (Xapian::Database::get_metadata) ----------------------
inline constexpr absl::string_view kSchemaVersionKey = "newsindex.schema";
inline constexpr absl::string_view kSchemaVersion = "1";
// How PrefixedTerm hashes: "2" since short values starting with
// kHashedMark are hashed too, so no plain value reaches a hashed term.
// Absent in a database written before (which the writer migrates, see
// core/index/term_hashing.h).
inline constexpr absl::string_view kTermHashingKey = "newsindex.term_hashing";
inline constexpr absl::string_view kTermHashing = "2";
// "<index>/<count>" of a shard (core/index/shard_layout.h), e.g. "0/4".
inline constexpr absl::string_view kShardMetadataKey = "newsindex.shard";
// The entity catalog (core/index/catalog_store.h): an entity's record, an
// alias key's entity id, an autocomplete "<word> <id>" key.
inline constexpr absl::string_view kEntityMetadataPrefix = "newsindex.entity:";
inline constexpr absl::string_view kAliasMetadataPrefix = "newsindex.alias:";
inline constexpr absl::string_view kSuggestMetadataPrefix =
    "newsindex.suggest:";
// On a remote shard, which has no synonym table: "<alias key>\t<id>" for
// each synonym the writer would have added (readers rebuild the synonyms
// from these keys, see core/search/remote_overlay.h).
inline constexpr absl::string_view kSynonymMetadataPrefix =
    "newsindex.synonym:";
// "<alias key>\t<id>" for every entity that has the alias (the alias key
// above keeps only the first): readers choose among all of them, over all
// shards, by one rule (core/index/catalog_store.h).
inline constexpr absl::string_view kAliasEntityMetadataPrefix =
    "newsindex.aliasof:";
// Stories (core/stories/xapian_story_backend.h): a story's record by story
// id, and an article's membership (its story and contribution) by article
// id (hashed when long, as PrefixedTerm).
inline constexpr absl::string_view kStoryMetadataPrefix = "newsindex.story:";
inline constexpr absl::string_view kStoryMemberMetadataPrefix =
    "newsindex.storymember:";
// The change log (core/index/change_log.h): entry "<prefix><16 hex digits
// of the sequence>", and the first and last sequence the shard holds.
inline constexpr absl::string_view kChangeMetadataPrefix = "newsindex.change:";
inline constexpr absl::string_view kChangeFirstKey =
    "newsindex.changelog.first";
inline constexpr absl::string_view kChangeLastKey = "newsindex.changelog.last";
// Catalog ids and alias keys longer than this are not recorded: Xapian keys
// and terms are limited to about 245 bytes, and a prefix goes in front.
inline constexpr size_t kMaxCatalogKeyBytes = 200;

// Longest id kept verbatim in a Q term; longer ids are hashed, because
// Xapian terms are limited to 245 bytes.
inline constexpr size_t kMaxVerbatimIdBytes = 200;

// Longest term Xapian stores (its B-tree key limit).
inline constexpr size_t kMaxTermBytes = 245;

// What starts the value part of a hashed term.
inline constexpr absl::string_view kHashedMark = "#";

// The prefixes whose terms PrefixedTerm builds (ids, urls, sources,
// languages, countries, entity ids, cluster keys).
inline constexpr absl::string_view kHashedTermPrefixes[] = {
    kIdPrefix,
    kUrlPrefix,
    kSourcePrefix,
    kLanguagePrefix,
    kEntityPrefix,
    kPersonPrefix,
    kOrgPrefix,
    kLocationPrefix,
    kOtherEntityPrefix,
    kCountryPrefix,
    kClusterPrefix,
    kStoryPrefix,
    kAboutEntityPrefix,
    kAboutCountryPrefix,
    kSalienceEntityPrefix,
    kSalienceCountryPrefix,
    kLabelPrefix,
};

// `prefix` + `value`, or `prefix` + "#" + SHA-256 hex of `value` when
// `value` is longer than kMaxVerbatimIdBytes or starts with kHashedMark,
// so that every term stays within kMaxTermBytes whatever the input and no
// plain value (never starting with "#") can equal a hashed one: the
// 65-byte id "#<sha256 hex of a long id>" is hashed in turn, and does not
// replace the long id's article. The writer and the searcher both build
// terms through it, so hashed terms match.
std::string PrefixedTerm(absl::string_view prefix, absl::string_view value);

// "XE:" + entity id; "XPER:" etc. + id for a typed entity term; both hashed
// when long, as PrefixedTerm.
std::string EntityTerm(absl::string_view id);
std::string TypedEntityTerm(EntityType type, absl::string_view id);

// "XSTORY:" + story id.
std::string StoryTerm(absl::string_view story_id);

// "XCLUSTER:" + near-duplicate cluster key.
std::string ClusterTerm(absl::string_view cluster_key);

// The unique-id term for an article id: "Q" + id, or "Q#" + SHA-256 hex of
// the id when it is longer than kMaxVerbatimIdBytes.
std::string IdTerm(absl::string_view id);

// The unique term for a URL, hashed the same way when long.
std::string UrlTerm(absl::string_view url);

// "XCC:" + the upper-cased ISO 3166-1 alpha-2 code ("af" -> "XCC:AF").
std::string CountryTerm(absl::string_view alpha2);

// About and salience terms, hashed when long as PrefixedTerm: "XAE:" + id,
// "XACC:" + upper-cased code, "XW:" + id, "XWC:" + upper-cased code.
std::string AboutEntityTerm(absl::string_view id);
std::string AboutCountryTerm(absl::string_view alpha2);
std::string SalienceEntityTerm(absl::string_view id);
std::string SalienceCountryTerm(absl::string_view alpha2);
// The within-document frequency of a salience term: 1 + round(salience *
// kSalienceWdfScale), so 1..21 (a boolean term would weigh nothing).
inline constexpr double kSalienceWdfScale = 20;
Xapian::termcount SalienceWdf(double salience);

// "XLABEL:" + key + "=" + lowercased value (hashed when long).
std::string LabelTerm(absl::string_view key, absl::string_view value);
// Contents of kLabelsSlot: one "<key>=<value>" line per label, as given
// (the ingest pipeline refuses control characters in values).
std::string EncodeLabelSlot(const Labels& labels);

// "XSOURCE:" + lowercased source; sources are matched case-insensitively.
std::string SourceTerm(absl::string_view source);

// The typed entity prefix for `type`: XPER:, XORG:, XLOC: or XOTH:.
absl::string_view EntityTypePrefix(EntityType type);

// Contents of kEntitiesSlot: one line "<type letter>:<id>" per entity, the
// letter being P, O, L or X (other).
std::string EncodeEntitySlot(const std::vector<ArticleEntity>& entities);
// Calls fn(type, id) for each entity in a kEntitiesSlot value.
template <typename Fn>
void ForEachSlotEntity(absl::string_view value, Fn&& fn);

// The type an entity-slot letter stands for.
EntityType EntityTypeFromSlotLetter(char letter);

// Day term ("D20250529") for a time, in UTC; likewise month and year.
std::string DayTerm(absl::Time t);
std::string MonthTerm(absl::Time t);
std::string YearTerm(absl::Time t);

// Value for kPublishedSlot/kIngestedSlot: sortable seconds since the epoch.
std::string TimeValue(absl::Time t);
// Value for kNewestOrderSlot (`newest_first`) or kOldestOrderSlot: sorted
// as bytes, by publication time (newest or oldest first; undated articles
// last newest first, first oldest first, as a date sort puts them), then
// by id.
std::string OrderValue(std::optional<absl::Time> published,
                       absl::string_view id, bool newest_first);
absl::Time TimeFromValue(const std::string& value);

// "XT:" + EntityTypeName(type).
std::string EntityTypeTerm(EntityType type);

// Language term, lowercased: "Len" (hashed when long, as PrefixedTerm).
std::string LanguageTerm(absl::string_view language);

// Stems of an article in a language other than English carry the
// language's code, upper case, and ':' in front of the stem, after Xapian's
// "Z" and the field prefix: "ZDE:botschaft", in the title "ZSDE:botschaft"
// (core/index/analyzer.h). English stems have none ("Zembassi"), as
// before. Stems are of lowercased words, so an upper-case start never
// meets an English stem. `language` is an ISO 639-1 code (any case); ""
// for "en" and for "".
std::string LanguageStemMarker(absl::string_view language);

template <typename Fn>
void ForEachSlotEntity(absl::string_view value, Fn&& fn) {
  while (!value.empty()) {
    size_t end = value.find('\n');
    absl::string_view line = value.substr(0, end);
    if (line.size() > 2 && line[1] == ':') {
      fn(EntityTypeFromSlotLetter(line[0]), line.substr(2));
    }
    if (end == absl::string_view::npos) break;
    value.remove_prefix(end + 1);
  }
}

}  // namespace newsindex::schema

#endif  // NEWSINDEX_CORE_INDEX_SCHEMA_H_
