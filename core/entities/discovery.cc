#include "core/entities/discovery.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/entities/place_context.h"

namespace newsindex {
namespace {

// Connectors that may start a name in lowercase ("al-Qaeda", "van Gogh").
bool IsLeadingConnector(absl::string_view key) {
  return key == "al" || key == "el" || key == "bin" || key == "ibn" ||
         key == "van" || key == "von" || key == "de" || key == "da" ||
         key == "di" || key == "del";
}

class Discoverer {
 public:
  Discoverer(const Gazetteer& g, absl::string_view body,
             const std::vector<Token>& tokens)
      : g_(g), lex_(g.lexicon()), body_(body), t_(tokens) {
    MarkHeadlines();
  }

  std::vector<EntitySpan> Run() {
    size_t i = 0;
    while (i < t_.size()) {
      if (!t_[i].word) {
        ++i;
        continue;
      }
      const bool starts_run =
          t_[i].capitalized ||
          (IsLeadingConnector(t_[i].key) && NextWord(i) < t_.size() &&
           Joinable(t_, i, NextWord(i)) && t_[NextWord(i)].capitalized);
      if (!starts_run) {
        if (std::optional<Gazetteer::Match> m = g_.MatchAt(t_, i)) {
          EmitKnown(*m, MentionKind::kName, false);
          i = m->last + 1;
        } else {
          ++i;
        }
        continue;
      }
      std::vector<size_t> run = BuildRun(i);
      i = run.back() + 1;
      SplitRun(std::move(run));
    }
    return std::move(spans_);
  }

 private:
  size_t NextWord(size_t i) const {
    size_t k = i + 1;
    while (k < t_.size() && !t_[k].word) ++k;
    return k;
  }

  // A line in capitals or in title case: capitals say nothing there.
  void MarkHeadlines() {
    headline_.assign(t_.size(), false);
    size_t start = 0;
    while (start < t_.size()) {
      size_t end = start + 1;
      while (end < t_.size() && !t_[end].newline_before) ++end;
      int words = 0, lower = 0, upper = 0;
      for (size_t k = start; k < end; ++k) {
        if (!t_[k].word || t_[k].has_digit) continue;
        if (t_[k].all_upper) ++upper;
        if (lex_.IsFunctionWord(t_[k].key) && !t_[k].capitalized) continue;
        ++words;
        if (!t_[k].capitalized) ++lower;
      }
      // Title case needs a few words: "Yekaterina Podkopayeva (Russia)"
      // in a results table is no headline.
      if ((words >= 5 && lower == 0) || (words >= 2 && upper == words)) {
        for (size_t k = start; k < end; ++k) headline_[k] = true;
      }
      start = end;
    }
  }

  bool SentenceInitial(size_t i) const {
    if (i == 0 || t_[i].newline_before) return true;
    const Token& prev = t_[i - 1];
    if (prev.word) return false;
    const std::string& k = prev.key;
    return k == "." || k == "!" || k == "?" || k == ":" || k == "\"" ||
           k == "(" || k == "[" || k == "'" || k == "•" || k == "|" ||
           k == ";" || (k == "-" && prev.space_before);
  }

  std::vector<size_t> BuildRun(size_t i) const {
    std::vector<size_t> run = {i};
    size_t j = i;
    while (true) {
      const size_t k = NextWord(j);
      if (k >= t_.size() || !Joinable(t_, j, k)) break;
      if (t_[k].capitalized) {
        run.push_back(k);
        j = k;
        continue;
      }
      if (lex_.IsConnector(t_[k].key)) {
        const size_t k2 = NextWord(k);
        if (k2 < t_.size() && Joinable(t_, k, k2) && t_[k2].capitalized &&
            !lex_.IsFunctionWord(t_[k2].key)) {
          run.push_back(k);
          run.push_back(k2);
          j = k2;
          continue;
        }
      }
      break;
    }
    return run;
  }

