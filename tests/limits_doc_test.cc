// docs/security.md's table of limits agrees with the code: every limit the
// code defines (the repeated request fields of kRepeatedFieldLimits, the
// search limits, the services' memory limits and their defaults) has a row
// with its default, and the table has no row the code does not know.
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/base/labels.h"
#include "core/index/catalog_store.h"
#include "core/normalize/html/html_limits.h"
#include "core/search/search_limits.h"
#include "core/text/excerpt.h"
#include "core/text/text.h"
#include "gtest/gtest.h"
#include "ingest-service/ingest_service_impl.h"
#include "ingest-service/stream_limits.h"
#include "search-service/search_service_impl.h"
#include "server/server_runner.h"
#include "server/service_flags.h"

namespace newsindex {
namespace {

// "3 MiB", "64 KiB", "100 bytes": exact units only.
std::string Bytes(int64_t n) {
  if (n >= (1 << 30) && n % (1 << 30) == 0)
    return absl::StrCat(n >> 30, " GiB");
  if (n >= (1 << 20) && n % (1 << 20) == 0)
    return absl::StrCat(n >> 20, " MiB");
  if (n >= (1 << 10) && n % (1 << 10) == 0)
    return absl::StrCat(n >> 10, " KiB");
  return absl::StrCat(n, " bytes");
}

// limit (first column, without backquotes) -> default (second column).
std::map<std::string, std::string> CodeLimits() {
  std::map<std::string, std::string> rows;
  for (const RepeatedFieldLimit& f : kRepeatedFieldLimits) {
    rows[std::string(f.path)] =
        f.max_value_bytes == 0
            ? absl::StrCat(f.max_values, " values")
            : absl::StrCat(f.max_values, " values of ",
                           Bytes(static_cast<int64_t>(f.max_value_bytes)));
  }
  rows["kMaxQueryBytes"] = Bytes(kMaxQueryBytes);
  rows["kMaxLabels"] = absl::StrCat(kMaxLabels, " labels");
  rows["kMaxLabelKeyBytes"] = Bytes(kMaxLabelKeyBytes);
  rows["kMaxLabelValueBytes"] = Bytes(kMaxLabelValueBytes);
  rows["kMaxQueryDepth"] = absl::StrCat(kMaxQueryDepth, " levels");
  rows["kMaxQueryTerms"] = absl::StrCat(kMaxQueryTerms, " words");
  rows["kMaxHighlightTagBytes"] = Bytes(kMaxHighlightTagBytes);
  rows["kMaxSnippetLength"] = absl::StrCat(kMaxSnippetLength, " characters");
  rows["kMaxResponseBytes"] = Bytes(kMaxResponseBytes);
  rows["kMaxExcerptBytes"] = Bytes(kMaxExcerptBytes);
  rows["--max-reply-bytes"] = Bytes(kDefaultMaxReplyBytes);
  rows["--max-concurrent-streams"] =
      absl::StrCat(kDefaultMaxConcurrentStreams, " calls");
  rows["--grpc-memory-bytes"] = Bytes(kDefaultGrpcMemoryBytes);
  rows["kExitGrace"] = absl::StrCat(absl::ToInt64Seconds(kExitGrace), " s");
  const StreamLimits streams;
  rows["--max-article-bytes"] = Bytes(kDefaultMaxArticleBytes);
  rows["--max-streams-per-connection"] =
      absl::StrCat(streams.max_streams_per_connection, " streams");
  rows["--max-streams"] = absl::StrCat(streams.max_streams, " streams");
  rows["--max-in-flight-bytes"] = Bytes(streams.max_in_flight_bytes);
  rows["--max-stream-results"] =
      absl::StrCat(streams.max_stream_results, " entries");
  rows["kMaxInFlightPerStream"] =
      absl::StrCat(IngestServiceImpl::kMaxInFlightPerStream, " articles");
  rows["kMaxAliasesPerEntity"] = absl::StrCat(kMaxAliasesPerEntity, " aliases");
  rows["kMaxAliasesPerArticle"] =
      absl::StrCat(kMaxAliasesPerArticle, " aliases");
  rows["kMaxNonStarterRun"] = absl::StrCat(kMaxNonStarterRun, " marks");
  rows["--change-log-retention"] =
      absl::StrCat(kDefaultChangeLogRetention, " changes per shard");
  rows["kMaxWatchStreams"] = absl::StrCat(kMaxWatchStreams, " streams");
  const ChangeReadLimits watch;
  rows["max_events"] = absl::StrCat(watch.max_events, " events");
  rows["max_article_bytes"] =
      Bytes(static_cast<int64_t>(watch.max_article_bytes));
  rows["max_scan"] = absl::StrCat(watch.max_scan, " changes per shard");
  rows["max_scan_bytes"] = Bytes(static_cast<int64_t>(watch.max_scan_bytes));
  const HtmlLimits html;
  rows["max_depth"] = absl::StrCat(html.max_depth, " levels");
  rows["max_elements"] = absl::StrCat(html.max_elements, " start tags");
  rows["max_attributes_per_element"] =
      absl::StrCat(html.max_attributes_per_element, " attributes");
  rows["max_parse_work"] = absl::StrCat(html.max_parse_work);
  return rows;
}

// The rows of the table between the limits-table markers.
std::map<std::string, std::string> DocLimits(const std::string& doc) {
  std::map<std::string, std::string> rows;
  const size_t begin = doc.find("<!-- limits-table:begin -->");
  const size_t end = doc.find("<!-- limits-table:end -->");
  EXPECT_NE(begin, std::string::npos);
  EXPECT_NE(end, std::string::npos);
  if (begin == std::string::npos || end == std::string::npos) return rows;
  for (absl::string_view line :
       absl::StrSplit(doc.substr(begin, end - begin), '\n')) {
    if (!absl::StartsWith(line, "| `")) continue;
    std::vector<std::string> cells = absl::StrSplit(line, '|');
    if (cells.size() < 4) continue;
    absl::string_view cell = absl::StripAsciiWhitespace(cells[1]);
    absl::ConsumePrefix(&cell, "`");
    absl::ConsumeSuffix(&cell, "`");
    const std::string key(cell);
    rows[key] = std::string(absl::StripAsciiWhitespace(cells[2]));
  }
  return rows;
}

TEST(LimitsDocTest, SecurityMdListsEveryLimitWithItsDefault) {
  std::ifstream in(std::string(NEWSINDEX_SOURCE_DIR) + "/docs/security.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::map<std::string, std::string> doc = DocLimits(text.str());
  const std::map<std::string, std::string> code = CodeLimits();
  std::vector<std::string> expected;
  for (const auto& [limit, value] : code) {
    expected.push_back(absl::StrCat("| `", limit, "` | ", value, " |"));
    auto it = doc.find(limit);
    if (it == doc.end()) {
      ADD_FAILURE() << "docs/security.md has no row for `" << limit << "`";
    } else {
      EXPECT_EQ(it->second, value) << "the default of `" << limit << "`";
    }
  }
  for (const auto& [limit, value] : doc) {
    EXPECT_TRUE(code.count(limit))
        << "docs/security.md lists `" << limit << "`, which the code lacks";
  }
  if (HasFailure()) {
    ADD_FAILURE() << "the code's limits, first two columns:\n"
                  << absl::StrJoin(expected, "\n");
  }
}

}  // namespace
}  // namespace newsindex
