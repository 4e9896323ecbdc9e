// newsctl's commands and flags as data: which flags each command takes, a
// synopsis and examples per command, and the help and version texts made
// from them. The flags' one-line descriptions come from their ABSL_FLAG
// definitions (flags.cc), so the help cannot drift from the code.
#ifndef NEWSINDEX_CLI_HELP_H_
#define NEWSINDEX_CLI_HELP_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsindex::cli {

struct FlagInfo {
  const char* name;   // canonical (underscores), as in flags.cc
  const char* value;  // placeholder for the value ("N"); empty for booleans
};

struct CommandInfo {
  const char* name;
  const char* arguments;              // "QUERY", "PATH..."
  const char* summary;                // one line
  std::vector<const char*> flags;     // command flags, beyond the common ones
  std::vector<const char*> details;   // lines of explanation
  std::vector<const char*> examples;  // full command lines
};

// Every command, in the order `newsctl help` lists them.
const std::vector<CommandInfo>& Commands();

// The command called `name`, or null.
const CommandInfo* FindCommand(absl::string_view name);

// Flags every command takes (connection, output, --help), then every flag
// newsctl has.
const std::vector<FlagInfo>& CommonFlags();
const std::vector<FlagInfo>& AllFlags();

// The flag whose canonical name is `name`, or null.
const FlagInfo* FindFlag(absl::string_view name);

// Names of the commands that take the flag `name` ("search, similar").
std::string CommandsTaking(absl::string_view name);

// `newsctl help`: the commands, the common flags, exit codes and `--`.
std::string GeneralHelp();

// `newsctl help COMMAND` / `newsctl COMMAND --help`.
std::string CommandHelp(const CommandInfo& command);

// "newsctl 0.1.0 (commit 1a2b3c4d5e6f, Release build)".
std::string VersionText();

// The known name nearest to `word` by edit distance, when it is close
// enough to be a likely typo (at most 2 edits, and fewer than half of the
// word's letters); empty otherwise.
std::string Nearest(absl::string_view word,
                    const std::vector<std::string>& known);

}  // namespace newsindex::cli

#endif  // NEWSINDEX_CLI_HELP_H_
