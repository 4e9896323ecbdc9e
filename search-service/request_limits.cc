#include "search-service/request_limits.h"

#include <google/protobuf/descriptor.h>

#include "absl/strings/str_cat.h"

namespace newsindex {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status CheckRepeated(const Message& message, const FieldDescriptor* field,
                           const std::string& path) {
  const RepeatedFieldLimit* limit = FindRepeatedFieldLimit(path);
  if (limit == nullptr) {
    return absl::InternalError(
        absl::StrCat(path, ": a repeated field without a limit"));
  }
  const Reflection* reflection = message.GetReflection();
  const int size = reflection->FieldSize(message, field);
  if (absl::Status s = CheckLimit(path, static_cast<size_t>(size),
                                  limit->max_values, "values");
      !s.ok()) {
    return s;
  }
  if (field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
    return absl::OkStatus();
  }
  std::string scratch;
  for (int i = 0; i < size; ++i) {
    const std::string& value =
        reflection->GetRepeatedStringReference(message, field, i, &scratch);
    if (absl::Status s = CheckLimit(path, value.size(), limit->max_value_bytes,
                                    "bytes in a value");
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckMessage(const Message& message, const std::string& prefix) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string path = absl::StrCat(prefix, field->name());
    if (field->is_repeated()) {
      if (absl::Status s = CheckRepeated(message, field, path); !s.ok()) {
        return s;
      }
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string nested = absl::StrCat(path, ".");
    const int count =
        field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      const Message& child =
          field->is_repeated()
              ? reflection->GetRepeatedMessage(message, field, i)
              : reflection->GetMessage(message, field);
      if (absl::Status s = CheckMessage(child, nested); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

void CollectPaths(const Descriptor* descriptor, const std::string& prefix,
                  int depth, std::vector<std::string>* out) {
  if (depth <= 0) return;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const std::string path = absl::StrCat(prefix, field->name());
    if (field->is_repeated()) out->push_back(path);
    if (field->message_type() != nullptr) {
      CollectPaths(field->message_type(), absl::StrCat(path, "."), depth - 1,
                   out);
    }
  }
}

}  // namespace

const RepeatedFieldLimit* FindRepeatedFieldLimit(absl::string_view path) {
  for (const RepeatedFieldLimit& limit : kRepeatedFieldLimits) {
    if (limit.path == path) return &limit;
  }
  return nullptr;
}

absl::Status CheckRequestLimits(const Message& request) {
  return CheckMessage(request, "");
}

std::vector<std::string> RepeatedFieldPaths(const Descriptor* descriptor,
                                            int max_depth) {
  std::vector<std::string> paths;
  CollectPaths(descriptor, "", max_depth, &paths);
  return paths;
}

}  // namespace newsindex
