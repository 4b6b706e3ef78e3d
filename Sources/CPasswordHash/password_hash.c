/*
** yescrypt through libxcrypt: crypt_gensalt_rn picks the salt from the kernel's random
** source (rbytes NULL) with the library's default cost; crypt_rn hashes with it.
*/
#include "password_hash.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

static char *hashWith(const char *password, const char *setting, struct crypt_data *data) {
    memset(data, 0, sizeof *data);
    char *r = crypt_rn(password, setting, data, (int)sizeof *data);
    /* libxcrypt signals failure with NULL or a string starting with '*'. */
    return (r && r[0] != '*') ? r : NULL;
}

int gongshi_password_hash(const char *password, char *out, size_t outSize) {
    if (!password || !out || outSize == 0) return -1;
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$y$", 0, NULL, 0, setting, (int)sizeof setting)) return -1;
    struct crypt_data *data = malloc(sizeof *data);
    if (!data) return -1;
    int rc = -1;
    char *r = hashWith(password, setting, data);
    if (r && strlen(r) < outSize) {
        strcpy(out, r);
        rc = 0;
    }
    explicit_bzero(data, sizeof *data);
    free(data);
    return rc;
}

int gongshi_password_verify(const char *password, const char *stored) {
    if (!password || !stored || strncmp(stored, "$y$", 3) != 0) return -1;
    struct crypt_data *data = malloc(sizeof *data);
    if (!data) return -1;
    int rc = -1;
    char *r = hashWith(password, stored, data);
    if (r) {
        size_t n = strlen(r);
        if (n == strlen(stored)) {
            /* Constant time over the hash length. */
            unsigned char diff = 0;
            for (size_t i = 0; i < n; i++) diff |= (unsigned char)(r[i] ^ stored[i]);
            rc = diff == 0 ? 1 : 0;
        } else {
            rc = 0;
        }
    }
    explicit_bzero(data, sizeof *data);
    free(data);
    return rc;
}
