// A xapian-tcpsrv serving one shard directory on loopback, for the tests of
// remote shards (--shards tcp://...).
#ifndef NEWSINDEX_TESTS_SHARD_SERVER_H_
#define NEWSINDEX_TESTS_SHARD_SERVER_H_

#include <sys/types.h>

#include <string>

namespace newsindex::testing {

// `xapian-tcpsrv --writable` serving one shard directory on loopback, in
// its own process group (the server forks a child per connection, and
// Stop() must end those too). Needs xapian-tools on the PATH; a failed
// start shows as WaitUntilListening() returning false. Not thread-safe.
class ShardServer {
 public:
  explicit ShardServer(std::string directory);
  ~ShardServer();
  ShardServer(const ShardServer&) = delete;
  ShardServer& operator=(const ShardServer&) = delete;

  // Serves the directory on the port (again, after Stop).
  void Start();
  // SIGKILLs the server and its children, as a crashed machine would stop
  // answering.
  void Stop();
  // Waits (at most 30 s) until the server accepts connections.
  bool WaitUntilListening() const;
  // "tcp://127.0.0.1:PORT", as --shards takes it.
  std::string location() const;

 private:
  const std::string directory_;
  const int port_;
  pid_t pid_ = 0;
};

}  // namespace newsindex::testing

#endif  // NEWSINDEX_TESTS_SHARD_SERVER_H_
