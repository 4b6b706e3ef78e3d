/*
** Gongshi's FTS5 tokenizer for Chinese, in the shape of SQLite's fts5_tokenize.c:
** create / delete / tokenize, an rc threaded through every step, byte offsets into
** the caller's original text.
**
** Pipeline for one call:
**   1. decode UTF-8 (an invalid byte becomes a separator) and fold each code point
**      (NFKC_Casefold, then Traditional->Simplified) into a UTF-16 buffer, remembering
**      for every UTF-16 unit the byte range of the code point it came from;
**   2. run ICU's word break iterator over the folded buffer (folding first means
**      Traditional text is segmented with the same dictionary words as Simplified);
**   3. emit tokens per word; Han words as characters plus (document and index modes)
**      the colocated whole word, and (index mode) a colocated bigram at each character
**      another Han character follows; in phrase mode (FTS5 queries) that bigram replaces
**      the character, so phrases keep their positions but read far shorter doclists.
**
** Folding is per code point so the offset map stays exact; results for the BMP are
** cached per tokenizer because the transliterator is far too slow to call per character.
*/
#include "chinese_tokenizer.h"
#include "fts5_api.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#define FOLD_INLINE 4          /* folded forms up to this many UTF-16 units are cached */
#define FOLD_MAX 32            /* longest folded form kept for one code point */

typedef struct {
    uint8_t state;             /* 0 = not computed, 1 = cached, 2 = too long to cache */
    uint8_t length;
    UChar units[FOLD_INLINE];
} FoldEntry;

/* Segmentation cache (document text repeats the same phrases endlessly: type labels,
** authorities, notice templates). A maximal run of Han characters whose neighbours are
** characters ICU always breaks at is segmented by the dictionary on its own, so its word
** boundaries depend on the run alone and can be cached by its text. */
#define RUN_KEY_MAX 32         /* runs up to this many UTF-16 units are cached */
#define RUN_CACHE_SLOTS 16384  /* direct-mapped, a power of two */

typedef struct {
    uint32_t hash;
    uint8_t length;            /* units of the run; 0 = empty slot */
    uint8_t words;
    uint8_t ends[RUN_KEY_MAX];  /* end of each word, relative to the run */
    uint8_t kinds[RUN_KEY_MAX]; /* WORD_SKIP, WORD_HAN or WORD_OTHER */
    UChar key[RUN_KEY_MAX];
} RunEntry;

enum { WORD_SKIP = 0, WORD_HAN = 1, WORD_OTHER = 2 };

struct GongshiTokenizer {
    UBreakIterator *words;
    UTransliterator *toSimplified;
    UTransliterator *toPinyin;        /* opened on first use: it is slow to open */
    const UNormalizer2 *nfkcCasefold;
    FoldEntry *foldCache;             /* 65536 entries, one per BMP code point */
    uint64_t foldsToItself[1024];     /* a bit per BMP code point the cache found unchanged:
                                      ** most are, and 8 KB stay in cache where 640 KB do not */

    UChar *folded;                    /* the folded text */
    int32_t *sourceStart;             /* byte offset where each unit's code point starts */
    int32_t *sourceEnd;               /* ... and ends */
    int32_t foldedCapacity;

    char *token;                      /* UTF-8 scratch for one token */
    int32_t tokenCapacity;

    int32_t foldedCount;              /* units of the text being tokenized */
    int32_t lastBigramEnd;            /* phrase modes: where the last bigram emitted ends */
    int invalidInput;                 /* the text being tokenized is not valid UTF-8 */
    int32_t pendingFrom, pendingTo;   /* short phrase: a character held back, -1 = none */
    int segmentCache;                 /* 0 = always run ICU over the whole text (tests) */
    RunEntry *runs;                   /* RUN_CACHE_SLOTS entries, allocated on first use */
    int32_t *pieces;                  /* scratch: [start, end) of each Han run */
    int32_t pieceCapacity;
    GongshiMarks *marks;              /* gongshi_tokenizer_mark: where MARKING tokens go */
};

/* ---- buffers ---------------------------------------------------------------- */

/* Makes room for `needed` folded units. */
static int reserveFolded(GongshiTokenizer *t, int32_t needed) {
    if (needed <= t->foldedCapacity) return SQLITE_OK;
    int32_t capacity = t->foldedCapacity ? t->foldedCapacity : 256;
    while (capacity < needed) {
        if (capacity > INT32_MAX / 2) return SQLITE_NOMEM;
        capacity *= 2;
    }
    UChar *folded = realloc(t->folded, sizeof(UChar) * (size_t)capacity);
    if (!folded) return SQLITE_NOMEM;
    t->folded = folded;
    int32_t *start = realloc(t->sourceStart, sizeof(int32_t) * (size_t)capacity);
    if (!start) return SQLITE_NOMEM;
    t->sourceStart = start;
    int32_t *end = realloc(t->sourceEnd, sizeof(int32_t) * (size_t)capacity);
    if (!end) return SQLITE_NOMEM;
    t->sourceEnd = end;
    t->foldedCapacity = capacity;
    return SQLITE_OK;
}

/* ---- folding ---------------------------------------------------------------- */

