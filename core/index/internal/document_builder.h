// Article -> Xapian::Document, following schema.h.
#ifndef NEWSINDEX_CORE_INDEX_INTERNAL_DOCUMENT_BUILDER_H_
#define NEWSINDEX_CORE_INDEX_INTERNAL_DOCUMENT_BUILDER_H_

#include "absl/status/status.h"
#include "core/base/article.h"
#include "core/index/analyzer.h"
#include "xapian.h"

namespace newsindex {

// Builds the document for `article`: data, unique id term, free-text terms
// with positions (title, also under S, and body; stemmed as the article's
// language is, core/index/analyzer.h), boolean
// filter terms and value slots. Not thread-safe per instance (it owns a
// Xapian::TermGenerator); use one per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();
  // The returned document shares nothing with the builder, so it may be
  // handed to another thread.
  Xapian::Document Build(const Article& article);

 private:
  Analyzer analyzer_;
  Xapian::TermGenerator generator_;
};

// INVALID_ARGUMENT naming the first term of `doc` longer than
// schema::kMaxTermBytes (quoting at most its first 100 bytes); Xapian would
// refuse it, and drop the batch's uncommitted changes with it.
absl::Status CheckTermLengths(const Xapian::Document& doc);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_INTERNAL_DOCUMENT_BUILDER_H_
