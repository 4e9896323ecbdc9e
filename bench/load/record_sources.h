// RecordSource implementations: a corpus in memory, or generated articles.
#ifndef NEWSINDEX_BENCH_LOAD_RECORD_SOURCES_H_
#define NEWSINDEX_BENCH_LOAD_RECORD_SOURCES_H_

#include <vector>

#include "bench/load/generator.h"
#include "bench/load/ingest_load.h"

namespace newsindex::bench {

class VectorSource : public RecordSource {
 public:
  explicit VectorSource(std::vector<Record> records)
      : records_(std::move(records)) {}
  size_t size() const override { return records_.size(); }
  Record Get(size_t index) const override { return records_[index]; }

 private:
  std::vector<Record> records_;
};

// Generated articles [first, first + count) of `generator` (not owned).
class GeneratedSource : public RecordSource {
 public:
  GeneratedSource(const CorpusGenerator* generator, size_t first, size_t count)
      : generator_(generator), first_(first), count_(count) {}
  size_t size() const override { return count_; }
  Record Get(size_t index) const override {
    return generator_->Make(first_ + index);
  }

 private:
  const CorpusGenerator* generator_;
  size_t first_;
  size_t count_;
};

}  // namespace newsindex::bench

#endif  // NEWSINDEX_BENCH_LOAD_RECORD_SOURCES_H_
