#include "core/search/query_builder.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/index/schema.h"
#include "core/index/spelling.h"
#include "core/index/xapian_status.h"
#include "core/normalize/text.h"
#include "core/search/entity_stats.h"
#include "core/search/query_syntax.h"
#include "core/search/search_limits.h"

namespace newsindex {
namespace {

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_SYNONYM |
    // Entity aliases are synonyms of the entity's XE: term (see
    // entity_catalog.h): "ISKP" also finds "Islamic State Khorasan
    // Province".
    Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
    Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS |
    // Chinese, Japanese and Korean as the index has them (analyzer.h).
    Xapian::QueryParser::FLAG_CJK_NGRAM;

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

// country: values -> the country term: an ISO alpha-2 code ("AF") or a
// name the resolver knows as a country or a place in one ("Afghanistan").
class CountryFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit CountryFieldProcessor(const QueryBuilder* builder)
      : builder_(builder) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::CountryTerm(builder_->CountryCode(value)));
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
std::optional<Xapian::Query> AnyOf(const std::vector<std::string>& terms) {
  if (terms.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Weighted text terms are unprefixed, Z-prefixed (stems), S (title) or A
// (author); everything else in our schema is a boolean filter.
bool HasFreeText(const Xapian::Query& query) {
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

}  // namespace

QueryBuilder::QueryBuilder(const EntityResolver* resolver)
    : resolver_(resolver) {}

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
      return Xapian::Query(schema::PrefixedTerm(prefix, record->id));
    }
  }
  if (db_ != nullptr && catalog_ != nullptr) {
    std::vector<std::string> terms;
    for (const std::string& id :
         EntitiesWithNameWord(*db_, *catalog_, value, type)) {
      terms.push_back(schema::PrefixedTerm(prefix, id));
    }
    if (!terms.empty()) {
      return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
  }
  return Xapian::Query(
      schema::PrefixedTerm(prefix, absl::AsciiStrToLower(value)));
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
      {"filter.sources", &filter.sources},
      {"filter.languages", &filter.languages},
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

absl::StatusOr<BuiltQuery> QueryBuilder::Build(const IndexHandle* index,
                                               const std::string& raw_query,
                                               const SearchFilter& filter) {
  if (absl::Status s = CheckFilterLimits(filter); !s.ok()) return s;
  // Folded as the index is: curly quotes delimit phrases too.
  const std::string query = FoldForIndexing(raw_query);
  if (absl::Status s = CheckQuerySyntax(query); !s.ok()) return s;
  const bool open = index != nullptr && index->is_open();
  Configure(open ? &index->all() : nullptr, open ? &index->catalog() : nullptr);
  absl::StatusOr<Xapian::Query> parsed =
      CallXapian([&]() -> absl::StatusOr<Xapian::Query> {
        return ParseInLanguages(query, filter.query_language);
      });
  if (!parsed.ok()) {
    if (parsed.status().code() == absl::StatusCode::kInvalidArgument) {
      return absl::InvalidArgumentError(
          absl::StrCat("query: ", parsed.status().message()));
    }
    return parsed.status();
  }
  BuiltQuery built;
  built.has_free_text = HasFreeText(*parsed);
  Xapian::Query result = parsed->empty() ? Xapian::Query::MatchAll : *parsed;

  std::vector<Xapian::Query> filters;
  std::vector<std::string> terms;
  for (const std::string& entity : filter.entities) {
    terms.push_back(
        schema::EntityTerm(ResolveEntityId(entity, EntityType::kUnspecified)));
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
    terms.push_back(schema::CountryTerm(CountryCode(country)));
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
  if (filter.published_after && filter.published_before &&
      *filter.published_after > *filter.published_before) {
    return absl::InvalidArgumentError(
        "filter.published_after: later than filter.published_before");
  }
  if (filter.published_after || filter.published_before) {
    filters.push_back(DateRangeProcessor::PublishedBetween(
        filter.published_after, filter.published_before));
  }
  for (const Xapian::Query& f : filters) {
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
