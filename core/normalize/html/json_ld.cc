#include "core/normalize/html/json_ld.h"

#include <string>

#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

using Json = nlohmann::json;

bool IsArticleType(const Json& type) {
  static constexpr const char* kTypes[] = {
      "NewsArticle",          "Article",
      "ReportageNewsArticle", "AnalysisNewsArticle",
      "OpinionNewsArticle",   "BlogPosting",
      "LiveBlogPosting"};
  if (type.is_array()) {
    for (const Json& t : type) {
      if (IsArticleType(t)) return true;
    }
    return false;
  }
  if (!type.is_string()) return false;
  const std::string& s = type.get_ref<const std::string&>();
  for (const char* t : kTypes) {
    if (s == t) return true;
  }
  return false;
}

// A string, or the "name" of an object, or of the first element of an array.
std::string NameOf(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array() && !value.empty()) return NameOf(value[0]);
  if (value.is_object() && value.contains("name")) return NameOf(value["name"]);
  return "";
}

void Fill(const Json& article, HtmlMetadata* meta) {
  auto set = [&](const char* key, std::string* field) {
    if (!field->empty() || !article.contains(key)) return;
    *field = NameOf(article[key]);
  };
  set("headline", &meta->ld_headline);
  set("alternativeHeadline", &meta->ld_alternative_headline);
  set("datePublished", &meta->ld_date_published);
  set("dateModified", &meta->ld_date_modified);
  set("author", &meta->ld_author);
  set("publisher", &meta->ld_publisher);
}

// Finds the first article object, depth-first, bounded.
const Json* FindArticle(const Json& j, int depth) {
  if (depth > 8) return nullptr;
  if (j.is_object()) {
    if (j.contains("@type") && IsArticleType(j["@type"])) return &j;
    if (j.contains("@graph")) return FindArticle(j["@graph"], depth + 1);
  } else if (j.is_array()) {
    for (const Json& item : j) {
      if (const Json* found = FindArticle(item, depth + 1)) return found;
    }
  }
  return nullptr;
}

}  // namespace

void ReadJsonLd(absl::string_view json, HtmlMetadata* meta) {
  Json j = Json::parse(json.begin(), json.end(), nullptr,
                       /*allow_exceptions=*/false);
  if (j.is_discarded()) return;
  if (const Json* article = FindArticle(j, 0)) Fill(*article, meta);
}

}  // namespace newsindex
