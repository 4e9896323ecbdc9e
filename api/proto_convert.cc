#include "api/proto_convert.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"

namespace newsindex {
namespace {

using google::protobuf::Timestamp;

}  // namespace

void ToProto(absl::Time t, Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t seconds = micros / 1000000;
  int64_t remainder = micros % 1000000;
  if (remainder < 0) {
    remainder += 1000000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(remainder * 1000));
}

absl::Time FromProto(const Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

v1::EntityType ToProto(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return v1::PERSON;
    case EntityType::kOrganization:
      return v1::ORGANIZATION;
    case EntityType::kLocation:
      return v1::LOCATION;
    case EntityType::kOther:
      return v1::OTHER;
    case EntityType::kUnspecified:
      break;
  }
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

EntityType FromProto(v1::EntityType type) {
  switch (type) {
    case v1::PERSON:
      return EntityType::kPerson;
    case v1::ORGANIZATION:
      return EntityType::kOrganization;
    case v1::LOCATION:
      return EntityType::kLocation;
    case v1::OTHER:
      return EntityType::kOther;
    default:
      return EntityType::kUnspecified;
  }
}

void ToProto(const Article& a, v1::Article* out) {
  out->set_id(a.id);
  out->set_url(a.url);
  out->set_title(a.title);
  out->set_subtitle(a.subtitle);
  out->set_body(a.body);
  out->set_source(a.source);
  out->set_author(a.author);
  out->set_language(a.language);
  out->set_dateline(a.dateline);
  out->set_content_hash(a.content_hash);
  out->set_cluster_key(a.cluster_key);
  out->set_simhash(a.simhash);
  out->set_story_id(a.story_id);
  if (a.published_at) ToProto(*a.published_at, out->mutable_published_at());
  // DateSource and v1::DateSource list the same sources in the same order.
  static_assert(static_cast<int>(DateSource::kIngestTime) == v1::INGEST_TIME);
  out->set_published_at_source(
      static_cast<v1::DateSource>(static_cast<int>(a.published_at_source)));
  if (a.updated_at) ToProto(*a.updated_at, out->mutable_updated_at());
  ToProto(a.ingested_at, out->mutable_ingested_at());
  for (const std::string& reference : a.references) {
    out->add_references(reference);
  }
  for (const ArticleEntity& e : a.entities) {
    v1::Entity* entity = out->add_entities();
    entity->set_id(e.id);
    entity->set_name(e.name);
    entity->set_type(ToProto(e.type));
    entity->set_subtype(e.subtype);
    entity->set_country(e.country);
    entity->set_mention_count(e.mention_count);
    entity->set_salience(e.salience);
    entity->set_about(e.about);
    for (const std::string& form : e.surface_forms) {
      entity->add_surface_forms(form);
    }
    for (const Mention& m : e.mentions) {
      v1::Mention* mention = entity->add_mentions();
      mention->set_start(m.start);
      mention->set_end(m.end);
      mention->set_text(m.text);
    }
  }
  for (const std::string& country : AboutCountries(a)) {
    out->add_about_countries(country);
  }
  out->mutable_labels()->insert(a.labels.begin(), a.labels.end());
}

void ToProto(const RawArticle& raw, v1::RawArticle* out) {
  switch (raw.kind) {
    case ContentKind::kText:
      out->set_text(raw.content);
      break;
    case ContentKind::kHtml:
      out->set_html(raw.content);
      break;
    case ContentKind::kRaw:
      out->set_raw(raw.content);
      break;
  }
  out->set_id(raw.id);
  out->set_url(raw.url);
  out->set_title(raw.title);
  out->set_source(raw.source);
  out->set_language(raw.language);
  if (raw.published_at) {
    ToProto(*raw.published_at, out->mutable_published_at());
  }
  out->mutable_labels()->insert(raw.labels.begin(), raw.labels.end());
}

absl::StatusOr<RawArticle> FromProto(const v1::RawArticle& in) {
  RawArticle raw;
  switch (in.content_case()) {
    case v1::RawArticle::kText:
      raw.kind = ContentKind::kText;
      raw.content = in.text();
      break;
    case v1::RawArticle::kHtml:
      raw.kind = ContentKind::kHtml;
      raw.content = in.html();
      break;
    case v1::RawArticle::kRaw:
      raw.kind = ContentKind::kRaw;
      raw.content = in.raw();
      break;
    case v1::RawArticle::CONTENT_NOT_SET:
      return absl::InvalidArgumentError(
          "article.content: set one of text, html or raw");
  }
  raw.id = in.id();
  raw.url = in.url();
  raw.title = in.title();
  raw.source = in.source();
  raw.language = in.language();
  if (in.has_published_at()) {
    using google::protobuf::util::TimeUtil;
    const Timestamp& t = in.published_at();
    if (t.seconds() < TimeUtil::kTimestampMinSeconds ||
        t.seconds() > TimeUtil::kTimestampMaxSeconds || t.nanos() < 0 ||
        t.nanos() > 999999999) {
      return absl::InvalidArgumentError(
          "article.published_at: timestamp out of range");
    }
    raw.published_at = FromProto(in.published_at());
  }
  raw.labels.insert(in.labels().begin(), in.labels().end());
  return raw;
}

}  // namespace newsindex
