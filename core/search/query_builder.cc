#include "core/search/query_builder.h"

#include <algorithm>
#include <iterator>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/entities/tokens.h"
#include "core/index/schema.h"
#include "core/index/spelling.h"
#include "core/index/xapian_status.h"
#include "core/search/alias_expansion.h"
#include "core/search/entity_stats.h"
#include "core/search/query_syntax.h"
#include "core/search/search_limits.h"
#include "core/text/excerpt.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

// "Mullah Baradar" -> "Baradar": the press names a person by a title and
// the surname; the title is not part of any recorded name.
std::string WithoutPressTitle(absl::string_view name) {
  static constexpr absl::string_view kTitles[] = {
      "mullah",   "mawlawi",    "maulvi", "maulana",   "sheikh",   "mr",
      "mrs",      "ms",         "dr",     "president", "minister", "gen",
      "general",  "ayatollah",  "imam",   "sen",       "senator",  "gov",
      "governor", "ambassador", "prince", "king",      "queen",    "judge"};
  std::vector<absl::string_view> words =
      absl::StrSplit(name, ' ', absl::SkipEmpty());
  size_t first = 0;
  while (first + 1 < words.size()) {
    const std::string key = absl::AsciiStrToLower(words[first]);
    if (!absl::c_linear_search(kTitles, absl::StripSuffix(key, "."))) break;
    ++first;
  }
  if (first == 0) return "";
  return absl::StrJoin(words.begin() + first, words.end(), " ");
}

// Entity aliases are not Xapian's automatic synonyms: ExpandAliases finds
// them (hyphenated ones too, which the parser's synonyms missed), checks
// them against the resolver and reports them.
constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_SYNONYM |
    // Chinese, Japanese and Korean as the index has them (analyzer.h).
    Xapian::QueryParser::FLAG_CJK_NGRAM;

// The field ExpandAliases writes for a group of words naming an entity:
// "<field>:<index>". Not a word anyone types.
constexpr absl::string_view kAliasField = "xnewsindexalias";

// The field name of an entity prefix's query field, for warnings.
absl::string_view EntityFieldName(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return "person";
    case EntityType::kOrganization:
      return "org";
    case EntityType::kLocation:
      return "place";
    case EntityType::kOther:
      return "event";
    default:
      return "entity";
  }
}

absl::string_view EntityKindName(EntityType type) {
  switch (type) {
    case EntityType::kLocation:
      return "place";
    case EntityType::kOther:
      return "event";
    case EntityType::kUnspecified:
      return "entity";
    default:
      return EntityTypeName(type);
  }
}

// entity:/person:/org:/place:/event: values -> canonical entity terms.
class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  EntityFieldProcessor(const QueryBuilder* builder, EntityType type)
      : builder_(builder), type_(type) {}

  Xapian::Query operator()(const std::string& value) override {
    const absl::string_view prefix = type_ == EntityType::kUnspecified
                                         ? schema::kEntityPrefix
                                         : schema::EntityTypePrefix(type_);
    return builder_->EntityQuery(prefix, value, type_);
  }

 private:
  const QueryBuilder* builder_;
  EntityType type_;
};

// about: values -> the about term of the entity (any alias or id).
class AboutFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit AboutFieldProcessor(const QueryBuilder* builder)
      : builder_(builder) {}
  Xapian::Query operator()(const std::string& value) override {
    return builder_->EntityQuery(schema::kAboutEntityPrefix, value,
                                 EntityType::kUnspecified);
  }

 private:
  const QueryBuilder* builder_;
};

// about-country: values -> the about-country term (a code or a name).
class AboutCountryFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit AboutCountryFieldProcessor(const QueryBuilder* builder)
      : builder_(builder) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string country_term =
        builder_->CountryTermFor(value, absl::StrCat("about-country:", value));
    // CountryTermFor noted the country's salience term; the code is what
    // follows the prefix.
    return Xapian::Query(schema::AboutCountryTerm(
        country_term.substr(schema::kCountryPrefix.size())));
  }

 private:
  const QueryBuilder* builder_;
};

// label:key=value -> the label term.
class LabelFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit LabelFieldProcessor(const QueryBuilder* builder)
      : builder_(builder) {}
  Xapian::Query operator()(const std::string& value) override {
    return builder_->LabelQuery(value);
  }

 private:
  const QueryBuilder* builder_;
};

