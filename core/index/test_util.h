// Helpers for core tests: temp directories and synchronous writer calls.
#ifndef NEWSINDEX_CORE_INDEX_TEST_UTIL_H_
#define NEWSINDEX_CORE_INDEX_TEST_UTIL_H_

#include <filesystem>
#include <future>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/index/index_writer.h"
#include "gtest/gtest.h"

namespace newsindex {

// A fresh directory path (not created) under the test temp dir.
inline std::string FreshDbPath(const std::string& label) {
  static int counter = 0;
  std::string path = absl::StrCat(::testing::TempDir(), "/ni-", label, "-",
                                  getpid(), "-", counter++);
  std::filesystem::remove_all(path);
  return path;
}

// `Writer` is IndexWriter or ShardedIndexWriter.
template <typename Writer>
absl::StatusOr<UpsertResult> UpsertSync(Writer& writer,
                                        const Article& article) {
  std::promise<absl::StatusOr<UpsertResult>> promise;
  writer.Upsert(article,
                [&](absl::StatusOr<UpsertResult> r) { promise.set_value(r); });
  return promise.get_future().get();
}

template <typename Writer>
absl::Status DeleteSync(Writer& writer, const std::string& id) {
  std::promise<absl::Status> promise;
  writer.Delete(id, [&](absl::Status s) { promise.set_value(s); });
  return promise.get_future().get();
}

inline Article MakeArticle(const std::string& id, const std::string& title,
                           const std::string& body) {
  Article a;
  a.id = id;
  a.title = title;
  a.body = body;
  return a;
}

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_INDEX_TEST_UTIL_H_
