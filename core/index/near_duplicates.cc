#include "core/index/near_duplicates.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/base/hash.h"
#include "core/index/article_codec.h"
#include "core/index/schema.h"
#include "core/text/simhash.h"

namespace newsindex {
namespace {

std::string SimhashValue(uint64_t simhash) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(simhash & 0xff);
    simhash >>= 8;
  }
  return out;
}

uint64_t SimhashFromValue(const std::string& value) {
  if (value.size() != 8) return 0;
  uint64_t simhash = 0;
  for (unsigned char c : value) simhash = (simhash << 8) | c;
  return simhash;
}

}  // namespace

std::vector<std::string> SimhashBandTerms(uint64_t simhash) {
  std::vector<std::string> terms;
  constexpr int kBits = 64 / kSimhashBands;
  for (int band = 0; band < kSimhashBands; ++band) {
    const uint64_t bits = (simhash >> (band * kBits)) & ((1ULL << kBits) - 1);
    terms.push_back(
        absl::StrFormat("%s%d:%04x", schema::kSimhashBandPrefix, band, bits));
  }
  return terms;
}

std::optional<NearDuplicate> FindNearDuplicate(const Xapian::Database& db,
                                               uint64_t simhash,
                                               const std::string& own_id_term) {
  if (simhash == 0) return std::nullopt;
  const std::vector<std::string> bands = SimhashBandTerms(simhash);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(
      Xapian::Query::OP_AND_NOT,
      Xapian::Query(Xapian::Query::OP_OR, bands.begin(), bands.end()),
      Xapian::Query(own_id_term)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  // Docids grow with ingest order: with equal weights this takes the most
  // recent matches. In a large index random band collisions are many, and
  // the oldest of them would fill every slot and hide a recent duplicate.
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  Xapian::MSet candidates = enquire.get_mset(0, kMaxDuplicateCandidates);
  std::optional<NearDuplicate> best;
  Xapian::Document best_doc;
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    Xapian::Document doc = it.get_document();
    const int distance = SimhashDistance(
        simhash, SimhashFromValue(doc.get_value(schema::kSimhashSlot)));
    if (distance > kNearDuplicateMaxDistance) continue;
    if (best && best->distance <= distance) continue;
    best = NearDuplicate{"", doc.get_value(schema::kClusterSlot), distance};
    best_doc = doc;
  }
  if (best) {
    absl::StatusOr<Article> article = DecodeArticle(best_doc.get_data());
    if (article.ok()) best->id = article->id;
  }
  return best;
}

std::string NewClusterKey(absl::string_view id) {
  return Sha256Hex(id).substr(0, 16);
}

void StampNearDuplicateFields(uint64_t simhash, const std::string& cluster_key,
                              Xapian::Document* doc) {
  doc->add_value(schema::kClusterSlot, cluster_key);
  doc->add_boolean_term(schema::ClusterTerm(cluster_key));
  if (simhash == 0) return;
  doc->add_value(schema::kSimhashSlot, SimhashValue(simhash));
  for (const std::string& term : SimhashBandTerms(simhash)) {
    doc->add_boolean_term(term);
  }
}

}  // namespace newsindex
