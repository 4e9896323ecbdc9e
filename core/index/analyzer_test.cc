#include "core/index/analyzer.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "core/index/index_words.h"
#include "core/index/internal/document_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsindex {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::set<std::string> TermsOf(const Article& article) {
  DocumentBuilder builder;
  Xapian::Document doc = builder.Build(article);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    terms.insert(*it);
  }
  return terms;
}

Article InLanguage(const std::string& language, const std::string& body) {
  Article a;
  a.id = "a";
  a.body = body;
  a.language = language;
  return a;
}

TEST(AnalysisLanguageTest, Table) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "en"},      {"en", "en"},      {"EN", "en"},
      {"de-AT", "de"}, {"zh-Hant", "zh"}, {"pt_BR", "pt"},
      {"nb", "no"},    {"nn", "no"},      {"sw", "sw"},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(AnalysisLanguage(in), want) << in;
  }
}

TEST(AnalysisLanguageTest, EveryStemmerIsOneXapianHas) {
  const std::string available = Xapian::Stem::get_available_languages();
  for (const std::string& code : StemmedLanguages()) {
    const LanguageProfile profile = ProfileOf(code);
    ASSERT_FALSE(profile.snowball.empty()) << code;
    EXPECT_NE(available.find(profile.snowball), std::string::npos) << code;
    EXPECT_NO_THROW(Xapian::Stem{profile.snowball});
  }
  EXPECT_TRUE(ProfileOf("zh").snowball.empty());
  EXPECT_TRUE(ProfileOf("sw").snowball.empty());
}

// Index time: the article's language picks the stemmer and marker.
TEST(AnalyzerIndexTest, LanguagePicksStemmerTable) {
  struct Case {
    const char* language;
    const char* body;
    std::vector<std::string> present;
    std::vector<std::string> absent;
  };
  const Case cases[] = {
      // English is unchanged: plain Z stems.
      {"en", "the embassies", {"Zembassi", "embassies", "Zthe"}, {}},
      {"", "the embassies", {"Zembassi"}, {}},
      // German: German stems, marked; stop words unstemmed only.
      {"de",
       "der neue Botschafter des Landes",
       {"ZDE:neu", "ZDE:land", "botschafter", "der", "des"},
       {"Zneue", "ZDE:der", "ZDE:des"}},
      {"ru", "посла России", {"ZRU:посл", "посла"}, {"Zпосла"}},
      {"fr", "les ambassadeurs", {"ZFR:ambassadeur", "les"}, {"ZFR:le"}},
      // Elision: the noun alone.
      {"fr",
       "l'ambassadeur",
       {"ambassadeur", "ZFR:ambassadeur", "l"},
       {"l'ambassadeur"}},
      {"it",
       "dell'ambasciata",
       {"ambasciata", "ZIT:ambasc", "dell"},
       {"ZIT:dell"}},
      // Unknown languages: unstemmed.
      {"sw", "mabalozi wapya", {"mabalozi", "wapya"}, {"Zmabalozi"}},
      // Chinese: CJK unigrams and bigrams, no stems.
      {"zh",
       "莫斯科大使",
       {"莫", "斯", "科", "莫斯", "斯科", "大使"},
       {"莫斯科大使"}},
  };
  for (const Case& c : cases) {
    const std::set<std::string> terms = TermsOf(InLanguage(c.language, c.body));
    for (const std::string& t : c.present) {
      EXPECT_THAT(terms, Contains(t)) << c.language << ": " << c.body;
    }
    for (const std::string& t : c.absent) {
      EXPECT_THAT(terms, Not(Contains(t))) << c.language << ": " << c.body;
    }
    if (std::string(c.language) == "sw" || std::string(c.language) == "zh") {
      for (const std::string& t : terms) {
        EXPECT_NE(t[0], 'Z') << c.language << " stemmed " << t;
      }
    }
  }
}

// Query time: the same analyzer gives the same stems.
TEST(AnalyzerQueryTest, ParserStemsAsTheIndexDoes) {
  const std::pair<const char*, const char*> cases[] = {
      {"de", "botschafters"}, {"ru", "посольству"},   {"fr", "ambassadeurs"},
      {"es", "embajadores"},  {"it", "ambasciatori"}, {"ar", "السفير"},
  };
  Analyzer analyzer;
  for (const auto& [language, word] : cases) {
    Xapian::QueryParser parser;
    analyzer.Configure(language, &parser);
    const Xapian::Query q = parser.parse_query(word);
    const std::string want =
        "Z" + analyzer.StemmerFor(language)(std::string(word));
    std::vector<std::string> terms(q.get_unique_terms_begin(),
                                   q.get_unique_terms_end());
    EXPECT_THAT(terms, Contains(want)) << language;
    EXPECT_EQ(want.substr(1, 3),
              absl::AsciiStrToUpper(std::string(language)) + ":")
        << language;
  }
}

TEST(AnalyzerQueryTest, StopWordsLeaveTheQuery) {
  Analyzer analyzer;
  Xapian::QueryParser parser;
  analyzer.Configure("de", &parser);
  const Xapian::Query q = parser.parse_query("der botschafter");
  std::vector<std::string> terms(q.get_unique_terms_begin(),
                                 q.get_unique_terms_end());
  EXPECT_THAT(terms, Not(Contains("Zder")));
  EXPECT_THAT(terms, Not(Contains("ZDE:der")));
  EXPECT_THAT(terms, Contains("ZDE:botschaft"));
}

TEST(CapitalisedWordsTest, Table) {
  const std::pair<const char*, const char*> cases[] = {
      {"Botschafters in Moskau", "botschafters in moskau"},
      {"Über Ärzte", "über ärzte"},
      {"UN AND Botschafter", "UN AND botschafter"},
      {"person:Kabulov Botschafter", "person:Kabulov botschafter"},
      {"org:\"Islamischer Staat\" Anschlag",
       "org:\"Islamischer Staat\" anschlag"},
      {"\"Neue Botschafter\"", "\"neue botschafter\""},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(LowercaseCapitalisedWords(in), want) << in;
  }
  EXPECT_TRUE(CapitalisesNouns("de-CH"));
  EXPECT_FALSE(CapitalisesNouns("fr"));
}

TEST(ElisionTest, Table) {
  const std::pair<const char*, const char*> cases[] = {
      {"l'ambassadeur", "l' ambassadeur"},
      {"jusqu'à Moscou", "jusqu' à Moscou"},
      {"aujourd'hui", "aujourd'hui"},  // "aujourd" is over 6 bytes
      {"l' espace", "l' espace"},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(SplitElisions("fr", in), want) << in;
  }
  EXPECT_EQ(SplitElisions("en", "l'ambassadeur"), "l'ambassadeur");
  EXPECT_EQ(StripElision("dell'ambasciata"), "ambasciata");
  EXPECT_EQ(StripElision("rock'n"), "n");
}

// Highlighting splits CJK text into the characters the index has.
TEST(SegmentationTest, CjkCharactersAreWords) {
  std::vector<std::string> keys;
  ForEachIndexWord("在莫斯科, Kabulov说", [&](const IndexWord& w) {
    keys.push_back(w.key);
    return true;
  });
  EXPECT_EQ(keys, (std::vector<std::string>{"在", "莫", "斯", "科", "kabulov",
                                            "说"}));
  // Every CJK unigram highlighting finds is a term of the document.
  const std::set<std::string> terms =
      TermsOf(InLanguage("zh", "在莫斯科, Kabulov说"));
  for (const std::string& k : keys) EXPECT_THAT(terms, Contains(k));
}

}  // namespace
}  // namespace newsindex
