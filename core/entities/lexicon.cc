#include "core/entities/lexicon.h"

#include <fstream>
#include <initializer_list>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/entities/tokens.h"

namespace newsindex {
namespace {

void Fill(absl::flat_hash_set<std::string>* set,
          std::initializer_list<const char*> words) {
  for (const char* w : words) set->emplace(w);
}

}  // namespace

Lexicon::Lexicon() {
  Fill(&function_, {"a",         "an",           "the",
                    "this",      "that",         "these",
                    "those",     "he",           "she",
                    "it",        "we",           "they",
                    "i",         "you",          "his",
                    "her",       "its",          "our",
                    "their",     "my",           "your",
                    "in",        "on",           "at",
                    "by",        "for",          "from",
                    "to",        "of",           "with",
                    "as",        "and",          "but",
                    "or",        "nor",          "if",
                    "while",     "when",         "where",
                    "after",     "before",       "since",
                    "until",     "although",     "though",
                    "because",   "however",      "meanwhile",
                    "also",      "yet",          "so",
                    "then",      "there",        "here",
                    "what",      "which",        "who",
                    "whom",      "whose",        "why",
                    "how",       "all",          "both",
                    "each",      "every",        "some",
                    "any",       "no",           "not",
                    "many",      "most",         "more",
                    "other",     "another",      "such",
                    "one",       "two",          "three",
                    "last",      "next",         "first",
                    "new",       "despite",      "under",
                    "over",      "into",         "about",
                    "against",   "between",      "among",
                    "during",    "without",      "within",
                    "according", "is",           "are",
                    "was",       "were",         "be",
                    "been",      "has",          "have",
                    "had",       "will",         "would",
                    "can",       "could",        "should",
                    "may",       "might",        "must",
                    "do",        "does",         "did",
                    "just",      "only",         "even",
                    "still",     "now",          "today",
                    "yesterday", "tomorrow",     "earlier",
                    "later",     "monday",       "tuesday",
                    "wednesday", "thursday",     "friday",
                    "saturday",  "sunday",       "january",
                    "february",  "march",        "april",
                    "june",      "july",         "august",
                    "september", "october",      "november",
                    "december",  "mon",          "tue",
                    "wed",       "thu",          "fri",
                    "sat",       "sun",          "jan",
                    "feb",       "mar",          "apr",
                    "jun",       "jul",          "aug",
                    "sep",       "sept",         "oct",
                    "nov",       "dec",          "reuters",
                    "updated",   "read",         "min",
                    "sources",   "source",       "web",
                    "pdf",       "related",      "stories",
                    "story",     "introduction", "conclusion",
                    "snapshot",  "photo",        "video",
                    "ap",        "afp",          "pic",
                    "mr",        "mrs",          "ms",
                    "dr",        "am",           "pm",
                    "gmt",       "utc",          "est",
                    "edt",       "bst",          "cet",
                    "ok",        "tv",           "pct",
                    "vs",        "etc",          "ltd"});
  common_ = function_;
  Fill(&honorifics_, {"mullah",
                      "mawlawi",
                      "maulvi",
                      "maulana",
                      "mawlana",
                      "sheikh",
                      "shaikh",
                      "sheik",
                      "mr",
                      "mrs",
                      "ms",
                      "miss",
                      "dr",
                      "prof",
                      "professor",
                      "sir",
                      "dame",
                      "lord",
                      "lady",
                      "president",
                      "premier",
                      "chancellor",
                      "king",
                      "queen",
                      "prince",
                      "princess",
                      "emir",
                      "sultan",
                      "pope",
                      "cardinal",
                      "bishop",
                      "archbishop",
                      "rabbi",
                      "imam",
                      "ayatollah",
                      "hajji",
                      "haji",
                      "gen",
                      "general",
                      "col",
                      "colonel",
                      "lt",
                      "lieutenant",
                      "maj",
                      "major",
                      "capt",
                      "captain",
                      "sgt",
                      "sergeant",
                      "adm",
                      "admiral",
                      "marshal",
                      "brig",
                      "brigadier",
                      "cmdr",
                      "commander",
                      "senator",
                      "sen",
                      "rep",
                      "congressman",
                      "congresswoman",
                      "governor",
                      "gov",
                      "mayor",
                      "judge",
                      "justice",
                      "ambassador",
                      "envoy",
                      "minister",
                      "secretary",
                      "spokesman",
                      "spokeswoman",
                      "spokesperson",
                      "chairman",
                      "chairwoman",
                      "chairperson",
                      "ceo",
                      "director",
                      "coach",
                      "analyst",
                      "mufti",
                      "qari",
                      "saint",
                      "fr",
                      "rev",
                      "reverend",
                      "father",
                      "mme",
                      "mlle",
                      "herr",
                      "frau",
                      "m"});
  titles_ = honorifics_;
  Fill(&titles_, {"deputy",
                  "acting",
                  "interim",
                  "vice",
                  "prime",
                  "foreign",
                  "interior",
                  "defence",
                  "defense",
                  "finance",
                  "economy",
                  "trade",
                  "special",
                  "former",
                  "senior",
                  "chief",
                  "head",
                  "leader",
                  "supreme",
                  "first",
                  "assistant",
                  "undersecretary",
                  "state",
                  "national",
                  "security",
                  "secretary-general",
                  "general-secretary",
                  "executive",
                  "managing",
                  "president-elect",
                  "crown",
                  "grand",
                  "high",
                  "representative",
                  "ministers",
                  "officials",
                  "official",
                  "spokesmen",
                  "striker",
                  "midfielder",
                  "defender",
                  "goalkeeper",
                  "manager",
                  "champion",
                  "world",
                  "olympic",
                  "opposition",
                  "rebel",
                  "militant",
                  "mullahs",
                  "presidents"});
  Fill(&org_cues_, {"ministry",
                    "council",
                    "court",
                    "organization",
                    "organisation",
                    "agency",
                    "party",
                    "committee",
                    "commission",
                    "union",
                    "association",
                    "authority",
                    "bank",
                    "corporation",
                    "corp",
                    "inc",
                    "ltd",
                    "plc",
                    "co",
                    "company",
                    "group",
                    "institute",
                    "university",
                    "college",
                    "school",
                    "foundation",
                    "federation",
                    "front",
                    "movement",
                    "army",
                    "navy",
                    "force",
                    "forces",
                    "police",
                    "department",
                    "office",
                    "bureau",
                    "parliament",
                    "assembly",
                    "senate",
                    "congress",
                    "government",
                    "administration",
                    "club",
                    "fc",
                    "united",
                    "rovers",
                    "city-fc",
                    "news",
                    "times",
                    "post",
                    "journal",
                    "press",
                    "television",
                    "radio",
                    "airlines",
                    "airways",
                    "motors",
                    "industries",
                    "holdings",
                    "systems",
                    "bancorp",
                    "trust",
                    "fund",
                    "exchange",
                    "board",
                    "service",
                    "services",
                    "network",
                    "alliance",
                    "coalition",
                    "brigade",
                    "brigades",
                    "emirate",
                    "guard",
                    "corps",
                    "cabinet",
                    "secretariat",
                    "embassy",
                    "consulate",
                    "mission",
                    "tribunal",
                    "society",
                    "center",
                    "centre",
                    "unit",
                    "team",
                    "league",
                    "nations",
                    "reserve",
                    "treasury",
                    "directorate",
                    "institution",
                    "sa",
                    "ag",
                    "gmbh",
                    "nv",
                    "spa",
                    "bv",
                    "ab",
                    "oy",
                    "asa",
                    "pty",
                    "llc",
                    "lp",
                    "co.",
                    "cos",
                    "bhd",
                    "tbk",
                    "kk",
                    "ltda",
                    "sarl"});
  Fill(
      &event_cues_,
      {"summit",     "forum",        "conference",    "games",      "olympics",
       "cup",        "championship", "championships", "war",        "talks",
       "festival",   "expo",         "open",          "accord",     "accords",
       "agreement",  "treaty",       "declaration",   "initiative", "process",
       "dialogue",   "format",       "meeting",       "congress-",  "elections",
       "election",   "revolution",   "crisis",        "prix",       "marathon",
       "tournament", "series",       "trophy",        "masters",    "classic"});
  Fill(&loc_cues_,
       {"province",  "river",   "island",    "islands",     "mountains",
        "mountain",  "valley",  "sea",       "ocean",       "lake",
        "gulf",      "bay",     "strait",    "desert",      "region",
        "district",  "county",  "street",    "avenue",      "square",
        "airport",   "port",    "peninsula", "coast",       "basin",
        "canal",     "pass",    "corridor",  "highway",     "bridge",
        "territory", "oblast",  "krai",      "governorate", "prefecture",
        "heights",   "plateau", "hills"});
  Fill(&speech_,
       {"said", "says", "told", "added", "stated", "noted", "announced",
        "declared", "wrote", "argued", "emphasized", "emphasised", "confirmed",
        "warned", "insisted", "explained", "asked", "replied", "tweeted"});
  Fill(&connectors_, {"of",  "for", "and", "the", "de",  "du",  "des", "la",
                      "le",  "al",  "el",  "bin", "ibn", "van", "von", "der",
                      "den", "da",  "di",  "del", "do",  "dos", "&"});
}

Cue Lexicon::CueOf(absl::string_view key) const {
  if (org_cues_.contains(key)) return Cue::kOrganization;
  if (event_cues_.contains(key)) return Cue::kEvent;
  if (loc_cues_.contains(key)) return Cue::kLocation;
  return Cue::kNone;
}

int WordNetWordCount(absl::string_view w_cnt) {
  int count = 0;
  return absl::SimpleHexAtoi(w_cnt, &count) && count >= 0 ? count : 0;
}

absl::Status Lexicon::LoadWordNetCommonWords(const std::string& dir) {
  for (const char* part : {"noun", "verb", "adj", "adv"}) {
    const std::string path = absl::StrCat(dir, "/data.", part);
    std::ifstream in(path);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header
      // offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id...]
      std::vector<absl::string_view> f = absl::StrSplit(line, ' ');
      if (f.size() < 5) continue;
      const int count = WordNetWordCount(f[3]);
      for (int k = 0; k < count && 4 + 2 * k < static_cast<int>(f.size());
           ++k) {
        absl::string_view word = f[4 + 2 * k];
        if (word.empty() || !absl::ascii_islower(word[0])) continue;
        if (word.find('_') != absl::string_view::npos) continue;
        if (size_t paren = word.find('('); paren != absl::string_view::npos) {
          word = word.substr(0, paren);  // "east(a)" adjective markers
        }
        common_.emplace(word);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadGivenNames(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view name = absl::StripAsciiWhitespace(line);
    if (name.empty() || name[0] == '#') continue;
    given_.insert(NameKey(name));
  }
  return absl::OkStatus();
}

}  // namespace newsindex
