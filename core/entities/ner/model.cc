#include "core/entities/ner/model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace newsindex {
namespace {

constexpr absl::string_view kMagic = "NXNERMDL";

template <typename T>
void Put(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

// Bounds-checked reader over the file's bytes.
class Reader {
 public:
  explicit Reader(absl::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T* value) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetBytes(size_t n, absl::string_view* out) {
    if (bytes_.size() - pos_ < n) return false;
    *out = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  absl::string_view bytes_;
  size_t pos_ = 0;
};

void PutRows(const NerModel& model, std::string* out) {
  uint32_t count = 0;
  for (uint32_t r : model.row_of) count += r != 0 ? 1 : 0;
  Put<uint32_t>(out, count);
  for (uint32_t bucket = 0; bucket < model.row_of.size(); ++bucket) {
    const uint32_t r = model.row_of[bucket];
    if (r == 0) continue;
    const float* w = &model.rows[r * kNerLabels];
    float scale = 0;
    for (int l = 0; l < kNerLabels; ++l)
      scale = std::max(scale, std::fabs(w[l]));
    scale /= 127.0f;
    Put<uint32_t>(out, bucket);
    Put<float>(out, scale);
    for (int l = 0; l < kNerLabels; ++l) {
      const float q = scale > 0 ? std::round(w[l] / scale) : 0;
      Put<int8_t>(out, static_cast<int8_t>(std::clamp(q, -127.0f, 127.0f)));
    }
  }
}

void PutClusters(const WordClusters& c, std::string* out) {
  Put<uint32_t>(out, c.sizes.size());
  for (uint32_t s : c.sizes) Put<uint32_t>(out, s);
  std::vector<const std::string*> words;
  for (const auto& [w, ids] : c.ids) words.push_back(&w);
  std::sort(words.begin(), words.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  Put<uint32_t>(out, words.size());
  for (const std::string* w : words) {
    Put<uint16_t>(out, static_cast<uint16_t>(w->size()));
    out->append(*w);
    const std::vector<uint16_t>& ids = c.ids.at(*w);
    for (size_t g = 0; g < c.sizes.size(); ++g) {
      Put<uint16_t>(out, g < ids.size() ? ids[g] : 0);
    }
  }
}

bool GetRows(Reader* in, NerModel* model) {
  uint32_t count;
  if (!in->Get(&count) || count > model->row_of.size()) return false;
  model->rows.assign(static_cast<size_t>(count + 1) * kNerLabels, 0.0f);
  for (uint32_t r = 1; r <= count; ++r) {
    uint32_t bucket;
    float scale;
    if (!in->Get(&bucket) || !in->Get(&scale) ||
        bucket >= model->row_of.size() || !std::isfinite(scale)) {
      return false;
    }
    model->row_of[bucket] = r;
    model->used[bucket >> 6] |= uint64_t{1} << (bucket & 63);
    for (int l = 0; l < kNerLabels; ++l) {
      int8_t q;
      if (!in->Get(&q)) return false;
      model->rows[r * kNerLabels + l] = q * scale;
    }
  }
  return true;
}

bool GetClusters(Reader* in, WordClusters* c) {
  uint32_t granularities, words;
  if (!in->Get(&granularities) || granularities > 16) return false;
  c->sizes.resize(granularities);
  for (uint32_t& s : c->sizes) {
    if (!in->Get(&s)) return false;
  }
  if (!in->Get(&words)) return false;
  for (uint32_t i = 0; i < words; ++i) {
    uint16_t length;
    absl::string_view word;
    if (!in->Get(&length) || !in->GetBytes(length, &word)) return false;
    std::vector<uint16_t> ids(granularities);
    for (uint16_t& id : ids) {
      if (!in->Get(&id)) return false;
    }
    c->ids.emplace(std::string(word), std::move(ids));
  }
  return true;
}

}  // namespace

uint64_t Fnv1a64(absl::string_view bytes, uint64_t h) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

void NerModel::SetWeights(const std::vector<float>& dense, float epsilon) {
  row_of.assign(size_t{1} << hash_bits, 0);
  used.assign(row_of.size() / 64, 0);
  rows.assign(kNerLabels, 0.0f);
  for (size_t bucket = 0; bucket < row_of.size(); ++bucket) {
    const float* w = &dense[bucket * kNerLabels];
    bool any = false;
    for (int l = 0; l < kNerLabels; ++l) any |= std::fabs(w[l]) >= epsilon;
    if (!any) continue;
    row_of[bucket] = static_cast<uint32_t>(rows.size() / kNerLabels);
    used[bucket >> 6] |= uint64_t{1} << (bucket & 63);
    rows.insert(rows.end(), w, w + kNerLabels);
  }
}

std::string SerializeNerModel(const NerModel& model) {
  std::string out(kMagic);
  Put<uint32_t>(&out, kNerModelVersion);
  Put<uint32_t>(&out, model.hash_bits);
  Put<uint32_t>(&out, model.feature_groups);
  Put<uint32_t>(&out, kNerLabels);
  for (float t : model.transitions) Put<float>(&out, t);
  PutRows(model, &out);
  PutClusters(model.clusters, &out);
  Put<uint64_t>(&out, Fnv1a64(out));
  return out;
}

absl::StatusOr<NerModel> ParseNerModel(absl::string_view bytes,
                                       absl::string_view name) {
  auto error = [&](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("NER model ", name, ": ", what));
  };
  if (bytes.size() < kMagic.size() + 4 || bytes.substr(0, 8) != kMagic) {
    return error("not a newsindex NER model (bad magic)");
  }
  Reader in(bytes.substr(kMagic.size()));
  uint32_t version = 0, labels = 0;
  in.Get(&version);
  if (version != kNerModelVersion) {
    return error(absl::StrCat("format version ", version, ", this build reads ",
                              kNerModelVersion,
                              "; retrain with "
                              "newsindex-train-ner"));
  }
  if (bytes.size() < kMagic.size() + 24) return error("truncated");
  uint64_t stored;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  if (Fnv1a64(bytes.substr(0, bytes.size() - 8)) != stored) {
    return error("checksum mismatch (truncated or corrupt file)");
  }
  NerModel model;
  in = Reader(
      bytes.substr(kMagic.size() + 4, bytes.size() - kMagic.size() - 12));
  if (!in.Get(&model.hash_bits) || !in.Get(&model.feature_groups) ||
      !in.Get(&labels) || labels != kNerLabels || model.hash_bits < 8 ||
      model.hash_bits > 26) {
    return error("bad header");
  }
  model.transitions.resize((kNerLabels + 1) * kNerLabels);
  for (float& t : model.transitions) {
    if (!in.Get(&t)) return error("truncated transitions");
  }
  model.row_of.assign(size_t{1} << model.hash_bits, 0);
  model.used.assign(model.row_of.size() / 64, 0);
  if (!GetRows(&in, &model)) return error("truncated or bad weights");
  if (!GetClusters(&in, &model.clusters)) return error("truncated clusters");
  if (!in.done()) return error("trailing bytes");
  return model;
}

absl::StatusOr<NerModel> LoadNerModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("NER model ", path, ": cannot open (missing?)"));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseNerModel(buffer.str(), path);
}

