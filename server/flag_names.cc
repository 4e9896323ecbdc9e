#include "server/flag_names.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newsindex {

std::string CanonicalFlagName(absl::string_view name) {
  return absl::StrReplaceAll(name, {{"-", "_"}});
}

std::optional<FlagArgument> ParseFlagArgument(absl::string_view arg) {
  FlagArgument flag;
  flag.double_dash = absl::ConsumePrefix(&arg, "--");
  if (!flag.double_dash && !absl::ConsumePrefix(&arg, "-")) return std::nullopt;
  const size_t eq = arg.find('=');
  const absl::string_view name = arg.substr(0, eq);
  if (name.empty()) return std::nullopt;
  flag.name = CanonicalFlagName(name);
  if (eq != absl::string_view::npos)
    flag.value = std::string(arg.substr(eq + 1));
  return flag;
}

std::vector<std::string> UnderscoreFlagNames(int argc, char** argv,
                                             std::vector<char*>* pointers) {
  std::vector<std::string> args(argv, argv + argc);
  for (size_t i = 1; i < args.size(); ++i) {
    std::string& arg = args[i];
    if (arg == "--") break;
    std::optional<FlagArgument> flag = ParseFlagArgument(arg);
    if (!flag.has_value() || !flag->double_dash) continue;
    arg = flag->value.has_value()
              ? absl::StrCat("--", flag->name, "=", *flag->value)
              : absl::StrCat("--", flag->name);
  }
  pointers->clear();
  for (std::string& arg : args) pointers->push_back(arg.data());
  pointers->push_back(nullptr);
  return args;
}

std::vector<std::string> RepeatedFlagValues(int argc, char** argv,
                                            absl::string_view name) {
  const std::string want = CanonicalFlagName(name);
  std::vector<std::string> values;
  for (int i = 1; i < argc; ++i) {
    if (absl::string_view(argv[i]) == "--") break;
    std::optional<FlagArgument> flag = ParseFlagArgument(argv[i]);
    if (!flag.has_value() || flag->name != want) continue;
    std::string value;
    if (flag->value.has_value()) {
      value = *std::move(flag->value);
    } else if (i + 1 < argc) {
      value = argv[++i];
    }
    for (absl::string_view v : absl::StrSplit(value, ',', absl::SkipEmpty())) {
      values.emplace_back(v);
    }
  }
  return values;
}

}  // namespace newsindex
