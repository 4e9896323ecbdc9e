// stories and story: stories from SearchService (docs/stories.md).
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/filters.h"
#include "cli/flags.h"
#include "cli/help.h"
#include "cli/render.h"

namespace newsindex::cli {
namespace {

// Widest headline in the stories table.
constexpr int kHeadlineWidth = 60;
// Sources shown in a row before "+N".
constexpr int kSourcesShown = 3;

absl::StatusOr<v1::StoryOrder> ParseStoryOrder(absl::string_view text) {
  const std::string order = absl::AsciiStrToLower(text);
  if (order.empty() || order == "latest") return v1::LATEST;
  if (order == "largest") return v1::LARGEST;
  if (order == "trending") return v1::TRENDING;
  return absl::InvalidArgumentError(
      absl::StrCat("--sort for stories: latest, largest or trending, not \"",
                   Printable(text), "\""));
}

std::string Sources(const v1::Story& s) {
  std::vector<std::string> shown;
  for (int i = 0; i < s.sources_size() && i < kSourcesShown; ++i) {
    shown.push_back(Printable(s.sources(i)));
  }
  std::string line = absl::StrJoin(shown, ", ");
  if (s.sources_size() > kSourcesShown) {
    absl::StrAppend(&line, " +", s.sources_size() - kSourcesShown);
  }
  return line;
}

}  // namespace

int RunStories(const std::vector<std::string>& args,
               const std::vector<std::string>& filters) {
  v1::ListStoriesRequest request;
  request.set_query(absl::StrJoin(args, " "));
  for (const std::string& f : filters) {
    if (absl::Status s = AddFilter(f, request.mutable_filter()); !s.ok()) {
      return UsageError(std::string(s.message()));
    }
  }
  absl::StatusOr<v1::StoryOrder> order =
      ParseStoryOrder(absl::GetFlag(FLAGS_sort));
  if (!order.ok()) return UsageError(std::string(order.status().message()));
  request.set_order(*order);
  request.set_page_size(absl::GetFlag(FLAGS_limit));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  v1::ListStoriesResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status = SearchStub()->ListStories(&context, request, &response);
  if (!status.ok()) return Fail("stories", status);
  if (JsonOutput()) {
    PrintJson(response);
    return kExitOk;
  }
  const Terminal terminal = StdoutTerminal();
  std::cout << response.total_size() << " stor"
            << (response.total_size() == 1 ? "y" : "ies") << "\n";
  Table table;
  table.header = {"ID", "HEADLINE", "SIZE", "SOURCES", "FIRST", "LAST"};
  table.align = {Align::kLeft, Align::kLeft, Align::kRight};
  table.max_cell_width = kHeadlineWidth;
  for (const v1::Story& s : response.stories()) {
    table.rows.push_back({s.id(), Printable(s.headline()),
                          absl::StrCat(s.article_count()), Sources(s),
                          FormatTime(s.first_published()),
                          FormatTime(s.last_published())});
  }
  std::cout << RenderTable(table, terminal.color);
  if (!response.next_page_token().empty()) {
    std::cout << "\nmore: --page-token " << response.next_page_token() << "\n";
  }
  return kExitOk;
}

int RunStory(const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError("story needs exactly one ID");
  v1::GetStoryRequest request;
  request.set_id(args[0]);
  request.set_page_size(absl::GetFlag(FLAGS_limit));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  v1::GetStoryResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status = SearchStub()->GetStory(&context, request, &response);
  if (!status.ok()) return Fail("story", status);
  if (JsonOutput()) {
    PrintJson(response);
    return kExitOk;
  }
  const Terminal terminal = StdoutTerminal();
  const v1::Story& s = response.story();
  std::cout << Bold(Printable(s.headline()), terminal.color) << "\n"
            << s.id() << " \u00b7 " << s.article_count() << " article"
            << (s.article_count() == 1 ? "" : "s") << " \u00b7 "
            << s.sources_size() << " source"
            << (s.sources_size() == 1 ? "" : "s") << " \u00b7 "
            << FormatTime(s.first_published()) << " .. "
            << FormatTime(s.last_published()) << "\n";
  std::vector<std::string> names;
  for (const v1::StoryEntity& e : s.entities()) {
    names.push_back(Printable(e.name()));
  }
  if (!names.empty()) std::cout << absl::StrJoin(names, ", ") << "\n";
  Table table;
  table.header = {"ID", "SOURCE", "PUBLISHED", "TITLE"};
  table.last_unbounded = true;
  table.max_cell_width = kHeadlineWidth;
  for (const v1::Article& a : response.articles()) {
    table.rows.push_back({Printable(a.id()), Printable(a.source()),
                          FormatTime(a.published_at()), Printable(a.title())});
  }
  std::cout << "\n" << RenderTable(table, terminal.color);
  if (!response.next_page_token().empty()) {
    std::cout << "\nmore: --page-token " << response.next_page_token() << "\n";
  }
  return kExitOk;
}

}  // namespace newsindex::cli
