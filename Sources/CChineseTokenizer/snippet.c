/*
** gongshi_snippet_make(): FTS5's snippet() for one row, without FTS5.
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
**
** A page's rows share the expression: its phrases are tokenized once
** (gongshi_snippet_phrases_create), and the rows' positions, instances and output reuse
** the memory the phrases keep. Tokens are compared as packed keys (GongshiMark).
*/
#include "chinese_tokenizer.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 8

/* Whether the `length` bytes keyed `a` (in `aBytes`) equal those keyed `b` (in `bBytes`). */
static int sameToken(uint64_t a, const char *aBytes, uint64_t b, const char *bBytes, int length) {
    return length <= GONGSHI_PACKED_BYTES ? a == b : memcmp(aBytes + a, bBytes + b, (size_t)length) == 0;
}

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

/* A token of a query phrase: matched against a position's bigram when it is one. */
typedef struct {
    int length, bigram;
    uint64_t key;               /* see GongshiMark; longer ones in the phrases' bytes */
} PhraseToken;

/* A column of the row: its text, its positions, and the first token of each sentence
** (fts5SentenceFinderCb). */
typedef struct {
    const char *text;
    int length;
    GongshiMarks marks;
    int *firsts;
    int firstCount, firstCapacity;
} Column;

/* Output as fts5HighlightAppend builds it (sqlite3_mprintf's "%.*s" stops at a NUL). */
typedef struct {
    char *bytes;
    int length, capacity;
    int failed;
} Output;

struct GongshiSnippetPhrases {
    int count;
    int *first, *sizes;         /* each phrase's first token and token count (xPhraseSize) */
    PhraseToken *tokens;
    int tokenCount, tokenCapacity;
    char *bytes;                /* tokens longer than GONGSHI_PACKED_BYTES */
    int used, byteCapacity;
    int failed;
    /* Working memory of gongshi_snippet_make, kept for the next row of the page. */
    unsigned char *seen;
    Column columns[MAX_COLUMNS];
    Instance *instances;
    int instanceCapacity;
    Output output;
};

static int phraseToken(void *context, int flags, const char *token, int length, int start, int end) {
    (void)start;
    (void)end;
    GongshiSnippetPhrases *p = context;
    /* A query phrase has no colocated tokens; one would make FTS5 match differently. */
    if (flags & GONGSHI_TOKEN_COLOCATED) return GONGSHI_SNIPPET_UNSUPPORTED;
    if (!grow((void **)&p->tokens, &p->tokenCapacity, p->tokenCount + 1, sizeof(PhraseToken))) return SQLITE_NOMEM;
    PhraseToken *word = &p->tokens[p->tokenCount++];
    word->length = length;
    word->bigram = length > 0 && (unsigned char)token[0] == GONGSHI_BIGRAM_PREFIX;
    if (length <= GONGSHI_PACKED_BYTES) {
        word->key = gongshi_pack_token(token, length);
    } else {
        if (!grow((void **)&p->bytes, &p->byteCapacity, p->used + length, 1)) return SQLITE_NOMEM;
        memcpy(p->bytes + p->used, token, (size_t)length);
        word->key = (uint64_t)p->used;
        p->used += length;
    }
    return SQLITE_OK;
}

void gongshi_snippet_phrases_delete(GongshiSnippetPhrases *p) {
    if (!p) return;
    for (int c = 0; c < MAX_COLUMNS; c++) {
        gongshi_marks_free(&p->columns[c].marks);
        free(p->columns[c].firsts);
    }
    free(p->first);
    free(p->sizes);
    free(p->tokens);
    free(p->bytes);
    free(p->seen);
    free(p->instances);
    free(p->output.bytes);
    free(p);
}

int gongshi_snippet_phrases_create(GongshiTokenizer *t, const char *phrases, const int *phraseLengths,
                                   int phraseCount, GongshiSnippetPhrases **out) {
    *out = NULL;
    if (!t || !phrases || !phraseLengths || phraseCount < 1 || phraseCount > 4096) return SQLITE_MISUSE;
    GongshiSnippetPhrases *p = calloc(1, sizeof(GongshiSnippetPhrases));
    if (!p) return SQLITE_NOMEM;
    p->count = phraseCount;
    p->first = calloc((size_t)phraseCount, sizeof(int));
    p->sizes = calloc((size_t)phraseCount, sizeof(int));
    p->seen = calloc((size_t)phraseCount, 1);
    int rc = p->first && p->sizes && p->seen ? SQLITE_OK : SQLITE_NOMEM;
    /* Each phrase as FTS5 tokenizes a query phrase. */
    for (int i = 0, at = 0; rc == SQLITE_OK && i < phraseCount; at += phraseLengths[i], i++) {
        p->first[i] = p->tokenCount;
        rc = gongshi_tokenizer_tokenize(t, GONGSHI_MODE_PHRASE, phrases + at, phraseLengths[i], p, phraseToken);
        p->sizes[i] = p->tokenCount - p->first[i];
        /* An empty phrase, or a whole word (one colocated token in the index): not ours. */
        if (rc == SQLITE_OK && p->sizes[i] == 0) rc = GONGSHI_SNIPPET_UNSUPPORTED;
        if (rc == SQLITE_OK && phraseLengths[i] >= 3 && memcmp(phrases + at, GONGSHI_WORD_MARKER_UTF8, 3) == 0)
            rc = GONGSHI_SNIPPET_UNSUPPORTED;
    }
    if (rc != SQLITE_OK) {
        gongshi_snippet_phrases_delete(p);
        return rc;
    }
    *out = p;
    return SQLITE_OK;
}

