/*
** Gongshi's Chinese tokenizer: an FTS5 tokenizer built on ICU.
**
** This header deliberately exposes no ICU and no SQLite type, so Swift modules that
** import Foundation can import it too (ICU headers and Foundation clash on Linux, and
** ICU's function names are version-renamed macros Swift cannot call).
**
** What the tokenizer emits (see chinese_tokenizer.c for the why):
**   - text is folded per code point: NFKC case folding (ＡＢＣ１２３ -> abc123) and then
**     Traditional -> Simplified (社會團體 -> 社会团体);
**   - ICU's word break iterator (dictionary based for Han) finds words; punctuation and
**     spaces are dropped;
**   - Latin/digit words become one token each (lower-cased, at most
**     GONGSHI_MAX_TOKEN_BYTES bytes);
**   - Han words become one token per character (so every substring is a phrase of
**     consecutive positions) and, in document and index modes, the whole word as well,
**     colocated with its first character, so whole-word matches can be ranked higher;
**   - in index mode (what FTS5 stores) each Han character that another follows also
**     carries a colocated bigram token; phrase mode (what an FTS5 query phrase becomes)
**     emits that bigram instead of the character, so a phrase walks short doclists.
** See GongshiTokenizeMode for what each mode emits.
** Offsets are byte offsets into the original UTF-8 text, so highlight() and snippet()
** mark exactly what the user wrote.
*/
#ifndef GONGSHI_CHINESE_TOKENIZER_H
#define GONGSHI_CHINESE_TOKENIZER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Longest token emitted, in bytes; longer Latin/digit runs are cut at a code point. */
#define GONGSHI_MAX_TOKEN_BYTES 128
/* Han words longer than this (in characters) are indexed as characters only. */
#define GONGSHI_MAX_WORD_CHARS 16

/* A query string that starts with this code point (U+E000, a private-use character)
** is taken as one whole-word token instead of a phrase of characters. The search layer
** uses it to ask for dictionary words, which rank above substring matches. */
#define GONGSHI_WORD_MARKER_UTF8 "\xEE\x80\x80"

/* A query string that starts with this code point (U+E001) is a short phrase (see
** GONGSHI_MODE_SHORT_PHRASE): the search layer matches with it, and keeps the full
** phrase for snippets, whose highlighting covers as many tokens as the phrase has. */
#define GONGSHI_SHORT_PHRASE_MARKER_UTF8 "\xEE\x80\x81"

/* Bigram tokens (two adjacent Han characters) start with this byte, so they never meet
** a whole word of the same two characters in the index, nor anything a user can type. */
#define GONGSHI_BIGRAM_PREFIX 0x01

typedef enum {
    GONGSHI_MODE_DOCUMENT = 0, /* characters + colocated whole words */
    GONGSHI_MODE_QUERY = 1,    /* characters only (or one word after the marker) */
    GONGSHI_MODE_WORDS = 2,    /* dictionary words only, one token each: for query analysis */
    GONGSHI_MODE_INDEX = 3,    /* what FTS5 stores: DOCUMENT + a colocated bigram at each Han
                               ** character followed by another */
    GONGSHI_MODE_PHRASE = 4,   /* what an FTS5 query phrase becomes: a bigram for each Han
                               ** character followed by another, else the character: the
                               ** same positions as the characters, far shorter doclists */
    GONGSHI_MODE_SHORT_PHRASE = 5, /* PHRASE without its last token when that is a character
                               ** the bigram before it implies (the index has the bigram
                               ** only where the character follows): the same rows match
                               ** without reading that character's long doclist, but the
                               ** phrase is a token shorter */
    GONGSHI_MODE_CHARACTERS = 6, /* DOCUMENT without its colocated tokens: what FTS5's auxiliary
                               ** functions (snippet, highlight) read, which skip colocated
                               ** tokens; with detail=full nothing else tokenizes for them */
    GONGSHI_MODE_MARKING = 7   /* CHARACTERS plus the colocated bigrams of INDEX: every token a
                               ** phrase (PHRASE mode) can match at each position, for marking
                               ** matches without FTS5 (gongshi_tokenizer_mark) */
} GongshiTokenizeMode;

