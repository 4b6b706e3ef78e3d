/*
** gongshi_rank(): FTS5's BM25 with a weight per phrase as well as per column.
**
** The search layer builds queries in which phrases play different parts: the
** characters the user typed (a substring match), a dictionary word that starts
** with them (what people usually mean), a synonym, a repeated copy that exists only
** to keep the match semantics right. One weight per column cannot tell these apart,
** so this is fts5_aux.c's bm25 with an extra factor per phrase:
**
**   rank MATCH 'gongshi_rank(c0, c1, ..., cN-1, p0, p1, ...)'
**
** c = one weight per column (all columns, UNINDEXED ones included), p = one weight
** per phrase in the order the phrases appear in the MATCH expression (missing = 1).
** Returns -score, like bm25(), so ORDER BY rank puts the best first.
** gongshi_rank_tf takes the same arguments and leaves IDF out (see below).
*/
#include "chinese_tokenizer.h"
#include "fts5_api.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>

#define GONGSHI_ROW_LENGTHS_TYPE "gongshi_row_lengths"

typedef struct {
    int withIdf;
    int phraseCount;
    double averageLength;
    double *idf;        /* per phrase */
    double *frequency;  /* scratch per phrase, per row */
    /* The arguments, read once per query instead of once per row (they are constants). */
    int columnCount;
    double *columnWeight;   /* per column (1 when not given) */
    double *phraseWeight;   /* per phrase (1 when not given) */
    const GongshiRowLengths *lengths;   /* NULL: read each row's length from the index */
    /* Proximity (see proximityFactor): query words, when at least two are grouped. */
    int groups;
    int *groupOf;       /* per phrase: its word, -1 for none */
    int *sizes;         /* per phrase: tokens as typed */
    int *loose;         /* per phrase: 2 for a colloquial reading, else 0 */
} RankData;

static void rankDataFree(void *p) {
    RankData *data = p;
    if (!data) return;
    free(data->idf);
    free(data->frequency);
    free(data->columnWeight);
    free(data->phraseWeight);
    free(data->groupOf);
    free(data->sizes);
    free(data->loose);
    free(data);
}

static int countRow(const Fts5ExtensionApi *api, Fts5Context *fts, void *context) {
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)context)++;
    return SQLITE_OK;
}

/* Proximity: when the arguments carry a group (query word) per phrase after the phrase
** weights, the smallest stretch of one column that holds an instance of every group.
** Reads the groups, phrase sizes and looseness once per query. */
#define GONGSHI_MAX_GROUPS 16
static void proximityData(const Fts5ExtensionApi *api, Fts5Context *fts, RankData *data, int groupBase,
                          int argumentCount, sqlite3_value **arguments) {
    int phraseCount = data->phraseCount;
    data->groups = 0;
    if (argumentCount < groupBase + phraseCount) return;
    int groups = 0;
    for (int p = 0; p < phraseCount && p < 64; p++) {
        int g = sqlite3_value_int(arguments[groupBase + p]);
        /* g + 1000: a looser stand-in for the word (a colloquial reading), which counts
        ** as two positions further away. */
        data->loose[p] = g >= 1000 ? 2 : 0;
        if (g >= 1000) g -= 1000;
        data->groupOf[p] = g >= 0 && g < GONGSHI_MAX_GROUPS ? g : -1;
        if (data->groupOf[p] + 1 > groups) groups = data->groupOf[p] + 1;
        /* Short phrases (GONGSHI_MODE_SHORT_PHRASE) leave out tokens the match implies;
        ** the tokens left out follow the per-phrase row counts, so proximity is measured on
        ** the text as typed. */
        int sizeBase = groupBase + 2 * phraseCount;
        data->sizes[p] = api->xPhraseSize(fts, p)
            + (argumentCount >= sizeBase + phraseCount ? sqlite3_value_int(arguments[sizeBase + p]) : 0);
    }
    data->groups = groups;
}

