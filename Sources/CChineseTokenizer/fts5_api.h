/* Internal to the C target: finding a connection's FTS5 API. */
#ifndef GONGSHI_FTS5_API_H
#define GONGSHI_FTS5_API_H

#include <sqlite3.h>

/* The fts5_api of a connection, as the FTS5 documentation prescribes; NULL without FTS5. */
fts5_api *gongshi_fts5_api(sqlite3 *db);

#endif
