#include "core/index/article_codec.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace newsindex {
namespace {

using Json = nlohmann::json;

int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }

// The binary format's first byte; JSON data starts with '{'. Version 2
// records (before entities carried a country) still decode.
constexpr char kBinaryFormatV2 = '\x02';
constexpr char kBinaryFormat = '\x03';  // v3: entity country after subtype
// v4: v3 and, after the entities, a count of tagged sections and those
// (WriteExtensions: about flags, labels, date provenance); written only
// when an article has one, so records without keep their v3 bytes (and
// read as date source unknown).
constexpr char kBinaryFormatV4 = '\x04';

class Writer {
 public:
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Signed(int64_t v) {  // zigzag
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void String(absl::string_view s) {
    Varint(s.size());
    out_.append(s.data(), s.size());
  }
  void Strings(const std::vector<std::string>& list) {
    Varint(list.size());
    for (const std::string& s : list) String(s);
  }
  void Double(double d) {
    char bytes[sizeof d];
    std::memcpy(bytes, &d, sizeof d);
    out_.append(bytes, sizeof d);
  }
  void Byte(char c) { out_.push_back(c); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what Writer wrote; every read fails (returns false) past the end.
class Reader {
 public:
  explicit Reader(absl::string_view in) : in_(in) {}
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return false;
      const auto byte = static_cast<unsigned char>(in_[0]);
      in_.remove_prefix(1);
      *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return true;
    }
    return false;
  }
  bool Int(int* v) {
    uint64_t u;
    if (!Varint(&u) || u > INT32_MAX) return false;
    *v = static_cast<int>(u);
    return true;
  }
  bool Signed(int64_t* v) {
    uint64_t u;
    if (!Varint(&u)) return false;
    *v = static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
    return true;
  }
  bool String(std::string* s) {
    uint64_t n;
    if (!Varint(&n) || n > in_.size()) return false;
    s->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool Strings(std::vector<std::string>* list) {
    uint64_t n;
    if (!Varint(&n) || n > in_.size()) return false;
    list->resize(n);
    for (std::string& s : *list) {
      if (!String(&s)) return false;
    }
    return true;
  }
  bool Double(double* d) {
    if (in_.size() < sizeof *d) return false;
    std::memcpy(d, in_.data(), sizeof *d);
    in_.remove_prefix(sizeof *d);
    return true;
  }
  bool Byte(char* c) {
    if (in_.empty()) return false;
    *c = in_[0];
    in_.remove_prefix(1);
    return true;
  }
  bool AtEnd() const { return in_.empty(); }

 private:
  absl::string_view in_;
};

// Mention text is nearly always one of the entity's surface forms: store
// the form's index + 1, or 0 and the text.
void WriteMention(const ArticleEntity& e, const Mention& m, Writer* w) {
  w->Varint(static_cast<uint64_t>(m.start));
  w->Varint(static_cast<uint64_t>(m.end - m.start));
  for (size_t i = 0; i < e.surface_forms.size(); ++i) {
    if (e.surface_forms[i] == m.text) {
      w->Varint(i + 1);
      return;
    }
  }
  w->Varint(0);
  w->String(m.text);
}

bool ReadMention(const ArticleEntity& e, Reader* r, Mention* m) {
  int length;
  uint64_t form;
  if (!r->Int(&m->start) || !r->Int(&length) || !r->Varint(&form)) {
    return false;
  }
  m->end = m->start + length;
  if (form == 0) return r->String(&m->text);
  if (form > e.surface_forms.size()) return false;
  m->text = e.surface_forms[form - 1];
  return true;
}

// published_at_source and updated_at (the dates section).
bool ReadDateProvenance(Reader* r, Article* a) {
  char source = 0, has_updated = 0;
  if (!r->Byte(&source) || !r->Byte(&has_updated)) return false;
  if (source < 0 || source > static_cast<char>(DateSource::kIngestTime)) {
    return false;
  }
  a->published_at_source = static_cast<DateSource>(source);
  if (has_updated) {
    int64_t micros = 0;
    if (!r->Signed(&micros)) return false;
    a->updated_at = absl::FromUnixMicros(micros);
  }
  return true;
}

// Tagged sections after the entities, each written only when it has
// something to hold.
constexpr char kAboutSection = 'A';   // varint count, entity indices
constexpr char kLabelsSection = 'L';  // varint count, key and value strings
// Count 1: published_at_source (a byte), then a byte saying whether
// updated_at follows (signed micros).
constexpr char kDatesSection = 'D';

std::vector<uint64_t> AboutIndices(const Article& a) {
  std::vector<uint64_t> about;
  for (size_t i = 0; i < a.entities.size(); ++i) {
    if (a.entities[i].about) about.push_back(i);
  }
  return about;
}

bool HasDates(const Article& a) {
  return a.published_at_source != DateSource::kUnknown ||
         a.updated_at.has_value();
}

bool HasExtensions(const Article& a) {
  return !a.labels.empty() || !AboutIndices(a).empty() || HasDates(a);
}

void WriteExtensions(const Article& a, Writer* w) {
  const std::vector<uint64_t> about = AboutIndices(a);
  w->Varint((about.empty() ? 0 : 1) + (a.labels.empty() ? 0 : 1) +
            (HasDates(a) ? 1 : 0));
  if (!about.empty()) {
    w->Byte(kAboutSection);
    w->Varint(about.size());
    for (uint64_t i : about) w->Varint(i);
  }
  if (!a.labels.empty()) {
    w->Byte(kLabelsSection);
    w->Varint(a.labels.size());
    for (const auto& [key, value] : a.labels) {
      w->String(key);
      w->String(value);
    }
  }
  if (HasDates(a)) {
    w->Byte(kDatesSection);
    w->Varint(1);
    w->Byte(static_cast<char>(a.published_at_source));
    w->Byte(a.updated_at ? 1 : 0);
    if (a.updated_at) w->Signed(ToMicros(*a.updated_at));
  }
}

// The sections WriteExtensions wrote.
bool ReadExtensions(Reader* r, Article* a) {
  uint64_t sections = 0;
  if (!r->Varint(&sections) || sections == 0) return false;
  for (uint64_t n = 0; n < sections; ++n) {
    char tag = 0;
    uint64_t count = 0;
    if (!r->Byte(&tag) || !r->Varint(&count)) return false;
    for (uint64_t k = 0; k < count; ++k) {
      if (tag == kAboutSection) {
        uint64_t i = 0;
        if (!r->Varint(&i) || i >= a->entities.size()) return false;
        a->entities[i].about = true;
      } else if (tag == kLabelsSection) {
        std::string key, value;
        if (!r->String(&key) || !r->String(&value)) return false;
        a->labels[std::move(key)] = std::move(value);
      } else if (tag == kDatesSection && count == 1) {
        if (!ReadDateProvenance(r, a)) return false;
      } else {
        return false;
      }
    }
  }
  return true;
}

std::string EncodeBinary(const Article& a) {
  Writer w;
  const bool extended = HasExtensions(a);
  w.Byte(extended ? kBinaryFormatV4 : kBinaryFormat);
  for (const std::string* s : {&a.id, &a.url, &a.title, &a.subtitle, &a.body,
                               &a.source, &a.author, &a.language, &a.dateline,
                               &a.content_hash, &a.cluster_key, &a.simhash}) {
    w.String(*s);
  }
  w.Byte(a.published_at ? 1 : 0);
  if (a.published_at) w.Signed(ToMicros(*a.published_at));
  w.Signed(ToMicros(a.ingested_at));
  w.Strings(a.references);
  w.Varint(a.entities.size());
  for (const ArticleEntity& e : a.entities) {
    w.String(e.id);
    w.String(e.name);
    w.Byte(static_cast<char>(e.type));
    w.String(e.subtype);
    w.String(e.country);
    w.Varint(static_cast<uint64_t>(std::max(e.mention_count, 0)));
    w.Strings(e.surface_forms);
    w.Double(e.salience);
    w.Varint(e.mentions.size());
    for (const Mention& m : e.mentions) WriteMention(e, m, &w);
  }
  if (extended) WriteExtensions(a, &w);
  return w.Take();
}

absl::StatusOr<Article> DecodeBinary(absl::string_view data) {
  const bool has_country = data[0] != kBinaryFormatV2;
  Reader r(data.substr(1));
  Article a;
  bool ok = true;
  for (std::string* s : {&a.id, &a.url, &a.title, &a.subtitle, &a.body,
                         &a.source, &a.author, &a.language, &a.dateline,
                         &a.content_hash, &a.cluster_key, &a.simhash}) {
    ok = ok && r.String(s);
  }
  char has_published = 0;
  int64_t micros = 0;
  ok = ok && r.Byte(&has_published);
  if (ok && has_published) {
    ok = r.Signed(&micros);
    a.published_at = absl::FromUnixMicros(micros);
  }
  ok = ok && r.Signed(&micros);
  a.ingested_at = absl::FromUnixMicros(micros);
  ok = ok && r.Strings(&a.references);
  uint64_t entities = 0;
  ok = ok && r.Varint(&entities) && entities <= data.size();
  for (uint64_t i = 0; ok && i < entities; ++i) {
    ArticleEntity& e = a.entities.emplace_back();
    char type = 0;
    uint64_t mentions = 0;
    ok = r.String(&e.id) && r.String(&e.name) && r.Byte(&type) &&
         r.String(&e.subtype) && (!has_country || r.String(&e.country)) &&
         r.Int(&e.mention_count) && r.Strings(&e.surface_forms) &&
         r.Double(&e.salience) && r.Varint(&mentions) &&
         mentions <= data.size();
    e.type = type >= 0 && type <= static_cast<char>(EntityType::kOther)
                 ? static_cast<EntityType>(type)
                 : EntityType::kUnspecified;
    for (uint64_t k = 0; ok && k < mentions; ++k) {
      ok = ReadMention(e, &r, &e.mentions.emplace_back());
    }
  }
  if (data[0] == kBinaryFormatV4) ok = ok && ReadExtensions(&r, &a);
  if (!ok || !r.AtEnd() || a.id.empty()) {
    return absl::DataLossError("stored article data is malformed");
  }
  return a;
}

}  // namespace

std::string EncodeArticle(const Article& article) {
  return EncodeBinary(article);
}

std::string EncodeArticleAsJson(const Article& a) {
  Json j;
  j["v"] = 1;
  j["id"] = a.id;
  j["url"] = a.url;
  j["title"] = a.title;
  j["subtitle"] = a.subtitle;
  j["body"] = a.body;
  j["source"] = a.source;
  j["author"] = a.author;
  j["language"] = a.language;
  j["dateline"] = a.dateline;
  j["content_hash"] = a.content_hash;
  j["cluster_key"] = a.cluster_key;
  j["simhash"] = a.simhash;
  if (a.published_at) j["published_us"] = ToMicros(*a.published_at);
  if (a.published_at_source != DateSource::kUnknown) {
    j["published_source"] = DateSourceName(a.published_at_source);
  }
  if (a.updated_at) j["updated_us"] = ToMicros(*a.updated_at);
  j["ingested_us"] = ToMicros(a.ingested_at);
  j["references"] = a.references;
  Json entities = Json::array();
  for (const ArticleEntity& e : a.entities) {
    Json je;
    je["id"] = e.id;
    je["name"] = e.name;
    je["type"] = EntityTypeName(e.type);
    je["subtype"] = e.subtype;
    if (!e.country.empty()) je["country"] = e.country;
    je["count"] = e.mention_count;
    je["forms"] = e.surface_forms;
    je["salience"] = e.salience;
    if (e.about) je["about"] = true;
    Json mentions = Json::array();
    for (const Mention& m : e.mentions) {
      mentions.push_back(Json::array({m.start, m.end, m.text}));
    }
    je["mentions"] = std::move(mentions);
    entities.push_back(std::move(je));
  }
  j["entities"] = std::move(entities);
  if (!a.labels.empty()) j["labels"] = a.labels;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

// The integer a stored JSON field holds. A record never holds a fraction or
// a number outside T's range, and converting one would be undefined: such a
// field throws, and the record is reported as malformed.
template <typename T>
T StoredInteger(const Json& value) {
  if (value.is_number_unsigned()) {
    const uint64_t u = value.get<uint64_t>();
    if (u <= static_cast<uint64_t>(std::numeric_limits<T>::max())) {
      return static_cast<T>(u);
    }
  } else if (value.is_number_integer()) {
    const int64_t i = value.get<int64_t>();
    if (i >= std::numeric_limits<T>::min() &&
        i <= std::numeric_limits<T>::max()) {
      return static_cast<T>(i);
    }
  }
  throw std::out_of_range("a number that is not an integer in range");
}

template <typename T>
T StoredInteger(const Json& object, const char* key) {
  return object.contains(key) ? StoredInteger<T>(object[key]) : T{0};
}

}  // namespace

absl::StatusOr<Article> DecodeArticle(absl::string_view data) {
  if (!data.empty() &&
      (data[0] == kBinaryFormat || data[0] == kBinaryFormatV2 ||
       data[0] == kBinaryFormatV4)) {
    return DecodeBinary(data);
  }
  Json j = Json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("id")) {
    return absl::DataLossError("stored document data is not an article");
  }
  try {
    Article a;
    a.id = j.value("id", "");
    a.url = j.value("url", "");
    a.title = j.value("title", "");
    a.subtitle = j.value("subtitle", "");
    a.body = j.value("body", "");
    a.source = j.value("source", "");
    a.author = j.value("author", "");
    a.language = j.value("language", "");
    a.dateline = j.value("dateline", "");
    a.content_hash = j.value("content_hash", "");
    a.cluster_key = j.value("cluster_key", "");
    a.simhash = j.value("simhash", "");
    if (j.contains("published_us")) {
      a.published_at =
          absl::FromUnixMicros(StoredInteger<int64_t>(j["published_us"]));
    }
    a.published_at_source = DateSourceFromName(j.value("published_source", ""));
    if (j.contains("updated_us")) {
      a.updated_at =
          absl::FromUnixMicros(StoredInteger<int64_t>(j["updated_us"]));
    }
    a.ingested_at =
        absl::FromUnixMicros(StoredInteger<int64_t>(j, "ingested_us"));
    a.references = j.value("references", std::vector<std::string>{});
    for (const Json& je : j.value("entities", Json::array())) {
      ArticleEntity e;
      e.id = je.value("id", "");
      e.name = je.value("name", "");
      e.type = EntityTypeFromName(je.value("type", ""));
      e.subtype = je.value("subtype", "");
      e.country = je.value("country", "");
      e.mention_count = StoredInteger<int>(je, "count");
      e.surface_forms = je.value("forms", std::vector<std::string>{});
      e.salience = je.value("salience", 0.0);
      e.about = je.value("about", false);
      for (const Json& m : je.value("mentions", Json::array())) {
        e.mentions.push_back(Mention{StoredInteger<int>(m.at(0)),
                                     StoredInteger<int>(m.at(1)),
                                     m.at(2).get<std::string>()});
      }
      a.entities.push_back(std::move(e));
    }
    a.labels = j.value("labels", Labels{});
    // Every stored article has an id; the binary decoder refuses a record
    // without one too, so both formats accept the same records.
    if (a.id.empty()) {
      return absl::DataLossError("stored article data is malformed: no id");
    }
    return a;
  } catch (const std::exception& e) {  // Json::exception, std::out_of_range
    return absl::DataLossError(
        absl::StrCat("stored article data is malformed: ", e.what()));
  }
}

}  // namespace newsindex
