// newsctl: the command-line client of newsindex.
//
//   newsctl ingest PATH...        files, directories, - for stdin
//   newsctl analyze FILE          what ingest would store, without storing
//   newsctl search QUERY [--limit N] [--page-token T]
//   newsctl get ID | delete ID | health
//
// --json prints responses in protobuf's canonical JSON mapping.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "core/raw_input.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "newsindex/v1/ingest_service.grpc.pb.h"
#include "newsindex/v1/search_service.grpc.pb.h"
#include "server/flag_names.h"
#include "server/proto_convert.h"

ABSL_FLAG(std::string, ingest_addr, "",
          "ingest-service address (env NEWSINDEX_INGEST_ADDR; default "
          "127.0.0.1:50051)");
ABSL_FLAG(std::string, search_addr, "",
          "search-service address (env NEWSINDEX_SEARCH_ADDR; default "
          "127.0.0.1:50052)");
ABSL_FLAG(bool, json, false,
          "Print responses as JSON (protobuf's canonical mapping)");
ABSL_FLAG(int, limit, 10, "search: results per page (at most 100)");
ABSL_FLAG(std::string, page_token, "", "search: continue from this token");
ABSL_FLAG(double, timeout, 30, "Deadline of each call, in seconds");

namespace newsindex {
namespace {

namespace fs = std::filesystem;
using grpc::ClientContext;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

std::string AddressFlag(const absl::Flag<std::string>& flag, const char* env,
                        const char* fallback) {
  std::string value = absl::GetFlag(flag);
  if (!value.empty()) return value;
  const char* from_env = std::getenv(env);
  return from_env != nullptr && *from_env != '\0' ? from_env : fallback;
}

std::shared_ptr<grpc::Channel> Connect(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  args.SetMaxSendMessageSize(64 * 1024 * 1024);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   args);
}

void SetDeadline(ClientContext* context) {
  context->set_deadline(
      std::chrono::system_clock::now() +
      std::chrono::milliseconds(
          static_cast<int64_t>(absl::GetFlag(FLAGS_timeout) * 1000)));
}

int Fail(const std::string& what, const grpc::Status& status) {
  std::cerr << "newsctl: " << what << ": " << status.error_message() << " ("
            << static_cast<int>(status.error_code()) << ")\n";
  return kExitFailure;
}

void PrintJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  std::cout << out;
  if (out.empty() || out.back() != '\n') std::cout << "\n";
}

