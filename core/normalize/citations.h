// Inline citation markers ("[1][2]") and source lists ("Sources:").
#ifndef NEWSINDEX_CORE_NORMALIZE_CITATIONS_H_
#define NEWSINDEX_CORE_NORMALIZE_CITATIONS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newsindex {

// Removes inline citation markers: runs of bracketed reference numbers such
// as "[1]", "[1][2][6]", "[3, 4]", "[2-5]" and "[citation needed]". A space
// left doubled or before punctuation by the removal goes too. Bracketed
// text that is not a reference ("[PDF]", "[sic]") stays. `removed` (when not
// null) receives the number of markers removed. Linear time.
std::string StripCitationMarkers(absl::string_view text, int* removed);

// True when `line` heads a list of sources: "Sources:", "References",
// "Notes:", "Citations", "Bibliography", "Works cited", "Further reading".
bool IsSourceListHeader(absl::string_view line);

// When `line` is an entry of a numbered source list ("[1] Web – Title",
// "1. Title", "- Title", "• Title"), stores the entry without its marker in
// `entry` and returns true.
bool ParseSourceListEntry(absl::string_view line, std::string* entry);

// True when `line` starts with a bracketed reference number ("[3] ...").
bool StartsWithReferenceNumber(absl::string_view line);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_CITATIONS_H_
