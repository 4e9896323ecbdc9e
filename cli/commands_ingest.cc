// ingest, analyze, delete and health.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "api/proto_convert.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/raw_input.h"
#include "cli/render.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace newsindex::cli {
namespace {

namespace fs = std::filesystem;

bool IsArticleFile(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".json" ||
         ext == ".jsonl" || ext == ".ndjson";
}

// Reads every input `path` names (a file, a directory, or "-" for stdin)
// into `items`.
bool CollectInputs(const std::string& path, std::vector<InputItem>* items) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file() && IsArticleFile(entry.path())) {
          files.push_back(entry.path());
        }
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) {
        if (!CollectInputs(file.string(), items)) return false;
      }
      return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "newsctl: cannot read " << path << "\n";
      return false;
    }
    buffer << in.rdbuf();
  }
  for (InputItem& item : ReadInput(path, buffer.str())) {
    items->push_back(std::move(item));
  }
  return true;
}

// Shows articles sent, the rate and failures on one rewritten line of
// stderr, when stderr is a terminal.
class Progress {
 public:
  explicit Progress(int total)
      : total_(total),
        enabled_(isatty(STDERR_FILENO) != 0),
        start_(std::chrono::steady_clock::now()) {}

  void Update(int done, int failed) {
    if (!enabled_) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
            .count();
    const int width = 30;
    const int filled = total_ > 0 ? done * width / total_ : width;
    std::cerr << "\r[" << std::string(filled, '#')
              << std::string(width - filled, ' ') << "] " << done << "/"
              << total_ << " articles, "
              << static_cast<int>(seconds > 0 ? done / seconds : 0) << "/s, "
              << failed << " failed" << std::flush;
  }

