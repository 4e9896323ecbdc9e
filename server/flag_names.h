// Command-line flag names, read one way for every binary: one or two
// leading dashes (as Abseil accepts), and '-' and '_' alike inside a name,
// so that --log-level and --log_level are the same flag.
#ifndef NEWSINDEX_SERVER_FLAG_NAMES_H_
#define NEWSINDEX_SERVER_FLAG_NAMES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsindex {

// The canonical spelling of a flag name: dashes as underscores
// ("geonames-cities" -> "geonames_cities").
std::string CanonicalFlagName(absl::string_view name);

// One command-line argument read as a flag.
struct FlagArgument {
  std::string name;  // canonical (see CanonicalFlagName)
  // The text after the first '=' ("--db=/x" -> "/x"); nullopt when the
  // argument has no '=' (the value, if any, is the next argument).
  std::optional<std::string> value;
  bool double_dash = false;  // spelled "--name" rather than "-name"
};

// The flag `arg` spells: "--name", "-name", "--name=value". nullopt for
// positional arguments, "-", "--" (the end of flags) and "--=x".
std::optional<FlagArgument> ParseFlagArgument(absl::string_view arg);

// Rewrites each "--some-flag[=value]" argument to "--some_flag[=value]"
// for Abseil's parser (only the name; values, single-dash arguments and
// positional arguments are kept, and nothing after a bare "--" is
// touched). The returned strings own the text; `pointers` receives
// argv-style pointers into them, null-terminated.
std::vector<std::string> UnderscoreFlagNames(int argc, char** argv,
                                             std::vector<char*>* pointers);

// Every value of the repeatable command-line flag `name` in argv, in order:
// "--name=a,b", "--name a", "-name=a", repeated any number of times, with
// '-' and '_' alike in the name ("geonames-cities" = "geonames_cities").
// Stops at "--".
std::vector<std::string> RepeatedFlagValues(int argc, char** argv,
                                            absl::string_view name);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_FLAG_NAMES_H_
