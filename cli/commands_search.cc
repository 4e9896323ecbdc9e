// search, similar and get: articles from SearchService.
#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
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
#include "server/flag_names.h"

namespace newsindex::cli {
namespace {

// Entity names shown under a hit.
constexpr int kEntitiesPerHit = 6;
// Widest entity label or source in a facet table.
constexpr int kFacetCellWidth = 40;

std::string Title(const v1::Article& a) {
  return a.title().empty() ? "(untitled)" : Printable(a.title());
}

// "a · b · c" of the non-empty parts: no empty separators.
std::string JoinNonEmpty(const std::vector<std::string>& parts) {
  std::string line;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    absl::StrAppend(&line, line.empty() ? "" : " \u00b7 ", part);
  }
  return line;
}

void PrintHit(int rank, const v1::SearchHit& hit, bool scored,
              const Terminal& terminal) {
  const v1::Article& a = hit.article();
  std::cout << "\n" << rank << ". " << Bold(Title(a), terminal.color);
  // Date orders and searches without free text (filters only) are not
  // scored.
  if (scored && hit.score() != 0) {
    std::cout << "  "
              << Dim(absl::StrCat("(score ", FormatDecimal(hit.score()), ")"),
                     terminal.color);
  }
  std::cout << "\n";
  std::vector<std::string> meta = {Printable(a.id()), Printable(a.source()),
                                   FormatTime(a.published_at()),
                                   Printable(a.language())};
  if (hit.collapsed_count() > 0) {
    meta.push_back(absl::StrCat("+", hit.collapsed_count(), " near-duplicate",
                                hit.collapsed_count() == 1 ? "" : "s"));
  }
  if (const std::string line = JoinNonEmpty(meta); !line.empty()) {
    std::cout << "   " << line << "\n";
  }
  if (!hit.snippet().empty()) {
    std::cout << "   " << RenderSnippet(hit.snippet(), terminal.color) << "\n";
  }
  if (a.entities_size() > 0) {
    std::cout << "   entities:";
    for (int i = 0; i < a.entities_size() && i < kEntitiesPerHit; ++i) {
      std::cout << (i ? ", " : " ") << Printable(a.entities(i).name());
    }
    if (a.entities_size() > kEntitiesPerHit) {
      std::cout << ", +" << a.entities_size() - kEntitiesPerHit;
    }
    std::cout << "\n";
  }
}

void PrintHits(const v1::SearchResponse& response, bool scored,
               const Terminal& terminal) {
  int rank = 0;
  for (const v1::SearchHit& hit : response.hits()) {
    PrintHit(++rank, hit, scored, terminal);
  }
  if (response.collapsed() > 0) {
    std::cout << "\n"
              << response.collapsed() << " near-duplicate"
              << (response.collapsed() == 1 ? "" : "s")
              << " collapsed on this page (--no-collapse shows them)\n";
  }
}

// Source facet values are the index's lowercased source terms; a hit on
// the page with the same source shows how it is written ("Inter Bellum
// News" for "inter bellum news"). Sources no hit shows stay lowercase.
std::map<std::string, std::string> SourceSpellings(
    const v1::SearchResponse& response) {
  std::map<std::string, std::string> spellings;
  for (const v1::SearchHit& hit : response.hits()) {
    const std::string& source = hit.article().source();
    if (!source.empty())
      spellings.emplace(absl::AsciiStrToLower(source), source);
  }
  return spellings;
}

void PrintFacetTable(
    absl::string_view title, absl::string_view column,
    const google::protobuf::RepeatedPtrField<v1::FacetBucket>& buckets,
    const std::map<std::string, std::string>& spellings,
    const Terminal& terminal) {
  if (buckets.empty()) return;
  Table table;
  table.header = {std::string(column), "ARTICLES"};
  table.align = {Align::kLeft, Align::kRight};
  table.max_cell_width = kFacetCellWidth;
  for (const v1::FacetBucket& bucket : buckets) {
    std::string shown =
        bucket.label().empty() ? bucket.value() : bucket.label();
    if (auto it = spellings.find(shown); it != spellings.end()) {
      shown = it->second;
    }
    table.rows.push_back({Printable(shown), absl::StrCat(bucket.count())});
  }
  std::cout << "\n"
            << Bold(title, terminal.color) << "\n"
            << RenderTable(table, terminal.color);
}

void PrintFacets(const v1::SearchResponse& response, v1::DateInterval interval,
                 const Terminal& terminal) {
  const v1::Facets& facets = response.facets();
  const std::string approximate = facets.exact() ? "" : " (approximate counts)";
  struct Kind {
    const char* name;
    const google::protobuf::RepeatedPtrField<v1::FacetBucket>* buckets;
  };
  const Kind kinds[] = {{"person", &facets.persons()},
                        {"organization", &facets.organizations()},
                        {"location", &facets.locations()},
                        {"other", &facets.others()}};
  Table entities;
  entities.header = {"TYPE", "ENTITY", "ARTICLES", "ID"};
  entities.align = {Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft};
  entities.max_cell_width = kFacetCellWidth;
  entities.last_unbounded = true;
  for (const Kind& kind : kinds) {
    for (const v1::FacetBucket& bucket : *kind.buckets) {
      entities.rows.push_back(
          {kind.name,
           Printable(bucket.label().empty() ? bucket.value() : bucket.label()),
           absl::StrCat(bucket.count()), Printable(bucket.value())});
    }
  }
  if (!entities.rows.empty()) {
    std::cout << "\n"
              << Bold(absl::StrCat("Entities", approximate), terminal.color)
              << "\n"
              << RenderTable(entities, terminal.color);
  }
  PrintFacetTable(absl::StrCat("Sources", approximate), "SOURCE",
                  facets.sources(), SourceSpellings(response), terminal);
  PrintFacetTable(absl::StrCat("Languages", approximate), "LANGUAGE",
                  facets.languages(), {}, terminal);
  if (!facets.date_histogram().empty()) {
    std::vector<HistogramRow> rows;
    for (const v1::FacetBucket& bucket : facets.date_histogram()) {
      rows.push_back({bucket.value(), bucket.count()});
    }
    std::cout << "\n"
              << Bold(absl::StrCat("Published per ",
                                   interval == v1::DAY ? "day" : "month",
                                   approximate),
                      terminal.color)
              << "\n"
              << RenderHistogram(rows, interval == v1::DAY ? "DAY" : "MONTH",
                                 terminal.width, terminal.color);
  }
}

// `get`: title, subtitle, one line of metadata (only the fields the article
// has), the url, the body, then its entities with type and country.
void PrintArticle(const v1::Article& a, const Terminal& terminal) {
  std::cout << Bold(Title(a), terminal.color) << "\n";
  if (!a.subtitle().empty()) std::cout << Printable(a.subtitle()) << "\n";
  const std::string meta = JoinNonEmpty(
      {Printable(a.id()), Printable(a.source()),
       a.author().empty() ? "" : "by " + Printable(a.author()),
       FormatPublished(a),
       a.has_updated_at() ? "updated " + FormatTime(a.updated_at()) : "",
       a.dateline().empty() ? "" : "dateline " + Printable(a.dateline()),
       Printable(a.language())});
  if (!meta.empty()) std::cout << meta << "\n";
  if (!a.url().empty()) std::cout << Printable(a.url()) << "\n";
  std::cout << "\n" << PrintableLines(a.body()) << "\n";
  if (a.entities().empty()) return;
  Table table;
  table.header = {"ENTITY", "TYPE", "COUNTRY", "MENTIONS", "ID"};
  table.align = {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight,
                 Align::kLeft};
  table.max_cell_width = kFacetCellWidth;
  table.last_unbounded = true;
  for (const v1::Entity& e : a.entities()) {
    std::string type = EntityTypeName(e.type());
    if (!e.subtype().empty()) absl::StrAppend(&type, " (", e.subtype(), ")");
    table.rows.push_back({Printable(e.name()), Printable(type),
                          Printable(e.country()),
                          absl::StrCat(e.mention_count()), Printable(e.id())});
  }
  std::cout << "\n"
            << Bold("Entities", terminal.color) << "\n"
            << RenderTable(table, terminal.color);
}

// The server's "did you mean", or newsctl's notes where it would mislead.
void PrintSuggestions(const std::string& query,
                      const std::vector<std::string>& args,
                      const v1::SearchResponse& response,
                      const Terminal& terminal) {
  // The spelling correction knows words, not field names: for "foo:bar" it
  // would offer "for:ban". With an unknown field, newsctl names the field
  // instead (and the nearest real one).
  const std::vector<std::string> unknown = UnknownQueryFields(query);
  for (const std::string& field : unknown) {
    std::cout << "note: " << Printable(field)
              << ": is not a query field, so it was searched as a word";
    if (const std::string near = Nearest(field, QueryFieldNames());
        !near.empty()) {
      std::cout << " (did you mean " << near << ":?)";
    }
    std::cout << "; fields: " << absl::StrJoin(QueryFieldNames(), ", ") << "\n";
  }
  // Flags written after "--" are query text now (newsctl warned); a
  // spelling correction of them ("--field did,title") is noise.
  const bool flags_in_query =
      std::any_of(args.begin(), args.end(), [](const std::string& arg) {
        std::optional<FlagArgument> flag = ParseFlagArgument(arg);
        return flag.has_value() && FindFlag(flag->name) != nullptr;
      });
  if (!response.suggested_query().empty() && unknown.empty() &&
      !flags_in_query) {
    std::cout << "did you mean: "
              << Bold(Printable(response.suggested_query()), terminal.color)
              << "\n";
  }
}

}  // namespace