/* Folds one code point into `out` (capacity FOLD_MAX); returns the unit count, which
** may be 0 (default-ignorable characters fold to nothing). */
static int32_t foldUncached(GongshiTokenizer *t, UChar32 c, UChar *out) {
    UChar source[2];
    int32_t sourceLength = 0;
    U16_APPEND_UNSAFE(source, sourceLength, c);
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = unorm2_normalize(t->nfkcCasefold, source, sourceLength, out, FOLD_MAX, &status);
    if (U_FAILURE(status)) {
        memcpy(out, source, sizeof(UChar) * (size_t)sourceLength);
        return sourceLength;
    }
    int hasIdeograph = 0;
    for (int32_t i = 0; i < length;) {
        UChar32 d;
        U16_NEXT(out, i, length, d);
        if (u_hasBinaryProperty(d, UCHAR_IDEOGRAPHIC)) { hasIdeograph = 1; break; }
    }
    if (hasIdeograph && t->toSimplified) {
        int32_t limit = length;
        status = U_ZERO_ERROR;
        utrans_transUChars(t->toSimplified, out, &length, FOLD_MAX, 0, &limit, &status);
        if (U_FAILURE(status)) {
            memcpy(out, source, sizeof(UChar) * (size_t)sourceLength);
            return sourceLength;
        }
    }
    return length;
}

/* Folds one code point, through the BMP cache. Returns a pointer to the units. */
static const UChar *fold(GongshiTokenizer *t, UChar32 c, UChar *scratch, int32_t *length) {
    if (c <= 0xFFFF && (t->foldsToItself[c >> 6] >> (c & 63) & 1)) {
        scratch[0] = (UChar)c;
        *length = 1;
        return scratch;
    }
    if (c > 0xFFFF || !t->foldCache) {
        *length = foldUncached(t, c, scratch);
        return scratch;
    }
    FoldEntry *entry = &t->foldCache[c];
    if (entry->state == 0) {
        int32_t n = foldUncached(t, c, scratch);
        if (n <= FOLD_INLINE) {
            memcpy(entry->units, scratch, sizeof(UChar) * (size_t)n);
            entry->length = (uint8_t)n;
            entry->state = 1;
            if (n == 1 && scratch[0] == c) t->foldsToItself[c >> 6] |= (uint64_t)1 << (c & 63);
        } else {
            entry->state = 2;
        }
        *length = n;
        return scratch;
    }
    if (entry->state == 2) {
        *length = foldUncached(t, c, scratch);
        return scratch;
    }
    *length = entry->length;
    return entry->units;
}

/* Step 1: decodes and folds `text` into t->folded; returns the unit count or -1. */
static int32_t foldText(GongshiTokenizer *t, const char *text, int32_t length, int32_t skip) {
    int32_t count = 0;
    int32_t i = skip;
    UChar scratch[FOLD_MAX];
    while (i < length) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(text, i, length, c);
        const UChar *units;
        int32_t n;
        if (c < 0) {
            t->invalidInput = 1;
            /* Invalid UTF-8: a separator, so it never glues two words together. */
            scratch[0] = 0x20;
            units = scratch;
            n = 1;
        } else if (c < 0x80) {
            /* ASCII fast path: NFKC_Casefold is just lower-casing here. */
            scratch[0] = (UChar)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            units = scratch;
            n = 1;
        } else {
            units = fold(t, c, scratch, &n);
        }
        if (reserveFolded(t, count + n) != SQLITE_OK) return -1;
        for (int32_t k = 0; k < n; k++) {
            t->folded[count] = units[k];
            t->sourceStart[count] = start;
            t->sourceEnd[count] = i;
            count++;
        }
    }
    return count;
}

/* ---- token output ----------------------------------------------------------- */

/* Converts folded units [from, to) to UTF-8 in t->token, cut at GONGSHI_MAX_TOKEN_BYTES
** on a code point boundary. Returns the byte length, or -1 on allocation failure. */
static int32_t tokenText(GongshiTokenizer *t, int32_t from, int32_t to) {
    int32_t needed = (to - from) * 3 + 4;
    if (needed > GONGSHI_MAX_TOKEN_BYTES + 4) needed = GONGSHI_MAX_TOKEN_BYTES + 4;
    if (needed > t->tokenCapacity) {
        char *token = realloc(t->token, (size_t)needed);
        if (!token) return -1;
        t->token = token;
        t->tokenCapacity = needed;
    }
    int32_t bytes = 0;
    for (int32_t i = from; i < to;) {
        UChar32 c;
        U16_NEXT(t->folded, i, to, c);
        if (bytes + U8_LENGTH(c) > GONGSHI_MAX_TOKEN_BYTES) break;
        U8_APPEND_UNSAFE(t->token, bytes, c);
    }
    return bytes;
}

static int emit(GongshiTokenizer *t, void *context, GongshiTokenCallback callback, int flags,
                int32_t from, int32_t to);

/* Short phrase: a character the bigram before it implies is held back, and emitted only
** when another token follows (tokens must keep their positions); the phrase's last one
** is left out. */
static int emitPending(GongshiTokenizer *t, void *context, GongshiTokenCallback callback) {
    if (t->pendingFrom < 0) return SQLITE_OK;
    int32_t from = t->pendingFrom, to = t->pendingTo;
    t->pendingFrom = t->pendingTo = -1;
    return emit(t, context, callback, 0, from, to);
}

