// ingest, analyze, delete and health.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
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
#include "core/base/article.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace newsindex::cli {
namespace {

namespace fs = std::filesystem;

bool IsArticleFile(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".json" ||
         ext == ".jsonl" || ext == ".ndjson";
}

// An input that could not be read: an item of its own, so that it is
// reported with the articles that failed.
InputItem Unreadable(const std::string& origin, const std::string& why) {
  return {origin,
          absl::InvalidArgumentError(absl::StrCat("cannot read: ", why)),
          {}};
}

// What CollectInputs found besides articles.
struct Collected {
  std::vector<InputItem> items;
  // Entries of directories that are not article files (other extensions,
  // symbolic links to directories, devices): listed with --verbose.
  std::vector<std::string> skipped;
};

void CollectFile(const std::string& path, Collected* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out->items.push_back(Unreadable(path, std::strerror(errno)));
    return;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    out->items.push_back(Unreadable(path, std::strerror(errno)));
    return;
  }
  for (InputItem& item : ReadInput(path, buffer.str())) {
    out->items.push_back(std::move(item));
  }
}

// Every article file under `dir`, in name order, recursively; a directory
// that cannot be listed is an item of its own.
void CollectDirectory(const fs::path& dir, Collected* out) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) {
    out->items.push_back(Unreadable(dir.string(), ec.message()));
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::directory_entry& entry : entries) {
    std::error_code type_error;
    const bool link = entry.is_symlink(type_error);
    if (entry.is_directory(type_error) && !link) {
      CollectDirectory(entry.path(), out);
    } else if (entry.is_regular_file(type_error) &&
               IsArticleFile(entry.path())) {
      CollectFile(entry.path().string(), out);
    } else {
      out->skipped.push_back(entry.path().string());
    }
  }
}

// Reads every input `path` names: a file, a directory, or "-" for stdin.
void CollectInputs(const std::string& path, Collected* out) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    for (InputItem& item : ReadInput(path, buffer.str())) {
      out->items.push_back(std::move(item));
    }
    return;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    CollectDirectory(path, out);
  } else {
    CollectFile(path, out);
  }
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
    const int filled =
        total_ > 0 ? std::min(width, done * width / total_) : width;
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

// A stream that failed with one of these would fail the same way article by
// article: newsctl stops and reports what was not sent.
bool StopsEverything(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::UNIMPLEMENTED:
      return true;
    default:
      return false;
  }
}

std::string Describe(const grpc::Status& status) {
  const std::string code = absl::StatusCodeToString(
      static_cast<absl::StatusCode>(status.error_code()));
  return status.error_message().empty()
             ? code
             : absl::StrCat(status.error_message(), " (", code, ")");
}

// One `newsctl ingest`: checks each item against the service's limits,
// sends the rest in batches, and accounts for every item: stored, or a
// failure line naming it. Nothing is dropped without a line.
class IngestRun {
 public:
  IngestRun(std::vector<InputItem> items, int batch_size)
      : items_(std::move(items)),
        failures_(items_.size()),
        batch_size_(static_cast<size_t>(batch_size)),
        stub_(IngestStub()) {}

  int Run() {
    CheckLocally(FetchLimits());
    Progress progress(static_cast<int>(sent_.size()));
    for (size_t begin = 0; begin < sent_.size(); begin += batch_size_) {
      const size_t end = std::min(sent_.size(), begin + batch_size_);
      if (!SendBatch(begin, end)) {
        // The failed stream's articles may or may not have been committed;
        // the later ones were not sent.
        for (size_t i = begin; i < sent_.size(); ++i) {
          if (failures_[sent_[i]].empty() && !stored_[i]) {
            failures_[sent_[i]] =
                absl::StrCat(i < end ? "not confirmed (ingest it again to be "
                                       "sure): "
                                     : "not sent: ",
                             stop_reason_);
          }
        }
        break;
      }
      progress.Update(static_cast<int>(end), FailureCount());
    }
    progress.Clear();
    return Report();
  }

 private:
  // The service's limits, when it tells them (an older one does not: then
  // a too large article ends its stream, and that batch goes one by one).
  std::optional<v1::GetLimitsResponse> FetchLimits() {
    v1::GetLimitsResponse limits;
    grpc::ClientContext context;
    SetDeadline(&context);
    if (!stub_->GetLimits(&context, v1::GetLimitsRequest(), &limits).ok()) {
      return std::nullopt;
    }
    return limits;
  }

