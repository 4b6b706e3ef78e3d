/*
** gzip through zlib: windowBits 15 + 16 selects the gzip wrapper.
*/
#include "gongshi_gzip.h"

#include <zlib.h>

size_t gongshi_gzip_bound(size_t length) {
    /* deflateBound for raw deflate plus the gzip header and trailer (18 bytes) and slack. */
    return length + length / 1000 + 64;
}

size_t gongshi_gzip(const void *input, size_t length, void *output, size_t capacity, int level) {
    if (!input || !output || capacity == 0) return 0;
    z_stream stream = {0};
    if (deflateInit2(&stream, level < 1 || level > 9 ? 6 : level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = output;
    stream.avail_out = (uInt)capacity;
    int rc = deflate(&stream, Z_FINISH);
    size_t written = stream.total_out;
    deflateEnd(&stream);
    return rc == Z_STREAM_END ? written : 0;
}
