/*
** yescrypt password hashes through libxcrypt (the library and the method Debian uses for
** its own accounts). A shim because Swift should not size or zero `struct crypt_data`
** itself, and the salt must come from libxcrypt's own random source.
*/
#ifndef GONGSHI_PASSWORD_HASH_H
#define GONGSHI_PASSWORD_HASH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes a "$y$..." hash of `password` (NUL-terminated) into `out`; 0 on success,
** -1 when libxcrypt fails or `out` is too small (256 bytes always suffice). */
int gongshi_password_hash(const char *password, char *out, size_t outSize);

/* 1 when `password` matches `stored`, 0 when it does not, -1 when `stored` is no valid hash. */
int gongshi_password_verify(const char *password, const char *stored);

#ifdef __cplusplus
}
#endif

#endif