/* Set in `flags` of a token that shares the position of the previous token. */
#define GONGSHI_TOKEN_COLOCATED 0x0001

typedef struct GongshiTokenizer GongshiTokenizer;

/* Receives each token: UTF-8 bytes [token, token+length), byte offsets [start, end)
** into the input. Return 0 (SQLITE_OK) to continue, any other SQLite result code to stop
** (that code is returned; the FTS5 glue maps SQLITE_DONE, "stop early", to SQLITE_OK). */
typedef int (*GongshiTokenCallback)(void *context, int flags, const char *token, int length,
                                    int start, int end);

/* Creates a tokenizer (ICU break iterator + transliterator). NULL if ICU fails. */
GongshiTokenizer *gongshi_tokenizer_create(void);
void gongshi_tokenizer_delete(GongshiTokenizer *tokenizer);

/* Tokenizes `length` bytes of UTF-8 (invalid bytes act as separators).
** Returns 0 (SQLITE_OK) or the first non-zero callback result or error code. */
int gongshi_tokenizer_tokenize(GongshiTokenizer *tokenizer, GongshiTokenizeMode mode,
                               const char *text, int length, void *context,
                               GongshiTokenCallback callback);

/* The cache of segmented Han runs is on by default; off, ICU segments every text whole
** (the tests compare both). The tokens are the same either way. */
void gongshi_tokenizer_set_segment_cache(GongshiTokenizer *tokenizer, int enabled);

/* Writes the toneless pinyin of `text` (syllables separated by single spaces, lower
** case, NUL-terminated) into `out`. Returns the length written, or -1 on ICU failure,
** when `capacity` is too small, or when `length` is too large to convert. */
int gongshi_tokenizer_pinyin(GongshiTokenizer *tokenizer, const char *text, int length,
                             char *out, int capacity);

/* Registers the tokenizer under the name "gongshi" on a sqlite3* connection.
** Returns an SQLite result code. */
int gongshi_register_fts5_tokenizer(void *sqlite3_connection);

/* Registers the FTS5 ranking function gongshi_rank (BM25 with per-column and
** per-phrase weights; see phrase_rank.c). Returns an SQLite result code. */
int gongshi_register_fts5_rank(void *sqlite3_connection);

/* Each row's length in tokens (all columns, as FTS5's xColumnSize(-1) counts them), by
** rowid; a negative entry means unknown. Read once per index generation by the search
** layer and handed to gongshi_rank as its last argument (a pointer bound with
** gongshi_bind_row_lengths), so ranking does not look up %_docsize for every match. */
typedef struct GongshiRowLengths {
    const int *lengths;
    long long count;
} GongshiRowLengths;

/* Binds `lengths` (or NULL) to parameter `index` (1-based) of a sqlite3_stmt* as an
** SQLite pointer value of type "gongshi_row_lengths". The caller keeps it alive while
** the statement runs. Returns an SQLite result code. */
int gongshi_bind_row_lengths(void *sqlite3_statement, int index, const GongshiRowLengths *lengths);

/* One position of a text tokenized in MARKING mode (gongshi_tokenizer_mark): the token
** there and the colocated bigram, if any, as packed keys instead of copies. A token of at
** most GONGSHI_PACKED_BYTES bytes is its bytes in the key, the first in the lowest byte,
** zero-padded (gongshi_pack_token): with the lengths equal, equal keys mean equal bytes. A
** longer one's key is the offset of its bytes in the marks' `bytes`. */
#define GONGSHI_PACKED_BYTES 8
typedef struct GongshiMark {
    int start, end;             /* byte offsets of the token in the text */
    int length;                 /* token bytes */
    int bigramLength;           /* the colocated bigram's bytes; 0 when there is none */
    uint64_t key, bigramKey;
} GongshiMark;

