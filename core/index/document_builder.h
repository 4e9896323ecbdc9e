// Article -> Xapian::Document, following schema.h.
#ifndef NEWSINDEX_CORE_INDEX_DOCUMENT_BUILDER_H_
#define NEWSINDEX_CORE_INDEX_DOCUMENT_BUILDER_H_

#include "core/base/article.h"
#include "xapian.h"

namespace newsindex {

// Builds the document for `article`: data, unique id term, free-text terms
// with positions (title, also under S, and body; English stemming), boolean
// filter terms and value slots. Not thread-safe per instance (it owns a
// Xapian::TermGenerator); use one per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();
  // The returned document shares nothing with the builder, so it may be
  // handed to another thread.
  Xapian::Document Build(const Article& article);

 private:
  Xapian::TermGenerator generator_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_DOCUMENT_BUILDER_H_
