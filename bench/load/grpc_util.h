// gRPC plumbing shared by the load generator's commands.
#ifndef NEWSINDEX_BENCH_LOAD_GRPC_UTIL_H_
#define NEWSINDEX_BENCH_LOAD_GRPC_UTIL_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "bench/load/corpus.h"
#include "newsindex/v1/article.pb.h"

namespace newsindex::bench {

// An insecure channel to `address` without message size limits, connected
// (waits up to 30 s); null when it cannot connect. Channels made with
// different `index` values use separate TCP connections.
std::shared_ptr<grpc::Channel> Connect(const std::string& address,
                                       int index = 0);

// The API's RawArticle for `record`: plain text with id, title, source and
// publication time.
void ToRawArticle(const Record& record, v1::RawArticle* out);

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_GRPC_UTIL_H_
