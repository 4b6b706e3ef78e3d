/*
** gzip (RFC 1952) compression for static files. zlib's deflateInit2 is a macro, so
** Swift calls this instead.
*/
#ifndef GONGSHI_GZIP_H
#define GONGSHI_GZIP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An upper bound of the gzip size of `length` bytes. */
size_t gongshi_gzip_bound(size_t length);

/* Compresses `input` into `output` (capacity from gongshi_gzip_bound) at `level` (1-9);
** returns the compressed size, or 0 on failure. */
size_t gongshi_gzip(const void *input, size_t length, void *output, size_t capacity, int level);

#ifdef __cplusplus
}
#endif

#endif
