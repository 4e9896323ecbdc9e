#include "core/entities/salience_trainer.h"

#include <cmath>
#include <utility>

namespace newsindex {
namespace {

constexpr int kDim = kSalienceFeatureCount + 1;
using Vector = std::array<double, kDim>;
using Matrix = std::array<Vector, kDim>;

// x = A^-1 b by Gaussian elimination with partial pivoting; A is positive
// definite here (the L2 term), so a pivot is never zero.
Vector Solve(Matrix a, Vector b) {
  for (int col = 0; col < kDim; ++col) {
    int pivot = col;
    for (int r = col + 1; r < kDim; ++r) {
      if (std::fabs(a[r][col]) > std::fabs(a[pivot][col])) pivot = r;
    }
    std::swap(a[col], a[pivot]);
    std::swap(b[col], b[pivot]);
    for (int r = col + 1; r < kDim; ++r) {
      const double factor = a[r][col] / a[col][col];
      for (int c = col; c < kDim; ++c) a[r][c] -= factor * a[col][c];
      b[r] -= factor * b[col];
    }
  }
  Vector x{};
  for (int r = kDim - 1; r >= 0; --r) {
    double sum = b[r];
    for (int c = r + 1; c < kDim; ++c) sum -= a[r][c] * x[c];
    x[r] = sum / a[r][r];
  }
  return x;
}

Vector Inputs(const SalienceFeatures& f) {
  Vector x{};
  x[0] = 1;
  for (int i = 0; i < kSalienceFeatureCount; ++i) x[1 + i] = f[i];
  return x;
}

// One Newton step for the examples of `group`; returns the step's size.
double NewtonStep(const std::vector<SalienceExample>& examples,
                  SalienceGroup group, double l2, Vector* w) {
  Matrix hessian{};
  Vector gradient{};
  for (int i = 1; i < kDim; ++i) {
    hessian[i][i] = l2;
    gradient[i] = -l2 * (*w)[i];
  }
  for (const SalienceExample& e : examples) {
    if (e.group != group) continue;
    const Vector x = Inputs(e.features);
    double z = 0;
    for (int i = 0; i < kDim; ++i) z += (*w)[i] * x[i];
    const double p = 1.0 / (1.0 + std::exp(-z));
    const double weight = std::max(p * (1 - p), 1e-9);
    for (int i = 0; i < kDim; ++i) {
      gradient[i] += ((e.about ? 1.0 : 0.0) - p) * x[i];
      for (int j = 0; j < kDim; ++j) hessian[i][j] += weight * x[i] * x[j];
    }
  }
  hessian[0][0] += 1e-6;  // a group whose examples all agree
  const Vector step = Solve(hessian, gradient);
  double size = 0;
  for (int i = 0; i < kDim; ++i) {
    (*w)[i] += step[i];
    size = std::max(size, std::fabs(step[i]));
  }
  return size;
}

}  // namespace

std::array<std::array<double, kSalienceFeatureCount + 1>, kSalienceGroupCount>
FitSalienceWeights(const std::vector<SalienceExample>& examples,
                   const SalienceTrainerOptions& options) {
  std::array<Vector, kSalienceGroupCount> weights{};
  for (int g = 0; g < kSalienceGroupCount; ++g) {
    bool any = false;
    for (const SalienceExample& e : examples) any = any || e.group == g;
    if (!any) continue;
    for (int it = 0; it < options.iterations; ++it) {
      if (NewtonStep(examples, static_cast<SalienceGroup>(g), options.l2,
                     &weights[g]) < 1e-9) {
        break;
      }
    }
  }
  return weights;
}

}  // namespace newsindex
