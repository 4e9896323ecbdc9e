// newsctl: the command-line client of newsindex. This file parses the
// command line and dispatches; the commands are in commands_*.cc, terminal
// rendering in render.cc, search options in filters.cc. docs/newsctl.md is
// the manual.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/filters.h"
#include "server/flag_names.h"

namespace newsindex::cli {
namespace {

constexpr char kUsage[] =
    "newsctl COMMAND [ARGS] [FLAGS]\n"
    "  ingest PATH...       ingest .txt, .html, .json, .jsonl files, "
    "directories, or - (stdin)\n"
    "  analyze FILE         show what ingest would store and remove\n"
    "  search QUERY         full-text and entity search: --limit N, "
    "--page-token T,\n"
    "                       --sort relevance|newest|oldest, --filter "
    "KEY=VALUE (repeatable;\n"
    "                       entity, type, country, source, lang, after, "
    "before), "
    "--facets,\n"
    "                       --interval day|month, --fields id,title,..., "
    "--no-collapse\n"
    "  get ID               print one article\n"
    "  similar ID           articles like this one (--limit N)\n"
    "  delete ID            delete one article\n"
    "  entity NAME          an entity by id, name or alias\n"
    "  suggest PREFIX       entity names starting with PREFIX (--type T, "
    "--limit N)\n"
    "  related NAME         entities co-occurring with NAME (--query Q, "
    "--limit N)\n"
    "  timeline NAME        articles per month or day (--interval, "
    "--query Q)\n"
    "  health [ingest|search]  check both services, or one\n"
    "Flags: --json, --ingest-addr, --search-addr, --timeout SECONDS,\n"
    "  --tls-ca FILE, --tls-cert FILE, --tls-key FILE,\n"
    "  --tls-server-name NAME, --token TOKEN (env NEWSINDEX_TOKEN);\n"
    "  ingest: --verbose, --batch-size N";

int Dispatch(const std::vector<char*>& positional,
             const std::vector<std::string>& filters) {
  if (positional.size() < 2) {
    std::cerr << kUsage << "\n";
    return kExitUsage;
  }
  const std::string command = positional[1];
  const std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (!filters.empty() && command != "search") {
    return UsageError("--filter applies to search only");
  }
  if (command == "ingest") return RunIngest(args);
  if (command == "analyze") return RunAnalyze(args);
  if (command == "search") return RunSearch(args, filters);
  if (command == "get") return RunGet(args);
  if (command == "similar") return RunSimilar(args);
  if (command == "delete") return RunDelete(args);
  if (command == "entity") return RunEntity(args);
  if (command == "suggest") return RunSuggest(args);
  if (command == "related") return RunRelated(args);
  if (command == "timeline") return RunTimeline(args);
  if (command == "health") return RunHealth(args);
  std::cerr << "newsctl: unknown command \"" << command << "\"\n"
            << kUsage << "\n";
  return kExitUsage;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> pointers;
  std::vector<std::string> args = UnderscoreFlagNames(argc, argv, &pointers);
  // --filter may repeat; absl would keep only the last one.
  std::vector<std::string> filters;
  if (absl::Status s = ExtractRepeatedFlag("filter", &args, &filters);
      !s.ok()) {
    return UsageError(s.message());
  }
  pointers.clear();
  for (std::string& arg : args) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(args.size()), pointers.data());
  return Dispatch(positional, filters);
}

}  // namespace
}  // namespace newsindex::cli

int main(int argc, char** argv) { return newsindex::cli::Main(argc, argv); }
