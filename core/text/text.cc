#include "core/text/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"

namespace newsindex {

bool IsValidUtf8(absl::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string RepairUtf8(absl::string_view s, int* replaced) {
  std::string out;
  out.reserve(s.size());
  int count = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
      ++count;
    } else {
      out.append(s.data() + start, i - start);
    }
  }
  if (replaced != nullptr) *replaced = count;
  return out;
}

namespace {

// The non-starters at the start and at the end of `c`'s NFKD decomposition,
// and whether it is made of non-starters only.
struct NonStarters {
  int leading = 0;
  int trailing = 0;
  bool all = false;
};

NonStarters CountNonStarters(const icu::Normalizer2& nfkd, UChar32 c) {
  NonStarters counts;
  icu::UnicodeString decomposition;
  if (!nfkd.getDecomposition(c, decomposition)) {
    decomposition = icu::UnicodeString(c);
  }
  bool starter_seen = false;
  for (int32_t i = 0; i < decomposition.length();) {
    const UChar32 d = decomposition.char32At(i);
    i += U16_LENGTH(d);
    if (u_getCombiningClass(d) == 0) {
      starter_seen = true;
      counts.trailing = 0;
    } else {
      if (!starter_seen) ++counts.leading;
      ++counts.trailing;
    }
  }
  counts.all = !starter_seen;
  return counts;
}

}  // namespace

std::string MakeStreamSafe(absl::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string out;
  int run = 0;         // non-starters since the last starter or CGJ
  int32_t copied = 0;  // utf8[0, copied) is in `out` already
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {  // ASCII: a starter
      run = 0;
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) continue;  // not valid UTF-8: left to the caller's repair
    const NonStarters counts = CountNonStarters(*nfkd, c);
    if (run + counts.leading > kMaxNonStarterRun) {
      out.append(utf8.data() + copied, start - copied);
      out.append("\xCD\x8F");  // U+034F COMBINING GRAPHEME JOINER, a starter
      copied = start;
      run = 0;
    }
    run = counts.all ? run + counts.leading : counts.trailing;
  }
  if (copied == 0) return std::string(utf8);
  out.append(utf8.data() + copied, n - copied);
  return out;
}

std::string ToNfc(absl::string_view raw_utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(raw_utf8);
  const std::string safe = MakeStreamSafe(raw_utf8);
  const absl::string_view utf8 = safe;
  const icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    return std::string(utf8);
  }
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return out;
}

double ControlCharFraction(absl::string_view s) {
  int total = 0;
  int control = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    ++total;
    if (c < 0) {
      ++control;
    } else if (c < 0x80 ? (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
                              c == 0x7F
                        : u_charType(c) == U_CONTROL_CHAR) {
      ++control;
    }
  }
  return total == 0 ? 0.0 : static_cast<double>(control) / total;
}

std::string NormalizeWhitespace(absl::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::string line;
  bool pending_blank = false;
  auto flush_line = [&]() {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) {
      if (!out.empty()) pending_blank = true;
    } else {
      if (!out.empty()) out.append(pending_blank ? "\n\n" : "\n");
      pending_blank = false;
      out.append(line);
    }
    line.clear();
  };
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c == '\n' || c == 0x2028 || c == 0x2029 || c == 0x85 || (c == '\r')) {
      if (c == '\r' && i < n && utf8[i] == '\n') ++i;
      flush_line();
    } else if (c == ' ' || c == '\t' || (c >= 0x80 && u_isUWhiteSpace(c))) {
      if (!line.empty() && line.back() != ' ') line.push_back(' ');
    } else if (c >= 0 && (c == 0x200B || c == 0xFEFF || c == 0x00AD)) {
      // Zero-width space, byte-order mark and soft hyphen carry no text.
    } else {
      line.append(utf8.data() + start, i - start);
    }
  }
  flush_line();
  return out;
}

const char* FoldedPunctuation(int32_t c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
    case 0x02BC:
    case 0x0060:
    case 0x00B4:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x2036:
    case 0x00AB:
    case 0x00BB:
    case 0x2039:
    case 0x203A:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
      return "-";
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return "";
    default:
      return nullptr;
  }
}

std::string FoldForIndexing(absl::string_view utf8) {
  bool ascii = true;
  for (char ch : utf8) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(utf8);  // already folded
  const std::string valid = IsValidUtf8(utf8)
                                ? MakeStreamSafe(utf8)
                                : MakeStreamSafe(RepairUtf8(utf8));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::string compat;
  if (U_SUCCESS(status)) {
    icu::StringByteSink<std::string> sink(&compat);
    nfkc->normalizeUTF8(
        0, icu::StringPiece(valid.data(), static_cast<int32_t>(valid.size())),
        sink, nullptr, status);
  }
  if (U_FAILURE(status)) compat = valid;
  std::string out;
  out.reserve(compat.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(compat.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(compat.data(), i, n, c);
    const char* folded = c < 0 ? nullptr : FoldedPunctuation(c);
    if (folded != nullptr) {
      out.append(folded);
    } else {
      out.append(compat.data() + start, i - start);
    }
  }
  return out;
}

std::string FoldCase(absl::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? char(b + 32) : char(b));
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, c, error);
    if (!error) out.append(buf, len);
  }
  return out;
}

int CodePointCount(absl::string_view s) {
  int count = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace newsindex
