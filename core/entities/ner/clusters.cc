#include "core/entities/ner/clusters.h"

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace newsindex {
namespace {

void Normalize(float* v, size_t dim) {
  double norm = 0;
  for (size_t d = 0; d < dim; ++d) norm += v[d] * v[d];
  norm = std::sqrt(norm);
  if (norm == 0) return;
  for (size_t d = 0; d < dim; ++d) v[d] = static_cast<float>(v[d] / norm);
}

// The nearest centre (largest dot product) of vector `v`.
uint32_t Nearest(const float* v, const std::vector<float>& centres, size_t k,
                 size_t dim) {
  uint32_t best = 0;
  float best_dot = -2;
  for (size_t c = 0; c < k; ++c) {
    float dot = 0;
    const float* m = &centres[c * dim];
    for (size_t d = 0; d < dim; ++d) dot += v[d] * m[d];
    if (dot > best_dot) {
      best_dot = dot;
      best = static_cast<uint32_t>(c);
    }
  }
  return best;
}

std::vector<uint32_t> KMeans(const WordVectors& wv, size_t k, uint32_t seed,
                             int iterations) {
  const size_t n = wv.words.size(), dim = wv.dim;
  std::mt19937 random(seed);
  std::vector<float> centres(k * dim);
  for (size_t c = 0; c < k; ++c) {  // distinct words as starting centres
    const size_t w = (c * n) / k + random() % std::max<size_t>(1, n / k);
    std::copy_n(&wv.values[w * dim], dim, &centres[c * dim]);
  }
  std::vector<uint32_t> assign(n, 0);
  for (int it = 0; it < iterations; ++it) {
    for (size_t w = 0; w < n; ++w) {
      assign[w] = Nearest(&wv.values[w * dim], centres, k, dim);
    }
    std::vector<float> sums(k * dim, 0.0f);
    std::vector<size_t> counts(k, 0);
    for (size_t w = 0; w < n; ++w) {
      ++counts[assign[w]];
      for (size_t d = 0; d < dim; ++d) {
        sums[assign[w] * dim + d] += wv.values[w * dim + d];
      }
    }
    for (size_t c = 0; c < k; ++c) {
      if (counts[c] == 0) continue;  // keep an empty centre where it was
      std::copy_n(&sums[c * dim], dim, &centres[c * dim]);
      Normalize(&centres[c * dim], dim);
    }
  }
  return assign;
}

}  // namespace

absl::StatusOr<WordVectors> ReadWordVectors(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  WordVectors wv;
  size_t count = 0;
  std::string line;
  if (!std::getline(in, line) ||
      !(std::istringstream(line) >> count >> wv.dim) || wv.dim == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": expected a 'count dim' first line"));
  }
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string word;
    fields >> word;
    std::vector<float> v(wv.dim);
    for (float& x : v) {
      if (!(fields >> x)) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ": short vector for '", word, "'"));
      }
    }
    Normalize(v.data(), wv.dim);
    wv.words.push_back(std::move(word));
    wv.values.insert(wv.values.end(), v.begin(), v.end());
  }
  return wv;
}

WordClusters ClusterWords(const WordVectors& vectors,
                          const std::vector<uint32_t>& sizes, uint32_t seed,
                          int iterations) {
  WordClusters clusters;
  clusters.sizes = sizes;
  for (const std::string& w : vectors.words) {
    clusters.ids[w] = std::vector<uint16_t>(sizes.size(), 0);
  }
  for (size_t g = 0; g < sizes.size(); ++g) {
    const std::vector<uint32_t> assign =
        KMeans(vectors, sizes[g], seed + static_cast<uint32_t>(g), iterations);
    for (size_t w = 0; w < vectors.words.size(); ++w) {
      clusters.ids[vectors.words[w]][g] = static_cast<uint16_t>(assign[w] + 1);
    }
  }
  return clusters;
}

}  // namespace newsindex