/* Emits folded units [from, to) as one token. */
static int emit(GongshiTokenizer *t, void *context, GongshiTokenCallback callback, int flags,
                int32_t from, int32_t to) {
    int rc = emitPending(t, context, callback);
    if (rc != SQLITE_OK) return rc;
    int32_t bytes = tokenText(t, from, to);
    if (bytes < 0) return SQLITE_NOMEM;
    if (bytes == 0) return SQLITE_OK;
    return callback(context, flags, t->token, bytes, t->sourceStart[from], t->sourceEnd[to - 1]);
}

/* Emits the two characters [from, to) as a bigram token (GONGSHI_BIGRAM_PREFIX first). */
static int emitBigram(GongshiTokenizer *t, void *context, GongshiTokenCallback callback, int flags,
                      int32_t from, int32_t to) {
    int rc = emitPending(t, context, callback);
    if (rc != SQLITE_OK) return rc;
    int32_t bytes = tokenText(t, from, to);
    if (bytes < 0) return SQLITE_NOMEM;
    if (bytes == 0) return SQLITE_OK;
    /* tokenText left room: at most 2 characters of 4 bytes, capacity (to-from)*3+4. */
    memmove(t->token + 1, t->token, (size_t)bytes);
    t->token[0] = GONGSHI_BIGRAM_PREFIX;
    return callback(context, flags, t->token, bytes + 1, t->sourceStart[from], t->sourceEnd[to - 1]);
}

/* Per BMP code unit (code point or lone surrogate), filled in once by initUnitInfo: its
** class for the cached segmentation (UNIT_CLASS bits, see CLASS_*), and whether it is an
** ideograph (UCHAR_IDEOGRAPHIC; asking ICU for every character costs more than the rest of
** tokenizing it), of the Han script or not. One table, so a character costs one cache line
** however many of these are asked. */
static uint8_t unitInfo[65536];
/* UNIT_HAN_IDEOGRAPH: ICU makes every piece of a run of them an ideographic word, whatever
** its dictionary segmentation. */
enum { UNIT_CLASS = 3, UNIT_IDEOGRAPH = 4, UNIT_HAN_IDEOGRAPH = 8 };
#define UNIT_CLASS_OF(u) (unitInfo[(UChar)(u)] & UNIT_CLASS)

/* End of the Han character that starts at unit `i`, or -1 when none does (end of the
** text, or something else there): the second half of a bigram. */
static int32_t nextHanEnd(GongshiTokenizer *t, int32_t i) {
    if (i >= t->foldedCount) return -1;
    UChar32 c;
    int32_t end = i;
    U16_NEXT(t->folded, end, t->foldedCount, c);
    int is = c <= 0xFFFF ? unitInfo[c] & UNIT_IDEOGRAPH : u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
    return is ? end : -1;
}

static int isIdeographicStatus(int32_t status) {
    return status >= UBRK_WORD_KANA && status < UBRK_WORD_IDEO_LIMIT;
}

static int markHanWord(GongshiTokenizer *t, int32_t from, int32_t to);

/* Step 3 for one Han word [from, to): characters, and the colocated word if wanted. */
static int emitHanWord(GongshiTokenizer *t, void *context, GongshiTokenCallback callback,
                       GongshiTokenizeMode mode, int32_t from, int32_t to) {
    if (mode == GONGSHI_MODE_MARKING && t->marks) return markHanWord(t, from, to);
    int32_t characters = u_countChar32(t->folded + from, to - from);
    if (mode == GONGSHI_MODE_WORDS) return emit(t, context, callback, 0, from, to);
    int rc = SQLITE_OK;
    int first = 1;
    int withWords = mode == GONGSHI_MODE_DOCUMENT || mode == GONGSHI_MODE_INDEX;
    for (int32_t i = from; i < to && rc == SQLITE_OK;) {
        int32_t start = i;
        U16_FWD_1(t->folded, i, to);
        /* The bigram may reach into the next word of the same Han run. */
        int phrase = mode == GONGSHI_MODE_PHRASE || mode == GONGSHI_MODE_SHORT_PHRASE;
        int bigrams = mode == GONGSHI_MODE_INDEX || mode == GONGSHI_MODE_MARKING;
        int32_t pairEnd = (bigrams || phrase) ? nextHanEnd(t, i) : -1;
        if (phrase && pairEnd > 0) {
            rc = emitBigram(t, context, callback, 0, start, pairEnd);
            t->lastBigramEnd = pairEnd;
        } else if (mode == GONGSHI_MODE_SHORT_PHRASE && t->lastBigramEnd == i) {
            /* The bigram just emitted holds this character at the next position. */
            t->pendingFrom = start;
            t->pendingTo = i;
        } else {
            rc = emit(t, context, callback, 0, start, i);
        }
        if (rc == SQLITE_OK && first && withWords && characters > 1 && characters <= GONGSHI_MAX_WORD_CHARS) {
            rc = emit(t, context, callback, GONGSHI_TOKEN_COLOCATED, from, to);
        }
        if (rc == SQLITE_OK && bigrams && pairEnd > 0) {
            rc = emitBigram(t, context, callback, GONGSHI_TOKEN_COLOCATED, start, pairEnd);
        }
        first = 0;
    }
    return rc;
}

