#include "core/search/facets.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
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

EntityFacetSpy::EntityFacetSpy(Xapian::valueno slot)
    : Xapian::ValueCountMatchSpy(slot) {}

void EntityFacetSpy::Tally() const {
  if (tallied_) return;
  tallied_ = true;
  for (Xapian::TermIterator it = values_begin(); it != values_end(); ++it) {
    const int64_t documents = it.get_termfreq();
    schema::ForEachSlotEntity(*it, [&](EntityType type, absl::string_view id) {
      counts_[static_cast<int>(type)][id] += documents;
    });
  }
}

std::vector<FacetBucket> EntityFacetSpy::Top(EntityType type,
                                             size_t limit) const {
  Tally();
  return TopOf(counts_[static_cast<int>(type)], limit);
}

const absl::flat_hash_map<std::string, int64_t>& EntityFacetSpy::counts(
    EntityType type) const {
  Tally();
  return counts_[static_cast<int>(type)];
}

LabelFacetSpy::LabelFacetSpy()
    : Xapian::ValueCountMatchSpy(schema::kLabelsSlot) {}

void LabelFacetSpy::Tally() const {
  if (tallied_) return;
  tallied_ = true;
  for (Xapian::TermIterator it = values_begin(); it != values_end(); ++it) {
    const int64_t documents = it.get_termfreq();
    for (absl::string_view line :
         absl::StrSplit(*it, '\n', absl::SkipEmpty())) {
      const size_t eq = line.find('=');
      if (eq == absl::string_view::npos) continue;
      counts_[std::string(line.substr(0, eq))]
             [std::string(line.substr(eq + 1))] += documents;
    }
  }
}

std::vector<FacetBucket> LabelFacetSpy::Top(const std::string& key,
                                            size_t limit) const {
  Tally();
  auto it = counts_.find(key);
  if (it == counts_.end()) return {};
  std::vector<FacetBucket> buckets = TopOf(it->second, limit);
  for (FacetBucket& b : buckets) b.label = b.value;
  return buckets;
}

std::string DateKey(absl::Time t, DateInterval interval) {
  const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
  if (interval == DateInterval::kDay) {
    return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(),
                           day.day());
  }
  return absl::StrFormat("%04d-%02d", day.year(), day.month());
}

DateHistogramSpy::DateHistogramSpy(DateInterval interval)
    : Xapian::ValueCountMatchSpy(schema::kPublishedSlot), interval_(interval) {}

std::vector<FacetBucket> DateHistogramSpy::Buckets() const {
  std::map<std::string, int64_t> counts;
  // Undated documents have no value and are not counted.
  for (Xapian::TermIterator it = values_begin(); it != values_end(); ++it) {
    counts[DateKey(schema::TimeFromValue(*it), interval_)] += it.get_termfreq();
  }
  std::vector<FacetBucket> buckets;
  for (const auto& [key, count] : counts) buckets.push_back({key, key, count});
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
