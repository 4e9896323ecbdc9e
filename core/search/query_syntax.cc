#include "core/search/query_syntax.h"

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/search/search_limits.h"
#include "core/text/excerpt.h"

namespace newsindex {
namespace {

enum class Kind { kOperand, kBinaryOperator, kNot, kOpen, kClose };

struct Token {
  Kind kind;
  size_t byte;  // where it starts
  std::string text;
};

int Position(absl::string_view query, size_t byte) {
  int position = 1;
  for (size_t i = 0; i < byte && i < query.size(); ++i) {
    if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) ++position;
  }
  return position;
}

absl::Status Error(absl::string_view query, size_t byte,
                   absl::string_view reason) {
  return absl::InvalidArgumentError(
      absl::StrCat("query: ", reason, " at position ", Position(query, byte)));
}

bool IsBinaryOperator(absl::string_view word) {
  if (word == "AND" || word == "OR" || word == "XOR") return true;
  for (absl::string_view op : {"NEAR", "ADJ"}) {
    if (word == op) return true;
    if (absl::StartsWith(word, op) && word.size() > op.size() + 1 &&
        word[op.size()] == '/') {
      int n = 0;
      return absl::SimpleAtoi(word.substr(op.size() + 1), &n) && n > 0;
    }
  }
  return false;
}

// Checks "date:FROM..TO" (either end may be empty).
absl::Status CheckDateRange(absl::string_view query, const Token& token) {
  absl::string_view word = token.text;
  if (!absl::StartsWith(word, "date:")) return absl::OkStatus();
  absl::string_view range = word.substr(5);
  size_t dots = range.find("..");
  if (dots == absl::string_view::npos) {
    return Error(query, token.byte,
                 "date: needs a range FROM..TO (either end may be left open)");
  }
  absl::string_view from = range.substr(0, dots);
  absl::string_view to = range.substr(dots + 2);
  if (!from.empty() && !ParseQueryDate(from, false)) {
    return Error(
        query, token.byte + 5,
        absl::StrCat("\"", Excerpt(from), "\" is not a date (YYYY-MM-DD)"));
  }
  if (!to.empty() && !ParseQueryDate(to, true)) {
    return Error(
        query, token.byte + 5 + dots + 2,
        absl::StrCat("\"", Excerpt(to), "\" is not a date (YYYY-MM-DD)"));
  }
  if (!from.empty() && !to.empty() &&
      *ParseQueryDate(from, false) > *ParseQueryDate(to, true)) {
    return Error(query, token.byte, "the date range ends before it starts");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Token>> Tokenize(absl::string_view query) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '(') {
      tokens.push_back({Kind::kOpen, i, "("});
      ++i;
    } else if (c == ')') {
      tokens.push_back({Kind::kClose, i, ")"});
      ++i;
    } else if (c == '"') {
      size_t close = query.find('"', i + 1);
      if (close == absl::string_view::npos) {
        return Error(query, i, "unterminated quotation mark");
      }
      tokens.push_back(
          {Kind::kOperand, i, std::string(query.substr(i, close + 1 - i))});
      i = close + 1;
    } else {
      const size_t start = i;
      while (i < query.size() && query[i] != '(' && query[i] != ')' &&
             !absl::ascii_isspace(static_cast<unsigned char>(query[i]))) {
        if (query[i] == '"') {
          // field:"a phrase" is one operand.
          size_t close = query.find('"', i + 1);
          if (close == absl::string_view::npos) {
            return Error(query, i, "unterminated quotation mark");
          }
          i = close + 1;
        } else {
          ++i;
        }
      }
      std::string word(query.substr(start, i - start));
      Kind kind = Kind::kOperand;
      if (word == "NOT") {
        kind = Kind::kNot;
      } else if (IsBinaryOperator(word)) {
        kind = Kind::kBinaryOperator;
      }
      tokens.push_back({kind, start, std::move(word)});
    }
  }
  return tokens;
}

// Words of an operand: a phrase's words count one each.
size_t WordCount(absl::string_view operand) {
  return std::vector<absl::string_view>(
             absl::StrSplit(operand, absl::ByAnyChar(" \t\n\r\f\v"),
                            absl::SkipEmpty()))
      .size();
}

