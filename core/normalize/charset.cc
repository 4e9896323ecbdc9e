#include "core/normalize/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include "absl/strings/str_cat.h"
#include "core/text/excerpt.h"
#include "core/text/text.h"

namespace newsindex {

absl::StatusOr<std::string> ToUtf8(absl::string_view bytes,
                                   absl::string_view declared_charset,
                                   std::string* used_charset) {
  if (IsValidUtf8(bytes)) {
    if (used_charset) *used_charset = "UTF-8";
    return std::string(bytes);
  }
  std::string charset(declared_charset);
  UErrorCode status = U_ZERO_ERROR;
  if (charset.empty()) {
    UCharsetDetector* detector = ucsdet_open(&status);
    ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(bytes.size()),
                   &status);
    const UCharsetMatch* match = ucsdet_detect(detector, &status);
    if (U_SUCCESS(status) && match != nullptr) {
      const char* name = ucsdet_getName(match, &status);
      if (U_SUCCESS(status) && name != nullptr) charset = name;
    }
    ucsdet_close(detector);
    status = U_ZERO_ERROR;
  }
  if (charset.empty()) charset = "windows-1252";
  UConverter* converter = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown character encoding \"", Excerpt(charset), "\""));
  }
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()),
                          converter, status);
  ucnv_close(converter);
  if (U_FAILURE(status)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot decode the content as ", charset, ": ", u_errorName(status)));
  }
  std::string out;
  text.toUTF8String(out);
  if (used_charset) *used_charset = charset;
  return out;
}

}  // namespace newsindex
