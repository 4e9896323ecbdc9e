// The build's identity, for --version: the project version, the git commit
// it was configured from, and the CMake build type.

#ifndef NEWSINDEX_SERVER_BUILD_INFO_H_
#define NEWSINDEX_SERVER_BUILD_INFO_H_

#include <string>

namespace newsindex {

struct BuildInfoText {
  std::string version;     // "0.1.0"
  std::string commit;      // 12 hex digits, or "unknown"
  std::string build_type;  // "Release", "Debug", "RelWithDebInfo", ...
};

BuildInfoText CurrentBuild();

// "<program> <version> (commit <commit>, <build type> build)".
std::string VersionLine(const std::string& program);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_BUILD_INFO_H_