// The spelling users write, "about-country:", as the field the parser
// knows (a field name is one word).
constexpr absl::string_view kAboutCountryField = "aboutcountry";
std::string RespellAboutCountry(const std::string& query) {
  std::string out;
  absl::string_view rest = query;
  const absl::string_view spelled = "about-country:";
  for (size_t at = rest.find(spelled); at != absl::string_view::npos;
       at = rest.find(spelled)) {
    const bool starts_word =
        at == 0 ||
        absl::ascii_isspace(static_cast<unsigned char>(rest[at - 1])) ||
        rest[at - 1] == '(' || rest[at - 1] == '-' || rest[at - 1] == '+';
    absl::StrAppend(&out, rest.substr(0, at),
                    starts_word ? absl::StrCat(kAboutCountryField, ":")
                                : std::string(spelled));
    rest.remove_prefix(at + spelled.size());
  }
  absl::StrAppend(&out, rest);
  return out;
}

// country: values -> the country term: an ISO alpha-2 code ("AF") or a
// name the resolver knows as a country or a place in one ("Afghanistan").
class CountryFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit CountryFieldProcessor(const QueryBuilder* builder)
      : builder_(builder) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string term =
        builder_->CountryTermFor(value, absl::StrCat("country:", value));
    builder_->RankBy(schema::SalienceCountryTerm(
        term.substr(schema::kCountryPrefix.size())));
    return Xapian::Query(term);
  }

 private:
  const QueryBuilder* builder_;
};

// The alias field: the expansion ExpandAliases made for a group of words.
class AliasFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit AliasFieldProcessor(const QueryBuilder* builder)
      : builder_(builder) {}
  Xapian::Query operator()(const std::string& value) override {
    return builder_->AliasQuery(value);
  }

 private:
  const QueryBuilder* builder_;
};

// source:/lang: values -> their (lowercased) boolean terms.
class TermFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit TermFieldProcessor(std::string (*term)(absl::string_view))
      : term_(term) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(term_(value));
  }

 private:
  std::string (*term_)(absl::string_view);
};

// date:FROM..TO over the publication time; either end may be open.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor()
      : Xapian::RangeProcessor(schema::kPublishedSlot, "date:") {}

  Xapian::Query operator()(const std::string& begin,
                           const std::string& end) override {
    std::optional<absl::Time> from, to;
    if (!begin.empty() && !(from = ParseQueryDate(begin, false))) {
      return Xapian::Query(Xapian::Query::OP_INVALID);
    }
    if (!end.empty() && !(to = ParseQueryDate(end, true))) {
      return Xapian::Query(Xapian::Query::OP_INVALID);
    }
    return PublishedBetween(from, to);
  }

  static Xapian::Query PublishedBetween(std::optional<absl::Time> from,
                                        std::optional<absl::Time> to) {
    if (from && to) {
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
                           schema::kPublishedSlot, schema::TimeValue(*from),
                           schema::TimeValue(*to));
    }
    if (from) {
      return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kPublishedSlot,
                           schema::TimeValue(*from));
    }
    if (to) {
      return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kPublishedSlot,
                           schema::TimeValue(*to));
    }
    return Xapian::Query::MatchAll;
  }
};

// OR of `terms`, or nothing when empty.
// One flat OR of the distinct `terms` (a repeated value adds nothing but
// work), or nothing when there are none. Sorts `terms`.
std::optional<Xapian::Query> AnyOf(std::vector<std::string>& terms) {
  if (terms.empty()) return std::nullopt;
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Whether `query` holds a wildcard, which Xapian expands only when it
// matches (so its terms are not among the query's terms yet).
bool HasWildcard(const Xapian::Query& query) {
  if (query.get_type() == Xapian::Query::OP_WILDCARD) return true;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (HasWildcard(query.get_subquery(i))) return true;
  }
  return false;
}

// Weighted text terms are unprefixed, Z-prefixed (stems), S (title) or A
// (author); everything else in our schema is a boolean filter. A wildcard
// ("recogni*") expands to text terms.
bool HasFreeText(const Xapian::Query& query) {
  if (HasWildcard(query)) return true;
  for (auto it = query.get_unique_terms_begin();
       it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.empty()) continue;
    const char c = term[0];
    if (!absl::ascii_isupper(static_cast<unsigned char>(c)) || c == 'Z' ||
        c == 'S' || c == 'A') {
      return true;
    }
  }
  return false;
}