  // Items that could not be read, or are over the limits, are failures
  // now; the others are sent.
  void CheckLocally(const std::optional<v1::GetLimitsResponse>& limits) {
    for (size_t i = 0; i < items_.size(); ++i) {
      const InputItem& item = items_[i];
      for (const std::string& warning : item.warnings) {
        std::cerr << item.origin << ": warning: " << warning << "\n";
      }
      if (!item.article.ok()) {
        failures_[i] = std::string(item.article.status().message());
        continue;
      }
      if (limits.has_value()) {
        if (std::string why = OverLimits(*item.article, *limits);
            !why.empty()) {
          failures_[i] = std::move(why);
          continue;
        }
      }
      sent_.push_back(i);
    }
    stored_.assign(sent_.size(), false);
  }

  static std::string OverLimits(const RawArticle& article,
                                const v1::GetLimitsResponse& limits) {
    const auto content = static_cast<int64_t>(article.content.size());
    if (limits.max_article_bytes() > 0 &&
        content > limits.max_article_bytes()) {
      return absl::StrCat(ContentFieldName(article.kind), ": ", content,
                          " bytes exceeds the service's limit of ",
                          limits.max_article_bytes(),
                          " bytes (its --max-article-bytes); not sent");
    }
    v1::IngestArticleRequest request;
    ToProto(article, request.mutable_article());
    const auto bytes = static_cast<int64_t>(request.ByteSizeLong());
    if (limits.max_request_bytes() > 0 && bytes > limits.max_request_bytes()) {
      return absl::StrCat("the article with its metadata is ", bytes,
                          " bytes, over the service's request limit of ",
                          limits.max_request_bytes(), " bytes; not sent");
    }
    return "";
  }

  // Sends sent_[begin, end) on one stream with its own deadline, so that a
  // long file is bounded per batch and not as a whole. False when newsctl
  // must stop (stop_reason_ says why).
  bool SendBatch(size_t begin, size_t end) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::IngestArticlesResponse batch;
    auto writer = stub_->IngestArticles(&context, &batch);
    for (size_t i = begin; i < end; ++i) {
      v1::IngestArticleRequest request;
      ToProto(*items_[sent_[i]].article, request.mutable_article());
      if (!writer->Write(request)) break;
    }
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    if (!status.ok()) {
      if (StopsEverything(status.error_code())) {
        stop_reason_ = absl::StrCat("the stream failed: ", Describe(status));
        Fail(absl::StrCat("ingest (articles ", begin + 1, "-", end, ")"),
             status);
        return false;
      }
      // Refused as a whole (a message the service could not read, or a
      // stream limit): each article on its own, to learn which.
      return SendOneByOne(begin, end);
    }
    const int answered = batch.received();
    Merge(std::move(batch), begin);
    // A stream the service stopped reading early answered fewer items than
    // were sent; the rest go one by one.
    if (begin + static_cast<size_t>(answered) < end) {
      return SendOneByOne(begin + answered, end);
    }
    return true;
  }

  bool SendOneByOne(size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      v1::IngestArticleRequest request;
      ToProto(*items_[sent_[i]].article, request.mutable_article());
      v1::IngestArticleResponse reply;
      grpc::ClientContext context;
      SetDeadline(&context);
      const grpc::Status status =
          stub_->IngestArticle(&context, request, &reply);
      v1::IngestItemResult result;
      result.set_index(static_cast<int>(i));
      result.mutable_status()->set_code(status.error_code());
      result.mutable_status()->set_message(status.error_message());
      if (!status.ok() && StopsEverything(status.error_code())) {
        stop_reason_ = Describe(status);
        Fail(absl::StrCat("ingest (", items_[sent_[i]].origin, ")"), status);
        return false;
      }
      response_.set_received(response_.received() + 1);
      if (status.ok()) {
        result.set_id(reply.id());
        result.set_created(reply.created());
        result.set_duplicate_of(reply.duplicate_of());
        *result.mutable_warnings() = reply.warnings();
        if (reply.created()) {
          response_.set_created(response_.created() + 1);
        } else {
          response_.set_updated(response_.updated() + 1);
        }
      } else {
        response_.set_failed(response_.failed() + 1);
      }
      Record(result);
      *response_.add_results() = std::move(result);
    }
    return true;
  }

  // Adds a batch's reply, whose indexes count from `offset`, to response_.
  void Merge(v1::IngestArticlesResponse batch, size_t offset) {
    response_.set_received(response_.received() + batch.received());
    response_.set_created(response_.created() + batch.created());
    response_.set_updated(response_.updated() + batch.updated());
    response_.set_failed(response_.failed() + batch.failed());
    response_.set_omitted_results(response_.omitted_results() +
                                  batch.omitted_results());
    for (v1::IngestItemResult& result : *batch.mutable_results()) {
      result.set_index(result.index() + static_cast<int>(offset));
      Record(result);
      *response_.add_results() = std::move(result);
    }
  }

  // One line per stored article with --verbose; failures are kept for the
  // report, in input order.
  void Record(const v1::IngestItemResult& result) {
    if (result.index() < 0 ||
        static_cast<size_t>(result.index()) >= sent_.size()) {
      return;
    }
    const size_t item = sent_[result.index()];
    const std::string& origin = items_[item].origin;
    if (result.status().code() != 0) {
      failures_[item] = Printable(result.status().message());
      return;
    }
    stored_[result.index()] = true;
    const bool raw = items_[item].article->kind == ContentKind::kRaw;
    if (absl::GetFlag(FLAGS_verbose)) {
      std::cout << origin << ": " << result.id() << " "
                << (result.created() ? "created" : "updated") << "\n";
    }
    // The user did not choose raw: say what the service made of the bytes.
    if (raw || absl::GetFlag(FLAGS_verbose)) {
      for (const std::string& warning : result.warnings()) {
        std::cerr << origin << ": "
                  << (raw ? "note: not UTF-8, sent as raw bytes: "
                          : "warning: ")
                  << Printable(warning) << "\n";
      }
    }
  }

  int FailureCount() const {
    return static_cast<int>(
        std::count_if(failures_.begin(), failures_.end(),
                      [](const std::string& f) { return !f.empty(); }));
  }

  int Report() {
    for (size_t i = 0; i < items_.size(); ++i) {
      if (!failures_[i].empty()) {
        std::cerr << items_[i].origin << ": FAILED: " << failures_[i] << "\n";
      }
    }
    const int failed = FailureCount();
    if (JsonOutput()) {
      PrintJson(response_);
    } else {
      std::cout << response_.received() << " sent, " << response_.created()
                << " created, " << response_.updated() << " updated, " << failed
                << " failed\n";
    }
    return failed == 0 ? kExitOk : kExitFailure;
  }

  const std::vector<InputItem> items_;
  std::vector<std::string> failures_;  // per item; empty: none
  std::vector<size_t> sent_;           // indexes into items_, in order
  std::vector<bool> stored_;           // per sent_ entry
  const size_t batch_size_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
  v1::IngestArticlesResponse response_;  // merged, indexes into sent_
  std::string stop_reason_;
};

}  // namespace

