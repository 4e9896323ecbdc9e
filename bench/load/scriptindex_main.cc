// bench_scriptindex: the ingest baseline. Writes the records (a corpus, or
// generated articles) in scriptindex's input format, then runs Xapian's
// scriptindex on them into a new database, timing only scriptindex.
//
//   bench_scriptindex --db=DIR --work=DIR (--input=a.jsonl,b.jsonl
//       [--limit=N] | --generate=N --base=a.jsonl,b.jsonl [--seed=S])
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/load/corpus.h"
#include "bench/load/generator.h"
#include "bench/load/scriptindex_input.h"
#include "bench/load/stats.h"

extern char** environ;

ABSL_FLAG(std::string, db, "", "Database directory to create");
ABSL_FLAG(std::string, work, "", "Directory for the input and script");
ABSL_FLAG(std::string, input, "", "Corpus files, comma-separated");
ABSL_FLAG(int64_t, limit, 0, "At most this many records (0: all)");
ABSL_FLAG(int64_t, generate, 0, "Index this many generated articles");
ABSL_FLAG(std::string, base, "", "Corpus files the generator recombines");
ABSL_FLAG(uint64_t, seed, 1, "Generator seed");
ABSL_FLAG(std::string, scriptindex, "scriptindex", "The scriptindex binary");
ABSL_FLAG(std::string, label, "scriptindex", "\"bench\" field of the output");
ABSL_FLAG(int, run, 1, "\"run\" field of the output");

namespace newsindex::bench {
namespace {

// Writes the input file; returns {records, content bytes}.
std::pair<int64_t, uint64_t> WriteInput(const std::string& path) {
  std::ofstream out(path);
  int64_t n = 0;
  uint64_t bytes = 0;
  auto add = [&](const Record& r) {
    WriteScriptindexRecord(r, out);
    ++n;
    bytes += r.title.size() + r.body.size();
  };
  if (absl::GetFlag(FLAGS_generate) > 0) {
    CorpusGenerator generator(ReadCorpus(SplitList(absl::GetFlag(FLAGS_base))),
                              absl::GetFlag(FLAGS_seed));
    for (int64_t i = 0; i < absl::GetFlag(FLAGS_generate); ++i) {
      add(generator.Make(i));
    }
  } else {
    for (const Record& r : ReadCorpus(SplitList(absl::GetFlag(FLAGS_input)),
                                      absl::GetFlag(FLAGS_limit))) {
      add(r);
    }
  }
  return {n, bytes};
}

int Main() {
  const std::string db = absl::GetFlag(FLAGS_db);
  const std::string work = absl::GetFlag(FLAGS_work);
  if (db.empty() || work.empty()) {
    std::cerr << "bench_scriptindex: need --db and --work\n";
    return 2;
  }
  std::filesystem::create_directories(work);
  std::filesystem::remove_all(db);
  const std::string input = work + "/scriptindex.in";
  const std::string script = work + "/index.script";
  std::ofstream(script) << ScriptindexScript();
  const auto [records, bytes] = WriteInput(input);
  if (records == 0) {
    std::cerr << "bench_scriptindex: no records\n";
    return 2;
  }

  std::vector<std::string> args = {absl::GetFlag(FLAGS_scriptindex),
                                   "--stemmer=english", db, script, input};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  const auto start = SteadyClock::now();
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) !=
      0) {
    std::cerr << "bench_scriptindex: cannot run " << argv[0] << "\n";
    return 1;
  }
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  const double seconds = SecondsSince(start);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "bench_scriptindex: scriptindex failed\n";
    return 1;
  }
  const double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                     usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  uint64_t db_bytes = 0;
  for (const auto& e : std::filesystem::directory_iterator(db)) {
    if (e.is_regular_file()) db_bytes += e.file_size();
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  PrintResult({{"bench", absl::GetFlag(FLAGS_label)},
               {"run", absl::GetFlag(FLAGS_run)},
               {"articles", records},
               {"seconds", seconds},
               {"articles_per_s", records / seconds},
               {"mb", mb},
               {"mb_per_s", mb / seconds},
               {"cpu_seconds", cpu},
               {"peak_rss_mib", usage.ru_maxrss / 1024.0},
               {"db_bytes_per_article",
                static_cast<double>(db_bytes) / static_cast<double>(records)}});
  return 0;
}

}  // namespace
}  // namespace newsindex::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return newsindex::bench::Main();
}
