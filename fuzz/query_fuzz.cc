// Fuzzes the query language: the syntax check and the Xapian query built
// from it (no database: no synonyms or wildcard expansion).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/search/query_builder.h"
#include "core/search/query_syntax.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  (void)newsindex::CheckQuerySyntax(query);
  static newsindex::QueryBuilder* builder =
      new newsindex::QueryBuilder(/*resolver=*/nullptr);
  absl::StatusOr<newsindex::BuiltQuery> built =
      builder->Build(/*db=*/nullptr, query, newsindex::SearchFilter{});
  if (built.ok()) (void)built->query.get_description();
  return 0;
}