/* The marker asks for exactly one token: all words of the text, folded, joined
** without the separators between them. */
static int emitWholeWord(GongshiTokenizer *t, void *context, GongshiTokenCallback callback) {
    int32_t bytes = 0, start = -1, end = -1;
    int full = 0;   /* once the token is full it stays a prefix: later words are not appended */
    int32_t from = ubrk_first(t->words);
    for (int32_t to = ubrk_next(t->words); to != UBRK_DONE; from = to, to = ubrk_next(t->words)) {
        if (ubrk_getRuleStatus(t->words) < UBRK_WORD_NONE_LIMIT) continue;
        if (start < 0) start = t->sourceStart[from];
        end = t->sourceEnd[to - 1];
        for (int32_t i = from; i < to && !full;) {
            UChar32 c;
            U16_NEXT(t->folded, i, to, c);
            if (bytes + U8_LENGTH(c) > GONGSHI_MAX_TOKEN_BYTES) { full = 1; break; }
            if (bytes + 4 > t->tokenCapacity) {
                char *token = realloc(t->token, GONGSHI_MAX_TOKEN_BYTES + 4);
                if (!token) return SQLITE_NOMEM;
                t->token = token;
                t->tokenCapacity = GONGSHI_MAX_TOKEN_BYTES + 4;
            }
            U8_APPEND_UNSAFE(t->token, bytes, c);
        }
    }
    if (bytes == 0) return SQLITE_OK;
    return callback(context, 0, t->token, bytes, start, end);
}


/* ---- segmentation by cached Han runs ------------------------------------------ */

/* Character classes of BMP code units for the cached path. */
enum {
    CLASS_UNSAFE = 0,   /* may join a Han run in ICU (Kana, Extend, Format, surrogates) */
    CLASS_HAN = 1,      /* Han script: part of a Han run */
    CLASS_PUNCT = 2,    /* never part of a word and never joins one: no ICU needed */
    CLASS_OTHER = 3     /* a safe neighbour of Han, but may form words (ICU runs on it) */
};
static pthread_once_t unitInfoOnce = PTHREAD_ONCE_INIT;

static void initUnitInfo(void) {
    for (UChar32 c = 0; c < 0x10000; c++) {
        uint8_t k;
        if (c < 0x80) {
            k = ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
                    ? CLASS_OTHER : CLASS_PUNCT;
        } else if (U16_IS_SURROGATE(c)) {
            k = CLASS_UNSAFE;
        } else {
            UErrorCode status = U_ZERO_ERROR;
            UScriptCode script = uscript_getScript(c, &status);
            int8_t type = u_charType(c);
            if (U_FAILURE(status)) {
                k = CLASS_UNSAFE;
            } else if (script == USCRIPT_HAN) {
                k = CLASS_HAN;
            } else if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
                       script == USCRIPT_KATAKANA_OR_HIRAGANA || script == USCRIPT_HANGUL ||
                       c == 0x30FC || c == 0xFF70 || c == 0xFF9E || c == 0xFF9F ||
                       (c >= 0x3031 && c <= 0x3035) || c == 0x309B || c == 0x309C || c == 0x30A0 ||
                       type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
                       type == U_COMBINING_SPACING_MARK || type == U_FORMAT_CHAR ||
                       type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED) {
                k = CLASS_UNSAFE;
            } else if ((c >= 0x3000 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
                       (c >= 0x3014 && c <= 0x301B) || (c >= 0x2010 && c <= 0x2017) ||
                       (c >= 0x201A && c <= 0x2023) || c == 0x2025 || c == 0x2026) {
                k = CLASS_PUNCT;
            } else {
                k = CLASS_OTHER;
            }
        }
        int ideograph = u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) != 0;
        unitInfo[c] = (uint8_t)(k | (ideograph ? UNIT_IDEOGRAPH : 0) | (ideograph && k == CLASS_HAN ? UNIT_HAN_IDEOGRAPH : 0));
    }
}

static uint32_t hashUnits(const UChar *units, int32_t length) {
    uint32_t h = 2166136261u;
    for (int32_t i = 0; i < length; i++) {
        h ^= units[i];
        h *= 16777619u;
    }
    return h;
}

static int wordKind(int32_t rule) {
    if (rule < UBRK_WORD_NONE_LIMIT) return WORD_SKIP;
    return isIdeographicStatus(rule) ? WORD_HAN : WORD_OTHER;
}

static int emitWord(GongshiTokenizer *t, void *context, GongshiTokenCallback callback,
                    GongshiTokenizeMode mode, int kind, int32_t from, int32_t to) {
    if (kind == WORD_SKIP) return SQLITE_OK;
    if (kind == WORD_HAN) return emitHanWord(t, context, callback, mode, from, to);
    return emit(t, context, callback, 0, from, to);
}

