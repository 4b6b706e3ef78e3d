/*
** A thin C layer over libmicrohttpd for Gongshi's web server. Swift cannot call the
** variadic MHD_start_daemon, and the access handler has to deal with libmicrohttpd's
** two-call protocol, so both live here; everything else (routing, pages, JSON) is Swift.
** This header exposes no libmicrohttpd type.
*/
#ifndef GONGSHI_HTTP_SERVER_H
#define GONGSHI_HTTP_SERVER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *key;
    const char *value;   /* may be NULL for a bare ?key */
} GongshiHTTPPair;

typedef struct {
    const char *method;
    const char *path;    /* percent-decoded by libmicrohttpd, without the query */
    const GongshiHTTPPair *query;
    int queryCount;
    const GongshiHTTPPair *headers;
    int headerCount;
    size_t headBytes;    /* path, every query pair and every header (not only those listed) */
    const char *body;        /* the request body (POST), not NUL-terminated; NULL when none */
    size_t bodyLength;
    const char *clientAddress; /* the peer's IP address as text ("" when unknown) */
    int deferrable;          /* 1 on a network thread: the handler may return 1 to have the
                                request run again on a worker thread instead of answering */
} GongshiHTTPRequest;

/* Bodies longer than this are refused with 413 before the handler runs. */
#define GONGSHI_HTTP_MAX_BODY (64 * 1024)

/* A response built once by gongshi_http_prepare (a libmicrohttpd response inside). */
typedef struct GongshiHTTPPrepared GongshiHTTPPrepared;

/* A body read from an open file: `length` bytes from `offset` (Range requests, bulk
** downloads larger than memory). The server owns `fd` from then on and closes it. */
typedef struct {
    int fd;
    unsigned long long offset;
    unsigned long long length;
} GongshiHTTPFile;

typedef struct {
    int status;
    const char *body;
    size_t bodyLength;
    const GongshiHTTPPair *headers;
    int headerCount;
    /* When set, queued as it is with `status`; body and headers are then ignored. */
    const GongshiHTTPPrepared *prepared;
    /* When set (and no `prepared`), the body comes from this file instead of `body`. */
    const GongshiHTTPFile *file;
} GongshiHTTPResponse;

/* Builds `response` (status ignored) once, copying body and headers, so that it can be
** queued for any number of requests, from several threads at once: libmicrohttpd counts
** the references and never changes a response once queued. NULL when out of memory. */
GongshiHTTPPrepared *gongshi_http_prepare(const GongshiHTTPResponse *response);
/* Drops the caller's reference; requests still sending it keep theirs. */
void gongshi_http_release(GongshiHTTPPrepared *prepared);

/* Queues `response` (its memory is copied before this returns). Call exactly once. */
typedef void (*GongshiHTTPRespond)(void *token, const GongshiHTTPResponse *response);

/* Called for each complete request, first on the network thread that read it: answer at
** once there (respond, return 0) only what takes microseconds (static files); return 1 to
** have it called again on a worker thread (`deferrable` 0), where it must respond. */
typedef int (*GongshiHTTPHandler)(void *context, const GongshiHTTPRequest *request,
                                  GongshiHTTPRespond respond, void *token);

typedef struct GongshiHTTPServer GongshiHTTPServer;

typedef struct {
    const char *host;            /* IPv4 address to bind, e.g. "127.0.0.1" */
    unsigned short port;         /* 0 = any free port */
    unsigned threads;            /* worker threads: requests run on these, first come first
                                    served, whichever connection they came from */
    unsigned connectionLimit;    /* connections at once, all addresses */
    unsigned perAddressLimit;    /* connections at once from one IP address; 0 = no limit */
    unsigned timeoutSeconds;     /* idle connection timeout */
    unsigned headTimeoutSeconds; /* a request head must be complete this long after the
                                    connection opened or the previous answer was sent
                                    (not restarted by each byte); 0 = no deadline */
    size_t memoryLimit;          /* per connection: bounds headers and URL size */
} GongshiHTTPOptions;

/* Starts serving; NULL on failure with a message in `error`. */
GongshiHTTPServer *gongshi_http_start(const GongshiHTTPOptions *options, GongshiHTTPHandler handler,
                                      void *context, char *error, size_t errorCapacity);
/* Connections open right now (for /metrics). */
unsigned gongshi_http_connections(const GongshiHTTPServer *server);
/* Connections closed because their request head missed the deadline (since start). */
unsigned long gongshi_http_head_timeouts(const GongshiHTTPServer *server);
/* Requests not run because their client had closed the connection while they waited. */
unsigned long gongshi_http_abandoned(const GongshiHTTPServer *server);
/* The port actually bound. */
unsigned short gongshi_http_port(const GongshiHTTPServer *server);
/* Stops accepting, lets requests in flight and waiting finish, frees the server. */
void gongshi_http_stop(GongshiHTTPServer *server);

#ifdef __cplusplus
}
#endif

#endif
