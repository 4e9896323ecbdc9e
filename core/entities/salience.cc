#include "core/entities/salience.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/base/hash.h"

namespace newsindex {
namespace {

constexpr absl::string_view kMagic = "newsindex-salience-model 1";
constexpr absl::string_view kChecksumKey = "checksum ";

constexpr const char* kFeatureNames[kSalienceFeatureCount] = {
    "first_position",
    "log_mentions",
    "mention_share",
    "in_title",
    "in_dateline",
    "in_lead",
    "paragraph_spread",
    "coref_chain",
    "is_country",
    "dateline_country",
    "country_share",
    "top_country",
    "rank",
    "corpus_frequency",
    "no_body_mention",
    "country_first_position",
    "country_in_title",
    "country_log_mentions",
    "country_prior",
};
constexpr const char* kGroupNames[kSalienceGroupCount] = {
    "person", "organization", "location"};

// Code-point offsets where each paragraph ("\n\n"-separated) of `body`
// starts, and the body's length in code points (the last element).
std::vector<int> ParagraphStarts(absl::string_view body) {
  std::vector<int> starts = {0};
  int cp = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(body[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte
    if (c == '\n' && i + 1 < body.size() && body[i + 1] == '\n') {
      starts.push_back(cp + 2);
    }
    ++cp;
  }
  starts.push_back(cp);
  return starts;
}

// The paragraph (index into starts) holding code point `offset`.
size_t ParagraphOf(const std::vector<int>& starts, int offset) {
  auto it = std::upper_bound(starts.begin(), starts.end() - 1, offset);
  return static_cast<size_t>(std::max<ptrdiff_t>(0, it - starts.begin() - 1));
}

double Scaled(double value, double top) {
  return std::min(1.0, std::log1p(value) / std::log1p(top));
}

// Location mentions per country, over the article's places.
absl::flat_hash_map<std::string, int> CountryMentions(
    const std::vector<ArticleEntity>& entities, int* total) {
  absl::flat_hash_map<std::string, int> by_country;
  *total = 0;
  for (const ArticleEntity& e : entities) {
    if (e.type != EntityType::kLocation || e.country.empty()) continue;
    by_country[e.country] += std::max(1, e.mention_count);
    *total += std::max(1, e.mention_count);
  }
  return by_country;
}

// The features that depend on the body's text: position, lead, spread,
// coreference.
void TextFeatures(const std::vector<int>& paragraphs, const ArticleEntity& e,
                  SalienceFeatures* f) {
  const int length = std::max(1, paragraphs.back());
  const size_t count = std::max<size_t>(1, paragraphs.size() - 1);
  if (e.mentions.empty()) {
    (*f)[kNoBodyMention] = 1;
    return;
  }
  (*f)[kFirstPosition] = std::clamp(
      1.0 - static_cast<double>(e.mentions.front().start) / length, 0.0, 1.0);
  absl::flat_hash_set<size_t> seen;
  size_t longest = 0;
  for (const std::string& form : e.surface_forms) {
    longest = std::max(longest, form.size());
  }
  int coref = 0;
  for (const Mention& m : e.mentions) {
    seen.insert(ParagraphOf(paragraphs, m.start));
    if (m.text.size() < longest) ++coref;
  }
  (*f)[kInLead] = seen.contains(0) ? 1 : 0;
  (*f)[kParagraphSpread] = static_cast<double>(seen.size()) / count;
  (*f)[kCorefChain] = Scaled(coref, 10);
}

// What the places of one country show together.
struct CountryEvidence {
  double first_position = 0;
  bool in_title = false;
  int mentions = 0;
};

absl::flat_hash_map<std::string, CountryEvidence> CountryEvidenceOf(
    const std::vector<ArticleEntity>& entities,
    const std::vector<SalienceFeatures>& features) {
  absl::flat_hash_map<std::string, CountryEvidence> out;
  for (size_t i = 0; i < entities.size(); ++i) {
    const ArticleEntity& e = entities[i];
    if (e.type != EntityType::kLocation || e.country.empty()) continue;
    CountryEvidence& c = out[e.country];
    c.first_position = std::max(c.first_position, features[i][kFirstPosition]);
    c.in_title = c.in_title || features[i][kInTitle] > 0;
    c.mentions += std::max(1, e.mention_count);
  }
  return out;
}

void AddCountryFeatures(const std::vector<ArticleEntity>& entities,
                        const CorpusFrequency& frequency,
                        std::vector<SalienceFeatures>* features) {
  const absl::flat_hash_map<std::string, CountryEvidence> evidence =
      CountryEvidenceOf(entities, *features);
  for (size_t i = 0; i < entities.size(); ++i) {
    const ArticleEntity& e = entities[i];
    if (e.type != EntityType::kLocation || e.country.empty()) continue;
    const CountryEvidence& c = evidence.at(e.country);
    SalienceFeatures& f = (*features)[i];
    f[kCountryFirstPosition] = c.first_position;
    f[kCountryInTitle] = c.in_title ? 1 : 0;
    f[kCountryLogMentions] = Scaled(c.mentions, 20);
    auto prior = frequency.country_prior.find(e.country);
    f[kCountryPrior] = prior != frequency.country_prior.end()
                           ? prior->second
                           : frequency.default_prior;
  }
}

}  // namespace

double CountryPriorFeature(const CorpusFrequency& frequency,
                           const ArticleEntity& e) {
  if (e.type != EntityType::kLocation || e.country.empty()) return 0;
  auto prior = frequency.country_prior.find(e.country);
  return prior != frequency.country_prior.end() ? prior->second
                                                : frequency.default_prior;
}

const char* SalienceFeatureName(int feature) { return kFeatureNames[feature]; }
const char* SalienceGroupName(int group) { return kGroupNames[group]; }

SalienceGroup SalienceGroupOf(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return kPersonGroup;
    case EntityType::kLocation:
      return kLocationGroup;
    default:
      return kOrganizationGroup;
  }
}

double CorpusFrequencyFeature(const CorpusFrequency& frequency,
                              absl::string_view id) {
  auto it = frequency.document_frequency.find(id);
  if (it == frequency.document_frequency.end() || frequency.documents <= 0) {
    return 0;
  }
  return Scaled(static_cast<double>(it->second),
                static_cast<double>(frequency.documents));
}

std::vector<SalienceFeatures> ComputeSalienceFeatures(
    absl::string_view body, const SalienceContext& context,
    const std::vector<ArticleEntity>& entities,
    const CorpusFrequency& frequency) {
  const std::vector<int> paragraphs = ParagraphStarts(body);
  int all_mentions = 0;
  for (const ArticleEntity& e : entities) all_mentions += e.mention_count;
  int place_mentions = 0;
  const absl::flat_hash_map<std::string, int> by_country =
      CountryMentions(entities, &place_mentions);
  int top_country = 0;
  for (const auto& [code, n] : by_country)
    top_country = std::max(top_country, n);
  std::vector<int> counts;
  for (const ArticleEntity& e : entities) counts.push_back(e.mention_count);
  std::sort(counts.begin(), counts.end(), std::greater<>());
  std::vector<SalienceFeatures> out;
  out.reserve(entities.size());
  for (const ArticleEntity& e : entities) {
    SalienceFeatures f{};
    TextFeatures(paragraphs, e, &f);
    f[kLogMentions] = Scaled(e.mention_count, 20);
    f[kMentionShare] =
        static_cast<double>(e.mention_count) / std::max(1, all_mentions);
    f[kInTitle] = context.title_ids.contains(e.id) ? 1 : 0;
    f[kInDateline] = context.dateline_ids.contains(e.id) ? 1 : 0;
    const bool place = e.type == EntityType::kLocation && !e.country.empty();
    f[kIsCountry] = e.type == EntityType::kLocation && e.subtype == "country";
    f[kDatelineCountry] = place && e.country == context.dateline_country;
    if (place) {
      const int n = by_country.at(e.country);
      f[kCountryShare] = static_cast<double>(n) / std::max(1, place_mentions);
      f[kTopCountry] = n == top_country ? 1 : 0;
    }
    const auto rank = std::lower_bound(counts.begin(), counts.end(),
                                       e.mention_count, std::greater<>()) -
                      counts.begin();
    f[kRank] = 1.0 / (1.0 + static_cast<double>(rank));
    f[kCorpusFrequency] = CorpusFrequencyFeature(frequency, e.id);
    out.push_back(f);
  }
  AddCountryFeatures(entities, frequency, &out);
  return out;
}

double SalienceModel::Probability(SalienceGroup group,
                                  const SalienceFeatures& features) const {
  const auto& w = weights[group];
  double z = w[0];
  for (int i = 0; i < kSalienceFeatureCount; ++i) z += w[1 + i] * features[i];
  return 1.0 / (1.0 + std::exp(-z));
}

void ApplySalience(const SalienceModel& model, absl::string_view body,
                   const SalienceContext& context,
                   std::vector<ArticleEntity>* entities) {
  const std::vector<SalienceFeatures> features =
      ComputeSalienceFeatures(body, context, *entities, model.frequency);
  for (size_t i = 0; i < entities->size(); ++i) {
    ArticleEntity& e = (*entities)[i];
    e.salience = model.Probability(SalienceGroupOf(e.type), features[i]);
    e.about = e.salience >= model.threshold;
  }
  std::stable_sort(entities->begin(), entities->end(),
                   [](const ArticleEntity& a, const ArticleEntity& b) {
                     return a.salience > b.salience;
                   });
}

void ApplyRuleAboutness(std::vector<ArticleEntity>* entities) {
  for (ArticleEntity& e : *entities)
    e.about = e.salience >= kRuleAboutThreshold;
}

std::string SerializeSalienceModel(const SalienceModel& model) {
  std::string out = absl::StrCat(kMagic, "\n");
  std::string provenance = model.provenance;
  std::replace(provenance.begin(), provenance.end(), '\n', ' ');
  absl::StrAppend(&out, "provenance ", provenance, "\n");
  absl::StrAppendFormat(&out, "threshold %.17g\n", model.threshold);
  for (int g = 0; g < kSalienceGroupCount; ++g) {
    absl::StrAppendFormat(&out, "weight %s bias %.17g\n", kGroupNames[g],
                          model.weights[g][0]);
    for (int f = 0; f < kSalienceFeatureCount; ++f) {
      absl::StrAppendFormat(&out, "weight %s %s %.17g\n", kGroupNames[g],
                            kFeatureNames[f], model.weights[g][1 + f]);
    }
  }
  absl::StrAppend(&out, "documents ", model.frequency.documents, "\n");
  std::vector<std::pair<std::string, int64_t>> rows(
      model.frequency.document_frequency.begin(),
      model.frequency.document_frequency.end());
  std::sort(rows.begin(), rows.end());
  for (const auto& [id, n] : rows)
    absl::StrAppend(&out, "df ", n, " ", id, "\n");
  absl::StrAppendFormat(&out, "prior_default %.17g\n",
                        model.frequency.default_prior);
  std::vector<std::pair<std::string, double>> priors(
      model.frequency.country_prior.begin(),
      model.frequency.country_prior.end());
  std::sort(priors.begin(), priors.end());
  for (const auto& [code, p] : priors) {
    absl::StrAppendFormat(&out, "prior %s %.17g\n", code, p);
  }
  absl::StrAppend(&out, kChecksumKey, Sha256Hex(out), "\n");
  return out;
}

namespace {

int IndexOf(const char* const* names, int n, absl::string_view name) {
  for (int i = 0; i < n; ++i) {
    if (name == names[i]) return i;
  }
  return -1;
}

// One "weight <group> <feature|bias> <value>" line into `model`.
absl::Status ParseWeight(absl::string_view line, int number,
                         SalienceModel* model,
                         std::vector<std::vector<bool>>* seen) {
  const std::vector<absl::string_view> parts = absl::StrSplit(line, ' ');
  double value = 0;
  const int group = parts.size() == 4
                        ? IndexOf(kGroupNames, kSalienceGroupCount, parts[1])
                        : -1;
  const int feature =
      parts.size() != 4 ? -2
      : parts[2] == "bias"
          ? -1
          : IndexOf(kFeatureNames, kSalienceFeatureCount, parts[2]);
  if (group < 0 || feature < -1 || !absl::SimpleAtod(parts[3], &value) ||
      !std::isfinite(value)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "line ", number, ": not a known group, feature and finite weight"));
  }
  if ((*seen)[group][feature + 1]) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", number, ": weight given twice"));
  }
  (*seen)[group][feature + 1] = true;
  model->weights[group][feature + 1] = value;
  return absl::OkStatus();
}

