#include "core/index/internal/document_builder.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/index/analyzer.h"
#include "core/index/article_codec.h"
#include "core/index/schema.h"
#include "core/text/text.h"

namespace newsindex {

DocumentBuilder::DocumentBuilder() { analyzer_.Configure("", &generator_); }

Xapian::Document DocumentBuilder::Build(const Article& article) {
  Xapian::Document doc;
  // The article's language picks stemmer, stop list and elision rules
  // (core/index/analyzer.h); English and unknown keep the English stemmer.
  analyzer_.Configure(article.language, &generator_);
  const bool elides = ElidesClitics(article.language);
  auto fold = [&](absl::string_view text) {
    std::string folded = FoldForIndexing(text);
    return elides ? SplitElisions(article.language, folded) : folded;
  };
  generator_.set_document(doc);
  doc.set_data(EncodeArticle(article));
  doc.add_boolean_term(schema::IdTerm(article.id));

  // Text is indexed folded (quotes, dashes, width) so that "Russia’s" and
  // "Russia's" are one word; the stored article keeps the original.
  // Title and deck: prefixed for title: queries, and unprefixed (weighted
  // up) so plain queries rank headline matches higher.
  const std::string title = fold(article.title);
  const std::string subtitle = fold(article.subtitle);
  generator_.index_text(title, 1, std::string(schema::kTitlePrefix));
  generator_.index_text(subtitle, 1, std::string(schema::kTitlePrefix));
  generator_.index_text(title, 3);
  generator_.increase_termpos();
  generator_.index_text(subtitle, 2);
  generator_.increase_termpos();
  generator_.index_text(fold(article.body));
  if (!article.author.empty()) {
    generator_.index_text(FoldForIndexing(article.author), 1,
                          std::string(schema::kAuthorPrefix));
  }

  if (!article.url.empty()) doc.add_boolean_term(schema::UrlTerm(article.url));
  if (!article.source.empty()) {
    doc.add_boolean_term(schema::SourceTerm(article.source));
    doc.add_value(schema::kSourceSlot, absl::AsciiStrToLower(article.source));
  }
  if (!article.language.empty()) {
    doc.add_boolean_term(schema::LanguageTerm(article.language));
    doc.add_value(schema::kLanguageSlot, article.language);
  }
  if (article.published_at) {
    doc.add_boolean_term(schema::DayTerm(*article.published_at));
    doc.add_boolean_term(schema::MonthTerm(*article.published_at));
    doc.add_boolean_term(schema::YearTerm(*article.published_at));
    doc.add_value(schema::kPublishedSlot,
                  schema::TimeValue(*article.published_at));
  }
  doc.add_value(schema::kIngestedSlot, schema::TimeValue(article.ingested_at));
  doc.add_value(schema::kContentHashSlot, article.content_hash);
  doc.add_value(schema::kNewestOrderSlot,
                schema::OrderValue(article.published_at, article.id, true));
  doc.add_value(schema::kOldestOrderSlot,
                schema::OrderValue(article.published_at, article.id, false));
  if (!article.entities.empty()) {
    doc.add_value(schema::kEntitiesSlot,
                  schema::EncodeEntitySlot(article.entities));
  }
  for (const ArticleEntity& entity : article.entities) {
    doc.add_boolean_term(schema::EntityTypeTerm(entity.type));
    doc.add_boolean_term(schema::EntityTerm(entity.id));
    doc.add_boolean_term(schema::TypedEntityTerm(entity.type, entity.id));
    if (entity.type == EntityType::kLocation && !entity.country.empty()) {
      doc.add_boolean_term(schema::CountryTerm(entity.country));
    }
  }
  // Drop the generator's reference: the document goes to another thread,
  // and Xapian's reference counts are not atomic.
  generator_.set_document(Xapian::Document());
  return doc;
}

absl::Status CheckTermLengths(const Xapian::Document& doc) {
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.size() > schema::kMaxTermBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("article: a term of ", term.size(),
                       " bytes exceeds the limit of ", schema::kMaxTermBytes,
                       " bytes: ", absl::string_view(term).substr(0, 100)));
    }
  }
  return absl::OkStatus();
}

}  // namespace newsindex