/* Runs ICU over folded units [from, to) alone and emits its words. */
static int tokenizeSegment(GongshiTokenizer *t, void *context, GongshiTokenCallback callback,
                           GongshiTokenizeMode mode, int32_t from, int32_t to) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(t->words, t->folded + from, to - from, &status);
    if (U_FAILURE(status)) return SQLITE_ERROR;
    int rc = SQLITE_OK;
    int32_t a = ubrk_first(t->words);
    for (int32_t b = ubrk_next(t->words); b != UBRK_DONE && rc == SQLITE_OK; a = b, b = ubrk_next(t->words)) {
        rc = emitWord(t, context, callback, mode, wordKind(ubrk_getRuleStatus(t->words)), from + a, from + b);
    }
    return rc;
}

/* Emits the words of the Han run [from, to), from the cache when it is there. */
static int tokenizeHanRun(GongshiTokenizer *t, void *context, GongshiTokenCallback callback,
                          GongshiTokenizeMode mode, int32_t from, int32_t to) {
    if (mode == GONGSHI_MODE_CHARACTERS || mode == GONGSHI_MODE_MARKING) {
        /* Without whole words, the word boundaries of a run of ideographs change nothing:
        ** one token per character (and its bigram) either way, so ICU is not asked. */
        int32_t i = from;
        while (i < to && (unitInfo[t->folded[i]] & UNIT_HAN_IDEOGRAPH)) i++;
        if (i == to) return emitHanWord(t, context, callback, mode, from, to);
    }
    int32_t length = to - from;
    if (length > RUN_KEY_MAX || !t->runs) return tokenizeSegment(t, context, callback, mode, from, to);
    const UChar *key = t->folded + from;
    uint32_t hash = hashUnits(key, length);
    RunEntry *entry = &t->runs[hash & (RUN_CACHE_SLOTS - 1)];
    if (!(entry->length == length && entry->hash == hash &&
          memcmp(entry->key, key, sizeof(UChar) * (size_t)length) == 0)) {
        UErrorCode status = U_ZERO_ERROR;
        ubrk_setText(t->words, key, length, &status);
        if (U_FAILURE(status)) return SQLITE_ERROR;
        int words = 0;
        for (int32_t b = (ubrk_first(t->words), ubrk_next(t->words)); b != UBRK_DONE; b = ubrk_next(t->words)) {
            entry->ends[words] = (uint8_t)b;
            entry->kinds[words] = (uint8_t)wordKind(ubrk_getRuleStatus(t->words));
            words++;
        }
        entry->hash = hash;
        entry->length = (uint8_t)length;
        entry->words = (uint8_t)words;
        memcpy(entry->key, key, sizeof(UChar) * (size_t)length);
    }
    int rc = SQLITE_OK;
    int32_t a = from;
    for (int w = 0; w < entry->words && rc == SQLITE_OK; w++) {
        int32_t b = from + entry->ends[w];
        rc = emitWord(t, context, callback, mode, entry->kinds[w], a, b);
        a = b;
    }
    return rc;
}

/* Splits the folded text into Han runs and what lies between them, and tokenizes each
** on its own. Sets *fallBack (and emits nothing) when some Han run touches a character
** ICU might join to it; the caller then runs ICU over the whole text. Returns an SQLite
** result code: the result channel carries nothing but result codes. */
static int tokenizeByRuns(GongshiTokenizer *t, void *context, GongshiTokenCallback callback,
                          GongshiTokenizeMode mode, int32_t count, int *fallBack) {
    *fallBack = 0;
    /* Pass 1: find the runs and check their neighbours, before emitting anything. */
    int32_t runs = 0;
    for (int32_t i = 0; i < count;) {
        int k = UNIT_CLASS_OF(t->folded[i]);
        if (k == CLASS_UNSAFE) {
            if ((i > 0 && UNIT_CLASS_OF(t->folded[i - 1]) == CLASS_HAN) ||
                (i + 1 < count && UNIT_CLASS_OF(t->folded[i + 1]) == CLASS_HAN)) {
                *fallBack = 1;
                return SQLITE_OK;
            }
            i++;
            continue;
        }
        if (k != CLASS_HAN) { i++; continue; }
        int32_t start = i;
        while (i < count && UNIT_CLASS_OF(t->folded[i]) == CLASS_HAN) i++;
        if (2 * (runs + 1) > t->pieceCapacity) {
            int32_t capacity = t->pieceCapacity ? t->pieceCapacity * 2 : 64;
            int32_t *pieces = realloc(t->pieces, sizeof(int32_t) * (size_t)capacity);
            if (!pieces) return SQLITE_NOMEM;
            t->pieces = pieces;
            t->pieceCapacity = capacity;
        }
        t->pieces[2 * runs] = start;
        t->pieces[2 * runs + 1] = i;
        runs++;
    }
    /* Pass 2: runs through the cache, the text between them through ICU unless it is
    ** only spaces and punctuation. */
    int rc = SQLITE_OK;
    int32_t at = 0;
    for (int32_t r = 0; r <= runs && rc == SQLITE_OK; r++) {
        int32_t runStart = r < runs ? t->pieces[2 * r] : count;
        if (runStart > at) {
            int needsICU = 0;
            for (int32_t i = at; i < runStart; i++) {
                if (UNIT_CLASS_OF(t->folded[i]) != CLASS_PUNCT) { needsICU = 1; break; }
            }
            if (needsICU) rc = tokenizeSegment(t, context, callback, mode, at, runStart);
        }
        if (r == runs || rc != SQLITE_OK) break;
        at = t->pieces[2 * r + 1];
        rc = tokenizeHanRun(t, context, callback, mode, runStart, at);
    }
    return rc;
}

