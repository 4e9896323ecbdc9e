#include "server/build_info.h"

#include "absl/strings/str_cat.h"

#ifndef NEWSINDEX_VERSION
#define NEWSINDEX_VERSION "unknown"
#endif
#ifndef NEWSINDEX_COMMIT
#define NEWSINDEX_COMMIT "unknown"
#endif
#ifndef NEWSINDEX_BUILD_TYPE
#define NEWSINDEX_BUILD_TYPE "unknown"
#endif

namespace newsindex {

BuildInfoText CurrentBuild() {
  return {NEWSINDEX_VERSION, NEWSINDEX_COMMIT, NEWSINDEX_BUILD_TYPE};
}

std::string VersionLine(const std::string& program) {
  const BuildInfoText build = CurrentBuild();
  return absl::StrCat(program, " ", build.version, " (commit ", build.commit,
                      ", ", build.build_type, " build)");
}

}  // namespace newsindex