  // A gazetteer match starting at run[p] and ending inside the run.
  std::optional<Gazetteer::Match> MatchIn(const std::vector<size_t>& run,
                                          size_t p) const {
    std::optional<Gazetteer::Match> m = g_.MatchAt(t_, run[p]);
    if (!m || m->last > run.back()) return std::nullopt;
    // "WHO" in a line of capitals is the pronoun.
    if (m->kind == AliasKind::kAcronym && m->first == m->last &&
        lex_.IsCommonWord(t_[m->first].key) && headline_[m->first]) {
      return std::nullopt;
    }
    // Ordinary words at the start of a sentence are not names ("Police").
    // Countries keep their names ("Turkey", "China"); a company does not
    // ("Shell said" is one, "Shell companies" at a sentence start is not);
    // nor does a place, unless it opens a dateline ("MANILA, March 3 -").
    const bool dateline_place = m->record->type == EntityType::kLocation &&
                                OpensDateline(t_, m->first, m->last);
    if (m->first == m->last && m->kind == AliasKind::kName &&
        m->record->subtype != "country" && !dateline_place &&
        SentenceInitial(m->first) && IsCommonForm(lex_, t_[m->first].key)) {
      return std::nullopt;
    }
    return m;
  }

  void EmitKnown(const Gazetteer::Match& m, MentionKind kind, bool honorific) {
    EntitySpan s;
    s.first = m.first;
    s.last = m.last;
    s.id = m.record->id;
    s.name = m.record->name;
    s.type = m.record->type;
    s.subtype = m.record->subtype;
    s.country = m.record->country;
    s.kind = kind == MentionKind::kName && m.kind == AliasKind::kDemonym
                 ? MentionKind::kDemonym
             : kind == MentionKind::kName && m.kind == AliasKind::kAcronym
                 ? MentionKind::kAcronym
                 : kind;
    s.priority = m.priority;
    s.known = true;
    s.honorific = honorific;
    spans_.push_back(std::move(s));
  }

  void EmitDiscovered(size_t first, size_t last, EntityType type,
                      absl::string_view subtype, double confidence,
                      bool honorific) {
    EntitySpan s;
    s.first = first;
    s.last = last;
    s.type = type;
    s.subtype = std::string(subtype);
    s.name = Surface(first, last);
    s.id = DiscoveredId(type, subtype, s.name);
    s.confidence = confidence;
    s.honorific = honorific;
    spans_.push_back(std::move(s));
  }

  // The text from token `first` to token `last`, as written.
  std::string Surface(size_t first, size_t last) const {
    return std::string(
        body_.substr(t_[first].start, t_[last].end - t_[first].start));
  }

  // Splits a run at "and", "for", and "of" after a person's name, unless a
  // known name or an organisation spans it ("Bank of England").
  void SplitRun(std::vector<size_t> run) {
    if (std::optional<Gazetteer::Match> m = MatchIn(run, 0);
        m && m->last == run.back()) {
      ProcessRun(std::move(run));
      return;
    }
    const bool cue_first = run.size() > 2 &&
                           lex_.CueOf(t_[run[0]].key) == Cue::kOrganization &&
                           !t_[run[1]].capitalized;
    const bool cue_last = lex_.CueOf(t_[run.back()].key) != Cue::kNone;
    for (size_t p = 1; p + 1 < run.size(); ++p) {
      const Token& c = t_[run[p]];
      if (c.capitalized) continue;
      bool split = c.key == "and"   ? !cue_first
                   : c.key == "for" ? !cue_first && !cue_last
                   : c.key == "of"  ? !cue_first && !cue_last &&
                                         (lex_.IsGivenName(t_[run[0]].key) ||
                                          lex_.IsTitle(t_[run[0]].key))
                                   : false;
      if (!split) continue;
      SplitRun(std::vector<size_t>(run.begin(), run.begin() + p));
      SplitRun(std::vector<size_t>(run.begin() + p + 1, run.end()));
      return;
    }
    if (cue_first && !t_[run.back()].all_upper) {
      EmitDiscovered(run.front(), run.back(), EntityType::kOrganization, "",
                     0.8, false);
      return;
    }
    ProcessRun(std::move(run));
  }

