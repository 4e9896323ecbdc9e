#include "cli/command_line.h"

#include <algorithm>
#include <optional>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/help.h"
#include "server/flag_names.h"

namespace newsindex::cli {
namespace {

std::string Dashed(absl::string_view name) {
  std::string out = absl::StrCat("--", name);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

// A flag name is letters, digits, '-' and '_'; "-corn wheat" is a query.
bool IsFlagName(absl::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_isalnum(c) || c == '_' || c == '-';
  });
}

absl::Status UnknownFlag(absl::string_view written, const FlagArgument& flag) {
  const std::string& name = flag.name;
  std::vector<std::string> known;
  for (const FlagInfo& flag : AllFlags()) known.push_back(flag.name);
  std::string message = absl::StrCat("unknown flag ", written);
  if (const std::string near = Nearest(name, known); !near.empty()) {
    absl::StrAppend(&message, " (did you mean ", Dashed(near), "?)");
  }
  if (!flag.double_dash) {
    // Most likely a query word: "-corn" is a NOT.
    absl::StrAppend(&message,
                    "; a query word starting with '-' goes after --: "
                    "newsctl search -- ",
                    written, " ...");
  }
  absl::StrAppend(&message, "; newsctl help lists the flags");
  return absl::InvalidArgumentError(message);
}

class Parser {
 public:
  absl::StatusOr<CommandLine> Run(const std::vector<std::string>& argv) {
    for (i_ = 1; i_ < argv.size(); ++i_) {
      const std::string& arg = argv[i_];
      if (arg == "--" && !double_dash_) {
        double_dash_ = true;
        continue;
      }
      std::optional<FlagArgument> flag =
          double_dash_ ? std::nullopt : ParseFlagArgument(arg);
      if (double_dash_) NoteFlagAfterDoubleDash(arg);
      if (!flag.has_value() || !IsFlagName(flag->name)) {
        Positional(arg);
        continue;
      }
      if (absl::Status s = Flag(arg, *flag, argv); !s.ok()) return s;
    }
    if (absl::Status s = CheckCommand(); !s.ok()) return s;
    return std::move(line_);
  }

 private:
  void Positional(const std::string& arg) {
    if (line_.command.empty()) {
      line_.command = arg;
    } else {
      line_.args.push_back(arg);
    }
  }

  void NoteFlagAfterDoubleDash(const std::string& arg) {
    std::optional<FlagArgument> flag = ParseFlagArgument(arg);
    if (flag.has_value() && FindFlag(flag->name) != nullptr) {
      line_.flags_after_double_dash.push_back(arg);
    }
  }

  absl::Status Flag(const std::string& written, const FlagArgument& flag,
                    const std::vector<std::string>& argv) {
    if (flag.name == "help" || flag.name == "h" || flag.name == "helpfull") {
      line_.help = true;
      return absl::OkStatus();
    }
    if (flag.name == "version") {
      line_.version = true;
      return absl::OkStatus();
    }
    std::string name = flag.name;
    const FlagInfo* info = FindFlag(name);
    bool negated = false;
    if (info == nullptr && absl::StartsWith(name, "no")) {
      const FlagInfo* positive = FindFlag(name.substr(2));
      if (positive != nullptr && *positive->value == '\0') {
        info = positive;
        negated = true;
        name = name.substr(2);
      }
    }
    if (info == nullptr) {
      return UnknownFlag(written.substr(0, written.find('=')), flag);
    }
    given_.push_back(name);
    const bool boolean = *info->value == '\0';
    std::string value;
    if (flag.value.has_value()) {
      value = *flag.value;
    } else if (boolean) {
      value = negated ? "false" : "true";
    } else if (i_ + 1 < argv.size()) {
      value = argv[++i_];
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(Dashed(name), " needs a value (", Dashed(name), " ",
                       info->value, ")"));
    }
    if (name == "filter") {
      line_.filters.push_back(value);
      return absl::OkStatus();
    }
    absl::CommandLineFlag* registered = absl::FindCommandLineFlag(name);
    std::string error;
    if (registered == nullptr || !registered->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad value for ", Dashed(name), ": \"", value, "\"",
                       error.empty() ? "" : absl::StrCat(" (", error, ")")));
    }
    return absl::OkStatus();
  }

  // The command exists and takes every flag given.
  absl::Status CheckCommand() const {
    if (line_.command.empty() || line_.help || line_.version) {
      return absl::OkStatus();
    }
    const CommandInfo* command = FindCommand(line_.command);
    if (command == nullptr) {
      std::vector<std::string> names;
      for (const CommandInfo& c : Commands()) names.push_back(c.name);
      std::string message =
          absl::StrCat("unknown command \"", line_.command, "\"");
      if (const std::string near = Nearest(line_.command, names);
          !near.empty()) {
        absl::StrAppend(&message, " (did you mean ", near, "?)");
      }
      absl::StrAppend(&message, "; newsctl help lists the commands");
      return absl::InvalidArgumentError(message);
    }
    for (const std::string& name : given_) {
      const auto& common = CommonFlags();
      if (std::any_of(common.begin(), common.end(),
                      [&](const FlagInfo& f) { return name == f.name; }) ||
          std::find(command->flags.begin(), command->flags.end(), name) !=
              command->flags.end()) {
        continue;
      }
      const std::string takers = CommandsTaking(name);
      return absl::InvalidArgumentError(absl::StrCat(
          Dashed(name), " applies to ", takers,
          takers.find(',') == std::string::npos ? " only" : "", ", not to ",
          command->name, " (newsctl help ", command->name, ")"));
    }
    return absl::OkStatus();
  }

  size_t i_ = 1;
  bool double_dash_ = false;
  CommandLine line_;
  std::vector<std::string> given_;  // canonical names of the flags given
};

}  // namespace

absl::StatusOr<CommandLine> ParseNewsctlCommandLine(
    const std::vector<std::string>& argv) {
  return Parser().Run(argv);
}

}  // namespace newsindex::cli
