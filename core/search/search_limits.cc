#include "core/search/search_limits.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"

namespace newsindex {

absl::Status CheckLimit(absl::string_view field, size_t size, size_t limit,
                        absl::string_view unit) {
  if (size <= limit) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": ", size, " ", unit, "; the limit is ", limit));
}

absl::Status StopToken::Check(absl::string_view stage) const {
  if (cancelled && cancelled()) {
    return absl::CancelledError(absl::StrCat("cancelled during ", stage));
  }
  if (absl::Now() >= deadline) {
    return absl::DeadlineExceededError(
        absl::StrCat("deadline passed during ", stage));
  }
  return absl::OkStatus();
}

void StopToken::LimitMatchTime(Xapian::Enquire& enquire) const {
  if (deadline == absl::InfiniteFuture()) return;
  // Xapian takes 0 as "no limit": keep a millisecond at least.
  enquire.set_time_limit(
      std::max(1e-3, absl::ToDoubleSeconds(deadline - absl::Now())));
}

}  // namespace newsindex