/* Per-query statistics, computed on the first row and kept as auxdata (as bm25 does). */
/* Per-phrase row counts may be given after the phrase groups (c..., p..., g..., n...),
** then the tokens each short phrase left out (s...; see proximityFactor). The search
** layer keeps the counts per index generation, since counting scans every row that
** holds the phrase. Without them, each phrase is counted here. */
static int rankData(const Fts5ExtensionApi *api, Fts5Context *fts, int withIdf, int argumentCount,
                    sqlite3_value **arguments, RankData **out) {
    RankData *data = api->xGetAuxdata(fts, 0);
    if (data) { *out = data; return SQLITE_OK; }
    int rc = SQLITE_OK;
    data = calloc(1, sizeof(RankData));
    if (!data) return SQLITE_NOMEM;
    data->phraseCount = api->xPhraseCount(fts);
    data->columnCount = api->xColumnCount(fts);
    size_t phrases = (size_t)data->phraseCount + 1;
    data->idf = calloc(phrases, sizeof(double));
    data->frequency = calloc(phrases, sizeof(double));
    data->columnWeight = calloc((size_t)data->columnCount + 1, sizeof(double));
    data->phraseWeight = calloc(phrases, sizeof(double));
    data->groupOf = calloc(phrases, sizeof(int));
    data->sizes = calloc(phrases, sizeof(int));
    data->loose = calloc(phrases, sizeof(int));
    if (!data->idf || !data->frequency || !data->columnWeight || !data->phraseWeight || !data->groupOf || !data->sizes ||
        !data->loose)
        rc = SQLITE_NOMEM;
    sqlite3_int64 rows = 0, tokens = 0;
    if (rc == SQLITE_OK) rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc == SQLITE_OK) data->averageLength = rows > 0 ? (double)tokens / (double)rows : 1.0;
    for (int i = 0; rc == SQLITE_OK && i < data->phraseCount; i++) {
        if (!withIdf) { data->idf[i] = 1.0; continue; }
        sqlite3_int64 hits = 0;
        int countIndex = api->xColumnCount(fts) + 2 * data->phraseCount + i;
        if (argumentCount >= api->xColumnCount(fts) + 3 * data->phraseCount && sqlite3_value_type(arguments[countIndex]) != SQLITE_NULL) {
            hits = sqlite3_value_int64(arguments[countIndex]);
        } else {
            rc = api->xQueryPhrase(fts, i, &hits, countRow);
        }
        if (rc == SQLITE_OK) {
            /* Same IDF as fts5_aux.c: never below a small positive value. */
            double idf = log((rows - hits + 0.5) / (hits + 0.5));
            data->idf[i] = idf <= 0.0 ? 1e-6 : idf;
        }
    }
    if (rc == SQLITE_OK) {
        int columns = data->columnCount;
        for (int c = 0; c < columns; c++) data->columnWeight[c] = c < argumentCount ? sqlite3_value_double(arguments[c]) : 1.0;
        for (int i = 0; i < data->phraseCount; i++) {
            int weightIndex = columns + i;
            data->phraseWeight[i] = weightIndex < argumentCount ? sqlite3_value_double(arguments[weightIndex]) : 1.0;
        }
        /* Row lengths known per index generation come after the tokens left out (s...). */
        int lengthsIndex = columns + 4 * data->phraseCount;
        if (argumentCount > lengthsIndex) data->lengths = sqlite3_value_pointer(arguments[lengthsIndex], GONGSHI_ROW_LENGTHS_TYPE);
        proximityData(api, fts, data, columns + data->phraseCount, argumentCount, arguments);
    }
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, data, rankDataFree);
    if (rc != SQLITE_OK) {
        rankDataFree(data);
        return rc;
    }
    *out = data;
    return SQLITE_OK;
}

