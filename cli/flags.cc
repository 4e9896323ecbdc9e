#include "cli/flags.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, ingest_addr, "",
          "ingest-service address (env NEWSINDEX_INGEST_ADDR; default "
          "127.0.0.1:50051)");
ABSL_FLAG(std::string, search_addr, "",
          "search-service address (env NEWSINDEX_SEARCH_ADDR; default "
          "127.0.0.1:50052)");
ABSL_FLAG(bool, json, false,
          "Print responses as JSON (protobuf's canonical mapping)");
ABSL_FLAG(double, timeout, 30,
          "Deadline of each call, in seconds (ingest: of each batch)");
ABSL_FLAG(std::string, tls_ca, "",
          "Connect with TLS, trusting this PEM CA bundle (env "
          "NEWSINDEX_TLS_CA)");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM client certificate for mutual TLS (env NEWSINDEX_CLIENT_CERT)");
ABSL_FLAG(std::string, tls_key, "",
          "PEM private key of --tls-cert (env NEWSINDEX_CLIENT_KEY)");
ABSL_FLAG(std::string, tls_server_name, "",
          "Expect this name in the server certificate instead of the "
          "address's host");
ABSL_FLAG(std::string, token, "",
          "Bearer token sent with every call (env NEWSINDEX_TOKEN)");
ABSL_FLAG(bool, verbose, false,
          "Print each call's request id (x-request-id) to stderr; ingest: "
          "also one line per article (failures are always printed)");
ABSL_FLAG(int, batch_size, 500,
          "ingest: articles per stream; each stream has its own --timeout");

ABSL_FLAG(int, limit, 10,
          "search, similar, suggest, related: results per page (at most 100)");
ABSL_FLAG(std::string, page_token, "",
          "search, stories, story: continue from this token");
ABSL_FLAG(std::string, sort, "",
          "search: relevance (default), newest or oldest; stories: latest "
          "(default), largest or trending");
ABSL_FLAG(
    std::vector<std::string>, filter, {},
    "search: KEY=VALUE, repeatable; keys entity, type, country, source, lang, "
    "after, before (DATE: YYYY-MM-DD or RFC 3339)");
ABSL_FLAG(std::vector<std::string>, label, {},
          "ingest: KEY=VALUE, repeatable; a label for every article sent "
          "(over a record's own label of that key)");
ABSL_FLAG(bool, facets, false,
          "search: also count entities, sources, languages and dates");
ABSL_FLAG(std::string, fields, "",
          "search: comma-separated Article fields to return (id,title,...)");
ABSL_FLAG(bool, no_collapse, false,
          "search: keep near-duplicates instead of collapsing them");
ABSL_FLAG(std::string, interval, "",
          "search --facets, timeline: day or month (default month)");
ABSL_FLAG(std::string, type, "",
          "suggest: person, organization, location or other");
ABSL_FLAG(std::string, from, "now",
          "watch: where to start: now, a cursor from an earlier event, or a "
          "time (RFC 3339 or YYYY-MM-DD)");
ABSL_FLAG(int64_t, max_events, 0,
          "watch: stop after this many events (0: run until interrupted)");
ABSL_FLAG(std::string, query, "",
          "related, timeline: only articles matching this query");
