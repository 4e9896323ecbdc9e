// newsctl's commands. Each takes the positional arguments after the command
// name, reads its flags (flags.h), prints to stdout (JSON with --json) and
// returns the process exit code: 0 ok, 1 failure, 2 usage error.
#ifndef NEWSINDEX_CLI_COMMANDS_H_
#define NEWSINDEX_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace newsindex::cli {

// commands_ingest.cc: IngestService.
// `labels`: --label KEY=VALUE values, set on every article.
int RunIngest(const std::vector<std::string>& paths,
              const std::vector<std::string>& labels = {});
int RunAnalyze(const std::vector<std::string>& args);
int RunDelete(const std::vector<std::string>& args);
// grpc.health.v1.Health of both services, or of the one named by args[0]
// ("ingest" or "search").
int RunHealth(const std::vector<std::string>& args);

// commands_search.cc: articles. `filters` are the --filter values.
int RunSearch(const std::vector<std::string>& args,
              const std::vector<std::string>& filters);
int RunSimilar(const std::vector<std::string>& args);
int RunGet(const std::vector<std::string>& args);

// commands_story.cc: stories (docs/stories.md).
int RunStories(const std::vector<std::string>& args,
               const std::vector<std::string>& filters);
int RunStory(const std::vector<std::string>& args);
// commands_watch.cc: SearchService.Watch until interrupted (or
// --max-events), the last cursor printed on exit.
int RunWatch(const std::vector<std::string>& args,
             const std::vector<std::string>& filters);

// commands_entity.cc: entities.
int RunEntity(const std::vector<std::string>& args);
int RunSuggest(const std::vector<std::string>& args);
int RunRelated(const std::vector<std::string>& args);
int RunTimeline(const std::vector<std::string>& args);

}  // namespace newsindex::cli

#endif  // NEWSINDEX_CLI_COMMANDS_H_
