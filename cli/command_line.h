// newsctl's command line, read in one place: the command, its arguments,
// and its flags, set through Abseil's flag registry (flags.cc). newsctl
// parses the line itself rather than with absl::ParseCommandLine so that
// --help and --version print newsctl's own texts, and so that every usage
// error (an unknown flag, a bad value, a flag of another command) is
// reported with exit status 2 and the nearest flag name.
#ifndef NEWSINDEX_CLI_COMMAND_LINE_H_
#define NEWSINDEX_CLI_COMMAND_LINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace newsindex::cli {

struct CommandLine {
  std::string command;               // empty when none was given
  std::vector<std::string> args;     // the positional arguments after it
  std::vector<std::string> filters;  // every --filter value, in order
  std::vector<std::string> labels;   // every --label value, in order
  bool help = false;                 // --help or -h anywhere before "--"
  bool version = false;              // --version
  // newsctl flags written after a bare "--" (so taken as arguments), as
  // written; newsctl warns about them.
  std::vector<std::string> flags_after_double_dash;
};

// Reads `argv` (argv[0] is the program). Flags may come before or after the
// arguments and be written with one or two dashes, with '-' or '_' inside,
// "--name=value" or "--name value"; booleans also "--noname". A bare "--"
// ends the flags: everything after it is an argument. An argument that
// starts with '-' but is no flag name ("-corn wheat", with a space) is an
// argument. Sets each flag as it is read. Fails with INVALID_ARGUMENT whose
// message is ready to print (naming the flag, the nearest known one, or the
// command it belongs to) on an unknown flag, a missing or bad value, a
// flag the command does not take, and an unknown command.
absl::StatusOr<CommandLine> ParseNewsctlCommandLine(
    const std::vector<std::string>& argv);

}  // namespace newsindex::cli

#endif  // NEWSINDEX_CLI_COMMAND_LINE_H_
