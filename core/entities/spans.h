// An entity mention while an article is being analysed: the unit passed
// between discovery, coreference and the extractor.
#ifndef NEWSINDEX_CORE_ENTITIES_SPANS_H_
#define NEWSINDEX_CORE_ENTITIES_SPANS_H_

#include <string>

#include "core/base/article.h"

namespace newsindex {

// How a mention names its entity.
enum class MentionKind {
  kName,     // a full name ("Zamir Kabulov", "Russia")
  kAcronym,  // "ISKP", "UAE"
  kDemonym,  // "Russian", "Afghan"
  kPartial,  // a part of a name used earlier or later ("Kabulov")
  kNested,   // a name inside a longer name ("Afghan" in "Afghan Embassy")
};

struct EntitySpan {
  size_t first = 0;  // first word token (index into the token vector)
  size_t last = 0;   // last word token, inclusive
  std::string id;
  std::string name;
  EntityType type = EntityType::kUnspecified;
  std::string subtype;
  std::string country;  // ISO alpha-2 of a known place's country
  MentionKind kind = MentionKind::kName;
  double confidence = 1.0;  // 0..1; gazetteer matches are 1
  int priority = 0;         // gazetteer priority; 0 when discovered
  bool known = false;       // from the gazetteer
  bool honorific = false;   // a title or honorific came right before
  // Filled by the extractor at the end: offsets in the body.
  int start_byte = 0, end_byte = 0, cp_start = 0, cp_end = 0;
  std::string text;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_SPANS_H_