// The pattern of an OP_WILDCARD query, which Xapian 1.4 exposes only in
// its description ("WILDCARD SYNONYM expo").
std::string WildcardPattern(const Xapian::Query& wildcard) {
  std::string description = wildcard.get_description();
  if (absl::EndsWith(description, ")")) description.pop_back();
  return description.substr(description.rfind(' ') + 1);
}

// `query` with each wildcard expanded over the terms of `db`, all shards
// together, and weighted by its best word. Xapian expands OP_WILDCARD in
// each shard over that shard's own terms, as a synonym, so scores depended
// on the layout. Subqueries whose
// operator takes a parameter the API does not give back (NEAR, PHRASE,
// ELITE_SET, SCALE_WEIGHT) are kept as they are.
Xapian::Query ExpandWildcards(const Xapian::Query& query,
                              const Xapian::Database& db) {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::OP_WILDCARD) {
    const std::string pattern = WildcardPattern(query);
    std::vector<std::string> terms;
    for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern);
         ++it) {
      terms.push_back(*it);
    }
    if (terms.empty()) return Xapian::Query::MatchNothing;
    // OP_MAX, not OP_SYNONYM: a synonym's weight comes from an estimate of
    // how many articles hold any of the words, which each shard makes from
    // its own postings; each word's own statistics are global.
    return Xapian::Query(Xapian::Query::OP_MAX, terms.begin(), terms.end());
  }
  static constexpr Xapian::Query::op kPlain[] = {
      Xapian::Query::OP_AND,       Xapian::Query::OP_OR,
      Xapian::Query::OP_AND_NOT,   Xapian::Query::OP_XOR,
      Xapian::Query::OP_AND_MAYBE, Xapian::Query::OP_FILTER,
      Xapian::Query::OP_SYNONYM,   Xapian::Query::OP_MAX};
  if (query.get_num_subqueries() == 0 ||
      std::find(std::begin(kPlain), std::end(kPlain), op) == std::end(kPlain)) {
    return query;
  }
  std::vector<Xapian::Query> subqueries;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    subqueries.push_back(ExpandWildcards(query.get_subquery(i), db));
  }
  return Xapian::Query(op, subqueries.begin(), subqueries.end());
}

}  // namespace

QueryBuilder::QueryBuilder(const EntityResolver* resolver)
    : resolver_(resolver) {
  name_parser_.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
}

std::string QueryBuilder::ResolveEntityId(absl::string_view name_or_id,
                                          EntityType type) const {
  if (resolver_ != nullptr) {
    if (std::optional<EntityRecord> record =
            resolver_->Resolve(name_or_id, type)) {
      return record->id;
    }
  }
  return absl::AsciiStrToLower(name_or_id);
}

std::string QueryBuilder::CountryCode(absl::string_view value) const {
  if (value.size() != 2 && resolver_ != nullptr) {
    if (std::optional<EntityRecord> record =
            resolver_->Resolve(value, EntityType::kLocation);
        record && !record->country.empty()) {
      return absl::AsciiStrToUpper(record->country);
    }
  }
  return absl::AsciiStrToUpper(value);
}