  // Drops the leading words of `run` that cannot start a name.
  void DropLeadingNonNameWords(std::vector<size_t>* run) {
    while (!run->empty()) {
      const size_t t = run->front();
      if (MatchIn(*run, 0)) break;
      const std::string& key = t_[t].key;
      const bool initial = t + 1 < t_.size() && t_[t + 1].key == ".";
      const bool before_connector =
          run->size() > 1 && !t_[(*run)[1]].capitalized;  // "Shares of X Co"
      const bool droppable =
          lex_.IsFunctionWord(key) ||
          (lex_.IsConnector(key) && !IsLeadingConnector(key)) ||
          (SentenceInitial(t) && IsCommonForm(lex_, key) && !initial &&
           !lex_.IsGivenName(key) && !lex_.IsTitle(key) &&
           (lex_.CueOf(t_[run->back()].key) == Cue::kNone || before_connector));
      if (!droppable) break;
      run->erase(run->begin());
    }
  }

  void ProcessRun(std::vector<size_t> run) {
    DropLeadingNonNameWords(&run);
    if (run.empty()) return;
    const size_t last = run.back();
    // "Co-founder", "Party-led": the cue word is part of a compound.
    const bool compound = last + 2 < t_.size() && t_[last + 1].key == "-" &&
                          t_[last + 2].word && !t_[last + 2].space_before;
    const Cue cue = compound ? Cue::kNone : lex_.CueOf(t_[last].key);
    // In a headline, long capitalised stretches are the headline itself.
    if (cue != Cue::kNone && run.size() >= 2 &&
        (!headline_[last] || run.size() <= 3) &&
        !(run.size() == 2 && lex_.IsConnector(t_[run[0]].key))) {
      std::optional<Gazetteer::Match> whole = MatchIn(run, 0);
      if (whole && whole->last == last) {
        EmitKnown(*whole, MentionKind::kName, false);
        return;
      }
      const EntityType type = cue == Cue::kOrganization
                                  ? EntityType::kOrganization
                              : cue == Cue::kEvent ? EntityType::kOther
                                                   : EntityType::kLocation;
      EmitDiscovered(run.front(), last, type,
                     type == EntityType::kLocation ? "region" : "", 0.8, false);
      for (size_t p = 0; p < run.size();) {
        std::optional<Gazetteer::Match> m = MatchIn(run, p);
        if (m && m->last < last && m->record->type == EntityType::kLocation) {
          EmitKnown(*m, MentionKind::kNested, false);
          while (p < run.size() && run[p] <= m->last) ++p;
        } else {
          ++p;
        }
      }
      return;
    }
    // Titles, known names and unknown stretches, left to right.
    const size_t before = run.front() > 0 ? run.front() - 1 : 0;
    bool honorific = run.front() > 0 && t_[before].word &&
                     !t_[before].capitalized &&
                     lex_.IsHonorific(t_[before].key);
    bool titled = honorific;
    std::vector<size_t> seg;
    for (size_t p = 0; p < run.size();) {
      const size_t t = run[p];
      if (std::optional<Gazetteer::Match> m = MatchIn(run, p)) {
        const bool low_place = m->record->type == EntityType::kLocation &&
                               m->priority < kPriorityCountry &&
                               m->kind == AliasKind::kName &&
                               m->first == m->last;
        const bool in_name =
            honorific || (!seg.empty() && lex_.IsGivenName(t_[seg[0]].key)) ||
            // A given name that is also a town's ("Mary Onyali").
            (seg.empty() && m->first == t && p + 1 < run.size() &&
             lex_.IsGivenName(t_[t].key)) ||
            WeakTownInName(*m, run, p, seg);
        if (!(low_place && in_name)) {
          Flush(&seg, titled, honorific);
          EmitKnown(*m, MentionKind::kName, titled);
          titled = honorific = false;
          while (p < run.size() && run[p] <= m->last) ++p;
          continue;
        }
        // A small place's name inside a person's name ("Gul Hassan").
        while (p < run.size() && run[p] <= m->last) seg.push_back(run[p++]);
        continue;
      }
      const std::string& key = t_[t].key;
      if (lex_.IsTitle(key) && TitleFollowedByName(run, p)) {
        Flush(&seg, titled, honorific);
        titled = true;
        honorific = honorific || lex_.IsHonorific(key);
        ++p;
        continue;
      }
      if (!t_[t].capitalized && lex_.IsConnector(key) && seg.empty()) {
        ++p;
        continue;
      }
      if (lex_.IsFunctionWord(key) && !lex_.IsConnector(key)) {
        Flush(&seg, titled, honorific);  // "Open Thursday"
        titled = honorific = false;
        ++p;
        continue;
      }
      seg.push_back(t);
      ++p;
    }
    Flush(&seg, titled, honorific);
  }

