#include "bench/load/generator.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newsindex::bench {
namespace {

// SplitMix64: a fixed, portable mixing function (std distributions are
// implementation-defined, so they are not used).
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() { return state_ = Mix(state_); }
  size_t Below(size_t n) { return n == 0 ? 0 : Next() % n; }

 private:
  uint64_t state_;
};

// Whitespace runs collapsed to one space.
std::string Collapse(absl::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

// Sentences of a body: split after ". " followed by an uppercase letter.
void AddSentences(const std::string& body, std::vector<std::string>* out) {
  const std::string text = Collapse(body);
  size_t start = 0;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '.' && text[i + 1] == ' ' &&
        std::isupper(static_cast<unsigned char>(text[i + 2]))) {
      const size_t len = i + 1 - start;
      if (len >= 30 && len <= 400) out->push_back(text.substr(start, len));
      start = i + 2;
    }
  }
}

std::string DatelinePlace(const std::string& dateline) {
  const std::string place = Collapse(dateline.substr(0, dateline.find(',')));
  if (place.empty() || place.size() > 24) return "";
  for (char c : place) {
    if (std::islower(static_cast<unsigned char>(c))) return "";
  }
  return place;
}

}  // namespace

CorpusGenerator::CorpusGenerator(const std::vector<Record>& base, uint64_t seed)
    : seed_(seed) {
  std::set<std::string> places;
  for (const Record& r : base) {
    AddSentences(r.body, &sentences_);
    std::vector<std::string> words =
        absl::StrSplit(Collapse(r.title), ' ', absl::SkipEmpty());
    if (words.size() >= 2) {
      const size_t half = words.size() / 2;
      title_heads_.push_back(
          absl::StrJoin(words.begin(), words.begin() + half, " "));
      title_tails_.push_back(
          absl::StrJoin(words.begin() + half, words.end(), " "));
    }
    if (!r.dateline.empty()) {
      std::string place = DatelinePlace(r.dateline);
      if (!place.empty()) places.insert(std::move(place));
    }
    if (r.published) dates_.push_back(*r.published);
  }
  datelines_.assign(places.begin(), places.end());
  if (dates_.empty()) dates_.push_back(1104537600);  // 2005-01-01
  if (title_heads_.empty()) {
    title_heads_.push_back("News");
    title_tails_.push_back("report");
  }
  if (sentences_.empty()) sentences_.push_back("No sentences were found.");
}

Record CorpusGenerator::Make(uint64_t index) const {
  Rng rng(Mix(seed_ ^ Mix(index)));
  Record r;
  r.id = absl::StrFormat("gen-%07d", index);
  r.source = index % 3 == 0 ? "bbc" : "reuters";
  r.title = absl::StrCat(title_heads_[rng.Below(title_heads_.size())], " ",
                         title_tails_[rng.Below(title_tails_.size())]);
  // Dates spread over ten years around the base dates.
  r.published = dates_[rng.Below(dates_.size())] +
                static_cast<int64_t>(rng.Below(3650)) * 86400 - 1825 * 86400;
  const int sentences = 4 + static_cast<int>(rng.Below(11));
  std::string body;
  if (!datelines_.empty() && rng.Below(2) == 0) {
    r.dateline = datelines_[rng.Below(datelines_.size())];
    absl::StrAppend(&body, r.dateline, " - ");
  }
  for (int i = 0; i < sentences; ++i) {
    if (i > 0) body += (i % 3 == 0) ? "\n\n" : " ";
    body += sentences_[rng.Below(sentences_.size())];
  }
  r.body = std::move(body);
  return r;
}

}  // namespace newsindex::bench