/* The row's column `index` as MARKING tokenizes it, and where its sentences start. */
static int markColumn(GongshiTokenizer *t, sqlite3_stmt *statement, int index, int tokens, Column *c) {
    c->marks.count = 0;
    c->firstCount = 0;
    c->text = (const char *)sqlite3_column_text(statement, index);
    c->length = sqlite3_column_bytes(statement, index);
    if (!c->text) return SQLITE_OK;
    int rc = gongshi_tokenizer_mark(t, c->text, c->length, &c->marks);
    /* fts5SentenceFinderCb: the first token, and a token after whitespace that follows
    ** '.' or ':', start one. Only a column longer than the window looks for them. */
    if (c->marks.count <= tokens) return rc;
    for (int position = 0; rc == SQLITE_OK && position < c->marks.count; position++) {
        int sentence = position == 0;
        if (position > 0) {
            int start = c->marks.items[position].start, i;
            char ch = 0;
            for (i = start - 1; i >= 0; i--) {
                ch = c->text[i];
                if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') break;
            }
            sentence = i != start - 1 && (ch == '.' || ch == ':');
        }
        if (!sentence) continue;
        if (!grow((void **)&c->firsts, &c->firstCapacity, c->firstCount + 1, sizeof(int))) return SQLITE_NOMEM;
        c->firsts[c->firstCount++] = position;
    }
    return rc;
}

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

