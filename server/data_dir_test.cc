#include "server/data_dir.h"

#include <cstdlib>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::HasSubstr;

TEST(DataDirTest, DefaultDataDirFollowsTheEnvironment) {
  setenv("NEWSINDEX_DATA_DIR", "/opt/ni", 1);
  EXPECT_EQ(DefaultEntityDataDir(nullptr), "/opt/ni/entities");
  unsetenv("NEWSINDEX_DATA_DIR");
  EXPECT_THAT(DefaultEntityDataDir("/nonexistent/bin/x"),
              HasSubstr("/data/entities"));
}

}  // namespace
}  // namespace newsindex