bool UseColor() {
  return isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

std::string FormatTime(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

// ---- ingest ---------------------------------------------------------------

// Reads every input PATH names into `items`.
bool CollectInputs(const std::string& path, std::vector<InputItem>* items) {
  std::string contents;
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    for (InputItem& item : ReadInput("-", buffer.str())) {
      items->push_back(std::move(item));
    }
    return true;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
      const std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() &&
          (ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".json" ||
           ext == ".jsonl" || ext == ".ndjson")) {
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
  std::ostringstream buffer;
  buffer << in.rdbuf();
  for (InputItem& item : ReadInput(path, buffer.str())) {
    items->push_back(std::move(item));
  }
  return true;
}

int Ingest(const std::vector<std::string>& paths) {
  if (paths.empty()) {
    std::cerr << "newsctl: ingest needs at least one PATH (or -)\n";
    return kExitUsage;
  }
  std::vector<InputItem> items;
  for (const std::string& path : paths) {
    if (!CollectInputs(path, &items)) return kExitFailure;
  }
  // Items that could not even be read locally are reported, not sent.
  std::vector<const InputItem*> sent;
  int local_failures = 0;
  for (const InputItem& item : items) {
    if (item.article.ok()) {
      sent.push_back(&item);
    } else {
      ++local_failures;
      std::cerr << item.origin << ": " << item.article.status().message()
                << "\n";
    }
  }
  auto stub = v1::IngestService::NewStub(
      Connect(AddressFlag(FLAGS_ingest_addr, "NEWSINDEX_INGEST_ADDR",
                          "127.0.0.1:50051")));
  ClientContext context;
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
  if (absl::GetFlag(FLAGS_json)) {
    PrintJson(response);
  } else {
    for (const v1::IngestItemResult& result : response.results()) {
      const std::string& origin = sent[result.index()]->origin;
      if (result.status().code() == 0) {
        std::cout << origin << ": " << result.id() << " "
                  << (result.created() ? "created" : "updated") << "\n";
      } else {
        std::cout << origin << ": FAILED: " << result.status().message()
                  << "\n";
      }
      for (const std::string& warning : result.warnings()) {
        std::cout << "  warning: " << warning << "\n";
      }
    }
    std::cout << response.received() << " sent, " << response.created()
              << " created, " << response.updated() << " updated, "
              << response.failed() + local_failures << " failed\n";
  }
  return response.failed() + local_failures == 0 ? kExitOk : kExitFailure;
}

// ---- analyze --------------------------------------------------------------

int Analyze(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "newsctl: analyze needs exactly one FILE\n";
    return kExitUsage;
  }
  std::vector<InputItem> items;
  if (!CollectInputs(args[0], &items)) return kExitFailure;
  if (items.empty() || !items[0].article.ok()) {
    std::cerr << "newsctl: " << args[0] << ": "
              << (items.empty() ? "no article"
                                : items[0].article.status().message())
              << "\n";
    return kExitFailure;
  }
  auto stub = v1::IngestService::NewStub(
      Connect(AddressFlag(FLAGS_ingest_addr, "NEWSINDEX_INGEST_ADDR",
                          "127.0.0.1:50051")));
  v1::AnalyzeRequest request;
  ToProto(*items[0].article, request.mutable_article());
  v1::AnalyzeResponse response;
  ClientContext context;
  SetDeadline(&context);
  grpc::Status status = stub->Analyze(&context, request, &response);
  if (!status.ok()) return Fail("analyze", status);
  if (absl::GetFlag(FLAGS_json)) {
    PrintJson(response);
    return kExitOk;
  }
  const v1::Article& a = response.article();
  std::cout << "title:     " << a.title() << "\n"
            << "published: " << FormatTime(a.published_at()) << "\n"
            << "source:    " << a.source() << "\n"
            << "language:  " << a.language() << "\n"
            << "id:        " << a.id() << "\n\n"
            << a.body() << "\n\n";
  for (const v1::RemovedLine& line : response.removed()) {
    std::cout << "- removed line " << line.line() << " (" << line.reason()
              << "): " << line.text() << "\n";
  }
  for (const v1::Entity& e : a.entities()) {
    std::cout << "entity: " << e.name() << " [" << e.id() << "] x"
              << e.mention_count() << "\n";
  }
  for (const std::string& w : response.warnings()) {
    std::cout << "warning: " << w << "\n";
  }
  return kExitOk;
}

// ---- search / get / delete ------------------------------------------------

std::unique_ptr<v1::SearchService::Stub> SearchStub() {
  return v1::SearchService::NewStub(
      Connect(AddressFlag(FLAGS_search_addr, "NEWSINDEX_SEARCH_ADDR",
                          "127.0.0.1:50052")));
}

std::string RenderSnippet(const std::string& snippet, bool color) {
  return absl::StrReplaceAll(
      snippet, {{"<em>", color ? "\033[1;33m" : "["},
                {"</em>", color ? "\033[0m" : "]"},
                {"\n", " "}});
}

int Search(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << "newsctl: search needs a QUERY\n";
    return kExitUsage;
  }
  std::string query;
  for (const std::string& word : args) {
    absl::StrAppend(&query, query.empty() ? "" : " ", word);
  }
  v1::SearchRequest request;
  request.set_query(query);
  request.set_page_size(absl::GetFlag(FLAGS_limit));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  v1::SearchResponse response;
  ClientContext context;
  SetDeadline(&context);
  grpc::Status status = SearchStub()->Search(&context, request, &response);
  if (!status.ok()) return Fail("search", status);
  if (absl::GetFlag(FLAGS_json)) {
    PrintJson(response);
    return kExitOk;
  }
  const bool color = UseColor();
  std::cout << "about " << response.total_size() << " result(s) for: " << query
            << "\n";
  int rank = 0;
  for (const v1::SearchHit& hit : response.hits()) {
    const v1::Article& a = hit.article();
    std::cout << "\n" << ++rank << ". " << (color ? "\033[1m" : "") << a.title()
              << (color ? "\033[0m" : "") << "  (score "
              << absl::StrCat(static_cast<int>(hit.score() * 100) / 100.0)
              << ")\n   " << a.id();
    if (!a.source().empty()) std::cout << " · " << a.source();
    const std::string date = FormatTime(a.published_at());
    if (!date.empty()) std::cout << " · " << date;
    std::cout << "\n   " << RenderSnippet(hit.snippet(), color) << "\n";
    if (a.entities_size() > 0) {
      std::cout << "   entities:";
      for (int i = 0; i < a.entities_size() && i < 6; ++i) {
        std::cout << (i ? ", " : " ") << a.entities(i).name();
      }
      std::cout << "\n";
    }
  }
  if (!response.next_page_token().empty()) {
    std::cout << "\nmore: --page-token " << response.next_page_token() << "\n";
  }
  return kExitOk;
}

