#include "core/searcher.h"

#include <filesystem>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/article_codec.h"
#include "core/schema.h"
#include "core/xapian_status.h"

namespace newsindex {
namespace {

// How often one call is retried when the writer's commits overtake it.
constexpr int kMaxAttempts = 5;

// Resolves `entity:`/`person:`/`org:`/`place:` values to canonical ids.
class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  EntityFieldProcessor(const EntityResolver* resolver, EntityType type)
      : resolver_(resolver), type_(type) {}

  Xapian::Query operator()(const std::string& value) override {
    const absl::string_view prefix =
        type_ == EntityType::kUnspecified ? schema::kEntityPrefix
                                          : schema::EntityTypePrefix(type_);
    if (resolver_ != nullptr) {
      if (std::optional<EntityRecord> record =
              resolver_->Resolve(value, type_)) {
        return Xapian::Query(absl::StrCat(prefix, record->id));
      }
    }
    // Unknown names may still be canonical ids of entities found by
    // extraction rules rather than the gazetteer.
    return Xapian::Query(absl::StrCat(prefix, absl::AsciiStrToLower(value)));
  }

 private:
  const EntityResolver* resolver_;
  EntityType type_;
};

class LowercaseFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit LowercaseFieldProcessor(std::string (*term)(absl::string_view))
      : term_(term) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(term_(value));
  }

 private:
  std::string (*term_)(absl::string_view);
};

template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& result) {
  return result.status();
}

}  // namespace

Searcher::Searcher(std::string path, const EntityResolver* resolver,
                   SearcherOptions options)
    : path_(std::move(path)),
      resolver_(resolver),
      options_(std::move(options)),
      stemmer_("english") {}

bool Searcher::Refresh() {
  if (db_.has_value()) {
    db_->reopen();
    return true;
  }
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(path_) / "iamglass", ec)) {
    return false;
  }
  db_.emplace(path_);
  return true;
}

template <typename Fn>
auto Searcher::WithRetry(Fn&& fn) -> decltype(fn()) {
  for (int attempt = 1;; ++attempt) {
    auto result = CallXapian(fn);
    const absl::StatusCode code = StatusOf(result).code();
    // ABORTED is DatabaseModifiedError: the writer's commits overtook this
    // reader. The reopen at the start of the next attempt catches up.
    if (code == absl::StatusCode::kAborted && attempt < kMaxAttempts) continue;
    if (code != absl::StatusCode::kOk &&
        code != absl::StatusCode::kInvalidArgument &&
        code != absl::StatusCode::kNotFound) {
      db_.reset();  // start from a fresh handle next time
    }
    return result;
  }
}

absl::StatusOr<Xapian::Query> Searcher::Parse(const std::string& query) {
  Xapian::QueryParser parser;
  parser.set_stemmer(stemmer_);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  if (db_.has_value()) parser.set_database(*db_);
  parser.add_prefix("title", std::string(schema::kTitlePrefix));
  parser.add_prefix("author", std::string(schema::kAuthorPrefix));
  parser.add_boolean_prefix(
      "source", (new LowercaseFieldProcessor(&schema::SourceTerm))->release());
  parser.add_boolean_prefix(
      "lang", (new LowercaseFieldProcessor(&schema::LanguageTerm))->release());
  const std::pair<const char*, EntityType> entity_fields[] = {
      {"entity", EntityType::kUnspecified},
      {"person", EntityType::kPerson},
      {"org", EntityType::kOrganization},
      {"place", EntityType::kLocation},
      {"event", EntityType::kOther},
  };
  for (const auto& [field, type] : entity_fields) {
    parser.add_boolean_prefix(
        field, (new EntityFieldProcessor(resolver_, type))->release());
  }
  const unsigned flags =
      Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
      Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_SYNONYM |
      // Entity aliases are synonyms of the entity's XE: term (see
      // entity_catalog.h): "ISKP" also finds "Islamic State Khorasan
      // Province".
      Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
      Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
  absl::StatusOr<Xapian::Query> parsed = CallXapian(
      [&]() -> absl::StatusOr<Xapian::Query> {
        return parser.parse_query(query, flags);
      });
  if (parsed.status().code() == absl::StatusCode::kInvalidArgument) {
    return absl::InvalidArgumentError(
        absl::StrCat("query: ", parsed.status().message()));
  }
  return parsed;
}

absl::StatusOr<SearchResults> Searcher::Search(const SearchSpec& spec) {
  return WithRetry([&]() -> absl::StatusOr<SearchResults> {
    SearchResults results;
    const bool have_db = Refresh();
    absl::StatusOr<Xapian::Query> query = Parse(spec.query);
    if (!query.ok()) return query.status();
    if (!have_db) return results;
    Xapian::Enquire enquire(*db_);
    enquire.set_query(*query);
    Xapian::MSet mset = enquire.get_mset(
        static_cast<Xapian::doccount>(spec.offset),
        static_cast<Xapian::doccount>(spec.limit) + 1);
    results.estimated_total = mset.get_matches_estimated();
    results.more = mset.size() > static_cast<Xapian::doccount>(spec.limit);
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
      if (results.hits.size() == static_cast<size_t>(spec.limit)) break;
      absl::StatusOr<Article> article =
          DecodeArticle(it.get_document().get_data());
      if (!article.ok()) return article.status();
      SearchHit hit;
      hit.score = it.get_weight();
      hit.snippet = mset.snippet(
          article->body, options_.snippet_length, stemmer_,
          Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
              Xapian::MSet::SNIPPET_EXHAUSTIVE,
          options_.highlight_start, options_.highlight_end, "…");
      hit.article = *std::move(article);
      results.hits.push_back(std::move(hit));
    }
    return results;
  });
}

absl::StatusOr<Article> Searcher::Get(const std::string& id) {
  return WithRetry([&]() -> absl::StatusOr<Article> {
    if (!Refresh()) return absl::NotFoundError(absl::StrCat("no article ", id));
    const std::string term = schema::IdTerm(id);
    Xapian::PostingIterator it = db_->postlist_begin(term);
    if (it == db_->postlist_end(term)) {
      return absl::NotFoundError(absl::StrCat("no article has id \"", id, "\""));
    }
    return DecodeArticle(db_->get_document(*it).get_data());
  });
}

}  // namespace newsindex