Xapian::Query QueryBuilder::EntityQuery(absl::string_view prefix,
                                        const std::string& value,
                                        EntityType type) const {
  if (resolver_ != nullptr) {
    if (std::optional<EntityRecord> record = resolver_->Resolve(value, type)) {
      std::string term = schema::PrefixedTerm(prefix, record->id);
      RankBy(schema::SalienceEntityTerm(record->id));
      if (notes_ != nullptr) {
        notes_->highlights.entity_ids.insert(record->id);
        // Known to the knowledge base, in no article: say why nothing
        // matched.
        if (db_ != nullptr && !db_->term_exists(term)) {
          notes_->warnings.push_back(absl::StrCat(
              EntityFieldName(type), ":", value, ": ", record->name, " (",
              record->id, ") is known, but no article mentions it"));
        }
      }
      return Xapian::Query(std::move(term));
    }
  }
  if (db_ != nullptr && catalog_ != nullptr) {
    std::vector<std::string> terms;
    // A person named by title and surname: the persons with that name word.
    std::string word = value;
    if (type == EntityType::kPerson) {
      if (std::string bare = WithoutPressTitle(value);
          !bare.empty() && bare.find(' ') == std::string::npos) {
        word = bare;
      }
    }
    for (const std::string& id :
         EntitiesWithNameWord(*db_, *catalog_, word, type)) {
      terms.push_back(schema::PrefixedTerm(prefix, id));
      RankBy(schema::SalienceEntityTerm(id));
      if (notes_ != nullptr) notes_->highlights.entity_ids.insert(id);
    }
    if (!terms.empty()) {
      return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
  }
  const std::string id = absl::AsciiStrToLower(value);
  const std::string term = schema::PrefixedTerm(prefix, id);
  RankBy(schema::SalienceEntityTerm(id));
  if (notes_ != nullptr) {
    notes_->highlights.entity_ids.insert(id);
    if (db_ != nullptr && !db_->term_exists(term)) {
      notes_->warnings.push_back(absl::StrCat(EntityFieldName(type), ":", value,
                                              ": no ", EntityKindName(type),
                                              " is known by this name or id"));
    }
  }
  return Xapian::Query(term);
}

std::string QueryBuilder::CountryTermFor(absl::string_view value,
                                         absl::string_view what) const {
  const std::string code = CountryCode(value);
  const std::string term = schema::CountryTerm(code);
  if (notes_ == nullptr) return term;
  notes_->highlights.countries.insert(code);
  const bool known =
      (resolver_ != nullptr &&
       resolver_->Resolve(code, EntityType::kLocation).has_value()) ||
      (db_ != nullptr && db_->term_exists(term));
  if (!known && (resolver_ != nullptr || db_ != nullptr)) {
    notes_->warnings.push_back(
        absl::StrCat(what, ": no country has this code or name"));
  }
  return term;
}

void QueryBuilder::Configure(const Xapian::Database* db,
                             const CatalogReader* catalog) {
  db_ = db;
  catalog_ = catalog;
  parser_ = Xapian::QueryParser();
  analyzer_.Configure("en", &parser_);
  parser_.set_default_op(Xapian::Query::OP_AND);
  if (db != nullptr) parser_.set_database(*db);
  parser_.add_prefix("title", std::string(schema::kTitlePrefix));
  parser_.add_prefix("author", std::string(schema::kAuthorPrefix));
  parser_.add_boolean_prefix(
      "source", (new TermFieldProcessor(&schema::SourceTerm))->release());
  parser_.add_boolean_prefix(
      "lang", (new TermFieldProcessor(&schema::LanguageTerm))->release());
  parser_.add_boolean_prefix(
      "story", (new TermFieldProcessor(&schema::StoryTerm))->release());
  const std::pair<const char*, EntityType> entity_fields[] = {
      {"entity", EntityType::kUnspecified}, {"person", EntityType::kPerson},
      {"org", EntityType::kOrganization},   {"place", EntityType::kLocation},
      {"event", EntityType::kOther},
  };
  for (const auto& [field, type] : entity_fields) {
    parser_.add_boolean_prefix(
        field, (new EntityFieldProcessor(this, type))->release());
  }
  parser_.add_boolean_prefix("country",
                             (new CountryFieldProcessor(this))->release());
  parser_.add_boolean_prefix("about",
                             (new AboutFieldProcessor(this))->release());
  parser_.add_boolean_prefix(std::string(kAboutCountryField),
                             (new AboutCountryFieldProcessor(this))->release());
  parser_.add_boolean_prefix("label",
                             (new LabelFieldProcessor(this))->release());
  parser_.add_prefix(std::string(kAliasField),
                     (new AliasFieldProcessor(this))->release());
  parser_.add_rangeprocessor((new DateRangeProcessor())->release());
}

Xapian::Query QueryBuilder::ParseIn(const std::string& query,
                                    absl::string_view language) {
  analyzer_.Configure(language, &parser_);
  if (CapitalisesNouns(language)) {
    return parser_.parse_query(LowercaseCapitalisedWords(query), kParseFlags);
  }
  return parser_.parse_query(
      ElidesClitics(language) ? SplitElisions(language, query) : query,
      kParseFlags);
}

absl::Status CheckFilterLimits(const SearchFilter& filter) {
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"filter.entities", &filter.entities},
      {"filter.countries", &filter.countries},
      {"filter.sources", &filter.sources},
      {"filter.languages", &filter.languages},
      {"filter.stories", &filter.stories},
      {"filter.about_entities", &filter.about_entities},
      {"filter.about_countries", &filter.about_countries},
      {"filter.labels", &filter.labels},
  };
  for (const auto& [field, values] : lists) {
    if (absl::Status s =
            CheckLimit(field, values->size(), kMaxFilterValues, "values");
        !s.ok()) {
      return s;
    }
    for (const std::string& value : *values) {
      if (absl::Status s = CheckLimit(field, value.size(), kMaxFilterValueBytes,
                                      "bytes in a value");
          !s.ok()) {
        return s;
      }
    }
  }
  if (absl::Status s = CheckLimit("language", filter.query_language.size(),
                                  kMaxFilterValueBytes, "bytes");
      !s.ok()) {
    return s;
  }
  return CheckLimit("filter.entity_types", filter.entity_types.size(),
                    kMaxFilterValues, "values");
}