// Xapian 1.4.22's query parser leaks memory (96 bytes a query) when a
// boolean operator (AND, OR, NOT, XOR) is directly followed by NEAR/n or
// ADJ/n: found by query_fuzz, then every pair of operators tried. It also
// splits words at punctuation our tokenizer keeps ("a,OR NEAR/3 b"), so
// this looks at the words as Xapian would: runs of ASCII letters and
// digits, with NEAR/n and ADJ/n kept whole, anything between them ignored.
absl::Status CheckOperatorBeforeProximity(absl::string_view query) {
  absl::string_view previous;
  size_t i = 0;
  while (i < query.size()) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(query[i]))) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < query.size() &&
           (absl::ascii_isalnum(static_cast<unsigned char>(query[i])) ||
            query[i] == '/')) {
      ++i;
    }
    absl::string_view word = query.substr(start, i - start);
    absl::string_view name = word.substr(0, word.find('/'));
    const bool boolean = previous == "AND" || previous == "OR" ||
                         previous == "NOT" || previous == "XOR";
    if (boolean && (name == "NEAR" || name == "ADJ")) {
      return Error(
          query, start,
          absl::StrCat(name, " needs an expression before it, not ", previous));
    }
    previous = word;
  }
  return absl::OkStatus();
}

}  // namespace

std::optional<absl::Time> ParseQueryDate(absl::string_view text,
                                         bool end_of_period) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.empty() || parts.size() > 3 || parts[0].size() != 4) {
    return std::nullopt;
  }
  int values[3] = {0, 1, 1};
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty() || parts[i].size() > 4 ||
        !absl::SimpleAtoi(parts[i], &values[i])) {
      return std::nullopt;
    }
  }
  if (values[1] < 1 || values[1] > 12 || values[2] < 1 || values[2] > 31) {
    return std::nullopt;
  }
  const absl::CivilDay day(values[0], values[1], values[2]);
  if (day.month() != values[1] || day.day() != values[2]) return std::nullopt;
  absl::CivilSecond start = day;
  if (!end_of_period) return absl::FromCivil(start, absl::UTCTimeZone());
  absl::CivilSecond next;
  if (parts.size() == 1) {
    next = absl::CivilYear(values[0] + 1);
  } else if (parts.size() == 2) {
    next = absl::CivilMonth(absl::CivilMonth(day) + 1);
  } else {
    next = day + 1;
  }
  return absl::FromCivil(next, absl::UTCTimeZone()) - absl::Microseconds(1);
}

absl::Status CheckQuerySyntax(absl::string_view query) {
  // Limits first, so that the work below is bounded too.
  if (absl::Status s =
          CheckLimit("query", query.size(), kMaxQueryBytes, "bytes");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(query);
  if (!tokens.ok()) return tokens.status();
  size_t words = 0;
  for (const Token& t : *tokens) {
    if (t.kind == Kind::kOperand) words += WordCount(t.text);
  }
  if (absl::Status s = CheckLimit("query", words, kMaxQueryTerms, "words");
      !s.ok()) {
    return s;
  }
  std::vector<size_t> open;
  for (size_t i = 0; i < tokens->size(); ++i) {
    const Token& t = (*tokens)[i];
    const Token* prev = i > 0 ? &(*tokens)[i - 1] : nullptr;
    const Token* next = i + 1 < tokens->size() ? &(*tokens)[i + 1] : nullptr;
    const bool prev_ends_operand =
        prev != nullptr &&
        (prev->kind == Kind::kOperand || prev->kind == Kind::kClose);
    const bool next_starts_operand =
        next != nullptr &&
        (next->kind == Kind::kOperand || next->kind == Kind::kOpen ||
         next->kind == Kind::kNot);
    switch (t.kind) {
      case Kind::kOpen:
        open.push_back(t.byte);
        if (open.size() > static_cast<size_t>(kMaxQueryDepth)) {
          return Error(query, t.byte,
                       absl::StrCat("parentheses nested deeper than the limit "
                                    "of ",
                                    kMaxQueryDepth));
        }
        break;
      case Kind::kClose:
        if (open.empty()) return Error(query, t.byte, "unmatched ')'");
        if (prev != nullptr && prev->kind == Kind::kOpen) {
          return Error(query, prev->byte, "empty parentheses");
        }
        open.pop_back();
        break;
      case Kind::kBinaryOperator:
        if (!prev_ends_operand) {
          return Error(
              query, t.byte,
              absl::StrCat(Excerpt(t.text), " needs an expression before it"));
        }
        if (!next_starts_operand) {
          return Error(
              query, t.byte,
              absl::StrCat(Excerpt(t.text), " needs an expression after it"));
        }
        break;
      case Kind::kNot:
        if (next == nullptr ||
            (next->kind != Kind::kOperand && next->kind != Kind::kOpen)) {
          return Error(query, t.byte, "NOT needs an expression after it");
        }
        break;
      case Kind::kOperand:
        if (absl::Status s = CheckDateRange(query, t); !s.ok()) return s;
        break;
    }
  }
  if (!open.empty()) return Error(query, open.back(), "unmatched '('");
  return CheckOperatorBeforeProximity(query);
}

}  // namespace newsindex
