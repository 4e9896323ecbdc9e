#include "core/ingest/ingest_pipeline.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "core/base/hash.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

absl::Status ValidateId(const std::string& id) {
  if (id.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "id: ", id.size(), " bytes exceeds the limit of ", kMaxIdBytes));
  }
  if (!IsValidUtf8(id)) {
    return absl::InvalidArgumentError("id: not valid UTF-8");
  }
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError("id: contains control characters");
    }
  }
  return absl::OkStatus();
}

// Folds the headline's entities into the body's: a headline mention counts
// and raises salience, and an entity named only in the headline is kept.
// Mentions stay body offsets, so headline mentions add no Mention.
void MergeTitleEntities(std::vector<ArticleEntity> in_title,
                        std::vector<ArticleEntity>* entities) {
  constexpr double kHeadlineBoost = 0.2;
  for (ArticleEntity& title_entity : in_title) {
    auto it = std::find_if(
        entities->begin(), entities->end(),
        [&](const ArticleEntity& e) { return e.id == title_entity.id; });
    if (it == entities->end()) {
      title_entity.mentions.clear();
      title_entity.salience = std::min(1.0, kHeadlineBoost + 0.3);
      entities->push_back(std::move(title_entity));
      continue;
    }
    it->mention_count += title_entity.mention_count;
    for (std::string& form : title_entity.surface_forms) {
      if (std::find(it->surface_forms.begin(), it->surface_forms.end(), form) ==
          it->surface_forms.end()) {
        it->surface_forms.push_back(std::move(form));
      }
    }
    it->salience = std::min(1.0, it->salience + kHeadlineBoost);
  }
  std::stable_sort(entities->begin(), entities->end(),
                   [](const ArticleEntity& a, const ArticleEntity& b) {
                     return a.salience > b.salience;
                   });
}

}  // namespace

std::string DeriveArticleId(const Article& article) {
  if (!article.url.empty()) {
    return absl::StrCat("u-", Sha256Hex(article.url).substr(0, 24));
  }
  return absl::StrCat("h-", article.content_hash.substr(0, 24));
}

IngestPipeline::IngestPipeline(const Normalizer* normalizer,
                               const EntityExtractor* extractor,
                               const Clock* clock)
    : normalizer_(normalizer), extractor_(extractor), clock_(clock) {}

absl::StatusOr<PreparedArticle> IngestPipeline::Prepare(
    const RawArticle& raw, const StopCheck& stop) const {
  if (absl::Status id_status = ValidateId(raw.id); !id_status.ok()) {
    return id_status;
  }
  auto stopped = [&stop]() -> absl::Status {
    return stop ? stop() : absl::OkStatus();
  };
  if (absl::Status s = stopped(); !s.ok()) return s;
  const absl::Time now = clock_->Now();
  const auto normalize_start = std::chrono::steady_clock::now();
  absl::StatusOr<NormalizedArticle> normalized =
      normalizer_->Normalize(raw, now);
  if (!normalized.ok()) return normalized.status();
  PreparedArticle prepared;
  const auto entities_start = std::chrono::steady_clock::now();
  prepared.normalize_time = absl::FromChrono(entities_start - normalize_start);
  prepared.article = std::move(normalized->article);
  prepared.removed = std::move(normalized->removed);
  prepared.warnings = std::move(normalized->warnings);
  Article& article = prepared.article;
  article.id = raw.id.empty() ? DeriveArticleId(article) : raw.id;
  article.ingested_at = now;
  if (extractor_ != nullptr) {
    // The English tagger and rules read English text only (ExtractIn).
    const std::string& language = article.language;
    if (absl::Status s = stopped(); !s.ok()) return s;
    article.entities = extractor_->ExtractIn(article.body, language);
    if (absl::Status s = stopped(); !s.ok()) return s;
    MergeTitleEntities(extractor_->ExtractIn(article.title, language),
                       &article.entities);
    if (!article.dateline.empty()) {
      if (absl::Status s = stopped(); !s.ok()) return s;
      MergeTitleEntities(
          language.empty() || language == "en"
              ? extractor_->ExtractDateline(article.dateline)
              : extractor_->ExtractIn(article.dateline, language),
          &article.entities);
    }
  }
  if (absl::Status s = stopped(); !s.ok()) return s;
  prepared.entities_time =
      absl::FromChrono(std::chrono::steady_clock::now() - entities_start);
  return prepared;
}

}  // namespace newsindex
