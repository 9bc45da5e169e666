// Raw deflate streams and CRC-32 from zlib, for Strided's .npz reader and
// writer. The zlib types stay in the C file; Swift sees an opaque stream.
#ifndef STRIDED_ZLIB_H
#define STRIDED_ZLIB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A zlib stream, inflating or deflating raw deflate data (no zlib or gzip
/// wrapper, as zip archives store it).
typedef struct strided_zstream strided_zstream;

/// A new inflating stream, or NULL when zlib cannot allocate one.
strided_zstream *strided_inflater_create(void);
/// A new deflating stream at a zlib level (-1 for zlib's default, 6), or NULL.
strided_zstream *strided_deflater_create(int level);
/// Frees a stream.
void strided_zstream_destroy(strided_zstream *stream);

/// The results of `strided_inflate` and `strided_deflate`.
enum {
  STRIDED_Z_OK = 0,          ///< progress; call again with more input or room
  STRIDED_Z_END = 1,         ///< the stream ended (inflate), or is finished (deflate)
  STRIDED_Z_DATA_ERROR = -1, ///< the compressed data is damaged
  STRIDED_Z_MEMORY_ERROR = -2,
  STRIDED_Z_STALLED = -3,    ///< no progress was possible: the input ended too early
};

/// Inflates from `input` into `output`; sets how many bytes were consumed
/// and produced.
int strided_inflate(strided_zstream *stream, const void *input, size_t input_count, size_t *consumed,
                    void *output, size_t output_count, size_t *produced);

/// Deflates `input` into `output`; with `finish`, flushes the end of the
/// stream (call until it returns STRIDED_Z_END).
int strided_deflate(strided_zstream *stream, const void *input, size_t input_count, size_t *consumed,
                    void *output, size_t output_count, size_t *produced, int finish);

/// Updates a CRC-32 (start from 0) with `count` bytes.
uint32_t strided_crc32(uint32_t crc, const void *bytes, size_t count);

#ifdef __cplusplus
}
#endif

#endif
