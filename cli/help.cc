#include "cli/help.h"

#include <algorithm>
#include <numeric>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/build_info.h"

namespace newsindex::cli {
namespace {

const std::vector<FlagInfo>& Common() {
  static const auto* flags = new std::vector<FlagInfo>{
      {"json", ""},
      {"ingest_addr", "ADDR"},
      {"search_addr", "ADDR"},
      {"timeout", "SECONDS"},
      {"tls_ca", "FILE"},
      {"tls_cert", "FILE"},
      {"tls_key", "FILE"},
      {"tls_server_name", "NAME"},
      {"token", "TOKEN"},
      {"verbose", ""},
      {"help", ""},
      {"version", ""},
  };
  return *flags;
}

const std::vector<FlagInfo>& CommandOnly() {
  static const auto* flags = new std::vector<FlagInfo>{
      {"batch_size", "N"},         {"limit", "N"},
      {"page_token", "TOKEN"},     {"sort", "ORDER"},
      {"filter", "KEY=VALUE"},     {"facets", ""},
      {"fields", "LIST"},          {"no_collapse", ""},
      {"interval", "day|month"},   {"type", "TYPE"},
      {"query", "QUERY"},          {"label", "KEY=VALUE"},
      {"from", "now|CURSOR|TIME"}, {"max_events", "N"},
  };
  return *flags;
}

std::string Dashed(absl::string_view name) {
  std::string out = absl::StrCat("--", name);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

// "  --limit N    results per page (default 10)".
std::string FlagLine(const FlagInfo& flag) {
  std::string spelled = Dashed(flag.name);
  if (*flag.value != '\0') absl::StrAppend(&spelled, " ", flag.value);
  std::string help;
  if (absl::string_view(flag.name) == "help") {
    help = "print help (newsctl help COMMAND: one command's)";
  } else if (absl::string_view(flag.name) == "version") {
    help = "print the version, commit and build type";
  } else if (const absl::CommandLineFlag* f =
                 absl::FindCommandLineFlag(flag.name)) {
    help = f->Help();
    const std::string fallback = f->DefaultValue();
    if (!fallback.empty() && fallback != "false" && fallback != "0") {
      absl::StrAppend(&help, " (default ", fallback, ")");
    }
  }
  const size_t column = 26;
  std::string line = absl::StrCat("  ", spelled);
  line += line.size() + 2 <= column ? std::string(column - line.size(), ' ')
                                    : "\n" + std::string(column, ' ');
  return absl::StrCat(line, help, "\n");
}

constexpr char kExitCodes[] =
    "Exit status: 0 all done (ingest: every article stored), 1 something "
    "failed\n(ingest: some articles were not stored, each named on stderr; "
    "or a call failed),\n2 usage error (unknown command or flag, bad "
    "value).\n";

constexpr char kDoubleDash[] =
    "Flags may come before or after the arguments. A bare -- ends the "
    "flags:\neverything after it is an argument, even words that look like "
    "flags, so\nput flags before it: newsctl search --limit 3 -- -corn "
    "wheat\n";

// stories and story (docs/stories.md).
std::vector<CommandInfo> StoryCommands() {
  return {
      {"stories",
       "[QUERY]",
       "stories (one event, many outlets): headline, size, sources, dates",
       {"limit", "page_token", "sort", "filter"},
       {"--sort latest (default), largest or trending (most articles in the "
        "last day).",
        "--filter as for search; after/before set the time window."},
       {"newsctl stories", "newsctl stories Taliban --sort largest",
        "newsctl stories --filter after=2025-05-01 --sort trending"}},
      {"story",
       "ID",
       "one story and its articles, newest first",
       {"limit", "page_token"},
       {},
       {"newsctl story s0123456789abcdef"}},
  };
}

// `commands` with StoryCommands() after "similar".
std::vector<CommandInfo>* WithStories(std::vector<CommandInfo>* commands) {
  auto similar = std::find_if(
      commands->begin(), commands->end(),
      [](const CommandInfo& c) { return std::string(c.name) == "similar"; });
  std::vector<CommandInfo> stories = StoryCommands();
  commands->insert(similar == commands->end() ? similar : similar + 1,
                   stories.begin(), stories.end());
  return commands;
}

}  // namespace

namespace {

// The watch command's entry (commands_watch.cc).
CommandInfo WatchCommand() {
  return {"watch",
          "[QUERY]",
          "stream changes to matching articles as they commit",
          {"from", "filter", "fields", "max_events"},
          {"A line per event: ADDED, UPDATED or DELETED, the id, the title and "
           "the event's cursor",
           "(--json: one JSON object per line). No QUERY: every change. Runs "
           "until interrupted;",
           "then prints the last cursor to stderr: --from CURSOR resumes right "
           "after it",
           "(docs/watch.md)."},
          {"newsctl watch kestrel", "newsctl watch --from 2026-12-01 --json",
           "newsctl watch 'entity:iskp' --from w1:120"}};
}

}  // namespace

const std::vector<CommandInfo>& Commands() {
  static const std::vector<
      CommandInfo>* commands = WithStories(new std::vector<CommandInfo>{
      {"ingest",
       "PATH...",
       "ingest .txt, .html, .json, .jsonl files, directories, or - (stdin)",
       {"batch_size", "label"},
       {"A .txt file is plain text: normalization finds the title (usually "
        "its first line).",
        "Bytes that are not UTF-8 are sent as raw bytes; the service "
        "decodes them and warns.",
        "Every file or record that is not stored gets one line on stderr "
        "naming it",
        "(path, path:LINE for JSON Lines, path[INDEX] for a JSON array) and "
        "why; the others",
        "are still sent. Records over the service's article size limit are "
        "refused",
        "locally. Exit status 1 when anything was not stored."},
       {"newsctl ingest examples/", "newsctl ingest feed.jsonl --verbose",
        "cat page.html | newsctl ingest -"}},
      {"analyze",
       "FILE",
       "show what ingest would store and what it would remove",
       {},
       {},
       {"newsctl analyze page.html", "newsctl analyze cafe.txt --json"}},
      {"search",
       "QUERY",
       "full-text and entity search",
       {"limit", "page_token", "sort", "filter", "facets", "interval", "fields",
        "no_collapse"},
       {"Query fields: title: author: source: lang: entity: person: org: "
        "place: event:",
        "country: and date:FROM..TO; AND, OR, NOT, \"phrases\", NEAR, "
        "wildcards (wheat*).",
        "--filter keys: entity, type, country, source, lang, after, before "
        "(repeatable;",
        "values of one key are ORed). QUERY may be left out when a --filter "
        "is given.",
        "Scores are shown for relevance order only."},
       {"newsctl search wheat --limit 5",
        "newsctl search 'place:Kazakhstan title:summit' --json",
        "newsctl search wheat --sort newest --filter country=KZ --filter "
        "after=2025-05-01",
        "newsctl search 'grain corridor' --facets --interval day",
        "newsctl search --limit 3 -- -corn wheat"}},
      {"get",
       "ID",
       "print one article with its entities",
       {},
       {},
       {"newsctl get u-1f2e3d4c5b6a7988a1b2c3d4", "newsctl get ID --json"}},
      {"similar",
       "ID",
       "articles like this one",
       {"limit"},
       {},
       {"newsctl similar ID --limit 5"}},
      {"delete", "ID", "delete one article", {}, {}, {"newsctl delete ID"}},
      {"entity",
       "NAME",
       "an entity by id, name or alias",
       {},
       {},
       {"newsctl entity Russia", "newsctl entity country:ru"}},
      {"suggest",
       "PREFIX",
       "entity names starting with PREFIX",
       {"type", "limit"},
       {},
       {"newsctl suggest Kaz --type location"}},
      {"related",
       "NAME",
       "entities co-occurring with NAME (by NPMI)",
       {"query", "limit"},
       {},
       {"newsctl related Russia --query wheat"}},
      {"timeline",
       "NAME",
       "articles per month or day that mention NAME",
       {"interval", "query"},
       {},
       {"newsctl timeline Russia --interval day"}},
      WatchCommand(),
      {"health",
       "[ingest|search]",
       "check both services, or one",
       {},
       {},
       {"newsctl health", "newsctl health search"}},
      {"help",
       "[COMMAND]",
       "this help, or one command's",
       {},
       {},
       {"newsctl help search"}},
  });
  return *commands;
}

const CommandInfo* FindCommand(absl::string_view name) {
  for (const CommandInfo& command : Commands()) {
    if (name == command.name) return &command;
  }
  return nullptr;
}

const std::vector<FlagInfo>& CommonFlags() { return Common(); }

const std::vector<FlagInfo>& AllFlags() {
  static const auto* all = [] {
    auto* flags = new std::vector<FlagInfo>(Common());
    flags->insert(flags->end(), CommandOnly().begin(), CommandOnly().end());
    return flags;
  }();
  return *all;
}

const FlagInfo* FindFlag(absl::string_view name) {
  for (const FlagInfo& flag : AllFlags()) {
    if (name == flag.name) return &flag;
  }
  return nullptr;
}

std::string CommandsTaking(absl::string_view name) {
  std::vector<std::string> names;
  for (const CommandInfo& command : Commands()) {
    for (const char* flag : command.flags) {
      if (name == flag) names.push_back(command.name);
    }
  }
  return absl::StrJoin(names, ", ");
}

std::string GeneralHelp() {
  std::string out =
      "newsctl: the command-line client of newsindex.\n\n"
      "Usage: newsctl COMMAND [ARGS] [FLAGS]\n\nCommands:\n";
  for (const CommandInfo& command : Commands()) {
    std::string left = absl::StrCat("  ", command.name, " ", command.arguments);
    left.resize(std::max<size_t>(left.size() + 1, 26), ' ');
    absl::StrAppend(&out, left, command.summary, "\n");
  }
  absl::StrAppend(&out, "\nFlags of every command:\n");
  for (const FlagInfo& flag : Common()) absl::StrAppend(&out, FlagLine(flag));
  absl::StrAppend(&out,
                  "\nnewsctl help COMMAND (or newsctl COMMAND --help) lists a "
                  "command's own flags\nand examples. Manual: "
                  "docs/newsctl.md.\n\n",
                  kDoubleDash, "\n", kExitCodes);
  return out;
}

std::string CommandHelp(const CommandInfo& command) {
  std::string out =
      absl::StrCat("Usage: newsctl ", command.name, " ", command.arguments,
                   " [FLAGS]\n\n", command.summary, "\n");
  if (!command.details.empty()) {
    absl::StrAppend(&out, "\n", absl::StrJoin(command.details, "\n"), "\n");
  }
  if (!command.flags.empty()) {
    absl::StrAppend(&out, "\nFlags:\n");
    for (const char* name : command.flags) {
      absl::StrAppend(&out, FlagLine(*FindFlag(name)));
    }
  }
  absl::StrAppend(&out,
                  "\nFlags of every command: --json, --ingest-addr, "
                  "--search-addr, --timeout, --tls-ca,\n--tls-cert, "
                  "--tls-key, --tls-server-name, --token, --verbose (newsctl "
                  "help).\n");
  if (!command.examples.empty()) {
    absl::StrAppend(&out, "\nExamples:\n");
    for (const char* example : command.examples) {
      absl::StrAppend(&out, "  ", example, "\n");
    }
  }
  absl::StrAppend(&out, "\n", kDoubleDash);
  return out;
}

std::string VersionText() { return VersionLine("newsctl"); }

std::string Nearest(absl::string_view word,
                    const std::vector<std::string>& known) {
  // Levenshtein distance, one row at a time.
  const auto distance = [](absl::string_view a, absl::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        const size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                           diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  };
  std::string best;
  size_t best_distance = 3;  // at most 2 edits
  for (const std::string& candidate : known) {
    const size_t d = distance(word, candidate);
    if (d < best_distance && 2 * d < word.size()) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace newsindex::cli
