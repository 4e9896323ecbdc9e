// News datelines: "KABUL –", "KABUL, Afghanistan (MNTV) —",
// "SALVADOR, Feb 26 -", "NEW YORK, May 29 (Reuters) -".
#ifndef NEWSINDEX_CORE_NORMALIZE_DATELINE_H_
#define NEWSINDEX_CORE_NORMALIZE_DATELINE_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "core/normalize/dates.h"

namespace newsindex {

struct Dateline {
  std::string place;              // "KABUL, Afghanistan"
  std::string source;             // "MNTV"; empty when not given
  std::optional<DateMatch> date;  // "Feb 26"; offsets relative to the text
  size_t length = 0;              // bytes of the dateline, separator included
};

// The dateline that opens `paragraph`, if any. A dateline is a place whose
// first word is in capitals (at least two letters, e.g. "KABUL", "NEW
// YORK", "ST. LOUIS"), then up to two comma-separated parts that are a
// region in title case or a date, then an optional "(SOURCE)", then a dash
// (-, – or —) or colon followed by a space. At most 100 bytes.
std::optional<Dateline> ParseDateline(absl::string_view paragraph);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_DATELINE_H_