void QueryBuilder::RankBy(std::string term) const {
  if (notes_ != nullptr) notes_->salience_terms.push_back(std::move(term));
}

Xapian::Query QueryBuilder::LabelQuery(const std::string& value) const {
  const size_t eq = value.find('=');
  const std::string key = absl::AsciiStrToLower(value.substr(0, eq));
  if (eq == std::string::npos && notes_ != nullptr) {
    notes_->warnings.push_back(
        absl::StrCat("label:", Excerpt(value), ": write label:KEY=VALUE"));
  }
  return Xapian::Query(schema::LabelTerm(
      key, eq == std::string::npos ? "" : value.substr(eq + 1)));
}

Xapian::Query QueryBuilder::AliasQuery(const std::string& index) const {
  size_t n = 0;
  if (!absl::SimpleAtoi(index, &n) || n >= expansions_.size()) {
    return Xapian::Query::MatchNothing;
  }
  return expansions_[n];
}

Xapian::Query QueryBuilder::NameQuery(const std::string& name) {
  // Quoted: the words of a name as one phrase, parsed as the index has
  // them ("U.S." is one word "us" there); quotes inside are separators.
  std::string text = FoldForIndexing(name);
  for (char& c : text) {
    if (c == '"') c = ' ';
  }
  return name_parser_.parse_query(absl::StrCat("\"", text, "\""),
                                  Xapian::QueryParser::FLAG_PHRASE);
}

bool QueryBuilder::AddExpansion(absl::string_view text, BuiltQuery* built) {
  const std::string key = NameKey(text);
  if (key.empty() || key.size() > schema::kMaxTermBytes) return false;
  std::vector<std::string> targets;
  for (auto it = db_->synonyms_begin(key); it != db_->synonyms_end(key); ++it) {
    if (absl::StartsWith(*it, schema::kEntityPrefix)) {
      targets.push_back((*it).substr(schema::kEntityPrefix.size()));
    }
  }
  if (targets.empty()) return false;
  // Of the entities the index links the name to, the one the resolver
  // says it means (the knowledge base before what the index learned): an
  // index written with a wrong alias ("Russia" for the Soviet Union as
  // well as for Russia) expands to Russia only. A resolution the index
  // does not link to the name ("it" read as the code of Italy) is not
  // taken.
  std::vector<EntityRecord> entities;
  if (resolver_ != nullptr) {
    if (auto record = resolver_->Resolve(text, EntityType::kUnspecified);
        record && absl::c_linear_search(targets, record->id)) {
      entities.push_back(*std::move(record));
    }
  }
  if (entities.empty()) {
    for (const std::string& id : targets) {
      std::optional<EntityRecord> record =
          resolver_ != nullptr
              ? resolver_->Resolve(id, EntityType::kUnspecified)
              : catalog_->Record(id);
      if (!record) {
        record.emplace();
        record->id = id;
        record->name = id;
      }
      entities.push_back(*std::move(record));
    }
  }
  std::vector<Xapian::Query> parts = {NameQuery(std::string(text))};
  const bool one_word = key.find(' ') == std::string::npos;
  for (const EntityRecord& entity : entities) {
    QueryInterpretation meaning;
    meaning.text = std::string(text);
    meaning.entity_id = entity.id;
    meaning.entity_name = entity.name;
    absl::flat_hash_set<std::string> keys = {key};
    std::vector<std::string> names = {entity.name};
    names.insert(names.end(), entity.aliases.begin(), entity.aliases.end());
    for (const std::string& name : names) {
      if (meaning.aliases.size() == kMaxExpandedAliases) break;
      const std::string name_key = NameKey(name);
      if (name_key.empty() || !keys.insert(name_key).second) continue;
      meaning.aliases.push_back(name);
      parts.push_back(NameQuery(name));
    }
    parts.emplace_back(schema::EntityTerm(entity.id));
    built->highlights.entity_ids.insert(entity.id);
    built->interpretations.push_back(std::move(meaning));
  }
  Xapian::Query expansion(Xapian::Query::OP_SYNONYM, parts.begin(),
                          parts.end());
  // The words of a one-word group are marked wherever they occur, as any
  // query word; the rest through the entity's mentions.
  for (auto it = expansion.get_unique_terms_begin();
       it != expansion.get_unique_terms_end(); ++it) {
    if (!(one_word && *it == key))
      built->highlights.expansion_terms.insert(*it);
  }
  expansions_.push_back(std::move(expansion));
  return true;
}

