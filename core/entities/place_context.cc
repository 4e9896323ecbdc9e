#include "core/entities/place_context.h"

#include <algorithm>
#include <cstdlib>

#include "absl/container/flat_hash_set.h"
#include "core/entities/gazetteer.h"

namespace newsindex {
namespace {

// GeoNames priorities from a million people up need no context.
constexpr int kStrongCityPriority = kPriorityCity + 4;
// How far after the town (in tokens) its country may follow: "Termez,
// Uzbekistan", "Termez (Uzbekistan)". Farther is too loose: results tables
// list people and countries ("Marion Clignet (U.S.)").
constexpr size_t kCountryWindow = 3;

bool IsPlacePreposition(absl::string_view key) {
  static const auto* const kWords = new absl::flat_hash_set<absl::string_view>{
      "in",     "near",   "from",    "at",  "outside",    "into",   "across",
      "around", "toward", "towards", "via", "throughout", "inside", "between"};
  return kWords->contains(key);
}

// "in Termez": the word right before the span, with only spaces between.
bool AfterPreposition(const std::vector<Token>& t, size_t first) {
  return first > 0 && t[first - 1].word && !t[first].newline_before &&
         IsPlacePreposition(t[first - 1].key);
}

bool CountryNearby(const std::vector<EntitySpan>& spans, const EntitySpan& s) {
  if (s.country.empty()) return false;
  return std::any_of(spans.begin(), spans.end(), [&](const EntitySpan& o) {
    if (o.type != EntityType::kLocation || o.country != s.country ||
        (o.subtype != "country" && o.subtype != "region")) {
      return false;
    }
    return o.first > s.last && o.first - s.last <= kCountryWindow;
  });
}

}  // namespace

namespace {

bool IsWeakCity(const EntityRecord& record, int priority) {
  return record.type == EntityType::kLocation && record.subtype == "city" &&
         priority >= kPriorityCity && priority < kStrongCityPriority;
}

}  // namespace

bool OpensDateline(const std::vector<Token>& tokens, size_t first,
                   size_t last) {
  if (first != 0 && !tokens[first].newline_before) return false;
  for (size_t k = first; k <= last; ++k) {
    if (tokens[k].word && !tokens[k].all_upper) return false;
  }
  const size_t next = last + 1;
  return next < tokens.size() && !tokens[next].word &&
         (tokens[next].key == "," || tokens[next].key == "-");
}

bool IsWeakPlace(const EntitySpan& span) {
  return span.known && span.type == EntityType::kLocation &&
         span.subtype == "city" && span.priority >= kPriorityCity &&
         span.priority < kStrongCityPriority;
}

bool IsWeakPlace(const Gazetteer::Match& match) {
  return match.record != nullptr && match.kind == AliasKind::kName &&
         IsWeakCity(*match.record, match.priority);
}

void DropPlacesWithoutContext(const std::vector<Token>& tokens, bool place_text,
                              std::vector<EntitySpan>* spans) {
  if (place_text) return;
  std::vector<bool> drop(spans->size(), false);
  for (size_t i = 0; i < spans->size(); ++i) {
    const EntitySpan& s = (*spans)[i];
    if (!IsWeakPlace(s)) continue;
    drop[i] = !AfterPreposition(tokens, s.first) &&
              !OpensDateline(tokens, s.first, s.last) &&
              !CountryNearby(*spans, s);
  }
  size_t kept = 0;
  for (size_t i = 0; i < spans->size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) (*spans)[kept] = std::move((*spans)[i]);
    ++kept;
  }
  spans->resize(kept);
}

}  // namespace newsindex