absl::Status SaveNerModel(const NerModel& model, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  const std::string bytes = SerializeNerModel(model);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

absl::StatusOr<WordClusters> WordClusters::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  WordClusters c;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("# sizes ", 0) == 0) {
      for (absl::string_view s : absl::StrSplit(line.substr(8), ' ')) {
        uint32_t k;
        if (absl::SimpleAtoi(s, &k)) c.sizes.push_back(k);
      }
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
    std::vector<uint16_t> ids;
    for (size_t i = 1; i < f.size(); ++i) {
      uint32_t id;
      if (!absl::SimpleAtoi(f[i], &id) || id > 65535) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ":", number, ": bad cluster id"));
      }
      ids.push_back(static_cast<uint16_t>(id));
    }
    if (ids.size() != c.sizes.size() || f[0].size() > 65535) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", number, ": expected ", c.sizes.size(), " ids"));
    }
    c.ids.emplace(std::string(f[0]), std::move(ids));
  }
  return c;
}

absl::Status WordClusters::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::trunc);
  out << "# word clusters: word, then cluster ids coarse to fine\n# sizes";
  for (uint32_t s : sizes) out << ' ' << s;
  out << '\n';
  std::vector<std::pair<std::string, std::vector<uint16_t>>> sorted(ids.begin(),
                                                                    ids.end());
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [w, v] : sorted) {
    out << w;
    for (uint16_t id : v) out << '\t' << id;
    out << '\n';
  }
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace newsindex
