// ingest, analyze, delete and health.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "cli/raw_input.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "server/proto_convert.h"

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

}  // namespace

int RunIngest(const std::vector<std::string>& paths) {
  if (paths.empty()) return UsageError("ingest needs at least one PATH (or -)");
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
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::IngestArticlesResponse response;
  auto writer = stub->IngestArticles(&context, &response);
  for (const InputItem* item : sent) {
    v1::IngestArticleRequest request;
    ToProto(*item->article, request.mutable_article());
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) return Fail("ingest", status);
  if (JsonOutput()) {
    PrintJson(response);
  } else {
    for (const v1::IngestItemResult& result : response.results()) {
      const std::string& origin =
          result.index() >= 0 && result.index() < static_cast<int>(sent.size())
              ? sent[result.index()]->origin
              : std::string("?");
      if (result.status().code() == 0) {
        std::cout << origin << ": " << result.id() << " "
                  << (result.created() ? "created" : "updated") << "\n";
      } else {
        std::cout << origin
                  << ": FAILED: " << Printable(result.status().message())
                  << "\n";
      }
      for (const std::string& warning : result.warnings()) {
        std::cout << "  warning: " << Printable(warning) << "\n";
      }
    }
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
