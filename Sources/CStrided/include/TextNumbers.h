// Number parsing and formatting for Strided's text-file reader and writer
// (NumPy's loadtxt and savetxt). Each parser reads the bytes of one field,
// [begin, end), with no terminating NUL needed, and accepts exactly what
// NumPy's loadtxt accepts for the type.
#ifndef STRIDED_TEXT_NUMBERS_H
#define STRIDED_TEXT_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What a parser found.
enum {
  /// The field is a number of the type.
  STRIDED_PARSE_OK = 0,
  /// The field is not a number of the type.
  STRIDED_PARSE_INVALID = 1,
  /// The field is an integer outside the type's range.
  STRIDED_PARSE_OUT_OF_RANGE = 2,
};

/// A double, correctly rounded (as strtod rounds, and as Python's float()
/// parses): leading and trailing ASCII whitespace, an optional sign, then
/// digits with an optional point and an optional exponent (`1`, `1.`,
/// `.5`, `+1.5e3`), or `inf`, `infinity`, `nan` in any case. Hexadecimal,
/// `nan(...)` and digit separators are refused, as Python refuses them.
/// Up to 19 significant digits take the Clinger or Eisel–Lemire fast paths;
/// longer ones go to strtod in the C locale.
int strided_parse_double(const char *begin, const char *end, double *value);

/// The number at the start of [begin, end), with no whitespace skipped, and
/// where it stops in `*stop`. For complex numbers.
int strided_parse_double_prefix(const char *begin, const char *end, double *value, const char **stop);

/// A complex number as NumPy's loadtxt reads one: `1`, `2j`, `1+2j`,
/// `1.5-2e3j`, each optionally in parentheses, with whitespace around
/// (not inside) it. Only a lowercase `j`.
int strided_parse_complex(const char *begin, const char *end, double *real, double *imaginary);

/// A signed integer: whitespace, an optional sign, decimal digits,
/// whitespace. Out of range of [minimum, maximum] is
/// STRIDED_PARSE_OUT_OF_RANGE.
int strided_parse_int64(const char *begin, const char *end, int64_t minimum, int64_t maximum, int64_t *value);

/// An unsigned integer: as strided_parse_int64, but a `-` sign is refused
/// (even on `-0`), as NumPy refuses it.
int strided_parse_uint64(const char *begin, const char *end, uint64_t maximum, uint64_t *value);

/// snprintf(buffer, capacity, format, value) for a format with one double
/// conversion; the length it would write.
int strided_format_double(char *buffer, size_t capacity, const char *format, double value);

#ifdef __cplusplus
}
#endif

#endif