  void Clear() {
    if (enabled_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  const int total_;
  const bool enabled_;
  const std::chrono::steady_clock::time_point start_;
};

// Sends sent[begin, end) on one stream with its own deadline, so that a
// long file is bounded per batch and not as a whole.
grpc::Status SendBatch(v1::IngestService::Stub* stub,
                       const std::vector<const InputItem*>& sent, size_t begin,
                       size_t end, v1::IngestArticlesResponse* response) {
  grpc::ClientContext context;
  SetDeadline(&context);
  auto writer = stub->IngestArticles(&context, response);
  for (size_t i = begin; i < end; ++i) {
    v1::IngestArticleRequest request;
    ToProto(*sent[i]->article, request.mutable_article());
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

// Adds a batch's reply, whose indexes count from `offset`, to `total`.
void Merge(v1::IngestArticlesResponse batch, int offset,
           v1::IngestArticlesResponse* total) {
  total->set_received(total->received() + batch.received());
  total->set_created(total->created() + batch.created());
  total->set_updated(total->updated() + batch.updated());
  total->set_failed(total->failed() + batch.failed());
  total->set_omitted_results(total->omitted_results() +
                             batch.omitted_results());
  for (v1::IngestItemResult& result : *batch.mutable_results()) {
    result.set_index(result.index() + offset);
    *total->add_results() = std::move(result);
  }
}

// One line per failed article, and per stored one with --verbose.
void PrintResults(const v1::IngestArticlesResponse& response,
                  const std::vector<const InputItem*>& sent) {
  const bool verbose = absl::GetFlag(FLAGS_verbose);
  for (const v1::IngestItemResult& result : response.results()) {
    const bool ok = result.status().code() == 0;
    if (ok && !verbose) continue;
    const std::string& origin =
        result.index() >= 0 && result.index() < static_cast<int>(sent.size())
            ? sent[result.index()]->origin
            : std::string("?");
    if (ok) {
      std::cout << origin << ": " << result.id() << " "
                << (result.created() ? "created" : "updated") << "\n";
    } else {
      std::cout << origin
                << ": FAILED: " << Printable(result.status().message()) << "\n";
    }
    if (!verbose) continue;
    for (const std::string& warning : result.warnings()) {
      std::cout << "  warning: " << Printable(warning) << "\n";
    }
  }
}

}  // namespace

int RunIngest(const std::vector<std::string>& paths) {
  if (paths.empty()) return UsageError("ingest needs at least one PATH (or -)");
  const int batch_size = absl::GetFlag(FLAGS_batch_size);
  if (batch_size < 1 || batch_size > 10000) {
    return UsageError("--batch-size must be in 1..10000");
  }
  std::vector<InputItem> items;
  for (const std::string& path : paths) {
    if (!CollectInputs(path, &items)) return kExitFailure;
  }
  // Items that could not even be read locally are reported, not sent.
  std::vector<const InputItem*> sent;
  int local_failures = 0;
  for (const InputItem& item : items) {
    for (const std::string& warning : item.warnings) {
      std::cerr << item.origin << ": warning: " << warning << "\n";
    }
    if (item.article.ok()) {
      sent.push_back(&item);
    } else {
      ++local_failures;
      std::cerr << item.origin << ": " << item.article.status().message()
                << "\n";
    }
  }
  auto stub = IngestStub();
  v1::IngestArticlesResponse response;
  Progress progress(static_cast<int>(sent.size()));
  for (size_t begin = 0; begin < sent.size(); begin += batch_size) {
    const size_t end = std::min(sent.size(), begin + batch_size);
    v1::IngestArticlesResponse batch;
    grpc::Status status = SendBatch(stub.get(), sent, begin, end, &batch);
    if (!status.ok()) {
      progress.Clear();
      // What earlier batches stored is acknowledged: say so.
      if (JsonOutput()) PrintJson(response);
      std::cerr << "newsctl: " << response.received() << " of " << sent.size()
                << " articles were sent and answered before this failure\n";
      return Fail(absl::StrCat("ingest (articles ", begin + 1, "-", end, ")"),
                  status);
    }
    Merge(std::move(batch), static_cast<int>(begin), &response);
    progress.Update(response.received(), response.failed() + local_failures);
  }
  progress.Clear();
  if (JsonOutput()) {
    PrintJson(response);
  } else {
    PrintResults(response, sent);
    std::cout << response.received() << " sent, " << response.created()
              << " created, " << response.updated() << " updated, "
              << response.failed() + local_failures << " failed\n";
  }
  return response.failed() + local_failures == 0 ? kExitOk : kExitFailure;
}

int RunAnalyze(const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError("analyze needs exactly one FILE");
  std::vector<InputItem> items;
  if (!CollectInputs(args[0], &items)) return kExitFailure;
  if (items.empty() || !items[0].article.ok()) {
    std::cerr << "newsctl: " << args[0] << ": "
              << (items.empty() ? "no article"
                                : items[0].article.status().message())
              << "\n";
    return kExitFailure;
  }
  v1::AnalyzeRequest request;
  ToProto(*items[0].article, request.mutable_article());
  v1::AnalyzeResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status = IngestStub()->Analyze(&context, request, &response);
  if (!status.ok()) return Fail("analyze", status);
  if (JsonOutput()) {
    PrintJson(response);
    return kExitOk;
  }
  const v1::Article& a = response.article();
  std::cout << "title:     " << Printable(a.title()) << "\n"
            << "published: " << FormatTime(a.published_at()) << "\n"
            << "source:    " << Printable(a.source()) << "\n"
            << "language:  " << Printable(a.language()) << "\n"
            << "id:        " << Printable(a.id()) << "\n\n"
            << PrintableLines(a.body()) << "\n\n";
  for (const v1::RemovedLine& line : response.removed()) {
    std::cout << "- removed line " << line.line() << " (" << line.reason()
              << "): " << Printable(line.text()) << "\n";
  }
  for (const v1::Entity& e : a.entities()) {
    std::cout << "entity: " << Printable(e.name()) << " [" << e.id() << "] x"
              << e.mention_count() << "\n";
  }
  // Metadata the file held but that could not be read (a bad date).
  for (const std::string& w : items[0].warnings) {
    std::cout << "warning: " << Printable(w) << "\n";
  }
  for (const std::string& w : response.warnings()) {
    std::cout << "warning: " << Printable(w) << "\n";
  }
  return kExitOk;
}

int RunDelete(const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError("delete needs exactly one ID");
  v1::DeleteArticleRequest request;
  request.set_id(args[0]);
  v1::DeleteArticleResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status =
      IngestStub()->DeleteArticle(&context, request, &response);
  if (!status.ok()) return Fail("delete", status);
  if (JsonOutput()) {
    PrintJson(response);
  } else {
    std::cout << "deleted " << response.id() << "\n";
  }
  return kExitOk;
}

int RunHealth(const std::vector<std::string>& args) {
  struct Target {
    const char* name;
    std::string address;
  };
  std::vector<Target> targets;
  const std::string which = args.empty() ? "all" : args[0];
  if (args.size() > 1 ||
      (which != "all" && which != "ingest" && which != "search")) {
    std::cerr << "newsctl: health takes one of ingest, search or all\n";
    return kExitUsage;
  }
  if (which != "search") targets.push_back({"ingest-service", IngestAddress()});
  if (which != "ingest") targets.push_back({"search-service", SearchAddress()});
  int exit_code = kExitOk;
  for (const Target& target : targets) {
    auto stub = grpc::health::v1::Health::NewStub(Connect(target.address));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    grpc::ClientContext context;
    SetDeadline(&context);
    grpc::Status status = stub->Check(&context, request, &response);
    const std::string state =
        status.ok()
            ? grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
                  response.status())
            : absl::StrCat("UNREACHABLE (", status.error_message(), ")");
    if (!status.ok() ||
        response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
      exit_code = kExitFailure;
    }
    if (JsonOutput()) {
      std::cout << "{\"service\": \"" << target.name << "\", \"address\": \""
                << target.address << "\", \"status\": \""
                << (status.ok() ? state : "UNREACHABLE") << "\"}\n";
    } else {
      std::cout << target.name << " " << target.address << ": " << state
                << "\n";
    }
  }
  return exit_code;
}

}  // namespace newsindex::cli
