#include "server/rpc_observer.h"

#include <google/protobuf/descriptor.h>

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "api/request_id.h"
#include "server/logging.h"

namespace newsindex {
namespace {

using grpc::experimental::InterceptionHookPoints;

const char* MethodType(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming() && method.server_streaming()) {
    return "bidi_stream";
  }
  if (method.client_streaming()) return "client_stream";
  if (method.server_streaming()) return "server_stream";
  return "unary";
}

class RpcObserver : public grpc::experimental::Interceptor {
 public:
  RpcObserver(grpc::experimental::ServerRpcInfo* info, RpcMetrics* metrics)
      : info_(info),
        method_(metrics != nullptr ? metrics->Find(info->method()) : nullptr),
        start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* batch) override {
    if (batch->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      TakeRequestId(batch->GetRecvInitialMetadata());
      if (method_ != nullptr) method_->started->Increment();
    }
    if (batch->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      batch->GetSendInitialMetadata()->emplace(kRequestIdKey, request_id_);
    }
    if (method_ != nullptr) {
      if (batch->QueryInterceptionHookPoint(
              InterceptionHookPoints::POST_RECV_MESSAGE) &&
          batch->GetRecvMessage() != nullptr) {
        method_->received->Increment();
      }
      if (batch->QueryInterceptionHookPoint(
              InterceptionHookPoints::PRE_SEND_MESSAGE)) {
        method_->sent->Increment();
      }
    }
    if (batch->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      Finished(batch->GetSendStatus().error_code());
    }
    batch->Proceed();
  }

 private:
  // Keeps the caller's usable id, else makes one, and leaves exactly that
  // id in the call's client metadata for the service's code to read.
  void TakeRequestId(
      std::multimap<grpc::string_ref, grpc::string_ref>* metadata) {
    auto it = metadata->find(kRequestIdKey);
    if (it != metadata->end() && IsUsableRequestId(absl::string_view(
                                     it->second.data(), it->second.size()))) {
      request_id_.assign(it->second.data(), it->second.size());
      return;
    }
    if (it != metadata->end()) metadata->erase(kRequestIdKey);
    request_id_ = NewRequestId();
    // The map holds references: request_id_ lives as long as the call.
    metadata->emplace(grpc::string_ref(kRequestIdKey),
                      grpc::string_ref(request_id_));
  }

  void Finished(grpc::StatusCode code) {
    const auto elapsed = std::chrono::steady_clock::now() - start_;
    if (method_ != nullptr) {
      const int index = static_cast<int>(code);
      if (index >= 0 && index < RpcMetrics::kCodes) {
        method_->handled[index]->Increment();
      }
      method_->handling_seconds->Observe(
          std::chrono::duration<double>(elapsed).count());
    }
    const auto level = static_cast<LogLevel>(CallLogLevel(code));
    if (!LogEnabled(level)) return;
    CallLogFields fields;
    fields.method = info_->method();
    fields.request_id = request_id_;
    fields.peer = info_->server_context()->peer();
    fields.status = static_cast<int>(code);
    fields.duration = absl::FromChrono(elapsed);
    fields.has_duration = true;
    LogCall(level, "call finished", fields);
  }

  grpc::experimental::ServerRpcInfo* info_;
  RpcMetrics::Method* method_;
  const std::chrono::steady_clock::time_point start_;
  std::string request_id_;
};

}  // namespace

RpcMetrics::RpcMetrics(MetricsRegistry* registry,
                       const std::vector<std::string>& service_names) {
  std::vector<std::string> names = service_names;
  names.push_back("grpc.health.v1.Health");
  names.push_back("grpc.reflection.v1alpha.ServerReflection");
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : names) {
    const google::protobuf::ServiceDescriptor* service =
        pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor* method = service->method(i);
      AddMethod(registry, name, method->name(), MethodType(*method));
    }
  }
  AddMethod(registry, "unknown", "unknown", "unknown");
}

void RpcMetrics::AddMethod(MetricsRegistry* registry,
                           const std::string& service,
                           const std::string& method, const std::string& type) {
  const MetricLabels labels = {
      {"grpc_service", service}, {"grpc_method", method}, {"grpc_type", type}};
  Method m;
  m.started = registry->AddCounter("grpc_server_started_total",
                                   "RPCs started on the server.", labels);
  for (int code = 0; code < kCodes; ++code) {
    MetricLabels with_code = labels;
    with_code.emplace_back(
        "grpc_code",
        absl::StatusCodeToString(static_cast<absl::StatusCode>(code)));
    m.handled[code] = registry->AddCounter(
        "grpc_server_handled_total",
        "RPCs completed on the server, by status code.", with_code);
  }
  m.handling_seconds = registry->AddHistogram(
      "grpc_server_handling_seconds",
      "Time from an RPC's start to its status, in seconds.", LatencyBuckets(),
      labels);
  m.received = registry->AddCounter(
      "grpc_server_msg_received_total",
      "Request messages received (each message of a stream).", labels);
  m.sent = registry->AddCounter(
      "grpc_server_msg_sent_total",
      "Response messages sent (each message of a stream).", labels);
  if (service == "unknown") {
    unknown_ = m;
  } else {
    methods_.emplace(absl::StrCat("/", service, "/", method), m);
  }
}

RpcMetrics::Method* RpcMetrics::Find(absl::string_view path) {
  auto it = methods_.find(path);
  return it == methods_.end() ? &unknown_ : &it->second;
}

grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcObserver(info, metrics_);
}

int CallLogLevel(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return static_cast<int>(LogLevel::kDebug);
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DATA_LOSS:
      return static_cast<int>(LogLevel::kWarning);
    default:
      return static_cast<int>(LogLevel::kInfo);
  }
}

}  // namespace newsindex