typedef struct GongshiMarks {
    GongshiMark *items;
    int count, capacity;
    char *bytes;                /* tokens longer than GONGSHI_PACKED_BYTES */
    int used, byteCapacity;
    int validUTF8;              /* the text was valid UTF-8 (decoding it checked every byte) */
} GongshiMarks;

/* The key of a token of at most GONGSHI_PACKED_BYTES bytes (see GongshiMark). */
static inline uint64_t gongshi_pack_token(const char *token, int length) {
    uint64_t key = 0;
    for (int i = length <= GONGSHI_PACKED_BYTES ? length - 1 : -1; i >= 0; i--) key = key << 8 | (unsigned char)token[i];
    return key;
}

/* Tokenizes `length` bytes of UTF-8 as GONGSHI_MODE_MARKING does into `marks` (replacing
** what it held; its memory is kept for the next call): the same tokens without a callback
** and a copy per token, for the snippets of a search page. Returns an SQLite result code. */
int gongshi_tokenizer_mark(GongshiTokenizer *tokenizer, const char *text, int length, GongshiMarks *marks);

/* Frees what `marks` holds (not `marks` itself) and empties it. */
void gongshi_marks_free(GongshiMarks *marks);

/* FTS5's snippet() of one row, computed from the row's text instead of through a MATCH
** on the row: the phrases' instances are found by matching their tokens (PHRASE mode)
** against the text's (MARKING mode), which is what FTS5 matches against the index, and
** the window and marks are chosen as SQLite 3.40's fts5_aux.c does.
**
** The phrases are prepared once (gongshi_snippet_phrases_create) for every row of a search
** page: `phrases` holds the expression's phrases one after another (`phraseLengths` bytes
** each), in FTS5's phrase order; every phrase must be restricted to the columns the rows
** are read with (as `{title label body tags} : (...)` is). GONGSHI_SNIPPET_UNSUPPORTED: a
** phrase FTS5 would read in another way (a whole word, an empty phrase); use snippet().
** The prepared phrases also keep the snippets' working memory: use them from one thread
** at a time, as a tokenizer.
**
** gongshi_snippet_make: `statement` is an sqlite3_stmt* standing on a row whose result
** columns 0 .. columnCount-1 are the table's columns in order; `column` is snippet()'s
** column argument (-1: the best column); `tokens` is snippet()'s token count; `open`,
** `close`, `ellipsis` its marker strings. On SQLITE_OK, *out is the snippet (*outLength
** bytes, NUL-terminated, held by `phrases` until its next snippet; NULL when the chosen
** column is NULL, as snippet() returns NULL), and *outValid whether it is valid UTF-8 (it
** is when the column's text and the marker strings are: the text is cut where characters
** start or end). */
#define GONGSHI_SNIPPET_UNSUPPORTED 1000
typedef struct GongshiSnippetPhrases GongshiSnippetPhrases;
int gongshi_snippet_phrases_create(GongshiTokenizer *tokenizer, const char *phrases, const int *phraseLengths,
                                   int phraseCount, GongshiSnippetPhrases **out);
void gongshi_snippet_phrases_delete(GongshiSnippetPhrases *phrases);
int gongshi_snippet_make(GongshiTokenizer *tokenizer, GongshiSnippetPhrases *phrases, void *sqlite3_statement,
                         int columnCount, int column, int tokens, const char *open, const char *close,
                         const char *ellipsis, const char **out, int *outLength, int *outValid);

/* Converts GB18030 bytes to UTF-8. Returns the number of bytes the UTF-8 needs (which
** may exceed `capacity`; call again with a larger buffer), or -1 on failure. */
int gongshi_gb18030_to_utf8(const char *input, int length, char *out, int capacity);

#ifdef __cplusplus
}
#endif

#endif
