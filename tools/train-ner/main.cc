// newsindex-train-ner: trains the NER tagger the services load (see
// docs/entities.md, "Statistical tagger"). Deterministic for a given seed.
//
//   newsindex-train-ner                      # CoNLL-2003 train/dev -> model
//   newsindex-train-ner --vectors corpus.vec --clusters_out clusters.txt
//                                            # word clusters from fastText
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_format.h"
#include "core/entities/knowledge.h"
#include "core/entities/ner/clusters.h"
#include "core/entities/ner/trainer.h"
#include "server/data_dir.h"

ABSL_FLAG(std::string, train,
          NEWSINDEX_SOURCE_DIR "/../shared/data/ner/conll2003-train.txt",
          "Annotated training data, CoNLL-2003 format");
ABSL_FLAG(std::string, dev,
          NEWSINDEX_SOURCE_DIR "/../shared/data/ner/conll2003-dev.txt",
          "Annotated dev data for choosing the epoch; empty: last epoch");
ABSL_FLAG(std::string, clusters,
          NEWSINDEX_SOURCE_DIR "/data/models/word-clusters.txt",
          "Word cluster file (word<TAB>id...); empty for none");
ABSL_FLAG(std::string, out,
          NEWSINDEX_SOURCE_DIR "/data/models/ner-conll2003.nxner",
          "Model file to write");
ABSL_FLAG(std::string, data_dir, "",
          "Entity data dir for the knowledge features (default as the "
          "services find it)");
ABSL_FLAG(std::string, features, "all",
          "Feature groups: all, or words,shape,affixes,context,knowledge,"
          "clusters,document; '-name' removes one (all,-clusters)");
ABSL_FLAG(int, epochs, 12, "Training epochs (the best on dev is kept)");
ABSL_FLAG(uint32_t, seed, 1, "Seed of the shuffling (and of k-means)");
ABSL_FLAG(uint32_t, hash_bits, 20, "log2 of the hashed feature buckets");
ABSL_FLAG(double, min_weight, 0.3,
          "Leave out features whose weights all stay below this");
ABSL_FLAG(int, train_docs, 0, "Use only the first N training documents");
ABSL_FLAG(std::string, vectors, "",
          "Cluster mode: fastText .vec word vectors to cluster");
ABSL_FLAG(std::string, clusters_out, "", "Cluster mode: file to write");
ABSL_FLAG(std::vector<std::string>, cluster_sizes,
          std::vector<std::string>({"64", "256", "1024"}),
          "Cluster mode: k of each granularity");

namespace newsindex {
namespace {

int MakeClusters() {
  absl::StatusOr<WordVectors> vectors =
      ReadWordVectors(absl::GetFlag(FLAGS_vectors));
  if (!vectors.ok()) {
    std::cerr << "newsindex-train-ner: " << vectors.status() << "\n";
    return 1;
  }
  std::vector<uint32_t> sizes;
  for (const std::string& s : absl::GetFlag(FLAGS_cluster_sizes)) {
    sizes.push_back(static_cast<uint32_t>(std::stoul(s)));
  }
  const WordClusters clusters =
      ClusterWords(*vectors, sizes, absl::GetFlag(FLAGS_seed), 12);
  if (absl::Status s = clusters.Save(absl::GetFlag(FLAGS_clusters_out));
      !s.ok()) {
    std::cerr << "newsindex-train-ner: " << s << "\n";
    return 1;
  }
  std::cout << "clustered " << vectors->words.size() << " words\n";
  return 0;
}

int Train(const char* argv0) {
  absl::StatusOr<uint32_t> groups =
      ParseFeatureGroups(absl::GetFlag(FLAGS_features));
  absl::StatusOr<std::vector<NerDocument>> train =
      ReadConllDocuments(absl::GetFlag(FLAGS_train));
  std::vector<NerDocument> dev;
  if (!absl::GetFlag(FLAGS_dev).empty()) {
    absl::StatusOr<std::vector<NerDocument>> d =
        ReadConllDocuments(absl::GetFlag(FLAGS_dev));
    if (!d.ok()) {
      std::cerr << "newsindex-train-ner: " << d.status() << "\n";
      return 1;
    }
    dev = *std::move(d);
  }
  std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (data_dir.empty()) data_dir = DefaultEntityDataDir(argv0);
  absl::StatusOr<std::unique_ptr<Gazetteer>> knowledge =
      LoadKnowledge(DefaultKnowledgePaths(data_dir));
  WordClusters clusters;
  if (!absl::GetFlag(FLAGS_clusters).empty()) {
    absl::StatusOr<WordClusters> c =
        WordClusters::Load(absl::GetFlag(FLAGS_clusters));
    if (!c.ok()) {
      std::cerr << "newsindex-train-ner: " << c.status() << "\n";
      return 1;
    }
    clusters = *std::move(c);
  }
  for (const absl::Status& s :
       {groups.status(), train.status(), knowledge.status()}) {
    if (!s.ok()) {
      std::cerr << "newsindex-train-ner: " << s << "\n";
      return 1;
    }
  }
  if (const int n = absl::GetFlag(FLAGS_train_docs);
      n > 0 && n < static_cast<int>(train->size())) {
    train->resize(n);
  }
  NerTrainOptions options;
  options.epochs = absl::GetFlag(FLAGS_epochs);
  options.seed = absl::GetFlag(FLAGS_seed);
  options.hash_bits = absl::GetFlag(FLAGS_hash_bits);
  options.feature_groups = *groups;
  options.min_weight = static_cast<float>(absl::GetFlag(FLAGS_min_weight));
  options.log = [](const std::string& line) { std::cout << line << std::endl; };
  std::cout << absl::StrFormat("training on %d documents, features %s\n",
                               train->size(), FeatureGroupNames(*groups));
  const NerModel model = TrainNerModel(*train, dev, knowledge->get(),
                                       std::move(clusters), options);
  if (absl::Status s = SaveNerModel(model, absl::GetFlag(FLAGS_out)); !s.ok()) {
    std::cerr << "newsindex-train-ner: " << s << "\n";
    return 1;
  }
  std::cout << "wrote " << absl::GetFlag(FLAGS_out) << "\n";
  return 0;
}

}  // namespace
}  // namespace newsindex

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Trains the newsindex NER tagger on CoNLL-format data (see "
      "docs/entities.md).");
  absl::ParseCommandLine(argc, argv);
  if (!absl::GetFlag(FLAGS_vectors).empty()) return newsindex::MakeClusters();
  return newsindex::Train(argv[0]);
}
