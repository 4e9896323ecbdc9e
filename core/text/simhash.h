// Near-duplicate signatures: 64-bit SimHash over word shingles.
#ifndef NEWSINDEX_CORE_TEXT_SIMHASH_H_
#define NEWSINDEX_CORE_TEXT_SIMHASH_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace newsindex {

// Two bodies whose signatures differ in at most this many bits are near
// duplicates (the same story re-scraped with other boilerplate or small
// edits). Chosen by measurement (docs/normalization.md): re-scrapes of the
// seed articles are 0-2 bits from the original and edited copies (words
// changed, a paragraph dropped) at most 11; the seeds, five different
// stories on the same topic, are 27 or more bits apart; among the 2.5
// million pairs of BBC articles the count of pairs within d bits is flat
// from d = 9 to 13 (known duplicates) and grows from 14 on (chance).
inline constexpr int kNearDuplicateMaxDistance = 12;

// Words per shingle.
inline constexpr int kSimhashShingleWords = 3;

// SimHash of a normalized body: the text is folded (FoldForIndexing, then
// case folding), split into words (runs of letters, digits and marks), and
// every shingle of kSimhashShingleWords consecutive words (or the whole word
// list when shorter) votes with a stable 64-bit hash. Deterministic across
// processes and platforms; 0 for a body without words. Linear time.
uint64_t ComputeSimhash(absl::string_view body);

// 16 lowercase hex digits, zero padded.
std::string SimhashToHex(uint64_t simhash);

// Inverse of SimhashToHex (either case accepted). Returns 0 unless `hex` is
// exactly 16 hex digits.
uint64_t ParseSimhash(absl::string_view hex);

// Number of differing bits (0..64).
int SimhashDistance(uint64_t a, uint64_t b);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_TEXT_SIMHASH_H_
