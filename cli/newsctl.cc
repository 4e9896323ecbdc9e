// newsctl: the command-line client of newsindex. This file parses the
// command line and dispatches; the commands are in commands_*.cc, terminal
// rendering in render.cc, search options in filters.cc, the command line
// in command_line.cc and the help texts in help.cc. docs/newsctl.md is the
// manual.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/help.h"

namespace newsindex::cli {
namespace {

int Dispatch(const CommandLine& line) {
  const std::string& command = line.command;
  const std::vector<std::string>& args = line.args;
  if (command == "ingest") return RunIngest(args, line.labels);
  if (command == "analyze") return RunAnalyze(args);
  if (command == "search") return RunSearch(args, line.filters);
  if (command == "get") return RunGet(args);
  if (command == "similar") return RunSimilar(args);
  if (command == "stories") return RunStories(args, line.filters);
  if (command == "story") return RunStory(args);
  if (command == "delete") return RunDelete(args);
  if (command == "entity") return RunEntity(args);
  if (command == "suggest") return RunSuggest(args);
  if (command == "related") return RunRelated(args);
  if (command == "timeline") return RunTimeline(args);
  if (command == "health") return RunHealth(args);
  if (command == "watch") return RunWatch(args, line.filters);
  return UsageError(absl::StrCat("unknown command \"", command, "\""));
}

// `newsctl help [COMMAND]`, `newsctl [COMMAND] --help`.
int Help(const CommandLine& line) {
  std::string topic = line.command == "help" ? "" : line.command;
  if (line.command == "help" && !line.args.empty()) topic = line.args[0];
  if (topic.empty()) {
    std::cout << GeneralHelp();
    return kExitOk;
  }
  const CommandInfo* command = FindCommand(topic);
  if (command == nullptr) {
    std::cerr << "newsctl: no command \"" << topic << "\"\n" << GeneralHelp();
    return kExitUsage;
  }
  std::cout << CommandHelp(*command);
  return kExitOk;
}

int Main(int argc, char** argv) {
  absl::StatusOr<CommandLine> line =
      ParseNewsctlCommandLine(std::vector<std::string>(argv, argv + argc));
  if (!line.ok()) return UsageError(line.status().message());
  if (line->version) {
    std::cout << VersionText() << "\n";
    return kExitOk;
  }
  if (line->help || line->command == "help") return Help(*line);
  if (line->command.empty()) {
    std::cerr << GeneralHelp();
    return kExitUsage;
  }
  // "search -- -corn --limit 3": the flag is query text now; say so.
  for (const std::string& flag : line->flags_after_double_dash) {
    std::cerr << "newsctl: note: " << flag
              << " comes after -- and is taken as an argument, not a flag; "
                 "put flags before --\n";
  }
  return Dispatch(*line);
}

}  // namespace
}  // namespace newsindex::cli

int main(int argc, char** argv) { return newsindex::cli::Main(argc, argv); }
