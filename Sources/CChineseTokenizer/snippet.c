/*
** gongshi_snippet(): FTS5's snippet() for one row, without FTS5.
**
** A search marks its page with snippet(), which costs a MATCH per row: FTS5 seeks every
** phrase's doclists to that row, then tokenizes the row twice. Here the phrases' instances
** come from the row's text: a phrase (tokenized as FTS5 tokenizes a query phrase) occurs
** at a position when each of its tokens is among the tokens the index holds there — the
** character or Latin word, or the colocated bigram (MARKING mode emits both). The
** expression's phrases must not be whole words (colocated tokens MARKING leaves out); the
** caller checks that. The window and the marks then follow SQLite 3.40's fts5_aux.c
** (fts5SnippetFunction, fts5SnippetScore, fts5SentenceFinderCb, fts5HighlightCb,
** fts5CInstIterNext) step by step, so the output is the same string; the search tests
** compare the two on every page of their queries.
*/
#include "chinese_tokenizer.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 8

typedef struct {
    int start, end;             /* byte offsets into the column text */
    int token, tokenLength;     /* the token's bytes in the arena */
    int bigram, bigramLength;   /* the colocated bigram's bytes; length 0 when none */
    uint64_t tokenKey, bigramKey;   /* packed bytes (see packToken) */
} Position;

/* A token of at most 8 bytes packed into an integer (zero-padded): with the lengths equal,
** equal keys mean equal bytes, so a phrase is matched at each position by comparing
** integers (a Han character is 3 bytes, a bigram 7) instead of calling memcmp. */
static uint64_t packToken(const char *token, int length) {
    uint64_t key = 0;
    if (length > 0 && length <= 8) memcpy(&key, token, (size_t)length);
    return key;
}

/* Whether the `length` bytes at `a` (packed as `aKey`) equal those at `b` (`bKey`). */
static int sameToken(const char *a, uint64_t aKey, const char *b, uint64_t bKey, int length) {
    return length <= 8 ? aKey == bKey : memcmp(a, b, (size_t)length) == 0;
}

typedef struct {
    Position *items;
    int count, capacity;
    char *arena;
    int used, arenaCapacity;
    int *firsts;                /* first token of each sentence (fts5SentenceFinderCb) */
    int firstCount, firstCapacity;
    const char *text;
    int failed;
} Column;

typedef struct {
    int phrase, column, offset;
} Instance;

static int grow(void **items, int *capacity, int needed, size_t size) {
    if (needed <= *capacity) return 1;
    int next = *capacity ? *capacity * 2 : 64;
    while (next < needed) next *= 2;
    void *grown = realloc(*items, (size_t)next * size);
    if (!grown) return 0;
    *items = grown;
    *capacity = next;
    return 1;
}

static int store(Column *c, const char *token, int length) {
    if (!grow((void **)&c->arena, &c->arenaCapacity, c->used + length, 1)) return -1;
    memcpy(c->arena + c->used, token, (size_t)length);
    c->used += length;
    return c->used - length;
}

/* MARKING tokens: a position per non-colocated token, its bigram on the colocated one. */
static int columnToken(void *context, int flags, const char *token, int length, int start, int end) {
    Column *c = context;
    if (flags & GONGSHI_TOKEN_COLOCATED) {
        if (c->count == 0 || length < 1 || (unsigned char)token[0] != GONGSHI_BIGRAM_PREFIX) return SQLITE_OK;
        int at = store(c, token, length);
        if (at < 0) return SQLITE_NOMEM;
        c->items[c->count - 1].bigram = at;
        c->items[c->count - 1].bigramLength = length;
        c->items[c->count - 1].bigramKey = packToken(token, length);
        return SQLITE_OK;
    }
    /* fts5SentenceFinderCb: a token after whitespace that follows '.' or ':' starts one. */
    int position = c->count;
    int sentence = position == 0;
    if (position > 0) {
        int i;
        char ch = 0;
        for (i = start - 1; i >= 0; i--) {
            ch = c->text[i];
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') break;
        }
        sentence = i != start - 1 && (ch == '.' || ch == ':');
    }
    if (sentence) {
        if (!grow((void **)&c->firsts, &c->firstCapacity, c->firstCount + 1, sizeof(int))) return SQLITE_NOMEM;
        c->firsts[c->firstCount++] = position;
    }
    if (!grow((void **)&c->items, &c->capacity, c->count + 1, sizeof(Position))) return SQLITE_NOMEM;
    int at = store(c, token, length);
    if (at < 0) return SQLITE_NOMEM;
    c->items[c->count++] = (Position){start, end, at, length, 0, 0, packToken(token, length), 0};
    return SQLITE_OK;
}

