#include "core/search/facets.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "core/index/schema.h"

namespace newsindex {
namespace {

std::vector<FacetBucket> TopOf(
    const absl::flat_hash_map<std::string, int64_t>& counts, size_t limit) {
  std::vector<FacetBucket> buckets;
  buckets.reserve(counts.size());
  for (const auto& [value, count] : counts) {
    buckets.push_back({value, value, count});
  }
  std::sort(buckets.begin(), buckets.end(),
            [](const FacetBucket& a, const FacetBucket& b) {
              return a.count != b.count ? a.count > b.count : a.value < b.value;
            });
  if (buckets.size() > limit) buckets.resize(limit);
  return buckets;
}

}  // namespace

void EntityFacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  const std::string value = doc.get_value(schema::kEntitiesSlot);
  schema::ForEachSlotEntity(value, [&](EntityType type, absl::string_view id) {
    ++counts_[static_cast<int>(type)][id];
  });
}

std::vector<FacetBucket> EntityFacetSpy::Top(EntityType type,
                                             size_t limit) const {
  return TopOf(counts_[static_cast<int>(type)], limit);
}

const absl::flat_hash_map<std::string, int64_t>& EntityFacetSpy::counts(
    EntityType type) const {
  return counts_[static_cast<int>(type)];
}

std::string DateKey(absl::Time t, DateInterval interval) {
  const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
  if (interval == DateInterval::kDay) {
    return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(),
                           day.day());
  }
  return absl::StrFormat("%04d-%02d", day.year(), day.month());
}

void DateHistogramSpy::operator()(const Xapian::Document& doc, double) {
  const std::string value = doc.get_value(schema::kPublishedSlot);
  if (value.empty()) return;
  ++counts_[DateKey(schema::TimeFromValue(value), interval_)];
}

std::vector<FacetBucket> DateHistogramSpy::Buckets() const {
  std::vector<FacetBucket> buckets;
  for (const auto& [key, count] : counts_) buckets.push_back({key, key, count});
  return buckets;
}

std::vector<FacetBucket> TopValues(const Xapian::ValueCountMatchSpy& spy,
                                   size_t limit) {
  std::vector<FacetBucket> buckets;
  for (Xapian::TermIterator it = spy.top_values_begin(limit);
       it != spy.top_values_end(limit); ++it) {
    buckets.push_back({*it, *it, static_cast<int64_t>(it.get_termfreq())});
  }
  return buckets;
}

}  // namespace newsindex
