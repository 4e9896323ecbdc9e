// The services' --help and --version: each service's own flags in the
// README's groups, without Abseil's internals, and the build's identity.
// Read before Abseil parses the command line, so that --help never prints
// Abseil's "No flags matched" and --version never its default text.
#ifndef NEWSINDEX_SERVER_SERVICE_HELP_H_
#define NEWSINDEX_SERVER_SERVICE_HELP_H_

#include <string>
#include <vector>

namespace newsindex {

struct FlagGroup {
  std::string title;
  std::vector<std::string> flags;  // canonical names ("max_streams")
};

// The flag groups both services have, as the README's flag table lists them.
std::vector<FlagGroup> SharedFlagGroups();

// The --help text of `service`: usage, then each group of `SharedFlagGroups`
// followed by `own_groups`, every flag with its default and help. Flags a
// group names that the binary does not define are left out.
std::string ServiceHelp(const std::string& service,
                        const std::string& description,
                        const std::vector<FlagGroup>& own_groups);

// When argv asks for --help (-h, --helpshort) or --version before any
// "--", prints the answer and exits 0; otherwise returns. --helpfull stays
// Abseil's full list of every flag linked in.
void AnswerHelpOrVersion(int argc, char** argv, const std::string& service,
                         const std::string& description,
                         const std::vector<FlagGroup>& own_groups);

}  // namespace newsindex

#endif  // NEWSINDEX_SERVER_SERVICE_HELP_H_