std::string QueryBuilder::ExpandAliases(const std::string& query,
                                        BuiltQuery* built) {
  if (db_ == nullptr) return query;
  std::vector<QueryWordGroup> groups = FindAliasGroups(
      query, [&](absl::string_view text) { return AddExpansion(text, built); });
  if (groups.empty()) return query;
  return ReplaceGroups(query, groups, kAliasField);
}

absl::StatusOr<std::vector<Xapian::Query>> QueryBuilder::FilterQueries(
    const SearchFilter& filter) {
  std::vector<Xapian::Query> filters;
  std::vector<std::string> terms;
  for (const std::string& entity : filter.entities) {
    const std::string id = ResolveEntityId(entity, EntityType::kUnspecified);
    terms.push_back(schema::EntityTerm(id));
    notes_->highlights.entity_ids.insert(id);
    if (db_ != nullptr && !db_->term_exists(terms.back()) &&
        (resolver_ == nullptr ||
         !resolver_->Resolve(entity, EntityType::kUnspecified))) {
      notes_->warnings.push_back(
          absl::StrCat("filter.entities: \"", Excerpt(entity),
                       "\": no entity is known by this name or id"));
    }
  }
  if (auto q = AnyOf(terms)) filters.push_back(*q);
  terms.clear();
  for (EntityType type : filter.entity_types) {
    if (type == EntityType::kUnspecified) {
      return absl::InvalidArgumentError(
          "filter.entity_types: ENTITY_TYPE_UNSPECIFIED is not a type");
    }
    terms.push_back(schema::EntityTypeTerm(type));
  }
  if (auto q = AnyOf(terms)) filters.push_back(*q);
  terms.clear();
  for (const std::string& country : filter.countries) {
    terms.push_back(CountryTermFor(
        country, absl::StrCat("filter.countries: \"", Excerpt(country), "\"")));
  }
  if (auto q = AnyOf(terms)) filters.push_back(*q);
  terms.clear();
  for (const std::string& source : filter.sources) {
    terms.push_back(schema::SourceTerm(source));
  }
  if (auto q = AnyOf(terms)) filters.push_back(*q);
  terms.clear();
  for (const std::string& language : filter.languages) {
    terms.push_back(schema::LanguageTerm(language));
  }
  if (auto q = AnyOf(terms)) filters.push_back(*q);
  terms.clear();
  for (const std::string& story : filter.stories) {
    terms.push_back(schema::StoryTerm(story));
  }
  if (auto q = AnyOf(terms)) filters.push_back(*q);
  terms.clear();
  for (const std::string& entity : filter.about_entities) {
    const std::string id = ResolveEntityId(entity, EntityType::kUnspecified);
    terms.push_back(schema::AboutEntityTerm(id));
    notes_->highlights.entity_ids.insert(id);
  }
  if (auto q = AnyOf(terms)) filters.push_back(*q);
  terms.clear();
  for (const std::string& country : filter.about_countries) {
    const std::string term = CountryTermFor(
        country,
        absl::StrCat("filter.about_countries: \"", Excerpt(country), "\""));
    terms.push_back(
        schema::AboutCountryTerm(term.substr(schema::kCountryPrefix.size())));
  }
  if (auto q = AnyOf(terms)) filters.push_back(*q);
  terms.clear();
  for (const std::string& label : filter.labels) {
    const size_t eq = label.find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "filter.labels: \"", Excerpt(label), "\": write key=value"));
    }
    // Every label given must hold: one filter each.
    filters.push_back(Xapian::Query(schema::LabelTerm(
        absl::AsciiStrToLower(label.substr(0, eq)), label.substr(eq + 1))));
  }
  if (filter.published_after && filter.published_before &&
      *filter.published_after > *filter.published_before) {
    return absl::InvalidArgumentError(
        "filter.published_after: later than filter.published_before");
  }
  if (filter.published_after || filter.published_before) {
    filters.push_back(DateRangeProcessor::PublishedBetween(
        filter.published_after, filter.published_before));
  }
  return filters;
}

