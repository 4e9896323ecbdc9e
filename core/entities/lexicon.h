// Word lists the extraction rules consult: common (non-name) words, given
// names, titles and honorifics, and cue words that type a name.
#ifndef NEWSINDEX_CORE_ENTITIES_LEXICON_H_
#define NEWSINDEX_CORE_ENTITIES_LEXICON_H_

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newsindex {

// What a cue word says about the name it ends or starts.
enum class Cue {
  kNone,
  kOrganization,  // Ministry, Council, Party, Bank ...
  kEvent,         // Summit, Forum, Conference ...
  kLocation,      // Province, River, Island ...
};

// The word count of a WordNet data-file line: its fourth field, w_cnt, is
// two hexadecimal digits ("0a" = 10); 0 when it is not hexadecimal. Both
// the lexicon and the WordNet instance loader read data.noun lines.
int WordNetWordCount(absl::string_view w_cnt);

// The word-list files of Lexicon::LoadWordLists, in its directory.
inline constexpr absl::string_view kFunctionWordsFile = "function_words.txt";
inline constexpr absl::string_view kHonorificsFile = "honorifics.txt";
inline constexpr absl::string_view kTitlesFile = "titles.txt";
inline constexpr absl::string_view kOrganizationCuesFile =
    "organization_cues.txt";
inline constexpr absl::string_view kEventCuesFile = "event_cues.txt";
inline constexpr absl::string_view kLocationCuesFile = "location_cues.txt";
inline constexpr absl::string_view kSpeechVerbsFile = "speech_verbs.txt";
inline constexpr absl::string_view kConnectorsFile = "connectors.txt";

// Filled at start-up, then read-only: const methods are thread-safe. All
// lookups take folded keys (see Token::key).
class Lexicon {
 public:
  // Starts empty: LoadWordLists adds newsindex's word lists.
  Lexicon() = default;
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Adds newsindex's word lists from `dir` (data/entities/lexicon: the
  // k*File names below): function words, honorifics, titles, cue words,
  // speech verbs and name connectors. NOT_FOUND naming the file and where
  // the lists ship when one is missing.
  absl::Status LoadWordLists(const std::string& dir);
  // Adds the lowercase lemmas of WordNet's data.{noun,verb,adj,adv} in
  // `dir` as common words. NOT_FOUND naming the file when one is missing.
  absl::Status LoadWordNetCommonWords(const std::string& dir);
  // Adds one given name per line of `path` ('#' starts a comment).
  absl::Status LoadGivenNames(const std::string& path);

  void AddCommonWord(absl::string_view key) { common_.emplace(key); }
  void AddGivenName(absl::string_view key) { given_.emplace(key); }

  // A word of ordinary English ("court", "the", "said").
  bool IsCommonWord(absl::string_view key) const {
    return common_.contains(key);
  }
  // A closed-class word that never starts a name ("the", "he", "however").
  bool IsFunctionWord(absl::string_view key) const {
    return function_.contains(key);
  }
  bool IsGivenName(absl::string_view key) const { return given_.contains(key); }
  // A title or role that precedes a person's name and is not part of it
  // ("mullah", "minister", "gen", "dr").
  bool IsTitle(absl::string_view key) const { return titles_.contains(key); }
  // A title that only persons bear, so that what follows is a person even
  // when alone ("mullah", "mr", "president"); subset of IsTitle.
  bool IsHonorific(absl::string_view key) const {
    return honorifics_.contains(key);
  }
  Cue CueOf(absl::string_view key) const;
  // Verbs of speech that follow a person or organisation ("said").
  bool IsSpeechVerb(absl::string_view key) const {
    return speech_.contains(key);
  }
  // Words that may join the parts of a name ("of", "for", "and", "al").
  bool IsConnector(absl::string_view key) const {
    return connectors_.contains(key);
  }
  size_t common_word_count() const { return common_.size(); }
  size_t given_name_count() const { return given_.size(); }

 private:
  absl::flat_hash_set<std::string> common_;
  absl::flat_hash_set<std::string> function_;
  absl::flat_hash_set<std::string> given_;
  absl::flat_hash_set<std::string> titles_;
  absl::flat_hash_set<std::string> honorifics_;
  absl::flat_hash_set<std::string> org_cues_;
  absl::flat_hash_set<std::string> event_cues_;
  absl::flat_hash_set<std::string> loc_cues_;
  absl::flat_hash_set<std::string> speech_;
  absl::flat_hash_set<std::string> connectors_;
};

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_LEXICON_H_
