#include "server/flag_names.h"

namespace newsindex {

std::vector<std::string> UnderscoreFlagNames(int argc, char** argv,
                                             std::vector<char*>* pointers) {
  std::vector<std::string> args(argv, argv + argc);
  bool flags_ended = false;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string& arg = args[i];
    if (arg == "--") flags_ended = true;
    if (flags_ended || arg.size() < 3 || arg.compare(0, 2, "--") != 0) continue;
    const size_t name_end = arg.find('=');
    for (size_t j = 2; j < std::min(name_end, arg.size()); ++j) {
      if (arg[j] == '-') arg[j] = '_';
    }
  }
  pointers->clear();
  for (std::string& arg : args) pointers->push_back(arg.data());
  pointers->push_back(nullptr);
  return args;
}

}  // namespace newsindex