/* fts5SnippetScore over the `count` instances of one column, in order: those in the window
** are a run of them, found by bisection instead of a scan of all. */
static int windowScore(const Instance *instances, int count, const int *sizes, int documentSize, unsigned char *seen,
                       int phraseCount, int from, int tokens, int *adjusted) {
    int first = -1, score = 0, last = 0;
    long long end = (long long)from + tokens;
    memset(seen, 0, (size_t)phraseCount);
    int low = 0, high = count;
    while (low < high) {
        int middle = low + (high - low) / 2;
        if (instances[middle].offset < from) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    for (int i = low; i < count && instances[i].offset < end; i++) {
        const Instance *in = &instances[i];
        score += seen[in->phrase] ? 1 : 1000;
        seen[in->phrase] = 1;
        if (first < 0) first = in->offset;
        last = in->offset + sizes[in->phrase];
    }
    if (adjusted) {
        long long adjust = first - (tokens - (last - first)) / 2;
        if (adjust + tokens > documentSize) adjust = documentSize - tokens;
        if (adjust < 0) adjust = 0;
        *adjusted = (int)adjust;
    }
    return score;
}

/* Whether phrase token `word` is the token of position `at`, or its colocated bigram. */
static int sameAt(const PhraseToken *word, const char *wordBytes, const GongshiMark *at, const char *atBytes) {
    if (word->bigram) return at->bigramLength == word->length && sameToken(at->bigramKey, atBytes, word->key, wordBytes, word->length);
    return at->length == word->length && sameToken(at->key, atBytes, word->key, wordBytes, word->length);
}

static int compareInstances(const void *a, const void *b) {
    const Instance *x = a, *y = b;
    if (x->offset != y->offset) return x->offset < y->offset ? -1 : 1;
    return (x->phrase > y->phrase) - (x->phrase < y->phrase);
}

/* Appends the instances of each phrase in column `c`, in position order and then phrase
** order, as xInst lists them. Each phrase is looked for on its own: a scan of the
** positions for its first token (one key and length), then its other tokens. */
static int findInstances(GongshiSnippetPhrases *p, int c, const Column *col, int *instanceCount) {
    const GongshiMark *items = col->marks.items;
    const int count = col->marks.count;
    const int begin = *instanceCount;
    int n = begin, sorted = 1;
    for (int i = 0; i < p->count; i++) {
        const PhraseToken *words = &p->tokens[p->first[i]];
        const int size = p->sizes[i];
        const int phraseBegin = n;
        for (int q = 0; q + size <= count; q++) {
            const GongshiMark *at = &items[q];
            if (words[0].length <= GONGSHI_PACKED_BYTES) {
                /* The common case, without a call: the key alone rules most positions out. */
                if (words[0].bigram ? at->bigramKey != words[0].key || at->bigramLength != words[0].length
                                    : at->key != words[0].key || at->length != words[0].length)
                    continue;
            } else if (!sameAt(&words[0], p->bytes, at, col->marks.bytes)) {
                continue;
            }
            int match = 1;
            for (int j = 1; j < size && match; j++) match = sameAt(&words[j], p->bytes, &items[q + j], col->marks.bytes);
            if (!match) continue;
            if (!grow((void **)&p->instances, &p->instanceCapacity, n + 1, sizeof(Instance))) return SQLITE_NOMEM;
            p->instances[n++] = (Instance){i, c, q};
        }
        if (phraseBegin > begin && n > phraseBegin) sorted = 0;
    }
    /* Offsets are unique per phrase, so (offset, phrase) orders them all. */
    if (!sorted) qsort(p->instances + begin, (size_t)(n - begin), sizeof(Instance), compareInstances);
    *instanceCount = n;
    return SQLITE_OK;
}

int gongshi_snippet_make(GongshiTokenizer *t, GongshiSnippetPhrases *p, void *sqlite3_statement, int columnCount,
                         int column, int tokens, const char *open, const char *close, const char *ellipsis,
                         const char **out, int *outLength, int *outValid) {
    sqlite3_stmt *statement = sqlite3_statement;
    *out = NULL;
    *outLength = 0;
    *outValid = 0;
    if (!t || !p || !statement || columnCount < 1 || columnCount > MAX_COLUMNS || column >= columnCount) return SQLITE_MISUSE;
    int rc = SQLITE_OK;
    const int phraseCount = p->count;
    const int *sizes = p->sizes;
    Column *columns = p->columns;
    Instance *instances = p->instances;
    int instanceCount = 0;
    Output *output = &p->output;
    output->length = 0;
    output->failed = 0;

    /* Instances in position order (column, offset), then phrase order, as xInst lists them. */
    for (int c = 0; c < columnCount; c++) {
        columns[c].text = NULL;
        columns[c].marks.count = 0;
        columns[c].firstCount = 0;
    }
    int columnInstances[MAX_COLUMNS + 1] = {0};   /* column c's: [columnInstances[c], [c + 1]) */
    for (int c = 0; rc == SQLITE_OK && c < columnCount; c++) {
        columnInstances[c] = instanceCount;
        if (column >= 0 && c != column) continue;
        rc = markColumn(t, statement, c, tokens, &columns[c]);
        if (rc == SQLITE_OK) rc = findInstances(p, c, &columns[c], &instanceCount);
    }
    columnInstances[columnCount] = instanceCount;
    instances = p->instances;

    /* fts5SnippetFunction: the best window over the instances of each column. */
    unsigned char *seen = p->seen;
    int bestColumn = column >= 0 ? column : 0, bestStart = 0, bestScore = 0, columnSize = 0;
    for (int c = 0; rc == SQLITE_OK && c < columnCount; c++) {
        if (column >= 0 && c != column) continue;
        const Column *col = &columns[c];
        int documentSize = col->marks.count;
        const Instance *own = instances + columnInstances[c];
        int ownCount = columnInstances[c + 1] - columnInstances[c];
        for (int i = 0; i < ownCount; i++) {
            int at = own[i].offset, adjusted = 0;
            int score = windowScore(own, ownCount, sizes, documentSize, seen, phraseCount, at, tokens, &adjusted);
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
                    score = windowScore(own, ownCount, sizes, documentSize, seen, phraseCount, col->firsts[jj], tokens, NULL);
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
        int inLength = best->length;
        const GongshiMark *items = best->marks.items;
        if (columnSize == 0) columnSize = best->marks.count;
        CoalescedInstances it = {instances, sizes, instanceCount, bestColumn, 0, -1, -1};
        nextCoalesced(&it);
        int rangeStart = bestStart, rangeEnd = bestStart + tokens - 1, offset = 0;
        append(output, "", 0);
        if (bestStart > 0) append(output, ellipsis, -1);
        while (it.start >= 0 && it.start < bestStart) nextCoalesced(&it);
        /* Positions outside the range are skipped (fts5HighlightCb returns at once). */
        int from = rangeEnd > 0 ? rangeStart : 0;
        int to = rangeEnd > 0 && rangeEnd < best->marks.count - 1 ? rangeEnd + 1 : best->marks.count;
        for (int position = from; position < to; position++) {
            int startOffset = items[position].start, endOffset = items[position].end;
            if (rangeEnd > 0 && rangeStart && position == rangeStart) offset = startOffset;
            if (position == it.start) {
                append(output, in + offset, startOffset - offset);
                append(output, open, -1);
                offset = startOffset;
            }
            if (position == it.end) {
                if (rangeEnd && it.start < rangeStart) append(output, open, -1);
                append(output, in + offset, endOffset - offset);
                append(output, close, -1);
                offset = endOffset;
                nextCoalesced(&it);
            }
            if (rangeEnd > 0 && position == rangeEnd) {
                append(output, in + offset, endOffset - offset);
                offset = endOffset;
                if (position >= it.start && position < it.end) append(output, close, -1);
            }
        }
        if (rangeEnd >= columnSize - 1) {
            append(output, in + offset, inLength - offset);
        } else {
            append(output, ellipsis, -1);
        }
        if (output->failed) rc = SQLITE_NOMEM;
        if (rc == SQLITE_OK) {
            *out = output->bytes;
            *outLength = output->length;
            *outValid = best->marks.validUTF8;
        }
    }
    return rc;
}
