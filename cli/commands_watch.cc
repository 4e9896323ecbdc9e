// watch: SearchService.Watch, a line per event until interrupted.
#include <google/protobuf/util/json_util.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/filters.h"
#include "cli/flags.h"
#include "cli/render.h"

namespace newsindex::cli {
namespace {

// --from: "now" (or empty), a time (RFC 3339 or YYYY-MM-DD), else a
// cursor from an earlier event.
absl::Status SetStart(const std::string& from, v1::WatchRequest* request) {
  if (from.empty() || from == "now") return absl::OkStatus();
  absl::Time t;
  std::string err;
  if (absl::ParseTime(absl::RFC3339_full, from, &t, &err) ||
      absl::ParseTime("%Y-%m-%d", from, absl::UTCTimeZone(), &t, &err)) {
    request->mutable_start_time()->set_seconds(absl::ToUnixSeconds(t));
    request->mutable_start_time()->set_nanos(
        static_cast<int>(absl::ToInt64Nanoseconds(
            t - absl::FromUnixSeconds(absl::ToUnixSeconds(t)))));
    return absl::OkStatus();
  }
  request->set_start_cursor(from);
  return absl::OkStatus();
}

void PrintEvent(const v1::WatchEvent& event, const Terminal& terminal) {
  if (JsonOutput()) {
    std::string line;
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = false;
    (void)google::protobuf::util::MessageToJsonString(event, &line, options);
    std::cout << line << "\n" << std::flush;
    return;
  }
  std::cout << Bold(v1::ChangeType_Name(event.type()), terminal.color) << "  "
            << Printable(event.article_id());
  if (event.has_article() && !event.article().title().empty()) {
    std::cout << "  " << Printable(event.article().title());
  }
  std::cout << "  " << Dim(event.cursor(), terminal.color) << "\n"
            << std::flush;
}

// Cancels `context` on SIGINT or SIGTERM (blocked in every thread, so only
// this one receives them), or returns when sent SIGUSR2.
void CancelOnSignal(grpc::ClientContext* context, bool* interrupted) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR2);
  int signal = 0;
  sigwait(&set, &signal);
  if (signal != SIGUSR2) {
    *interrupted = true;
    context->TryCancel();
  }
}

}  // namespace

int RunWatch(const std::vector<std::string>& args,
             const std::vector<std::string>& filters) {
  v1::WatchRequest request;
  request.set_query(JoinArgs(args));
  v1::SearchRequest options_holder;
  SearchOptions options;
  options.filters = filters;
  options.fields = absl::GetFlag(FLAGS_fields);
  if (absl::Status s = ApplySearchOptions(options, &options_holder); !s.ok()) {
    return UsageError(s.message());
  }
  *request.mutable_filter() = options_holder.filter();
  *request.mutable_read_mask() = options_holder.read_mask();
  if (absl::Status s = SetStart(absl::GetFlag(FLAGS_from), &request); !s.ok()) {
    return UsageError(s.message());
  }
  const int64_t max_events = absl::GetFlag(FLAGS_max_events);
  // Block the signals before gRPC starts threads, which inherit the mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto stub = SearchStub();
  grpc::ClientContext context;
  SetDeadline(&context);
  // A watch runs until interrupted: no --timeout deadline.
  context.set_deadline(std::chrono::system_clock::time_point::max());
  bool interrupted = false;
  std::thread waiter(CancelOnSignal, &context, &interrupted);
  auto reader = stub->Watch(&context, request);
  const Terminal terminal = StdoutTerminal();
  v1::WatchEvent event;
  std::string last_cursor = request.start_cursor();
  int64_t seen = 0;
  while ((max_events <= 0 || seen < max_events) && reader->Read(&event)) {
    PrintEvent(event, terminal);
    last_cursor = event.cursor();
    ++seen;
  }
  if (max_events > 0 && seen >= max_events) context.TryCancel();
  grpc::Status status = reader->Finish();
  pthread_kill(waiter.native_handle(), SIGUSR2);
  waiter.join();
  // Where to resume: on stderr, so that stdout holds only events.
  std::cerr << "newsctl: last cursor: "
            << (last_cursor.empty() ? "(none: no event seen)" : last_cursor)
            << "\n";
  const bool stopped = interrupted || (max_events > 0 && seen >= max_events);
  if (!status.ok() && !stopped) return Fail("watch", status);
  return kExitOk;
}

}  // namespace newsindex::cli
