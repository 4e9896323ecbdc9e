// newsctl's command-line flags (defined in flags.cc). Commands read them
// with absl::GetFlag; `--filter` is taken off the command line before absl
// parses it (it may repeat), see filters.h.
#ifndef NEWSINDEX_CLI_FLAGS_H_
#define NEWSINDEX_CLI_FLAGS_H_

#include <string>
#include <vector>

#include "absl/flags/declare.h"

// Connection and output, for every command.
ABSL_DECLARE_FLAG(std::string, ingest_addr);
ABSL_DECLARE_FLAG(std::string, search_addr);
ABSL_DECLARE_FLAG(bool, json);
ABSL_DECLARE_FLAG(double, timeout);
// Transport security and access control (docs/security.md).
ABSL_DECLARE_FLAG(std::string, tls_ca);
ABSL_DECLARE_FLAG(std::string, tls_cert);
ABSL_DECLARE_FLAG(std::string, tls_key);
ABSL_DECLARE_FLAG(std::string, tls_server_name);
ABSL_DECLARE_FLAG(std::string, token);
// ingest.
ABSL_DECLARE_FLAG(bool, verbose);
ABSL_DECLARE_FLAG(int, batch_size);

// search, similar, suggest, related.
ABSL_DECLARE_FLAG(int, limit);
// search.
ABSL_DECLARE_FLAG(std::string, page_token);
ABSL_DECLARE_FLAG(std::string, sort);
ABSL_DECLARE_FLAG(std::vector<std::string>, filter);
ABSL_DECLARE_FLAG(bool, facets);
ABSL_DECLARE_FLAG(std::string, fields);
ABSL_DECLARE_FLAG(bool, no_collapse);
// search (date histogram) and timeline.
ABSL_DECLARE_FLAG(std::string, interval);
// suggest.
ABSL_DECLARE_FLAG(std::string, type);
// watch.
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(int64_t, max_events);
// related and timeline.
ABSL_DECLARE_FLAG(std::string, query);

#endif  // NEWSINDEX_CLI_FLAGS_H_