  // A small town's name next to an unknown capitalized word of the same
  // run is part of a person's name: "Edgar Martinez", "Lindsay Davenport".
  bool WeakTownInName(const Gazetteer::Match& m, const std::vector<size_t>& run,
                      size_t p, const std::vector<size_t>& seg) const {
    if (!IsWeakPlace(m) || m.first != m.last) return false;
    if (!seg.empty()) return true;
    return p + 1 < run.size() && t_[run[p + 1]].capitalized &&
           !lex_.IsTitle(t_[run[p + 1]].key) &&
           lex_.CueOf(t_[run[p + 1]].key) == Cue::kNone &&
           !MatchIn(run, p + 1).has_value();
  }

  // A title word counts as one only when a name follows in the run.
  bool TitleFollowedByName(const std::vector<size_t>& run, size_t p) const {
    for (size_t q = p + 1; q < run.size(); ++q) {
      const std::string& key = t_[run[q]].key;
      if (!lex_.IsTitle(key) && !lex_.IsConnector(key)) return true;
    }
    return false;
  }

  // "spokesperson for (the) X": X speaks through someone, an organisation.
  bool SpokespersonFor(size_t first) const {
    size_t k = first;
    auto prev_word = [&](size_t i) -> size_t {
      while (i > 0) {
        --i;
        if (t_[i].word) return i;
        if (t_[i].key != "'") return t_.size();
      }
      return t_.size();
    };
    size_t p = prev_word(k);
    if (p < t_.size() && t_[p].key == "the") p = prev_word(p);
    if (p >= t_.size() || t_[p].key != "for") return false;
    p = prev_word(p);
    return p < t_.size() &&
           (t_[p].key == "spokesperson" || t_[p].key == "spokesman" ||
            t_[p].key == "spokeswoman" || t_[p].key == "speaking");
  }

  bool SpeechFollows(size_t last) const {
    size_t k = last + 1;
    if (k < t_.size() && !t_[k].word && t_[k].key == ",") ++k;
    return k < t_.size() && t_[k].word && lex_.IsSpeechVerb(t_[k].key);
  }

