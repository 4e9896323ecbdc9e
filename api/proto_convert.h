// Conversions between API v1 messages and core domain types.
#ifndef NEWSINDEX_API_PROTO_CONVERT_H_
#define NEWSINDEX_API_PROTO_CONVERT_H_

#include "absl/status/statusor.h"
#include "core/base/article.h"
#include "newsindex/v1/article.pb.h"

namespace newsindex {

void ToProto(const Article& article, v1::Article* out);
void ToProto(absl::Time time, google::protobuf::Timestamp* out);
absl::Time FromProto(const google::protobuf::Timestamp& time);
v1::EntityType ToProto(EntityType type);
// kUnspecified for ENTITY_TYPE_UNSPECIFIED and unknown values.
EntityType FromProto(v1::EntityType type);
void ToProto(const RawArticle& raw, v1::RawArticle* out);

// INVALID_ARGUMENT when no content is set ("article.content") or the
// timestamp is out of range ("article.published_at").
absl::StatusOr<RawArticle> FromProto(const v1::RawArticle& raw);

}  // namespace newsindex

#endif  // NEWSINDEX_API_PROTO_CONVERT_H_
