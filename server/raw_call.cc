#include "server/raw_call.h"

#include <grpcpp/impl/codegen/proto_utils.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "core/text/text.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace newsindex {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// Deeper than any request of the API; bounds a hostile nesting.
constexpr int kMaxDepth = 64;

// Walks the fields of one message of `type` in `in` up to its end (or its
// limit); sets *path and returns true at the first string field whose value
// is not valid UTF-8. False at the end, or when the bytes are not
// well-formed.
bool FindInvalidUtf8(const Descriptor& type, CodedInputStream* in,
                     const std::string& prefix, int depth, std::string* path) {
  if (depth > kMaxDepth) return false;
  while (const uint32_t tag = in->ReadTag()) {
    const FieldDescriptor* field =
        type.FindFieldByNumber(WireFormatLite::GetTagFieldNumber(tag));
    if (WireFormatLite::GetTagWireType(tag) !=
            WireFormatLite::WIRETYPE_LENGTH_DELIMITED ||
        field == nullptr) {
      if (!WireFormatLite::SkipField(in, tag)) return false;
      continue;
    }
    uint32_t length = 0;
    if (!in->ReadVarint32(&length)) return false;
    const std::string name = absl::StrCat(prefix, field->name());
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      std::string value;
      if (!in->ReadString(&value, static_cast<int>(length))) return false;
      if (!IsValidUtf8(value)) {
        *path = name;
        return true;
      }
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      const CodedInputStream::Limit limit =
          in->PushLimit(static_cast<int>(length));
      if (FindInvalidUtf8(*field->message_type(), in, name + ".", depth + 1,
                          path)) {
        return true;
      }
      if (!in->ConsumedEntireMessage()) return false;
      in->PopLimit(limit);
    } else if (!in->Skip(static_cast<int>(length))) {
      return false;
    }
  }
  return false;  // the end of the message: nothing found
}

}  // namespace

std::string FieldWithInvalidUtf8(const Descriptor& type,
                                 const std::string& wire) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(wire.data()),
                      static_cast<int>(wire.size()));
  std::string path;
  return FindInvalidUtf8(type, &in, "", 0, &path) ? path : "";
}

absl::Status ParseRequest(const grpc::ByteBuffer& bytes,
                          google::protobuf::Message* message) {
  std::vector<grpc::Slice> slices;
  std::string wire;
  if (bytes.Dump(&slices).ok()) {
    wire.reserve(bytes.Length());
    for (const grpc::Slice& slice : slices) {
      wire.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
  }
  if (message->ParseFromString(wire)) return absl::OkStatus();
  const std::string field =
      FieldWithInvalidUtf8(*message->GetDescriptor(), wire);
  if (!field.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field,
        ": not valid UTF-8 (a string field must be UTF-8; send other bytes "
        "in a bytes field, such as article.raw)"));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("the request is not a valid ",
                   message->GetDescriptor()->full_name(), " message"));
}

bool SerializeReply(const google::protobuf::Message& message,
                    grpc::ByteBuffer* bytes) {
  bool own = false;
  return grpc::SerializationTraits<google::protobuf::Message>::Serialize(
             message, bytes, &own)
      .ok();
}

}  // namespace newsindex