typedef struct {
    int offset, length;         /* the token's bytes in the arena */
    uint64_t key;               /* packed (see packToken) */
} PhraseToken;

typedef struct {
    PhraseToken *items;
    int count, capacity;
    char *arena;
    int used, arenaCapacity;
} PhraseTokens;

static int phraseToken(void *context, int flags, const char *token, int length, int start, int end) {
    (void)start;
    (void)end;
    PhraseTokens *p = context;
    /* A query phrase has no colocated tokens; one would make FTS5 match differently. */
    if (flags & GONGSHI_TOKEN_COLOCATED) return GONGSHI_SNIPPET_UNSUPPORTED;
    if (!grow((void **)&p->arena, &p->arenaCapacity, p->used + length, 1)) return SQLITE_NOMEM;
    if (!grow((void **)&p->items, &p->capacity, p->count + 1, sizeof(PhraseToken))) return SQLITE_NOMEM;
    memcpy(p->arena + p->used, token, (size_t)length);
    p->items[p->count++] = (PhraseToken){p->used, length, packToken(token, length)};
    p->used += length;
    return SQLITE_OK;
}

/* Output as fts5HighlightAppend builds it (sqlite3_mprintf's "%.*s" stops at a NUL). */
typedef struct {
    char *bytes;
    int length, capacity;
    int failed;
} Output;

static void append(Output *o, const char *z, int n) {
    if (o->failed || !z) return;
    if (n < 0) n = (int)strlen(z);
    const char *nul = memchr(z, 0, (size_t)n);
    if (nul) n = (int)(nul - z);
    if (!grow((void **)&o->bytes, &o->capacity, o->length + n + 1, 1)) { o->failed = 1; return; }
    memcpy(o->bytes + o->length, z, (size_t)n);
    o->length += n;
    o->bytes[o->length] = 0;
}

typedef struct {
    const Instance *instances;
    const int *sizes;           /* tokens per phrase (xPhraseSize) */
    int count, column, next;
    int start, end;
} CoalescedInstances;

/* fts5CInstIterNext: overlapping instances of the column are one. */
static void nextCoalesced(CoalescedInstances *it) {
    it->start = -1;
    it->end = -1;
    while (it->next < it->count) {
        const Instance *in = &it->instances[it->next];
        if (in->column == it->column) {
            int end = in->offset - 1 + it->sizes[in->phrase];
            if (it->start < 0) {
                it->start = in->offset;
                it->end = end;
            } else if (in->offset <= it->end) {
                if (end > it->end) it->end = end;
            } else {
                break;
            }
        }
        it->next++;
    }
}

/* fts5SnippetScore. */
static int windowScore(const Instance *instances, int count, const int *sizes, int documentSize, unsigned char *seen,
                       int phraseCount, int column, int from, int tokens, int *adjusted) {
    int first = -1, score = 0, last = 0;
    long long end = (long long)from + tokens;
    memset(seen, 0, (size_t)phraseCount);
    for (int i = 0; i < count; i++) {
        const Instance *in = &instances[i];
        if (in->column == column && in->offset >= from && in->offset < end) {
            score += seen[in->phrase] ? 1 : 1000;
            seen[in->phrase] = 1;
            if (first < 0) first = in->offset;
            last = in->offset + sizes[in->phrase];
        }
    }
    if (adjusted) {
        long long adjust = first - (tokens - (last - first)) / 2;
        if (adjust + tokens > documentSize) adjust = documentSize - tokens;
        if (adjust < 0) adjust = 0;
        *adjusted = (int)adjust;
    }
    return score;
}

