// entity, suggest, related and timeline: entities from SearchService.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/filters.h"
#include "cli/flags.h"
#include "cli/render.h"

namespace newsindex::cli {
namespace {

constexpr int kNameCellWidth = 48;

std::string TypeLabel(const v1::EntityInfo& entity) {
  std::string label = EntityTypeName(entity.type());
  if (!entity.subtype().empty()) {
    absl::StrAppend(&label, label.empty() ? "" : " ", "(",
                    Printable(entity.subtype()), ")");
  }
  return label;
}

// "Russia (country:ru)".
std::string Heading(const v1::EntityInfo& entity, absl::string_view fallback,
                    bool color) {
  if (entity.id().empty()) return Bold(Printable(fallback), color);
  return absl::StrCat(Bold(Printable(entity.name()), color), " (",
                      Printable(entity.id()), ")");
}

// The entity NAME the command names: its arguments joined with spaces.
bool EntityArgument(absl::string_view command,
                    const std::vector<std::string>& args, std::string* name,
                    int* exit_code) {
  *name = JoinArgs(args);
  if (name->empty()) {
    *exit_code = UsageError(absl::StrCat(command, " needs an entity NAME"));
    return false;
  }
  return true;
}

}  // namespace

int RunEntity(const std::vector<std::string>& args) {
  std::string name;
  int exit_code = kExitOk;
  if (!EntityArgument("entity", args, &name, &exit_code)) return exit_code;
  v1::GetEntityRequest request;
  request.set_entity(name);
  v1::EntityInfo entity;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status = SearchStub()->GetEntity(&context, request, &entity);
  if (!status.ok()) return Fail("entity", status);
  if (JsonOutput()) {
    PrintJson(entity);
    return kExitOk;
  }
  const Terminal terminal = StdoutTerminal();
  std::vector<std::string> aliases;
  for (const std::string& alias : entity.aliases()) {
    aliases.push_back(Printable(alias));
  }
  Table table;
  table.rows = {{"id", Printable(entity.id())},
                {"type", TypeLabel(entity)},
                {"aliases", absl::StrJoin(aliases, ", ")},
                {"articles", absl::StrCat(entity.article_count())},
                {"first seen", FormatTime(entity.first_seen())},
                {"last seen", FormatTime(entity.last_seen())}};
  std::cout << Bold(Printable(entity.name()), terminal.color) << "\n"
            << RenderTable(table, terminal.color);
  return kExitOk;
}

int RunSuggest(const std::vector<std::string>& args) {
  const std::string prefix = JoinArgs(args);
  if (prefix.empty()) return UsageError("suggest needs a PREFIX");
  v1::SuggestEntitiesRequest request;
  request.set_prefix(prefix);
  request.set_limit(absl::GetFlag(FLAGS_limit));
  if (const std::string type = absl::GetFlag(FLAGS_type); !type.empty()) {
    absl::StatusOr<v1::EntityType> parsed = ParseEntityType(type);
    if (!parsed.ok()) {
      return UsageError(absl::StrCat("--type: ", parsed.status().message()));
    }
    request.set_type(*parsed);
  }
  v1::SuggestEntitiesResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status =
      SearchStub()->SuggestEntities(&context, request, &response);
  if (!status.ok()) return Fail("suggest", status);
  if (JsonOutput()) {
    PrintJson(response);
    return kExitOk;
  }
  if (response.entities().empty()) {
    std::cout << "no entity starts with \"" << Printable(prefix) << "\"\n";
    return kExitOk;
  }
  const Terminal terminal = StdoutTerminal();
  Table table;
  table.header = {"NAME", "TYPE", "ARTICLES", "ID"};
  table.align = {Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft};
  table.max_cell_width = kNameCellWidth;
  table.last_unbounded = true;
  for (const v1::EntityInfo& entity : response.entities()) {
    table.rows.push_back({Printable(entity.name()), TypeLabel(entity),
                          absl::StrCat(entity.article_count()),
                          Printable(entity.id())});
  }
  std::cout << RenderTable(table, terminal.color);
  return kExitOk;
}

int RunRelated(const std::vector<std::string>& args) {
  std::string name;
  int exit_code = kExitOk;
  if (!EntityArgument("related", args, &name, &exit_code)) return exit_code;
  v1::RelatedEntitiesRequest request;
  request.set_entity(name);
  request.set_query(absl::GetFlag(FLAGS_query));
  request.set_limit(absl::GetFlag(FLAGS_limit));
  v1::RelatedEntitiesResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status =
      SearchStub()->RelatedEntities(&context, request, &response);
  if (!status.ok()) return Fail("related", status);
  if (JsonOutput()) {
    PrintJson(response);
    return kExitOk;
  }
  const Terminal terminal = StdoutTerminal();
  std::cout << "Entities co-occurring with "
            << Heading(response.entity(), name, terminal.color);
  if (!response.measure().empty()) {
    std::cout << ", by " << Printable(response.measure());
  }
  std::cout << "\n";
  if (response.related().empty()) {
    std::cout << "none\n";
    return kExitOk;
  }
  Table table;
  table.header = {"NAME", "TYPE", "CO-OCCURRENCES", "NPMI", "PMI", "ID"};
  table.align = {Align::kLeft,  Align::kLeft,  Align::kRight,
                 Align::kRight, Align::kRight, Align::kLeft};
  table.max_cell_width = kNameCellWidth;
  table.last_unbounded = true;
  for (const v1::RelatedEntity& related : response.related()) {
    table.rows.push_back(
        {Printable(related.entity().name()), TypeLabel(related.entity()),
         absl::StrCat(related.co_occurrences()), FormatDecimal(related.npmi()),
         FormatDecimal(related.pmi()), Printable(related.entity().id())});
  }
  std::cout << RenderTable(table, terminal.color);
  return kExitOk;
}

int RunTimeline(const std::vector<std::string>& args) {
  std::string name;
  int exit_code = kExitOk;
  if (!EntityArgument("timeline", args, &name, &exit_code)) return exit_code;
  v1::EntityTimelineRequest request;
  request.set_entity(name);
  request.set_query(absl::GetFlag(FLAGS_query));
  v1::DateInterval interval = v1::MONTH;
  if (const std::string text = absl::GetFlag(FLAGS_interval); !text.empty()) {
    absl::StatusOr<v1::DateInterval> parsed = ParseInterval(text);
    if (!parsed.ok()) return UsageError(parsed.status().message());
    interval = *parsed;
  }
  request.set_interval(interval);
  v1::EntityTimelineResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status =
      SearchStub()->EntityTimeline(&context, request, &response);
  if (!status.ok()) return Fail("timeline", status);
  if (JsonOutput()) {
    PrintJson(response);
    return kExitOk;
  }
  const Terminal terminal = StdoutTerminal();
  const bool daily = interval == v1::DAY;
  std::cout << Heading(response.entity(), name, terminal.color)
            << ": articles per " << (daily ? "day" : "month") << "\n";
  if (response.buckets().empty()) {
    std::cout << "none\n";
    return kExitOk;
  }
  std::vector<HistogramRow> rows;
  for (const v1::FacetBucket& bucket : response.buckets()) {
    rows.push_back({bucket.value(), bucket.count()});
  }
  std::cout << RenderHistogram(rows, daily ? "DAY" : "MONTH", terminal.width,
                               terminal.color);
  return kExitOk;
}

}  // namespace newsindex::cli
