// Kinds of line the boilerplate classifier recognises: menus and
// breadcrumbs, bylines, copyright lines, date lines, domain lines and
// section labels. Pure functions, thread-safe.

#ifndef NEWSINDEX_CORE_NORMALIZE_LINE_KINDS_H_
#define NEWSINDEX_CORE_NORMALIZE_LINE_KINDS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace newsindex {

// A menu or breadcrumb: three or more items of at most four words joined
// by separators ("Home | News | Business", "Cricket > Tri-Series > Report",
// "Home › Power & Grids › Central Asia"), or a line of share buttons
// ("Share: Facebook Twitter WhatsApp").
bool IsMenuLine(absl::string_view text);

// A byline: "By Jane Doe", "By JANE DOE and John Roe | Reuters", "Written
// by ...", "Author: ...", "Reporting by Jane Doe; Editing by John Roe". The
// author (the first named person) when `text` is one; empty for a byline
// that names a role ("By Our Sports Reporter", "By Staff Correspondent").
std::optional<std::string> ParseByline(absl::string_view text);

// The holder of a copyright line: "© 2026 The Savannah Ledger. All rights
// reserved." -> "The Savannah Ledger"; empty when `text` is not one.
std::string CopyrightHolder(absl::string_view text);

// A date line: "Updated on", "Published 29 May 2026, 10:30", "Last updated:
// ...", or a line that is only a date and time. `published` tells whether
// it states publication (rather than an update).
bool IsDateLine(absl::string_view text, bool* published);

// A line that is only a domain or URL ("interbellumnews.com",
// "https://www.example.org/"); `domain` receives the host without "www.".
bool IsDomainLine(absl::string_view text, std::string* domain);

// A section label such as "Introduction", "Story Snapshot", "Key points",
// alone or heading a line ("Introduction: A Diplomatic Shift"); `rest`
// receives the text after the label's colon (empty when none).
bool IsSectionLabel(absl::string_view text, std::string* rest);

// A header over links to other stories: "Read more:", "Related",
// "Also in this section", "Trending Now", "You may also like".
bool IsRelatedHeader(absl::string_view text);

// A line that is page furniture however it is laid out (a date line, a
// byline, share buttons, furniture vocabulary): never a table row.
bool IsFurnitureRow(absl::string_view text);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_NORMALIZE_LINE_KINDS_H_