static int tokenizeColumn(GongshiTokenizer *t, sqlite3_stmt *statement, int index, Column *c) {
    c->text = (const char *)sqlite3_column_text(statement, index);
    int length = sqlite3_column_bytes(statement, index);
    if (!c->text) return SQLITE_OK;
    return gongshi_tokenizer_tokenize(t, GONGSHI_MODE_MARKING, c->text, length, c, columnToken);
}

int gongshi_snippet(GongshiTokenizer *t, void *sqlite3_statement, int columnCount, int column,
                    const char *phrases, const int *phraseLengths, int phraseCount, int tokens,
                    const char *open, const char *close, const char *ellipsis, char **out) {
    sqlite3_stmt *statement = sqlite3_statement;
    *out = NULL;
    if (!t || !statement || columnCount < 1 || columnCount > MAX_COLUMNS || column >= columnCount || phraseCount < 1 ||
        phraseCount > 4096)
        return SQLITE_MISUSE;
    int rc = SQLITE_OK;
    Column columns[MAX_COLUMNS];
    memset(columns, 0, sizeof(columns));
    PhraseTokens words;
    memset(&words, 0, sizeof(words));
    int *phraseFirst = calloc((size_t)phraseCount, sizeof(int));
    int *sizes = calloc((size_t)phraseCount, sizeof(int));
    unsigned char *seen = calloc((size_t)phraseCount, 1);
    Instance *instances = NULL;
    int instanceCount = 0, instanceCapacity = 0;
    Output output = {0};
    if (!phraseFirst || !sizes || !seen) rc = SQLITE_NOMEM;

    /* Each phrase as FTS5 tokenizes a query phrase. */
    for (int p = 0, at = 0; rc == SQLITE_OK && p < phraseCount; at += phraseLengths[p], p++) {
        phraseFirst[p] = words.count;
        rc = gongshi_tokenizer_tokenize(t, GONGSHI_MODE_PHRASE, phrases + at, phraseLengths[p], &words, phraseToken);
        sizes[p] = words.count - phraseFirst[p];
        /* An empty phrase, or a whole word (one colocated token in the index): not ours. */
        if (rc == SQLITE_OK && sizes[p] == 0) rc = GONGSHI_SNIPPET_UNSUPPORTED;
        if (rc == SQLITE_OK && phraseLengths[p] >= 3 && memcmp(phrases + at, GONGSHI_WORD_MARKER_UTF8, 3) == 0)
            rc = GONGSHI_SNIPPET_UNSUPPORTED;
    }

    /* Instances in position order (column, offset), then phrase order, as xInst lists them. */
    for (int c = 0; rc == SQLITE_OK && c < columnCount; c++) {
        if (column >= 0 && c != column) continue;
        rc = tokenizeColumn(t, statement, c, &columns[c]);
        const Column *col = &columns[c];
        for (int q = 0; rc == SQLITE_OK && q < col->count; q++) {
            for (int p = 0; p < phraseCount; p++) {
                if (q + sizes[p] > col->count) continue;
                int match = 1;
                for (int j = 0; j < sizes[p] && match; j++) {
                    const PhraseToken *word = &words.items[phraseFirst[p] + j];
                    const char *w = words.arena + word->offset;
                    int n = word->length;
                    const Position *at = &col->items[q + j];
                    if ((unsigned char)w[0] == GONGSHI_BIGRAM_PREFIX) {
                        match = at->bigramLength == n && sameToken(col->arena + at->bigram, at->bigramKey, w, word->key, n);
                    } else {
                        match = at->tokenLength == n && sameToken(col->arena + at->token, at->tokenKey, w, word->key, n);
                    }
                }
                if (!match) continue;
                if (!grow((void **)&instances, &instanceCapacity, instanceCount + 1, sizeof(Instance))) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                instances[instanceCount++] = (Instance){p, c, q};
            }
        }
    }

    /* fts5SnippetFunction: the best window over the instances of each column. */
    int bestColumn = column >= 0 ? column : 0, bestStart = 0, bestScore = 0, columnSize = 0;
    for (int c = 0; rc == SQLITE_OK && c < columnCount; c++) {
        if (column >= 0 && c != column) continue;
        const Column *col = &columns[c];
        int documentSize = col->count;
        for (int i = 0; i < instanceCount; i++) {
            if (instances[i].column != c) continue;
            int at = instances[i].offset, adjusted = 0;
            int score = windowScore(instances, instanceCount, sizes, documentSize, seen, phraseCount, c, at, tokens, &adjusted);
            if (score > bestScore) {
                bestScore = score;
                bestColumn = c;
                bestStart = adjusted;
                columnSize = documentSize;
            }
            if (col->firstCount && documentSize > tokens) {
                int jj;
                for (jj = 0; jj < col->firstCount - 1; jj++) {
                    if (col->firsts[jj + 1] > at) break;
                }
                if (col->firsts[jj] < at) {
                    score = windowScore(instances, instanceCount, sizes, documentSize, seen, phraseCount, c, col->firsts[jj], tokens, NULL);
                    score += col->firsts[jj] == 0 ? 120 : 100;
                    if (score > bestScore) {
                        bestScore = score;
                        bestColumn = c;
                        bestStart = col->firsts[jj];
                        columnSize = documentSize;
                    }
                }
            }
        }
    }

    /* fts5HighlightCb over the window of the best column. */
    const Column *best = &columns[bestColumn];
    if (rc == SQLITE_OK && best->text) {
        const char *in = best->text;
        int inLength = sqlite3_column_bytes(statement, bestColumn);
        if (columnSize == 0) columnSize = best->count;
        CoalescedInstances it = {instances, sizes, instanceCount, bestColumn, 0, -1, -1};
        nextCoalesced(&it);
        int rangeStart = bestStart, rangeEnd = bestStart + tokens - 1, offset = 0;
        append(&output, "", 0);
        if (bestStart > 0) append(&output, ellipsis, -1);
        while (it.start >= 0 && it.start < bestStart) nextCoalesced(&it);
        for (int position = 0; position < best->count; position++) {
            int startOffset = best->items[position].start, endOffset = best->items[position].end;
            if (rangeEnd > 0) {
                if (position < rangeStart || position > rangeEnd) continue;
                if (rangeStart && position == rangeStart) offset = startOffset;
            }
            if (position == it.start) {
                append(&output, in + offset, startOffset - offset);
                append(&output, open, -1);
                offset = startOffset;
            }
            if (position == it.end) {
                if (rangeEnd && it.start < rangeStart) append(&output, open, -1);
                append(&output, in + offset, endOffset - offset);
                append(&output, close, -1);
                offset = endOffset;
                nextCoalesced(&it);
            }
            if (rangeEnd > 0 && position == rangeEnd) {
                append(&output, in + offset, endOffset - offset);
                offset = endOffset;
                if (position >= it.start && position < it.end) append(&output, close, -1);
            }
        }
        if (rangeEnd >= columnSize - 1) {
            append(&output, in + offset, inLength - offset);
        } else {
            append(&output, ellipsis, -1);
        }
        if (output.failed) rc = SQLITE_NOMEM;
    }

    for (int c = 0; c < MAX_COLUMNS; c++) {
        free(columns[c].items);
        free(columns[c].arena);
        free(columns[c].firsts);
    }
    free(words.items);
    free(words.arena);
    free(phraseFirst);
    free(sizes);
    free(seen);
    free(instances);
    if (rc == SQLITE_OK) {
        *out = output.bytes;
    } else {
        free(output.bytes);
    }
    return rc;
}
