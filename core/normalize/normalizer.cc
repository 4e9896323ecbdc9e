#include "core/normalize/normalizer.h"

#include <cld2/public/compact_lang_det.h>

#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/hash.h"
#include "core/normalize/html.h"
#include "core/normalize/text.h"

namespace newsindex {
namespace {

// More than this share of control characters means the bytes are not text.
constexpr double kMaxControlFraction = 0.05;

std::string DetectLanguage(absl::string_view body) {
  bool reliable = false;
  CLD2::Language language = CLD2::DetectLanguage(
      body.data(), static_cast<int>(body.size()), /*is_plain_text=*/true,
      &reliable);
  if (!reliable || language == CLD2::UNKNOWN_LANGUAGE) return "";
  return CLD2::LanguageCode(language);
}

// Splits off the first line as the title.
void TakeFirstLineAsTitle(std::string* text, std::string* title) {
  size_t newline = text->find('\n');
  *title = text->substr(0, newline);
  if (newline == std::string::npos) {
    text->clear();
  } else {
    text->erase(0, newline + 1);
    while (!text->empty() && text->front() == '\n') text->erase(0, 1);
  }
}

}  // namespace

const char* ContentFieldName(ContentKind kind) {
  switch (kind) {
    case ContentKind::kText:
      return "text";
    case ContentKind::kHtml:
      return "html";
    case ContentKind::kRaw:
      return "raw";
  }
  return "content";
}

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {}

absl::StatusOr<NormalizedArticle> Normalizer::Normalize(
    const RawArticle& raw, absl::Time reference_time) const {
  const char* field = ContentFieldName(raw.kind);
  if (raw.content.size() > options_.max_input_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        field, ": ", raw.content.size(), " bytes exceeds the limit of ",
        options_.max_input_bytes, " bytes"));
  }
  NormalizedArticle result;
  Article& article = result.article;

  // 1. Bytes to valid UTF-8.
  bool is_html = raw.kind == ContentKind::kHtml;
  std::string content;
  if (raw.kind == ContentKind::kRaw) {
    absl::string_view head = absl::string_view(raw.content).substr(0, 1024);
    is_html = head.find("<html") != absl::string_view::npos ||
              head.find("<HTML") != absl::string_view::npos ||
              head.find("<!DOCTYPE") != absl::string_view::npos ||
              head.find("<!doctype") != absl::string_view::npos;
    std::string declared;
    if (is_html) declared = ParseHtml(raw.content).charset;
    std::string used;
    absl::StatusOr<std::string> converted = ToUtf8(raw.content, declared, &used);
    if (!converted.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": ", converted.status().message()));
    }
    if (used != "UTF-8") {
      result.warnings.push_back(absl::StrCat("decoded from ", used));
    }
    content = *std::move(converted);
  } else {
    int replaced = 0;
    content = RepairUtf8(raw.content, &replaced);
    if (replaced > 0) {
      result.warnings.push_back(absl::StrCat(
          "replaced ", replaced, " invalid UTF-8 sequence(s) with U+FFFD"));
    }
  }
  if (ControlCharFraction(content) > kMaxControlFraction) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": content is not text (binary data)"));
  }

  // 2. HTML to text.
  std::string title;
  if (is_html) {
    HtmlDocument doc = ParseHtml(content);
    title = doc.title;
    content = std::move(doc.text);
  }

  // 3. Unicode and whitespace normalization.
  std::string text = NormalizeWhitespace(ToNfc(content));
  // Plain text carries its title on the first line, unless the caller gave
  // one: then the text is all body.
  if (!is_html && raw.title.empty()) TakeFirstLineAsTitle(&text, &title);
  if (!raw.title.empty()) title = raw.title;
  article.title = NormalizeWhitespace(ToNfc(title));
  article.body = std::move(text);
  if (article.body.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": no article body found in the content"));
  }

  // 4. Metadata.
  article.url = raw.url;
  article.source = raw.source;
  article.published_at = raw.published_at;
  article.language =
      raw.language.empty() ? DetectLanguage(article.body) : raw.language;
  article.content_hash = Sha256Hex(article.body);
  (void)reference_time;
  return result;
}

}  // namespace newsindex
