// Fuzzes newsctl's input reader: files of every kind it accepts. The
// first byte picks the file name's extension.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "cli/raw_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr const char* kNames[] = {"a.txt", "a.html", "a.json",
                                           "a.jsonl", "a.unknown"};
  const char* name = kNames[data[0] % 5];
  absl::string_view contents(reinterpret_cast<const char*>(data) + 1, size - 1);
  for (const newsindex::InputItem& item :
       newsindex::ReadInput(name, contents)) {
    if (item.origin.empty()) __builtin_trap();  // every item says where from
  }
  (void)newsindex::RawArticleFromJson(contents);
  return 0;
}