/* ---- marking ------------------------------------------------------------------ */

/* Makes room for `needed` marks. */
static int reserveMarks(GongshiMarks *m, int needed) {
    if (needed <= m->capacity) return SQLITE_OK;
    int capacity = m->capacity ? m->capacity : 256;
    while (capacity < needed) {
        if (capacity > INT32_MAX / 2 / (int)sizeof(GongshiMark)) return SQLITE_NOMEM;
        capacity *= 2;
    }
    GongshiMark *items = realloc(m->items, sizeof(GongshiMark) * (size_t)capacity);
    if (!items) return SQLITE_NOMEM;
    m->items = items;
    m->capacity = capacity;
    return SQLITE_OK;
}

/* The key of a token (see GongshiMark): its bytes, or where a longer one is kept. */
static int markKey(GongshiMarks *m, const char *token, int length, uint64_t *key) {
    if (length <= GONGSHI_PACKED_BYTES) {
        *key = gongshi_pack_token(token, length);
        return SQLITE_OK;
    }
    if (m->used + length > m->byteCapacity) {
        int capacity = m->byteCapacity ? m->byteCapacity : 1024;
        while (capacity < m->used + length) {
            if (capacity > INT32_MAX / 2) return SQLITE_NOMEM;
            capacity *= 2;
        }
        char *bytes = realloc(m->bytes, (size_t)capacity);
        if (!bytes) return SQLITE_NOMEM;
        m->bytes = bytes;
        m->byteCapacity = capacity;
    }
    memcpy(m->bytes + m->used, token, (size_t)length);
    *key = (uint64_t)m->used;
    m->used += length;
    return SQLITE_OK;
}

/* A MARKING token emitted the general way (Latin and digit words): a position per
** non-colocated token, its bigram on the colocated one. */
static int markToken(void *context, int flags, const char *token, int length, int start, int end) {
    GongshiMarks *m = context;
    if (flags & GONGSHI_TOKEN_COLOCATED) {
        if (m->count == 0 || length < 1 || (unsigned char)token[0] != GONGSHI_BIGRAM_PREFIX) return SQLITE_OK;
        GongshiMark *last = &m->items[m->count - 1];
        last->bigramLength = length;
        return markKey(m, token, length, &last->bigramKey);
    }
    if (reserveMarks(m, m->count + 1) != SQLITE_OK) return SQLITE_NOMEM;
    GongshiMark *mark = &m->items[m->count++];
    *mark = (GongshiMark){start, end, length, 0, 0, 0};
    return markKey(m, token, length, &mark->key);
}

/* The UTF-8 of a code point as U8_APPEND_UNSAFE writes it (a lone surrogate too), packed
** (see GongshiMark); returns its length, at most 4. */
static inline int packCodePoint(UChar32 c, uint64_t *key) {
    uint32_t u = (uint32_t)c;
    if (u < 0x80) {
        *key = u;
        return 1;
    }
    if (u < 0x800) {
        *key = (0xC0 | u >> 6) | (0x80 | (u & 0x3F)) << 8;
        return 2;
    }
    if (u < 0x10000) {
        *key = (0xE0 | u >> 12) | (0x80 | (u >> 6 & 0x3F)) << 8 | (uint64_t)(0x80 | (u & 0x3F)) << 16;
        return 3;
    }
    *key = (0xF0 | u >> 18) | (0x80 | (u >> 12 & 0x3F)) << 8 | (uint64_t)(0x80 | (u >> 6 & 0x3F)) << 16 |
           (uint64_t)(0x80 | (u & 0x3F)) << 24;
    return 4;
}

/* emitHanWord in MARKING mode into t->marks: a position per character, and the bigram
** with the next character (as nextHanEnd finds it) colocated, packed as tokenText and
** emitBigram would write them, without a callback and a copy per token. */
static int markHanWord(GongshiTokenizer *t, int32_t from, int32_t to) {
    GongshiMarks *m = t->marks;
    if (reserveMarks(m, m->count + (to - from)) != SQLITE_OK) return SQLITE_NOMEM;
    for (int32_t i = from; i < to;) {
        int32_t start = i;
        UChar32 c;
        U16_NEXT(t->folded, i, to, c);
        GongshiMark *mark = &m->items[m->count++];
        *mark = (GongshiMark){t->sourceStart[start], t->sourceEnd[i - 1], 0, 0, 0, 0};
        mark->length = packCodePoint(c, &mark->key);
        if (i >= t->foldedCount) continue;
        /* The bigram may reach into the next word of the same Han run. */
        UChar32 d;
        int32_t pairEnd = i;
        U16_NEXT(t->folded, pairEnd, t->foldedCount, d);
        if (!(d <= 0xFFFF ? unitInfo[d] & UNIT_IDEOGRAPH : u_hasBinaryProperty(d, UCHAR_IDEOGRAPHIC))) continue;
        uint64_t next;
        int nextLength = packCodePoint(d, &next);
        mark->bigramLength = 1 + mark->length + nextLength;
        if (mark->bigramLength <= GONGSHI_PACKED_BYTES) {
            mark->bigramKey = GONGSHI_BIGRAM_PREFIX | mark->key << 8 | next << (8 * (1 + mark->length));
        } else {
            /* Two characters beyond the BMP: 9 bytes, kept unpacked. */
            char bytes[12];
            int32_t length = 0;
            bytes[length++] = (char)GONGSHI_BIGRAM_PREFIX;
            U8_APPEND_UNSAFE(bytes, length, c);
            U8_APPEND_UNSAFE(bytes, length, d);
            int rc = markKey(m, bytes, length, &mark->bigramKey);
            if (rc != SQLITE_OK) return rc;
        }
    }
    return SQLITE_OK;
}

