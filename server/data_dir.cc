#include "server/data_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"

#ifndef NEWSINDEX_SOURCE_DATA_DIR
#define NEWSINDEX_SOURCE_DATA_DIR "data"
#endif

namespace newsindex {

std::string DefaultEntityDataDir(const char* argv0) {
  if (const char* env = std::getenv("NEWSINDEX_DATA_DIR");
      env != nullptr && *env != '\0') {
    return absl::StrCat(env, "/entities");
  }
  std::error_code ec;
  if (argv0 != nullptr) {
    std::filesystem::path exe = std::filesystem::canonical(argv0, ec);
    if (!ec) {
      std::filesystem::path installed =
          exe.parent_path().parent_path() / "share" / "newsindex" / "entities";
      if (std::filesystem::exists(installed / "curated.jsonl", ec)) {
        return installed.string();
      }
    }
  }
  return absl::StrCat(NEWSINDEX_SOURCE_DATA_DIR, "/entities");
}

}  // namespace newsindex
