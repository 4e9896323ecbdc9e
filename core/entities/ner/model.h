// The trained tagger's parameters and their file format.
//
// File layout (little-endian): magic "NXNERMDL", uint32 version
// (kNerModelVersion), uint32 hash_bits, uint32 feature_groups, uint32
// label count, float transitions[(labels + 1) * labels] (row 0: segment
// start), uint32 row count, rows {uint32 bucket, float scale, int8
// weight[labels]}, uint32 cluster granularity count, uint32[count] cluster
// counts, uint32 word count, words {uint16 length, bytes, uint16 id[count]},
// and last a uint64 FNV-1a checksum of every byte before it. A file holds
// hashed feature weights and word clusters only, never training text.
#ifndef NEWSINDEX_CORE_ENTITIES_NER_MODEL_H_
#define NEWSINDEX_CORE_ENTITIES_NER_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/entities/ner/labels.h"

namespace newsindex {

inline constexpr uint32_t kNerModelVersion = 1;

// Word -> cluster id at each granularity (coarse to fine), learned from
// unlabeled text. Ids start at 1; 0 is "no cluster".
struct WordClusters {
  std::vector<uint32_t> sizes;  // clusters per granularity
  absl::flat_hash_map<std::string, std::vector<uint16_t>> ids;
  // Reads "word<TAB>id<TAB>id..." lines after a "# sizes k1 k2..." line.
  static absl::StatusOr<WordClusters> Load(const std::string& path);
  absl::Status Save(const std::string& path) const;
};

// Parameters. Weights are sparse: `row_of[bucket]` is the row of hashed
// feature `bucket` in `rows` (kNerLabels floats each), 0 a row of zeros.
struct NerModel {
  uint32_t hash_bits = 20;
  uint32_t feature_groups = 0;
  std::vector<float> transitions;  // (kNerLabels + 1) * kNerLabels
  std::vector<uint32_t> row_of;    // 1 << hash_bits
  std::vector<float> rows;         // kNerLabels * row count, row 0 zeros
  std::vector<uint64_t> used;      // bit set of the buckets with a row
  WordClusters clusters;

  // Builds the sparse rows from dense weights (bucket-major, kNerLabels
  // per bucket); buckets whose weights are all below `epsilon` are left
  // out.
  void SetWeights(const std::vector<float>& dense, float epsilon);
  size_t row_count() const { return rows.size() / kNerLabels; }
};

// The bytes of `model` in the file format (weights quantized to 8 bits
// per row scale).
std::string SerializeNerModel(const NerModel& model);
// Parses bytes written by SerializeNerModel. `name` (the file) appears in
// every error: bad magic, another version, truncation, checksum mismatch.
absl::StatusOr<NerModel> ParseNerModel(absl::string_view bytes,
                                       absl::string_view name);
absl::StatusOr<NerModel> LoadNerModel(const std::string& path);
absl::Status SaveNerModel(const NerModel& model, const std::string& path);

// FNV-1a 64 of `bytes`, continuing from `h`.
uint64_t Fnv1a64(absl::string_view bytes, uint64_t h = 14695981039346656037ull);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_NER_MODEL_H_