int gongshi_tokenizer_mark(GongshiTokenizer *t, const char *text, int length, GongshiMarks *marks) {
    if (!t || !marks || length < 0) return SQLITE_MISUSE;
    marks->count = 0;
    marks->used = 0;
    t->marks = marks;
    int rc = gongshi_tokenizer_tokenize(t, GONGSHI_MODE_MARKING, text, length, marks, markToken);
    marks->validUTF8 = !t->invalidInput;
    t->marks = NULL;
    return rc;
}

void gongshi_marks_free(GongshiMarks *marks) {
    if (!marks) return;
    free(marks->items);
    free(marks->bytes);
    memset(marks, 0, sizeof(*marks));
}

/* ---- public API ------------------------------------------------------------- */

GongshiTokenizer *gongshi_tokenizer_create(void) {
    GongshiTokenizer *t = calloc(1, sizeof(GongshiTokenizer));
    if (!t) return NULL;
    UErrorCode status = U_ZERO_ERROR;
    t->nfkcCasefold = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) goto fail;
    t->words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) goto fail;
    static const UChar name[] = u"Traditional-Simplified";
    t->toSimplified = utrans_openU(name, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) goto fail;
    /* Without the cache we are only slower, so a failed allocation is not fatal. */
    t->foldCache = calloc(65536, sizeof(FoldEntry));
    pthread_once(&unitInfoOnce, initUnitInfo);
    t->segmentCache = 1;
    return t;
fail:
    gongshi_tokenizer_delete(t);
    return NULL;
}

void gongshi_tokenizer_delete(GongshiTokenizer *t) {
    if (!t) return;
    if (t->words) ubrk_close(t->words);
    if (t->toSimplified) utrans_close(t->toSimplified);
    if (t->toPinyin) utrans_close(t->toPinyin);
    free(t->foldCache);
    free(t->folded);
    free(t->sourceStart);
    free(t->sourceEnd);
    free(t->token);
    free(t->runs);
    free(t->pieces);
    free(t);
}

int gongshi_tokenizer_tokenize(GongshiTokenizer *t, GongshiTokenizeMode mode, const char *text,
                               int length, void *context, GongshiTokenCallback callback) {
    if (!t || !callback || length < 0) return SQLITE_MISUSE;
    t->invalidInput = 0;
    if (!text || length == 0) return SQLITE_OK;

    int32_t skip = 0;
    int wholeWord = 0;
    t->lastBigramEnd = -1;
    t->pendingFrom = t->pendingTo = -1;
    if ((mode == GONGSHI_MODE_QUERY || mode == GONGSHI_MODE_PHRASE) && length >= 3 &&
        memcmp(text, GONGSHI_WORD_MARKER_UTF8, 3) == 0) {
        skip = 3;
        wholeWord = 1;
    } else if (mode == GONGSHI_MODE_PHRASE && length >= 3 && memcmp(text, GONGSHI_SHORT_PHRASE_MARKER_UTF8, 3) == 0) {
        skip = 3;
        mode = GONGSHI_MODE_SHORT_PHRASE;
    }
    int32_t count = foldText(t, text, length, skip);
    if (count < 0) return SQLITE_NOMEM;
    if (count == 0) return SQLITE_OK;
    t->foldedCount = count;

    if (wholeWord) {
        UErrorCode status = U_ZERO_ERROR;
        ubrk_setText(t->words, t->folded, count, &status);
        if (U_FAILURE(status)) return SQLITE_ERROR;
    }
    if (wholeWord) return emitWholeWord(t, context, callback);
    if (t->segmentCache) {
        /* Without the cache (allocation failed) runs are still segmented one by one. */
        if (!t->runs) t->runs = calloc(RUN_CACHE_SLOTS, sizeof(RunEntry));
        int fallBack = 0;
        int rc = tokenizeByRuns(t, context, callback, mode, count, &fallBack);
        if (!fallBack) return rc;
    }
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(t->words, t->folded, count, &status);
    if (U_FAILURE(status)) return SQLITE_ERROR;
    int rc = SQLITE_OK;
    int32_t from = ubrk_first(t->words);
    for (int32_t to = ubrk_next(t->words); to != UBRK_DONE && rc == SQLITE_OK;
         from = to, to = ubrk_next(t->words)) {
        int32_t rule = ubrk_getRuleStatus(t->words);
        if (rule < UBRK_WORD_NONE_LIMIT) continue;     /* spaces and punctuation */
        if (isIdeographicStatus(rule)) {
            rc = emitHanWord(t, context, callback, mode, from, to);
        } else {
            rc = emit(t, context, callback, 0, from, to);
        }
    }
    return rc;
}

