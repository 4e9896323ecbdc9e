#include "core/document_builder.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/article_codec.h"
#include "core/schema.h"

namespace newsindex {
DocumentBuilder::DocumentBuilder() {
  generator_.set_stemmer(Xapian::Stem("english"));
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document DocumentBuilder::Build(const Article& article) {
  Xapian::Document doc;
  generator_.set_document(doc);
  doc.set_data(EncodeArticle(article));
  doc.add_boolean_term(schema::IdTerm(article.id));

  // Title: prefixed for title: queries, and unprefixed (weighted up) so
  // plain queries rank title matches higher.
  generator_.index_text(article.title, 1, std::string(schema::kTitlePrefix));
  generator_.index_text(article.title, 3);
  generator_.increase_termpos();
  generator_.index_text(article.body);
  if (!article.author.empty()) {
    generator_.index_text(article.author, 1, std::string(schema::kAuthorPrefix));
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
    const absl::CivilSecond civil =
        absl::ToCivilSecond(*article.published_at, absl::UTCTimeZone());
    doc.add_boolean_term(absl::StrFormat("%s%04d%02d%02d", schema::kDayPrefix,
                                         civil.year(), civil.month(),
                                         civil.day()));
    doc.add_boolean_term(absl::StrFormat("%s%04d%02d", schema::kMonthPrefix,
                                         civil.year(), civil.month()));
    doc.add_boolean_term(
        absl::StrFormat("%s%04d", schema::kYearPrefix, civil.year()));
    doc.add_value(schema::kPublishedSlot,
                  Xapian::sortable_serialise(
                      absl::ToDoubleSeconds(*article.published_at -
                                            absl::UnixEpoch())));
  }
  doc.add_value(schema::kIngestedSlot,
                Xapian::sortable_serialise(absl::ToDoubleSeconds(
                    article.ingested_at - absl::UnixEpoch())));
  doc.add_value(schema::kContentHashSlot, article.content_hash);
  if (!article.cluster_key.empty()) {
    doc.add_value(schema::kClusterSlot, article.cluster_key);
    doc.add_boolean_term(absl::StrCat(schema::kClusterPrefix, article.cluster_key));
  }
  for (const ArticleEntity& entity : article.entities) {
    doc.add_boolean_term(absl::StrCat(schema::kEntityPrefix, entity.id));
    doc.add_boolean_term(
        absl::StrCat(schema::EntityTypePrefix(entity.type), entity.id));
  }
  // Drop the generator's reference: the document goes to another thread,
  // and Xapian's reference counts are not atomic.
  generator_.set_document(Xapian::Document());
  return doc;
}

}  // namespace newsindex
