#include "core/article_codec.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

using Json = nlohmann::json;

int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }

}  // namespace

std::string EncodeArticle(const Article& a) {
  Json j;
  j["v"] = 1;
  j["id"] = a.id;
  j["url"] = a.url;
  j["title"] = a.title;
  j["subtitle"] = a.subtitle;
  j["body"] = a.body;
  j["source"] = a.source;
  j["author"] = a.author;
  j["language"] = a.language;
  j["dateline"] = a.dateline;
  j["content_hash"] = a.content_hash;
  j["cluster_key"] = a.cluster_key;
  j["simhash"] = a.simhash;
  if (a.published_at) j["published_us"] = ToMicros(*a.published_at);
  j["ingested_us"] = ToMicros(a.ingested_at);
  j["references"] = a.references;
  Json entities = Json::array();
  for (const ArticleEntity& e : a.entities) {
    Json je;
    je["id"] = e.id;
    je["name"] = e.name;
    je["type"] = EntityTypeName(e.type);
    je["subtype"] = e.subtype;
    je["count"] = e.mention_count;
    je["forms"] = e.surface_forms;
    je["salience"] = e.salience;
    Json mentions = Json::array();
    for (const Mention& m : e.mentions) {
      mentions.push_back(Json::array({m.start, m.end, m.text}));
    }
    je["mentions"] = std::move(mentions);
    entities.push_back(std::move(je));
  }
  j["entities"] = std::move(entities);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

absl::StatusOr<Article> DecodeArticle(absl::string_view data) {
  Json j = Json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("id")) {
    return absl::DataLossError("stored document data is not an article");
  }
  try {
    Article a;
    a.id = j.value("id", "");
    a.url = j.value("url", "");
    a.title = j.value("title", "");
    a.subtitle = j.value("subtitle", "");
    a.body = j.value("body", "");
    a.source = j.value("source", "");
    a.author = j.value("author", "");
    a.language = j.value("language", "");
    a.dateline = j.value("dateline", "");
    a.content_hash = j.value("content_hash", "");
    a.cluster_key = j.value("cluster_key", "");
    a.simhash = j.value("simhash", "");
    if (j.contains("published_us")) {
      a.published_at = absl::FromUnixMicros(j["published_us"].get<int64_t>());
    }
    a.ingested_at = absl::FromUnixMicros(j.value("ingested_us", int64_t{0}));
    a.references = j.value("references", std::vector<std::string>{});
    for (const Json& je : j.value("entities", Json::array())) {
      ArticleEntity e;
      e.id = je.value("id", "");
      e.name = je.value("name", "");
      e.type = EntityTypeFromName(je.value("type", ""));
      e.subtype = je.value("subtype", "");
      e.mention_count = je.value("count", 0);
      e.surface_forms = je.value("forms", std::vector<std::string>{});
      e.salience = je.value("salience", 0.0);
      for (const Json& m : je.value("mentions", Json::array())) {
        e.mentions.push_back(Mention{m.at(0).get<int>(), m.at(1).get<int>(),
                                     m.at(2).get<std::string>()});
      }
      a.entities.push_back(std::move(e));
    }
    return a;
  } catch (const Json::exception& e) {
    return absl::DataLossError(
        absl::StrCat("stored article data is malformed: ", e.what()));
  }
}

}  // namespace newsindex
