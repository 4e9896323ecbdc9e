#include "server/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "server/build_info.h"


namespace newsindex {
namespace {

using Type = CollectedSample::Type;

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Seconds since the epoch at which the system booted (/proc/stat btime).
double BootTime() {
  for (absl::string_view line : absl::StrSplit(ReadFile("/proc/stat"), '\n')) {
    double value = 0;
    if (absl::ConsumePrefix(&line, "btime ") &&
        absl::SimpleAtod(line, &value)) {
      return value;
    }
  }
  return 0;
}

// The fields of /proc/self/stat after the command name, which may hold
// spaces and is closed by the last ')'; fields[0] is the state (field 3).
std::vector<std::string> StatFields() {
  const std::string stat = ReadFile("/proc/self/stat");
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return {};
  return absl::StrSplit(absl::string_view(stat).substr(close + 2), ' ',
                        absl::SkipEmpty());
}

double Field(const std::vector<std::string>& fields, int number) {
  // `number` is the 1-based field number of proc(5).
  const size_t index = static_cast<size_t>(number - 3);
  double value = 0;
  if (index >= fields.size() || !absl::SimpleAtod(fields[index], &value)) {
    return -1;
  }
  return value;
}

}  // namespace

std::vector<CollectedSample> CollectProcessMetrics() {
  std::vector<CollectedSample> out;
  const std::vector<std::string> fields = StatFields();
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  const double utime = Field(fields, 14), stime = Field(fields, 15);
  if (utime >= 0 && stime >= 0 && ticks > 0) {
    out.push_back({"process_cpu_seconds_total",
                   "User and system CPU time spent, in seconds.",
                   Type::kCounter,
                   {},
                   (utime + stime) / ticks});
  }
  if (const double rss = Field(fields, 24); rss >= 0) {
    out.push_back({"process_resident_memory_bytes",
                   "Resident memory size in bytes.",
                   Type::kGauge,
                   {},
                   rss * page});
  }
  if (const double vsize = Field(fields, 23); vsize >= 0) {
    out.push_back({"process_virtual_memory_bytes",
                   "Virtual memory size in bytes.",
                   Type::kGauge,
                   {},
                   vsize});
  }
  if (const double threads = Field(fields, 20); threads >= 0) {
    out.push_back({"process_threads",
                   "Threads of the process.",
                   Type::kGauge,
                   {},
                   threads});
  }
  if (const double start = Field(fields, 22); start >= 0 && ticks > 0) {
    out.push_back({"process_start_time_seconds",
                   "Start time of the process since the epoch, in seconds.",
                   Type::kGauge,
                   {},
                   BootTime() + start / ticks});
  }
  std::error_code ec;
  double fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end;
       !ec && it != end; it.increment(ec)) {
    ++fds;
  }
  if (!ec) {
    out.push_back(
        {"process_open_fds", "Open file descriptors.", Type::kGauge, {}, fds});
  }
  rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 &&
      limit.rlim_cur != RLIM_INFINITY) {
    out.push_back({"process_max_fds",
                   "Limit on open file descriptors.",
                   Type::kGauge,
                   {},
                   static_cast<double>(limit.rlim_cur)});
  }
  return out;
}

std::vector<CollectedSample> BuildInfo(const std::string& service) {
  return {{"newsindex_build_info",
           "The running build: always 1, with its version and commit.",
           Type::kGauge,
           {{"service", service},
            {"version", CurrentBuild().version},
            {"commit", CurrentBuild().commit}},
           1}};
}

uint64_t DirectoryBytes(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(path, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      const uint64_t size = it->file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

uint64_t LocalShardBytes(const ShardLayout& layout) {
  uint64_t total = 0;
  for (const ShardLocation& shard : layout.shards) {
    if (!shard.remote()) total += DirectoryBytes(shard.directory);
  }
  return total;
}

}  // namespace newsindex