/* Proximity over the instances of one row in position order (column, offset; ties in
** phrase order, as xInst lists them), fed one at a time: the smallest stretch of one
** column that holds an instance of every group. */
typedef struct {
    int start[GONGSHI_MAX_GROUPS], end[GONGSHI_MAX_GROUPS], penalty[GONGSHI_MAX_GROUPS];
    int seen, currentColumn, bestGap;
} Proximity;

static void proximityStart(Proximity *p) {
    p->seen = 0;
    p->currentColumn = -1;
    p->bestGap = -1;
}

static void proximityAdd(Proximity *p, const RankData *data, int phrase, int column, int offset) {
    int groups = data->groups;
    if (p->bestGap == 0) return;  /* nothing is closer than the exact phrase */
    if (phrase < 0 || phrase >= data->phraseCount || phrase >= 64 || data->groupOf[phrase] < 0) return;
    if (column != p->currentColumn) {
        p->currentColumn = column;
        p->seen = 0;
        for (int g = 0; g < groups; g++) p->start[g] = -1;
    }
    int g = data->groupOf[phrase];
    if (p->start[g] < 0) p->seen++;
    p->start[g] = offset;
    p->end[g] = offset + data->sizes[phrase];
    p->penalty[g] = data->loose[phrase];
    if (p->seen < groups) return;
    int lo = p->start[0], hi = p->end[0], covered = 0;
    for (int k = 0; k < groups; k++) {
        if (p->start[k] < lo) lo = p->start[k];
        if (p->end[k] > hi) hi = p->end[k];
        covered += p->end[k] - p->start[k];
    }
    int gap = (hi - lo) - covered;
    if (gap < 0) gap = 0;
    for (int k = 0; k < groups; k++) gap += p->penalty[k];
    /* The words in the order typed read as what was meant: out of order counts 2 more. */
    for (int k = 1; k < groups; k++) if (p->start[k] < p->start[k - 1]) { gap += 2; break; }
    if (p->bestGap < 0 || gap < p->bestGap) p->bestGap = gap;
}

/* The factor the score is multiplied by: 3 when the words stand next to each other (the
** exact phrase, in any order), falling towards 1 as they drift apart, 1 when no column
** holds them all. */
static double proximityFactor(const Proximity *p) {
    if (p->bestGap < 0) return 1.0;
    return 1.0 + 2.0 * 4.0 / (4.0 + (double)p->bestGap);
}

/* One phrase's position list in the row, being read. */
typedef struct {
    Fts5PhraseIter iterator;
    int phrase, column, offset;
} PhraseCursor;

