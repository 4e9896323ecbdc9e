#include "core/base/hash.h"

#include "gtest/gtest.h"

namespace newsindex {
namespace {

TEST(HashTest, Sha256HexIsLowercaseHex) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc",
       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
  };
  for (const auto& [data, want] : cases) {
    EXPECT_EQ(Sha256Hex(data), want) << data;
  }
}

}  // namespace
}  // namespace newsindex
