#include "bench/load/grpc_util.h"

#include <chrono>

namespace newsindex::bench {

std::shared_ptr<grpc::Channel> Connect(const std::string& address, int index) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  args.SetMaxSendMessageSize(-1);
  // A distinct argument keeps gRPC from sharing one subchannel.
  args.SetInt("newsindex.bench.channel_index", index);
  auto channel = grpc::CreateCustomChannel(
      address, grpc::InsecureChannelCredentials(), args);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() +
                                 std::chrono::seconds(30))) {
    return nullptr;
  }
  return channel;
}

void ToRawArticle(const Record& record, v1::RawArticle* out) {
  out->Clear();
  out->set_text(record.body);
  out->set_id(record.id);
  out->set_title(record.title);
  out->set_source(record.source);
  out->set_language("en");
  if (record.published) {
    out->mutable_published_at()->set_seconds(*record.published);
  }
}

}  // namespace newsindex::bench
