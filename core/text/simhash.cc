#include "core/text/simhash.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

#include "core/text/text.h"

namespace newsindex {
namespace {

// FNV-1a, 64 bits, then the SplitMix64 finalizer for good bit mixing.
uint64_t StableHash(absl::string_view data) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c >= 'A' && c <= 'Z');
  }
  return u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) ||
         (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// Hashes of the words of folded text.
std::vector<uint64_t> WordHashes(const std::string& folded) {
  std::vector<uint64_t> hashes;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(folded.size());
  int32_t word_start = -1;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(folded.data(), i, n, c);
    const bool word = c >= 0 && IsWordChar(c);
    if (word && word_start < 0) word_start = start;
    if (!word && word_start >= 0) {
      hashes.push_back(StableHash(
          absl::string_view(folded).substr(word_start, start - word_start)));
      word_start = -1;
    }
  }
  if (word_start >= 0) {
    hashes.push_back(StableHash(absl::string_view(folded).substr(word_start)));
  }
  return hashes;
}

}  // namespace

uint64_t ComputeSimhash(absl::string_view body) {
  const std::vector<uint64_t> words =
      WordHashes(FoldCase(FoldForIndexing(body)));
  if (words.empty()) return 0;
  // votes[bit] counts the shingles whose hash has `bit` set.
  std::array<int64_t, 64> votes{};
  int64_t shingles = 0;
  auto vote = [&votes, &shingles](uint64_t h) {
    ++shingles;
    for (int bit = 0; bit < 64; ++bit) votes[bit] += (h >> bit) & 1;
  };
  // A body shorter than one shingle is one shingle of all its words.
  const size_t k = std::min<size_t>(kSimhashShingleWords, words.size());
  for (size_t i = 0; i + k <= words.size(); ++i) {
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (size_t j = 0; j < k; ++j) {
      h ^= words[i + j] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    vote(h);
  }
  uint64_t simhash = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (2 * votes[bit] > shingles) simhash |= uint64_t{1} << bit;
  }
  return simhash;
}

std::string SimhashToHex(uint64_t simhash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i) {
    hex[i] = kDigits[simhash & 0xF];
    simhash >>= 4;
  }
  return hex;
}

uint64_t ParseSimhash(absl::string_view hex) {
  if (hex.size() != 16) return 0;
  uint64_t value = 0;
  for (char c : hex) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return 0;
    }
    value = (value << 4) | static_cast<uint64_t>(digit);
  }
  return value;
}

int SimhashDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace newsindex