absl::StatusOr<BuiltQuery> QueryBuilder::Build(const IndexHandle* index,
                                               const std::string& raw_query,
                                               const SearchFilter& filter,
                                               bool expand_aliases) {
  if (absl::Status s = CheckFilterLimits(filter); !s.ok()) return s;
  // Folded as the index is: curly quotes delimit phrases too.
  const std::string query = FoldForIndexing(raw_query);
  if (absl::Status s = CheckQuerySyntax(query); !s.ok()) return s;
  const bool open = index != nullptr && index->is_open();
  Configure(open ? &index->all() : nullptr, open ? &index->catalog() : nullptr);
  BuiltQuery built;
  notes_ = &built;
  expansions_.clear();
  absl::StatusOr<Xapian::Query> parsed =
      CallXapian([&]() -> absl::StatusOr<Xapian::Query> {
        const std::string respelled = RespellAboutCountry(query);
        const std::string expanded =
            expand_aliases ? ExpandAliases(respelled, &built) : respelled;
        return ParseInLanguages(expanded, filter.query_language);
      });
  if (!parsed.ok()) {
    notes_ = nullptr;
    if (parsed.status().code() == absl::StatusCode::kInvalidArgument) {
      return absl::InvalidArgumentError(
          absl::StrCat("query: ", parsed.status().message()));
    }
    return parsed.status();
  }
  if (open && absl::StrContains(parsed->get_description(), "WILDCARD")) {
    absl::StatusOr<Xapian::Query> expanded =
        CallXapian([&]() -> absl::StatusOr<Xapian::Query> {
          return ExpandWildcards(*parsed, index->all());
        });
    if (!expanded.ok()) {
      notes_ = nullptr;
      return expanded.status();
    }
    parsed = *std::move(expanded);
  }
  built.has_free_text = HasFreeText(*parsed);
  Xapian::Query result = parsed->empty() ? Xapian::Query::MatchAll : *parsed;
  if (auto salience = AnyOf(built.salience_terms)) {
    // Matches stay those of the query; the salience terms add weight.
    built.ranks_by_salience = true;
    result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result, *salience);
  }
  absl::StatusOr<std::vector<Xapian::Query>> filters =
      CallXapian([&]() { return FilterQueries(filter); });
  notes_ = nullptr;
  expansions_.clear();
  if (!filters.ok()) return filters.status();
  for (const Xapian::Query& f : *filters) {
    result = Xapian::Query(Xapian::Query::OP_FILTER, result, f);
  }
  built.query = result;
  return built;
}

namespace {

// True when every word of `folded` (its runs of letters, digits and UTF-8
// bytes, lowercased) that the spelling table could hold (IsSpellingWord)
// is an indexed term, which is where the writer takes spellings from.
bool AllWordsKnown(const Xapian::Database& db, const std::string& folded) {
  std::string word;
  auto known = [&]() {
    const bool ok = !IsSpellingWord(word) || db.term_exists(word);
    word.clear();
    return ok;
  };
  for (char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(byte) || byte >= 0x80) {
      word.push_back(absl::ascii_tolower(byte));
    } else if (!word.empty() && !known()) {
      return false;
    }
  }
  return word.empty() || known();
}

}  // namespace

std::string QueryBuilder::SpellingCorrection(const Xapian::Database& db,
                                             const std::string& query) {
  absl::StatusOr<std::string> corrected =
      CallXapian([&]() -> absl::StatusOr<std::string> {
        const std::string folded = FoldForIndexing(query);
        if (AllWordsKnown(db, folded)) return std::string();
        Configure(&db);
        parser_.parse_query(
            folded,
            kParseFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
        return parser_.get_corrected_query_string();
      });
  return corrected.ok() ? *corrected : std::string();
}

}  // namespace newsindex