void gongshi_tokenizer_set_segment_cache(GongshiTokenizer *t, int enabled) {
    if (t) t->segmentCache = enabled != 0;
}

int gongshi_tokenizer_pinyin(GongshiTokenizer *t, const char *text, int length, char *out,
                             int capacity) {
    if (!t || !text || !out || capacity <= 0 || length < 0) return -1;
    UErrorCode status = U_ZERO_ERROR;
    if (!t->toPinyin) {
        static const UChar id[] = u"Han-Latin; Latin-ASCII; Lower";
        t->toPinyin = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
        if (U_FAILURE(status)) { t->toPinyin = NULL; return -1; }
    }
    /* ICU's transliteration may grow the text; 8 units per byte is ample. Refuse what
    ** would overflow the int32 capacity instead of wrapping. */
    if (length > (INT32_MAX - 16) / 8) return -1;
    int32_t unitCapacity = length * 8 + 16;
    UChar *units = malloc(sizeof(UChar) * (size_t)unitCapacity);
    if (!units) return -1;
    int32_t unitLength = 0;
    u_strFromUTF8Lenient(units, unitCapacity, &unitLength, text, length, &status);
    if (U_FAILURE(status)) { free(units); return -1; }
    int32_t limit = unitLength;
    utrans_transUChars(t->toPinyin, units, &unitLength, unitCapacity, 0, &limit, &status);
    if (U_FAILURE(status)) { free(units); return -1; }
    /* Keep letters, collapse everything else to single spaces. */
    int32_t bytes = 0;
    int pendingSpace = 0;
    for (int32_t i = 0; i < unitLength; i++) {
        UChar c = units[i];
        if (c >= 'a' && c <= 'z') {
            if (pendingSpace && bytes > 0) {
                if (bytes + 1 >= capacity) { free(units); return -1; }
                out[bytes++] = ' ';
            }
            pendingSpace = 0;
            if (bytes + 1 >= capacity) { free(units); return -1; }
            out[bytes++] = (char)c;
        } else {
            pendingSpace = 1;
        }
    }
    out[bytes] = 0;
    free(units);
    return bytes;
}

int gongshi_gb18030_to_utf8(const char *input, int length, char *out, int capacity) {
    if (!input || length < 0 || capacity < 0) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = ucnv_convert("UTF-8", "GB18030", out, capacity, input, length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -1;
    return needed;
}

/* ---- FTS5 glue -------------------------------------------------------------- */

typedef struct {
    void *fts5Context;
    int (*xToken)(void *, int, const char *, int, int, int);
} Fts5Forward;

static int forwardToken(void *context, int flags, const char *token, int length, int start,
                        int end) {
    Fts5Forward *forward = context;
    int fts5Flags = (flags & GONGSHI_TOKEN_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0;
    return forward->xToken(forward->fts5Context, fts5Flags, token, length, start, end);
}

/* xCreate: the tokenizer takes no arguments; any argument is an error, as in fts5_tokenize.c. */
static int fts5Create(void *unused, const char **arguments, int argumentCount,
                      Fts5Tokenizer **out) {
    (void)unused;
    (void)arguments;
    *out = NULL;
    if (argumentCount > 0) return SQLITE_ERROR;
    GongshiTokenizer *t = gongshi_tokenizer_create();
    if (!t) return SQLITE_ERROR;
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void fts5Delete(Fts5Tokenizer *tokenizer) {
    gongshi_tokenizer_delete((GongshiTokenizer *)tokenizer);
}

static int fts5Tokenize(Fts5Tokenizer *tokenizer, void *context, int flags, const char *text,
                        int length, int (*xToken)(void *, int, const char *, int, int, int)) {
    Fts5Forward forward = {context, xToken};
    /* snippet() and highlight() tokenize each row they mark (twice for snippet()) and skip
    ** colocated tokens: emitting none saves most of that work, with the same positions and
    ** offsets. (FTS5 also tokenizes with FTS5_TOKENIZE_AUX to find phrase positions in
    ** tables with detail=column or none, which need the colocated tokens; ours are all
    ** detail=full.) */
    GongshiTokenizeMode mode = (flags & FTS5_TOKENIZE_QUERY) ? GONGSHI_MODE_PHRASE
                               : (flags & FTS5_TOKENIZE_AUX) ? GONGSHI_MODE_CHARACTERS
                                                              : GONGSHI_MODE_INDEX;
    int rc = gongshi_tokenizer_tokenize((GongshiTokenizer *)tokenizer, mode, text, length, &forward,
                                        forwardToken);
    /* xToken returns SQLITE_DONE to stop early; that is success, as in fts5_tokenize.c. */
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

fts5_api *gongshi_fts5_api(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

int gongshi_register_fts5_tokenizer(void *connection) {
    sqlite3 *db = connection;
    if (!db) return SQLITE_MISUSE;
    fts5_api *api = gongshi_fts5_api(db);
    if (!api) return SQLITE_ERROR;
    fts5_tokenizer tokenizer = {fts5Create, fts5Delete, fts5Tokenize};
    return api->xCreateTokenizer(api, "gongshi", NULL, &tokenizer, NULL);
}
