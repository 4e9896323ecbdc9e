#include "bench/extraction/shingles.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "absl/hash/hash.h"
#include "absl/strings/str_join.h"

namespace newsindex::bench {
namespace {

bool IsWordChar(UChar32 c) {
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

bool IsSpacelessScript(UChar32 c) {
  UErrorCode error = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &error);
  return U_SUCCESS(error) &&
         (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
          script == USCRIPT_KATAKANA);
}

void AppendFolded(UChar32 c, std::string* out) {
  c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  if (!error) out->append(buf, len);
}

double Ratio(size_t num, size_t den) {
  return den == 0 ? 0 : double(num) / double(den);
}

}  // namespace

std::vector<std::string> FoldedWords(absl::string_view text) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&]() {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  const int32_t size = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < size;) {
    UChar32 c;
    U8_NEXT(text.data(), i, size, c);
    if (c < 0 || !IsWordChar(c)) {
      flush();
    } else if (IsSpacelessScript(c)) {
      flush();
      AppendFolded(c, &current);
      flush();
    } else {
      AppendFolded(c, &current);
    }
  }
  flush();
  return words;
}

absl::flat_hash_set<uint64_t> Shingles(const std::vector<std::string>& words,
                                       size_t n) {
  absl::flat_hash_set<uint64_t> out;
  if (words.empty()) return out;
  const size_t width = std::min(n, words.size());
  for (size_t i = 0; i + width <= words.size(); ++i) {
    uint64_t h = 0;
    for (size_t k = 0; k < width; ++k) {
      h = absl::HashOf(h, words[i + k]);
    }
    out.insert(h);
  }
  return out;
}

double Overlap::Precision() const {
  if (extracted == 0) return expected == 0 ? 1 : 0;
  return Ratio(common, extracted);
}

double Overlap::Recall() const {
  if (expected == 0) return extracted == 0 ? 1 : 0;
  return Ratio(common, expected);
}

double Overlap::F1() const {
  const double p = Precision(), r = Recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

Overlap CompareShingles(absl::string_view extracted,
                        absl::string_view expected) {
  const absl::flat_hash_set<uint64_t> got = Shingles(FoldedWords(extracted));
  const absl::flat_hash_set<uint64_t> want = Shingles(FoldedWords(expected));
  Overlap o;
  o.extracted = got.size();
  o.expected = want.size();
  for (uint64_t h : got) o.common += want.contains(h);
  return o;
}

bool SameWords(absl::string_view a, absl::string_view b, bool exact,
               double min_share) {
  std::vector<std::string> x = FoldedWords(a), y = FoldedWords(b);
  if (x.empty() || y.empty()) return false;
  if (x == y) return true;
  if (exact) return false;
  if (x.size() > y.size()) std::swap(x, y);
  return std::equal(x.begin(), x.end(), y.begin()) &&
         double(x.size()) >= min_share * double(y.size());
}

bool WordsContained(absl::string_view a, absl::string_view b) {
  const std::vector<std::string> x = FoldedWords(a), y = FoldedWords(b);
  if (x.empty() || y.empty()) return false;
  auto within = [](const std::vector<std::string>& small,
                   const std::vector<std::string>& big) {
    return std::all_of(small.begin(), small.end(), [&](const std::string& w) {
      return std::find(big.begin(), big.end(), w) != big.end();
    });
  };
  return within(x, y) || within(y, x);
}

}  // namespace newsindex::bench
