#include "core/normalize/html/embeds.h"

#include <algorithm>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/text/text.h"

namespace newsindex {
namespace {

constexpr int kMaxPostChars = 300;
constexpr int kMaxPostBlocks = 3;

bool ConsumeDash(absl::string_view* s) {
  return absl::ConsumePrefix(s, "\xE2\x80\x94") ||  // —
         absl::ConsumePrefix(s, "\xE2\x80\x93") ||  // –
         absl::ConsumePrefix(s, "-");
}

bool IsHandleChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         c == '.';
}

// Removes `prefix` followed by a path of non-space characters.
int RemoveLinks(std::string* text, absl::string_view prefix) {
  int count = 0;
  size_t pos = 0;
  while ((pos = absl::string_view(*text).find(prefix, pos)) !=
         absl::string_view::npos) {
    size_t begin = pos;
    // Include a scheme written before it.
    for (absl::string_view scheme : {"https://", "http://"}) {
      if (begin >= scheme.size() &&
          absl::string_view(*text).substr(begin - scheme.size(),
                                          scheme.size()) == scheme) {
        begin -= scheme.size();
        break;
      }
    }
    size_t end = pos + prefix.size();
    while (end < text->size() && (*text)[end] != ' ') ++end;
    while (begin > 0 && (*text)[begin - 1] == ' ') --begin;
    text->erase(begin, end - begin);
    pos = begin;
    ++count;
  }
  return count;
}

}  // namespace

bool IsPostAttribution(absl::string_view text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  if (s.size() > 250 || !ConsumeDash(&s)) return false;
  const size_t at = s.find("(@");
  if (at == absl::string_view::npos || at == 0) return false;
  size_t j = at + 2;
  while (j < s.size() && IsHandleChar(s[j])) ++j;
  return j > at + 2 && j - at - 2 <= 30 && j < s.size() && s[j] == ')';
}

int StripMediaLinks(std::vector<Block>* blocks) {
  int count = 0;
  for (Block& block : *blocks) {
    if (block.text.find("pic.twitter.com/") == std::string::npos &&
        block.text.find("t.co/") == std::string::npos) {
      continue;
    }
    count += RemoveLinks(&block.text, "pic.twitter.com/");
    count += RemoveLinks(&block.text, "https://t.co/");
    block.text = std::string(absl::StripAsciiWhitespace(block.text));
  }
  return count;
}

void MergeEmbeddedPosts(std::vector<Block>* blocks) {
  std::vector<Block>& b = *blocks;
  std::vector<Block> out;
  out.reserve(b.size());
  for (size_t i = 0; i < b.size(); ++i) {
    // HTML embeds: consecutive blocks inside the same embed are one post.
    if (b[i].zone == Zone::kEmbed) {
      Block post = b[i];
      std::string text = b[i].text;
      std::string attribution;
      while (i + 1 < b.size() && b[i + 1].zone == Zone::kEmbed) {
        ++i;
        post.lines.insert(post.lines.end(), b[i].lines.begin(),
                          b[i].lines.end());
        if (IsPostAttribution(b[i].text)) {
          attribution = b[i].text;
        } else if (!b[i].text.empty()) {
          absl::StrAppend(&text, " ", b[i].text);
        }
      }
      post.text = absl::StrCat("\xE2\x80\x9C", text, "\xE2\x80\x9D");
      if (!attribution.empty()) absl::StrAppend(&post.text, " ", attribution);
      post.kind = BlockKind::kQuote;
      out.push_back(std::move(post));
      continue;
    }
    if (!IsPostAttribution(b[i].text)) {
      out.push_back(b[i]);
      continue;
    }
    // Take the post's text from the end of `out`.
    size_t take = 0;
    int chars = 0;
    while (take < out.size() && take < size_t{kMaxPostBlocks}) {
      const Block& prev = out[out.size() - 1 - take];
      const int len = CodePointCount(prev.text);
      if (prev.kind == BlockKind::kHeading || prev.zone == Zone::kEmbed ||
          chars + len > kMaxPostChars || IsPostAttribution(prev.text)) {
        break;
      }
      chars += len;
      ++take;
      if (prev.blank_before) break;
    }
    if (take == 0) {
      out.push_back(b[i]);
      continue;
    }
    Block post;
    post.kind = BlockKind::kQuote;
    post.zone = Zone::kEmbed;
    std::string text;
    for (size_t k = out.size() - take; k < out.size(); ++k) {
      if (!text.empty()) text.push_back(' ');
      text.append(out[k].text);
      post.lines.insert(post.lines.end(), out[k].lines.begin(),
                        out[k].lines.end());
    }
    post.blank_before = out[out.size() - take].blank_before;
    out.resize(out.size() - take);
    absl::string_view attribution = absl::StripAsciiWhitespace(b[i].text);
    post.text =
        absl::StrCat("\xE2\x80\x9C", text, "\xE2\x80\x9D ", attribution);
    post.lines.insert(post.lines.end(), b[i].lines.begin(), b[i].lines.end());
    out.push_back(std::move(post));
  }
  *blocks = std::move(out);
}

}  // namespace newsindex