int Get(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "newsctl: get needs exactly one ID\n";
    return kExitUsage;
  }
  v1::GetArticleRequest request;
  request.set_id(args[0]);
  v1::Article article;
  ClientContext context;
  SetDeadline(&context);
  grpc::Status status = SearchStub()->GetArticle(&context, request, &article);
  if (!status.ok()) return Fail("get", status);
  if (absl::GetFlag(FLAGS_json)) {
    PrintJson(article);
    return kExitOk;
  }
  std::cout << article.title() << "\n"
            << article.id() << " · " << article.source() << " · "
            << FormatTime(article.published_at()) << "\n\n"
            << article.body() << "\n";
  return kExitOk;
}

int Delete(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "newsctl: delete needs exactly one ID\n";
    return kExitUsage;
  }
  auto stub = v1::IngestService::NewStub(
      Connect(AddressFlag(FLAGS_ingest_addr, "NEWSINDEX_INGEST_ADDR",
                          "127.0.0.1:50051")));
  v1::DeleteArticleRequest request;
  request.set_id(args[0]);
  v1::DeleteArticleResponse response;
  ClientContext context;
  SetDeadline(&context);
  grpc::Status status = stub->DeleteArticle(&context, request, &response);
  if (!status.ok()) return Fail("delete", status);
  if (absl::GetFlag(FLAGS_json)) {
    PrintJson(response);
  } else {
    std::cout << "deleted " << response.id() << "\n";
  }
  return kExitOk;
}

// ---- health ---------------------------------------------------------------

int Health() {
  struct Target {
    const char* name;
    std::string address;
  };
  const Target targets[] = {
      {"ingest-service", AddressFlag(FLAGS_ingest_addr, "NEWSINDEX_INGEST_ADDR",
                                     "127.0.0.1:50051")},
      {"search-service", AddressFlag(FLAGS_search_addr, "NEWSINDEX_SEARCH_ADDR",
                                     "127.0.0.1:50052")},
  };
  int exit_code = kExitOk;
  for (const Target& target : targets) {
    auto stub = grpc::health::v1::Health::NewStub(Connect(target.address));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    ClientContext context;
    SetDeadline(&context);
    grpc::Status status = stub->Check(&context, request, &response);
    std::string state =
        status.ok()
            ? grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
                  response.status())
            : absl::StrCat("UNREACHABLE (", status.error_message(), ")");
    if (!status.ok() ||
        response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
      exit_code = kExitFailure;
    }
    if (absl::GetFlag(FLAGS_json)) {
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

constexpr char kUsage[] =
    "newsctl COMMAND [ARGS] [FLAGS]\n"
    "  ingest PATH...       ingest .txt, .html, .json, .jsonl files, "
    "directories, or - (stdin)\n"
    "  analyze FILE         show what ingest would store and remove\n"
    "  search QUERY         full-text and entity search "
    "(--limit N, --page-token T)\n"
    "  get ID               print one article\n"
    "  delete ID            delete one article\n"
    "  health               check both services\n"
    "Flags: --json, --ingest-addr, --search-addr, --timeout SECONDS";

int Main(std::vector<char*> positional) {
  if (positional.size() < 2) {
    std::cerr << kUsage << "\n";
    return kExitUsage;
  }
  const std::string command = positional[1];
  std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (command == "ingest") return Ingest(args);
  if (command == "analyze") return Analyze(args);
  if (command == "search") return Search(args);
  if (command == "get") return Get(args);
  if (command == "delete") return Delete(args);
  if (command == "health") return Health();
  std::cerr << "newsctl: unknown command \"" << command << "\"\n"
            << kUsage << "\n";
  return kExitUsage;
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(newsindex::kUsage);
  std::vector<char*> args;
  std::vector<std::string> storage =
      newsindex::UnderscoreFlagNames(argc, argv, &args);
  std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(storage.size()), args.data());
  return newsindex::Main(std::move(positional));
}