int RunSearch(const std::vector<std::string>& args,
              const std::vector<std::string>& filters) {
  if (args.empty() && filters.empty()) {
    return UsageError("search needs a QUERY (or at least one --filter)");
  }
  SearchOptions options;
  options.filters = filters;
  options.sort = absl::GetFlag(FLAGS_sort);
  options.facets = absl::GetFlag(FLAGS_facets);
  options.interval = absl::GetFlag(FLAGS_interval);
  options.fields = absl::GetFlag(FLAGS_fields);
  options.no_collapse = absl::GetFlag(FLAGS_no_collapse);
  v1::SearchRequest request;
  request.set_query(JoinArgs(args));
  request.set_page_size(absl::GetFlag(FLAGS_limit));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  if (absl::Status s = ApplySearchOptions(options, &request); !s.ok()) {
    return UsageError(s.message());
  }
  v1::SearchResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status = SearchStub()->Search(&context, request, &response);
  if (!status.ok()) return Fail("search", status);
  if (JsonOutput()) {
    PrintJson(response);
    return kExitOk;
  }
  const Terminal terminal = StdoutTerminal();
  std::cout << (response.total_size_exact() ? "" : "about ")
            << response.total_size() << " result"
            << (response.total_size() == 1 ? "" : "s");
  if (request.query().empty()) {
    std::cout << " matching the filters\n";
  } else {
    std::cout << " for: " << Printable(request.query()) << "\n";
  }
  std::cout << RenderQueryNotes(response);
  PrintSuggestions(request.query(), args, response, terminal);
  PrintHits(response, request.sort() == v1::RELEVANCE, terminal);
  if (!response.next_page_token().empty()) {
    std::cout << "\nmore: --page-token " << response.next_page_token() << "\n";
  }
  if (response.has_facets()) {
    PrintFacets(response, request.facets().date_histogram(), terminal);
  }
  return kExitOk;
}

int RunSimilar(const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError("similar needs exactly one ID");
  v1::SimilarArticlesRequest request;
  request.set_id(args[0]);
  request.set_page_size(absl::GetFlag(FLAGS_limit));
  v1::SearchResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status =
      SearchStub()->SimilarArticles(&context, request, &response);
  if (!status.ok()) return Fail("similar", status);
  if (JsonOutput()) {
    PrintJson(response);
    return kExitOk;
  }
  const Terminal terminal = StdoutTerminal();
  std::cout << response.hits_size() << " article"
            << (response.hits_size() == 1 ? "" : "s") << " similar to "
            << Printable(args[0]) << "\n";
  PrintHits(response, /*scored=*/true, terminal);
  return kExitOk;
}

int RunGet(const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError("get needs exactly one ID");
  v1::GetArticleRequest request;
  request.set_id(args[0]);
  v1::Article article;
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::Status status = SearchStub()->GetArticle(&context, request, &article);
  if (!status.ok()) return Fail("get", status);
  if (JsonOutput()) {
    PrintJson(article);
    return kExitOk;
  }
  PrintArticle(article, StdoutTerminal());
  return kExitOk;
}

}  // namespace newsindex::cli
