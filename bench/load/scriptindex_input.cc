#include "bench/load/scriptindex_input.h"

#include "absl/strings/str_split.h"

namespace newsindex::bench {
namespace {

void WriteField(const char* name, const std::string& value, std::ostream& out) {
  bool first = true;
  for (absl::string_view line : absl::StrSplit(value, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      out << name << '=' << line << '\n';
      first = false;
    } else {
      out << '=' << line << '\n';
    }
  }
}

}  // namespace

std::string ScriptindexScript() {
  return "id : field=id boolean=Q unique=Q\n"
         "title : field=title index=S index\n"
         "body : field=body index\n";
}

void WriteScriptindexRecord(const Record& record, std::ostream& out) {
  WriteField("id", record.id, out);
  WriteField("title", record.title, out);
  WriteField("body", record.body, out);
  out << '\n';
}

}  // namespace newsindex::bench