int RunIngest(const std::vector<std::string>& paths,
              const std::vector<std::string>& labels) {
  if (paths.empty()) return UsageError("ingest needs at least one PATH (or -)");
  Labels given;
  for (const std::string& label : labels) {
    const size_t eq = label.find('=');
    if (eq == std::string::npos || eq == 0) {
      return UsageError(
          absl::StrCat("bad --label \"", label, "\": expected KEY=VALUE"));
    }
    given[label.substr(0, eq)] = label.substr(eq + 1);
  }
  const int batch_size = absl::GetFlag(FLAGS_batch_size);
  if (batch_size < 1 || batch_size > 10000) {
    return UsageError("--batch-size must be in 1..10000");
  }
  Collected collected;
  for (const std::string& path : paths) CollectInputs(path, &collected);
  for (InputItem& item : collected.items) {
    if (!item.article.ok()) continue;
    for (const auto& [key, value] : given) item.article->labels[key] = value;
  }
  if (!collected.skipped.empty()) {
    std::cerr << "newsctl: skipped " << collected.skipped.size()
              << " directory entr"
              << (collected.skipped.size() == 1 ? "y" : "ies")
              << " (not .txt, .html, .htm, .json, .jsonl or .ndjson files)"
              << (absl::GetFlag(FLAGS_verbose) ? ":" : "; --verbose lists them")
              << "\n";
    if (absl::GetFlag(FLAGS_verbose)) {
      for (const std::string& path : collected.skipped) {
        std::cerr << "  " << path << "\n";
      }
    }
  }
  return IngestRun(std::move(collected.items), batch_size).Run();
}

int RunAnalyze(const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError("analyze needs exactly one FILE");
  Collected collected;
  CollectInputs(args[0], &collected);
  const std::vector<InputItem>& items = collected.items;
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
            << "published: " << FormatPublished(a) << "\n"
            << "source:    " << Printable(a.source()) << "\n"
            << "language:  " << Printable(a.language()) << "\n"
            << "id:        " << Printable(a.id()) << "\n"
            << (a.has_updated_at()
                    ? absl::StrCat("updated:   ", FormatTime(a.updated_at()),
                                   "\n")
                    : "")
            << "\n"
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
    const std::string hint =
        status.ok()
            ? ""
            : ConnectionHint(target.name == std::string("ingest-service"),
                             target.address, status);
    if (!hint.empty()) std::cerr << hint.substr(1) << "\n";
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
