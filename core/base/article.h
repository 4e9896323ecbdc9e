// Domain model of newsindex: what an article is before and after ingest.
// Plain value types, free of gRPC and Xapian; copyable and movable.
#ifndef NEWSINDEX_CORE_BASE_ARTICLE_H_
#define NEWSINDEX_CORE_BASE_ARTICLE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newsindex {

enum class EntityType {
  kUnspecified = 0,
  kPerson,
  kOrganization,
  kLocation,
  kOther
};

// Stable lowercase name of a type ("person", "organization", "location",
// "other"); used in ids, index terms and JSON.
const char* EntityTypeName(EntityType type);
// Inverse of EntityTypeName; kUnspecified for unknown names.
EntityType EntityTypeFromName(absl::string_view name);

// Where an article's published_at came from (docs/normalization.md, Dates).
enum class DateSource {
  kUnknown = 0,
  kMeta,        // HTML <meta> (article:published_time, ...) or <time>
  kJsonLd,      // JSON-LD datePublished
  kByline,      // a date line or page header ("Published: 12 Mar 2026 ...")
  kDateline,    // the dateline's date ("KABUL, March 3, 2026 -")
  kUrl,         // the URL's path (/2026/03/12/)
  kCaller,      // the caller's RawArticle.published_at
  kIngestTime,  // nothing stated one: the ingest time stands in
};

// Stable upper-case name of a source ("META", "JSON_LD", "BYLINE",
// "DATELINE", "URL", "CALLER", "INGEST_TIME", "UNKNOWN"), as in the API.
const char* DateSourceName(DateSource source);
// Inverse of DateSourceName; kUnknown for unknown names.
DateSource DateSourceFromName(absl::string_view name);

// One occurrence of an entity in the normalized body. Offsets count Unicode
// code points, so clients in any language can slice the body with them.
struct Mention {
  int start = 0;  // first code point
  int end = 0;    // one past the last code point
  std::string text;
};

// One canonical entity as one article mentions it.
struct ArticleEntity {
  std::string id;    // canonical id, e.g. "country:ru"
  std::string name;  // display name, e.g. "Russia"
  EntityType type = EntityType::kUnspecified;
  std::string subtype;  // "country", "region", "city" for locations
  // Locations: ISO 3166-1 alpha-2, upper case, of the country the place is
  // in (or is); empty when unknown.
  std::string country;
  int mention_count = 0;
  std::vector<std::string> surface_forms;  // distinct, in order of first use
  // The probability that the article is about the entity (the salience
  // model, core/entities/salience.h), or without a model the rule score of
  // mention share and position; 0..1.
  double salience = 0.0;
  // Salience at or above the model's threshold: the article is about it.
  bool about = false;
  std::vector<Mention> mentions;
};

// The caller's own metadata of an article ("section" -> "world"); limits
// in core/base/labels.h.
using Labels = std::map<std::string, std::string>;

// A normalized article, as stored and returned.
struct Article {
  std::string id;
  std::string url;
  std::string title;
  std::string subtitle;
  std::string body;  // NFC; paragraphs separated by "\n\n"
  std::string source;
  std::string author;
  std::string language;  // ISO 639-1
  std::string dateline;
  std::string content_hash;  // lowercase hex SHA-256 of body
  std::string cluster_key;   // near-duplicate cluster
  std::string simhash;       // 16 hex digits
  std::string story_id;      // its story (docs/stories.md); empty: none
  std::optional<absl::Time> published_at;
  DateSource published_at_source = DateSource::kUnknown;
  // The last update the page states ("Updated: ..."), when it states one.
  std::optional<absl::Time> updated_at;
  absl::Time ingested_at = absl::UnixEpoch();
  std::vector<std::string> references;
  std::vector<ArticleEntity> entities;
  Labels labels;
};

// The countries (upper-case ISO 3166-1 alpha-2, sorted, distinct) the
// article is about: those of its `about` locations, a place rolling up to
// its country.
std::vector<std::string> AboutCountries(const Article& article);

// How the content of a RawArticle is to be read.
enum class ContentKind {
  kText,  // plain text, valid UTF-8
  kHtml,  // an HTML page, valid UTF-8
  kRaw,   // bytes of unknown encoding: text or HTML
};

// Name of the RawArticle content field for `kind`: "text", "html" or "raw".
const char* ContentFieldName(ContentKind kind);

// An article as a caller has it, before normalization. Metadata fields are
// optional (empty when unknown) and win over what normalization extracts.
struct RawArticle {
  ContentKind kind = ContentKind::kText;
  std::string content;
  std::string id;
  std::string url;
  std::string title;
  std::string source;
  std::string language;
  std::optional<absl::Time> published_at;
  Labels labels;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_BASE_ARTICLE_H_
