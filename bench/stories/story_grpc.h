// story_eval's gRPC mode: one article through a running ingest-service's
// IngestArticle, and the story_id the ack carries.
#ifndef NEWSINDEX_BENCH_STORIES_STORY_GRPC_H_
#define NEWSINDEX_BENCH_STORIES_STORY_GRPC_H_

#include <string>

#include "absl/status/statusor.h"
#include "core/base/article.h"

namespace newsindex::bench {

// Ingests `raw` at `address` (one channel per address, kept); the acked
// article's story_id, or the RPC's failure.
absl::StatusOr<std::string> IngestForStory(const std::string& address,
                                           const RawArticle& raw);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_STORIES_STORY_GRPC_H_