absl::Status ParseLine(absl::string_view line, int number, SalienceModel* model,
                       std::vector<std::vector<bool>>* seen) {
  if (absl::ConsumePrefix(&line, "provenance ")) {
    model->provenance = std::string(line);
  } else if (absl::ConsumePrefix(&line, "threshold ")) {
    if (!absl::SimpleAtod(line, &model->threshold) ||
        !(model->threshold > 0 && model->threshold < 1)) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": threshold must be in (0, 1)"));
    }
  } else if (absl::StartsWith(line, "weight ")) {
    return ParseWeight(line, number, model, seen);
  } else if (absl::ConsumePrefix(&line, "documents ")) {
    if (!absl::SimpleAtoi(line, &model->frequency.documents) ||
        model->frequency.documents < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": bad document count"));
    }
  } else if (absl::ConsumePrefix(&line, "prior_default ")) {
    if (!absl::SimpleAtod(line, &model->frequency.default_prior) ||
        !(model->frequency.default_prior >= 0 &&
          model->frequency.default_prior <= 1)) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": prior must be in [0, 1]"));
    }
  } else if (absl::ConsumePrefix(&line, "prior ")) {
    const std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(line, absl::MaxSplits(' ', 1));
    double p = 0;
    if (kv.first.empty() || !absl::SimpleAtod(kv.second, &p) ||
        !(p >= 0 && p <= 1)) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": bad country prior line"));
    }
    model->frequency.country_prior[kv.first] = p;
  } else if (absl::ConsumePrefix(&line, "df ")) {
    const std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(line, absl::MaxSplits(' ', 1));
    int64_t n = 0;
    if (!absl::SimpleAtoi(kv.first, &n) || n < 0 || kv.second.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": bad frequency line"));
    }
    model->frequency.document_frequency[kv.second] = n;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", number, ": unknown line"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SalienceModel> ParseSalienceModel(absl::string_view text) {
  const size_t checksum_at = text.rfind(kChecksumKey);
  if (checksum_at == absl::string_view::npos ||
      (checksum_at > 0 && text[checksum_at - 1] != '\n')) {
    return absl::InvalidArgumentError("no checksum line (truncated?)");
  }
  const absl::string_view body = text.substr(0, checksum_at);
  const absl::string_view stated = absl::StripTrailingAsciiWhitespace(
      text.substr(checksum_at + kChecksumKey.size()));
  if (Sha256Hex(body) != stated) {
    return absl::InvalidArgumentError("checksum mismatch (corrupt file)");
  }
  std::vector<absl::string_view> lines =
      absl::StrSplit(body, '\n', absl::SkipEmpty());
  if (lines.empty() || lines[0] != kMagic) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not a salience model of this version (want \"", kMagic, "\")"));
  }
  SalienceModel model;
  std::vector<std::vector<bool>> seen(
      kSalienceGroupCount, std::vector<bool>(kSalienceFeatureCount + 1));
  for (size_t i = 1; i < lines.size(); ++i) {
    if (absl::Status s =
            ParseLine(lines[i], static_cast<int>(i + 1), &model, &seen);
        !s.ok()) {
      return s;
    }
  }
  for (int g = 0; g < kSalienceGroupCount; ++g) {
    for (int f = 0; f <= kSalienceFeatureCount; ++f) {
      if (!seen[g][f]) {
        return absl::InvalidArgumentError(
            absl::StrCat("no weight for ", kGroupNames[g], " ",
                         f == 0 ? "bias" : kFeatureNames[f - 1]));
      }
    }
  }
  return model;
}

absl::StatusOr<SalienceModel> LoadSalienceModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("salience model ", path, ": cannot open"));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  absl::StatusOr<SalienceModel> model = ParseSalienceModel(bytes.str());
  if (!model.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("salience model ", path, ": ", model.status().message()));
  }
  return model;
}

absl::Status SaveSalienceModel(const SalienceModel& model,
                               const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << SerializeSalienceModel(model);
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

std::string SalienceModelPathBeside(const std::string& entity_data_dir) {
  return (std::filesystem::path(entity_data_dir) / ".." / "models" /
          "salience-reuters.nxsal")
      .lexically_normal()
      .string();
}

}  // namespace newsindex
