#include "core/index/stop_words.h"

#include <utility>

#include "absl/strings/str_split.h"

namespace newsindex {
namespace {

// One space-separated list per language.
constexpr std::pair<absl::string_view, absl::string_view> kStopLists[] = {
    {"de",
     "der die das den dem des ein eine einen einem einer eines und oder aber "
     "als auch auf aus bei bis durch für gegen in im ins mit nach nicht noch "
     "nur ob ohne sich sie er es wir ihr ich du um unter über vom von vor "
     "zu zum zur ist sind war waren wird werden wurde wurden hat haben hatte "
     "sein seine ihre ihren dass wie so wenn da dann"},
    {"fr",
     "le la les l un une des du de d et ou mais donc car ni que qu qui quoi "
     "dont où à au aux en dans par pour sur sous avec sans chez vers entre "
     "ce cet cette ces se sa son ses leur leurs il elle ils elles on nous "
     "vous je tu est sont était ont a été être avoir ne pas plus"},
    {"es",
     "el la los las lo un una unos unas y e o u pero que de del a al en con "
     "por para sin sobre entre hasta desde se su sus le les él ella ellos "
     "nos es son fue era ha han había ser estar está están como más no ya"},
    {"it",
     "il lo la i gli le un uno una e ed o ma che di del dello della dei degli "
     "delle a al allo alla ai agli alle da dal dalla in nel nella nei nelle "
     "con su sul sulla per tra fra si è sono era ha hanno essere come non "
     "più anche l dell all dall nell sull un"},
    {"pt",
     "o a os as um uma uns umas e ou mas que de do da dos das em no na nos "
     "nas por pelo pela para com sem sobre entre se seu sua seus suas ele "
     "ela eles elas é são foi era tem ter ser como mais não já"},
    {"nl",
     "de het een en of maar dat die dit deze van in op aan met voor door "
     "naar bij uit over om tot als ook niet is zijn was waren wordt worden "
     "werd heeft hebben had hij zij ze wij we"},
    {"ru",
     "и в во не на с со что как а но или по к ко у о об от до из за для при "
     "же ли бы это этот эта эти тот та те он она оно они его её их мы вы я "
     "ты был была было были быть есть также уже"},
    {"ar",
     "في من على إلى عن مع أن إن أو ثم قد لا ما لم لن هذا هذه ذلك تلك التي "
     "الذي الذين كان كانت هو هي هم بين عند كل بعد قبل حتى"},
};

}  // namespace

std::vector<absl::string_view> StopWordsOf(absl::string_view code) {
  for (const auto& [language, words] : kStopLists) {
    if (language == code) {
      return absl::StrSplit(words, ' ', absl::SkipEmpty());
    }
  }
  return {};
}

}  // namespace newsindex