  void Flush(std::vector<size_t>* seg, bool titled, bool honorific) {
    while (!seg->empty() && lex_.IsConnector(t_[seg->back()].key)) {
      seg->pop_back();
    }
    if (seg->empty()) return;
    const size_t first = seg->front();
    const size_t last = seg->back();
    const size_t n = seg->size();
    seg->clear();
    const bool headline = headline_[first];
    const std::string& first_key = t_[first].key;
    const bool given = lex_.IsGivenName(first_key);
    bool all_common = !given;
    int letters = 0;
    bool all_upper = true;
    for (size_t k = first; k <= last; ++k) {
      if (!t_[k].word) continue;
      if (!IsCommonForm(lex_, t_[k].key) && !lex_.IsConnector(t_[k].key)) {
        all_common = false;
      }
      if (!t_[k].all_upper) all_upper = false;
      letters += static_cast<int>(t_[k].key.size());
    }
    if (honorific && !(headline && all_common)) {
      EmitDiscovered(first, last, EntityType::kPerson, "", 0.9, true);
      return;
    }
    if (headline) {
      // "ROBERTO DURAN FIGHTS THE SANDS": the given name and what follows
      // until an ordinary word.
      size_t end = first;
      for (size_t k = NextWord(first); given && k <= last; k = NextWord(k)) {
        if (IsCommonForm(lex_, t_[k].key)) break;
        end = k;
      }
      if (given && end > first) {
        EmitDiscovered(first, end, EntityType::kPerson, "", 0.7, titled);
      }
      return;
    }
    if (n == 1 && all_upper && letters >= 2 && letters <= 6 &&
        !t_[first].has_digit) {
      EmitDiscovered(first, last, EntityType::kOrganization, "",
                     all_common ? 0.45 : 0.6, false);
      return;
    }
    if (all_common) return;
    if (n >= 2 && SpokespersonFor(first)) {
      EmitDiscovered(first, last, EntityType::kOrganization, "", 0.8, false);
      return;
    }
    if (n >= 2) {
      const double confidence = given || titled       ? 0.85
                                : SpeechFollows(last) ? 0.8
                                                      : 0.6;
      EmitDiscovered(first, last, EntityType::kPerson, "", confidence, titled);
      return;
    }
    // One unknown word: a surname met elsewhere, or a guess.
    if (titled) {
      EmitDiscovered(first, last, EntityType::kPerson, "", 0.7, true);
      return;
    }
    const size_t prev = first > 0 ? first - 1 : 0;
    const std::string& p = t_[prev].key;
    if (SpokespersonFor(first)) {
      EmitDiscovered(first, last, EntityType::kOrganization, "", 0.7, false);
      return;
    }
    if (first > 0 && t_[prev].word &&
        (p == "in" || p == "at" || p == "from" || p == "near" ||
         p == "across" || p == "outside")) {
      EmitDiscovered(first, last, EntityType::kLocation, "", 0.45, false);
    } else if (SpeechFollows(last)) {
      EmitDiscovered(first, last, EntityType::kPerson, "", 0.45, false);
    } else {
      EmitDiscovered(first, last, EntityType::kOrganization, "", 0.4, false);
    }
  }

  const Gazetteer& g_;
  const Lexicon& lex_;
  absl::string_view body_;
  const std::vector<Token>& t_;
  std::vector<bool> headline_;
  std::vector<EntitySpan> spans_;
};

}  // namespace

bool IsCommonForm(const Lexicon& lexicon, absl::string_view key) {
  if (lexicon.IsCommonWord(key)) return true;
  const auto strip = [&](absl::string_view suffix, absl::string_view add) {
    if (key.size() <= suffix.size() + 2 || !absl::EndsWith(key, suffix)) {
      return false;
    }
    std::string base(key.substr(0, key.size() - suffix.size()));
    base.append(add.data(), add.size());
    return lexicon.IsCommonWord(base);
  };
  return strip("s", "") || strip("es", "") || strip("ies", "y") ||
         strip("ed", "") || strip("ed", "e") || strip("ing", "") ||
         strip("ing", "e") || strip("ly", "");
}

std::string DiscoveredId(EntityType type, absl::string_view subtype,
                         absl::string_view name) {
  std::string slug = Slug(name);
  if (slug.empty()) slug = "x";
  return absl::StrCat(EntityIdPrefix(type, subtype), ":", slug);
}

std::vector<EntitySpan> FindCandidates(const Gazetteer& gazetteer,
                                       absl::string_view body,
                                       const std::vector<Token>& tokens) {
  return Discoverer(gazetteer, body, tokens).Run();
}

}  // namespace newsindex
