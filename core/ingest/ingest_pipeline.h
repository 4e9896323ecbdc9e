// From a RawArticle to the Article that is stored: normalization, id,
// entity extraction, timestamps. No index access.
#ifndef NEWSINDEX_CORE_INGEST_INGEST_PIPELINE_H_
#define NEWSINDEX_CORE_INGEST_INGEST_PIPELINE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/base/article.h"
#include "core/base/clock.h"
#include "core/entities/entity_extractor.h"
#include "core/entities/salience.h"
#include "core/normalize/normalizer.h"

namespace newsindex {

struct PreparedArticle {
  Article article;
  std::vector<RemovedLine> removed;
  std::vector<std::string> warnings;
  // What the headline and dateline named, for the salience features
  // (filled whenever entities are extracted; the trainer reads it).
  SalienceContext salience_context;
  // Time spent in each stage of Prepare, for metrics.
  absl::Duration normalize_time;
  absl::Duration entities_time;
};

// Longest caller-supplied id accepted.
inline constexpr size_t kMaxIdBytes = 1024;

// The id of an article that came without one: "u-" and 24 hex digits of the
// SHA-256 of its URL, else "h-" and the first 24 hex digits of its content
// hash. Stable: the same input always gets the same id.
std::string DeriveArticleId(const Article& article);

// Entities are extracted from the body (mentions are body offsets) and from
// the headline, whose mentions add to the count and salience; an entity
// named only in the headline is kept without body mentions.
// With a salience model each entity's salience is the model's probability
// and `about` its verdict; without one (null) the rule salience stays and
// `about` is ApplyRuleAboutness's.
// Does not own its dependencies, which must outlive it. Thread-safe.
class IngestPipeline {
 public:
  IngestPipeline(const Normalizer* normalizer, const EntityExtractor* extractor,
                 const Clock* clock, const SalienceModel* salience = nullptr);

  // Whether the caller still wants the result: OK to go on, else the
  // status Prepare returns (DEADLINE_EXCEEDED, CANCELLED). Empty: always go
  // on.
  using StopCheck = std::function<absl::Status()>;

  // INVALID_ARGUMENT naming the field for bad input (see
  // Normalizer::Normalize, and "id" for an id over kMaxIdBytes or with
  // control characters); RESOURCE_EXHAUSTED for oversized content.
  // `stop` is asked before each stage (normalization, then entity
  // extraction from the body, the title and the dateline) and after the
  // last: once it answers non-OK, Prepare returns that status without
  // running the rest, so a caller that gave up costs at most the stage
  // under way.
  absl::StatusOr<PreparedArticle> Prepare(const RawArticle& raw,
                                          const StopCheck& stop = {}) const;

  // The largest content Prepare accepts (NormalizerOptions::max_input_bytes).
  size_t max_article_bytes() const {
    return normalizer_->options().max_input_bytes;
  }

 private:
  const Normalizer* normalizer_;
  const EntityExtractor* extractor_;
  const Clock* clock_;
  const SalienceModel* salience_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INGEST_INGEST_PIPELINE_H_
