#include "Zlib.h"

#include <limits.h>
#include <stdlib.h>
#include <zlib.h>

struct strided_zstream {
  z_stream z;
  int inflating;
};

strided_zstream *strided_inflater_create(void) {
  strided_zstream *stream = calloc(1, sizeof *stream);
  if (stream == NULL) return NULL;
  stream->inflating = 1;
  if (inflateInit2(&stream->z, -MAX_WBITS) != Z_OK) {
    free(stream);
    return NULL;
  }
  return stream;
}

strided_zstream *strided_deflater_create(int level) {
  strided_zstream *stream = calloc(1, sizeof *stream);
  if (stream == NULL) return NULL;
  if (deflateInit2(&stream->z, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    free(stream);
    return NULL;
  }
  return stream;
}

void strided_zstream_destroy(strided_zstream *stream) {
  if (stream == NULL) return;
  if (stream->inflating) {
    inflateEnd(&stream->z);
  } else {
    deflateEnd(&stream->z);
  }
  free(stream);
}

// zlib counts in `uInt`: hand it at most this much at a time.
static const size_t chunk = (size_t)1 << 30;

static uInt clamp(size_t count) { return (uInt)(count < chunk ? count : chunk); }

int strided_inflate(strided_zstream *stream, const void *input, size_t input_count, size_t *consumed,
                    void *output, size_t output_count, size_t *produced) {
  z_stream *z = &stream->z;
  *consumed = 0;
  *produced = 0;
  for (;;) {
    z->next_in = (Bytef *)input + *consumed;
    z->avail_in = clamp(input_count - *consumed);
    z->next_out = (Bytef *)output + *produced;
    z->avail_out = clamp(output_count - *produced);
    uInt in_before = z->avail_in, out_before = z->avail_out;
    int result = inflate(z, Z_NO_FLUSH);
    *consumed += in_before - z->avail_in;
    *produced += out_before - z->avail_out;
    if (result == Z_STREAM_END) return STRIDED_Z_END;
    if (result == Z_DATA_ERROR || result == Z_NEED_DICT || result == Z_STREAM_ERROR) return STRIDED_Z_DATA_ERROR;
    if (result == Z_MEM_ERROR) return STRIDED_Z_MEMORY_ERROR;
    if (result == Z_BUF_ERROR) return (*consumed == 0 && *produced == 0) ? STRIDED_Z_STALLED : STRIDED_Z_OK;
    if (*consumed == input_count || *produced == output_count) return STRIDED_Z_OK;
  }
}

int strided_deflate(strided_zstream *stream, const void *input, size_t input_count, size_t *consumed,
                    void *output, size_t output_count, size_t *produced, int finish) {
  z_stream *z = &stream->z;
  *consumed = 0;
  *produced = 0;
  for (;;) {
    z->next_in = (Bytef *)input + *consumed;
    z->avail_in = clamp(input_count - *consumed);
    z->next_out = (Bytef *)output + *produced;
    z->avail_out = clamp(output_count - *produced);
    int last = finish && input_count - *consumed <= chunk;
    uInt in_before = z->avail_in, out_before = z->avail_out;
    int result = deflate(z, last ? Z_FINISH : Z_NO_FLUSH);
    *consumed += in_before - z->avail_in;
    *produced += out_before - z->avail_out;
    if (result == Z_STREAM_END) return STRIDED_Z_END;
    if (result == Z_STREAM_ERROR) return STRIDED_Z_DATA_ERROR;
    if (*produced == output_count) return STRIDED_Z_OK;
    if (*consumed == input_count && !finish) return STRIDED_Z_OK;
    if (result == Z_BUF_ERROR && in_before == 0 && out_before == 0) return STRIDED_Z_OK;
  }
}

uint32_t strided_crc32(uint32_t crc, const void *bytes, size_t count) {
  const Bytef *p = bytes;
  uLong value = crc;
  while (count > 0) {
    uInt n = clamp(count);
    value = crc32(value, p, n);
    p += n;
    count -= n;
  }
  return (uint32_t)value;
}
