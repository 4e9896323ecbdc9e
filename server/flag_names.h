// Lets command lines spell flags with dashes (--log-level) as well as
// Abseil's underscores (--log_level).
#ifndef NEWSINDEX_SERVER_FLAG_NAMES_H_
#define NEWSINDEX_SERVER_FLAG_NAMES_H_

#include <string>
#include <vector>

namespace newsindex {

// Rewrites each "--some-flag[=value]" argument to "--some_flag[=value]"
// (only the name; values and positional arguments are kept, and nothing
// after a bare "--" is touched). The returned strings own the text;
// `pointers` receives argv-style pointers into them, null-terminated.
std::vector<std::string> UnderscoreFlagNames(int argc, char** argv,
                                             std::vector<char*>* pointers);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_FLAG_NAMES_H_