static void rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *result,
                 int argumentCount, sqlite3_value **arguments, int withIdf) {
    const double k1 = 1.2, b = 0.75;
    RankData *data = NULL;
    int rc = rankData(api, fts, withIdf, argumentCount, arguments, &data);
    int proximate = rc == SQLITE_OK && data->groups >= 2;
    Proximity proximity;
    proximityStart(&proximity);
    if (proximate && data->phraseCount <= 64) {
        /* Each phrase's instances come from its own position list (xPhraseFirst), merged here
        ** in the order xInst lists them (position, then phrase): what xInstCount builds, minus
        ** the list, for the count and proximity in one pass. */
        PhraseCursor cursors[64];
        int live = 0;
        for (int i = 0; rc == SQLITE_OK && i < data->phraseCount; i++) {
            data->frequency[i] = 0.0;
            PhraseCursor *c = &cursors[live];
            c->phrase = i;
            c->column = -1;
            rc = api->xPhraseFirst(fts, i, &c->iterator, &c->column, &c->offset);
            if (rc == SQLITE_OK && c->column >= 0) live++;
        }
        while (rc == SQLITE_OK && live > 0) {
            int best = 0;
            for (int k = 1; k < live; k++) {
                const PhraseCursor *c = &cursors[k], *m = &cursors[best];
                if (c->column < m->column || (c->column == m->column && c->offset < m->offset)) best = k;
            }
            PhraseCursor *c = &cursors[best];
            data->frequency[c->phrase] += c->column < data->columnCount ? data->columnWeight[c->column] : 1.0;
            proximityAdd(&proximity, data, c->phrase, c->column, c->offset);
            api->xPhraseNext(fts, &c->iterator, &c->column, &c->offset);
            if (c->column < 0) {
                /* Keep the cursors in phrase order: ties go to the lower phrase. */
                for (int k = best; k + 1 < live; k++) cursors[k] = cursors[k + 1];
                live--;
            }
        }
    } else if (proximate) {
        int instances = 0;
        rc = api->xInstCount(fts, &instances);
        for (int i = 0; i < data->phraseCount; i++) data->frequency[i] = 0.0;
        for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
            int phrase, column, offset;
            rc = api->xInst(fts, i, &phrase, &column, &offset);
            if (rc == SQLITE_OK && phrase >= 0 && phrase < data->phraseCount) {
                data->frequency[phrase] += column < data->columnCount ? data->columnWeight[column] : 1.0;
                proximityAdd(&proximity, data, phrase, column, offset);
            }
        }
    } else {
        /* Without proximity, each phrase's instances are read from its own position list
        ** (xPhraseFirst); each phrase's sum is taken in the same (position) order. */
        for (int i = 0; rc == SQLITE_OK && i < data->phraseCount; i++) {
            Fts5PhraseIter iterator;
            int column = -1, offset = 0;
            double f = 0.0;
            rc = api->xPhraseFirst(fts, i, &iterator, &column, &offset);
            while (rc == SQLITE_OK && column >= 0) {
                f += column < data->columnCount ? data->columnWeight[column] : 1.0;
                api->xPhraseNext(fts, &iterator, &column, &offset);
            }
            if (rc == SQLITE_OK) data->frequency[i] = f;
        }
    }
    int length = -1;
    if (rc == SQLITE_OK && data->lengths) {
        sqlite3_int64 rowid = api->xRowid(fts);
        if (rowid >= 0 && rowid < data->lengths->count) length = data->lengths->lengths[rowid];
    }
    if (rc == SQLITE_OK && length < 0) rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    double score = 0.0;
    double norm = k1 * (1.0 - b + b * (double)length / data->averageLength);
    for (int i = 0; i < data->phraseCount; i++) {
        double f = data->frequency[i];
        if (f <= 0.0) continue;
        score += data->phraseWeight[i] * data->idf[i] * (f * (k1 + 1.0)) / (f + norm);
    }
    if (score > 0.0 && proximate) score *= proximityFactor(&proximity);
    sqlite3_result_double(result, -score);
}

static void gongshiRank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *result,
                        int argumentCount, sqlite3_value **arguments) {
    rank(api, fts, result, argumentCount, arguments, 1);
}

/* The same without IDF: computing IDF scans every row that contains each phrase, which
** over millions of records costs far more than ranking a bounded window of them. */
static void gongshiRankWithoutIdf(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *result,
                                  int argumentCount, sqlite3_value **arguments) {
    rank(api, fts, result, argumentCount, arguments, 0);
}

int gongshi_register_fts5_rank(void *connection) {
    if (!connection) return SQLITE_MISUSE;
    fts5_api *api = gongshi_fts5_api(connection);
    if (!api) return SQLITE_ERROR;
    int rc = api->xCreateFunction(api, "gongshi_rank", NULL, gongshiRank, NULL);
    if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "gongshi_rank_tf", NULL, gongshiRankWithoutIdf, NULL);
    return rc;
}

int gongshi_bind_row_lengths(void *statement, int index, const GongshiRowLengths *lengths) {
    if (!statement) return SQLITE_MISUSE;
    return sqlite3_bind_pointer(statement, index, (void *)lengths, GONGSHI_ROW_LENGTHS_TYPE, NULL);
}
