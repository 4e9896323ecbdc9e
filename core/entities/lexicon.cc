#include "core/entities/lexicon.h"

#include <fstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/entities/tokens.h"

namespace newsindex {
namespace {

// Adds the words of the list file `path`: one lowercase word per line,
// '#' starting a comment line.
absl::Status ReadWordList(const std::string& path,
                          absl::flat_hash_set<std::string>* words) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(
        "cannot open ", path,
        ": the lexicon's word lists ship in newsindex's data/entities/lexicon "
        "(the services find it as docs/entities.md says; NEWSINDEX_DATA_DIR "
        "overrides)"));
  }
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view word = absl::StripAsciiWhitespace(line);
    if (word.empty() || word[0] == '#') continue;
    words->emplace(word);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Lexicon::LoadWordLists(const std::string& dir) {
  const std::pair<absl::string_view, absl::flat_hash_set<std::string>*>
      lists[] = {
          {kFunctionWordsFile, &function_}, {kHonorificsFile, &honorifics_},
          {kTitlesFile, &titles_},          {kOrganizationCuesFile, &org_cues_},
          {kEventCuesFile, &event_cues_},   {kLocationCuesFile, &loc_cues_},
          {kSpeechVerbsFile, &speech_},     {kConnectorsFile, &connectors_},
      };
  for (const auto& [file, words] : lists) {
    if (absl::Status s = ReadWordList(absl::StrCat(dir, "/", file), words);
        !s.ok()) {
      return s;
    }
  }
  // Function words are common words; honorifics are titles.
  common_.insert(function_.begin(), function_.end());
  titles_.insert(honorifics_.begin(), honorifics_.end());
  return absl::OkStatus();
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
