// Turns a query string and structured filters into a Xapian::Query,
// following schema.h.
#ifndef NEWSINDEX_CORE_SEARCH_QUERY_BUILDER_H_
#define NEWSINDEX_CORE_SEARCH_QUERY_BUILDER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/base/article.h"
#include "core/entities/entity_extractor.h"
#include "core/index/analyzer.h"
#include "core/index/catalog_store.h"
#include "core/search/database_handle.h"
#include "xapian.h"

namespace newsindex {

// Structured filters: fields are ANDed, values within a field ORed.
struct SearchFilter {
  std::vector<std::string> entities;  // canonical ids or aliases
  std::vector<EntityType> entity_types;
  // ISO 3166-1 alpha-2 codes (any case) or country names: articles that
  // mention the country or a place in it.
  std::vector<std::string> countries;
  std::vector<std::string> sources;
  std::vector<std::string> languages;
  std::vector<std::string> stories;  // story ids (docs/stories.md)
  // Canonical ids or aliases: articles about the entity (Entity.about).
  std::vector<std::string> about_entities;
  // Codes or names: articles about the country or a place in it.
  std::vector<std::string> about_countries;
  // "key=value": articles with that label (the value compared in lower
  // case); all labels given must hold, as the other fields.
  std::vector<std::string> labels;
  std::optional<absl::Time> published_after;   // inclusive
  std::optional<absl::Time> published_before;  // inclusive
  // Not a filter: the language the query's words are analysed in
  // (core/index/analyzer.h); empty: every language the index holds, each
  // language's stems matching only its own articles.
  std::string query_language;
};

// OK, or INVALID_ARGUMENT naming the filter field over a limit of
// search_limits.h (values per field, bytes per value).
absl::Status CheckFilterLimits(const SearchFilter& filter);

// Query words that name an entity, searched as every name of it too.
struct QueryInterpretation {
  std::string text;  // as the query wrote them
  std::string entity_id;
  std::string entity_name;
  // The names searched besides `text` (at most kMaxExpandedAliases).
  std::vector<std::string> aliases;
};

// What hits' snippets and match offsets mark besides the query's words.
struct EntityHighlights {
  // The mentions of these entities (alias expansion, entity fields and
  // filters)...
  absl::flat_hash_set<std::string> entity_ids;
  // ... and of places in these countries (upper-case ISO alpha-2).
  absl::flat_hash_set<std::string> countries;
  // Terms of the query that only alias expansion put there: their words
  // are marked through the entity's mentions, not wherever they occur
  // ("state" of "Islamic State Khorasan Province").
  absl::flat_hash_set<std::string> expansion_terms;
};

struct BuiltQuery {
  Xapian::Query query;
  // True when some part of the query is weighted text (not only filters),
  // so that relevance ranking means something.
  bool has_free_text = false;
  // True when the query has an entity field (entity:, person:, org:,
  // place:, event:, country:, about:, about-country:): the salience of what
  // it names is part of each match's weight, and without free text the
  // whole of it (a relevance order by salience).
  bool ranks_by_salience = false;
  // The salience terms of those fields (schema.h), during Build.
  std::vector<std::string> salience_terms;
  // In query order.
  std::vector<QueryInterpretation> interpretations;
  // Entities, places and countries the query or filter names that neither
  // the knowledge base nor the index knows.
  std::vector<std::string> warnings;
  EntityHighlights highlights;
};

// Not thread-safe (it owns a Xapian::QueryParser); one per searcher thread.
// `resolver` (not owned, may be null, thread-safe) maps entity names to
// canonical ids.
class QueryBuilder {
 public:
  explicit QueryBuilder(const EntityResolver* resolver);
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  // `index`, when not null and open, supplies synonyms (entity aliases),
  // wildcard expansion and the entity catalog. INVALID_ARGUMENT "query:
  // <reason> at position N" for a malformed query; "filter.<field>: ..."
  // for a bad filter. With `expand_aliases`, free-text words that name an
  // entity the index holds (alias_expansion.h) also match every name of
  // it and the articles linked to it, listed in `interpretations`.
  absl::StatusOr<BuiltQuery> Build(const IndexHandle* index,
                                   const std::string& query,
                                   const SearchFilter& filter,
                                   bool expand_aliases = true);

  // A spelling correction of `query` from the words indexed in `db`, or
  // empty when there is none. Only words the index has never seen are
  // corrected: when every word of `query` is in the spelling table there
  // is no suggestion (and none of Xapian's costly fragment lookups).
  std::string SpellingCorrection(const Xapian::Database& db,
                                 const std::string& query);

  // The canonical id `name_or_id` denotes, restricted to `type` unless
  // kUnspecified: the resolver's answer, else the lowercased input (ids of
  // entities found by extraction rules rather than knowledge).
  std::string ResolveEntityId(absl::string_view name_or_id,
                              EntityType type) const;

  // The upper-case ISO alpha-2 code `value` denotes: a two-letter value is
  // taken as the code; a longer one is resolved as a place ("Afghanistan",
  // "Kabul" -> "AF"), else upper-cased as it is.
  std::string CountryCode(absl::string_view value) const;

  // The query for entity field `value` under `prefix` (XE:, XPER:, ...):
  // the resolved entity; else, for one word that is part of entity names
  // in the index ("Kabulov"), any of those entities; else the value taken
  // as an id.
  Xapian::Query EntityQuery(absl::string_view prefix, const std::string& value,
                            EntityType type) const;

  // The country term for `value` (CountryCode), noted for highlighting
  // during Build and, when no country has that code or name, warned about
  // as `what` ("country:XX").
  std::string CountryTermFor(absl::string_view value,
                             absl::string_view what) const;

  // Notes `term` (a salience term of schema.h) for the ranking; during
  // Build only.
  void RankBy(std::string term) const;

  // The query for label field value "key=value".
  Xapian::Query LabelQuery(const std::string& value) const;

  // The query alias field value `index` stands for (ExpandAliases).
  Xapian::Query AliasQuery(const std::string& index) const;

 private:
  void Configure(const Xapian::Database* db,
                 const CatalogReader* catalog = nullptr);
  // `query` parsed in `language` (empty: in each language of the index;
  // query_languages.cc).
  Xapian::Query ParseInLanguages(const std::string& query,
                                 const std::string& language);
  Xapian::Query ParseIn(const std::string& query, absl::string_view language);
  // `query` with each group of words that names an entity replaced by an
  // alias field term; fills expansions_ and `built`'s interpretations.
  std::string ExpandAliases(const std::string& query, BuiltQuery* built);
  // Adds the expansion of `text` when it names an entity the index holds.
  bool AddExpansion(absl::string_view text, BuiltQuery* built);
  // The query for the words of name `name`: a term or a phrase.
  Xapian::Query NameQuery(const std::string& name);
  // The filter terms of `filter`, or INVALID_ARGUMENT.
  absl::StatusOr<std::vector<Xapian::Query>> FilterQueries(
      const SearchFilter& filter);

  const EntityResolver* resolver_;
  const Xapian::Database* db_ = nullptr;    // during Build only
  const CatalogReader* catalog_ = nullptr;  // with db_
  BuiltQuery* notes_ = nullptr;             // during Build only
  std::vector<Xapian::Query> expansions_;   // during Build only
  Xapian::QueryParser parser_;
  Xapian::QueryParser name_parser_;  // NameQuery: phrases, no stemming
  Analyzer analyzer_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_SEARCH_QUERY_BUILDER_H_
