/*
** libmicrohttpd glue: start/stop with an options array, and an access handler that
** answers on the second call (answering on the first makes 0.9.75 close keep-alive
** connections), collects the query, a few headers, the client address and a bounded
** POST body (413 beyond GONGSHI_HTTP_MAX_BODY), and hands them to Swift.
**
** Two kinds of threads. libmicrohttpd's (one per core, epoll) only read requests and send
** answers; a request that takes more than microseconds (anything routed: searches, pages)
** is suspended and put on one queue that `threads` workers take from in arrival order.
** With libmicrohttpd's own thread pool each connection belongs to one thread, so a slow
** search held up every connection of its thread (and their head deadlines ran out) while
** other threads had nothing to do; here it holds up one worker.
**
** Idle workers are woken last-idle first (a stack, as folly's LifoSem does): at low load
** one worker answers request after request, on the core whose caches hold the index
** pages, the tokenizer and the allocator arena its last search left there. Woken in turn
** (a condition variable's order), four workers drifted between the two cores, and every
** search started cold: 0.2-0.4 ms more per search at one connection. Under load every
** worker is busy and the order changes nothing; requests are still taken oldest first.
*/
#include "http_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <stdarg.h>
#include <stdatomic.h>

#define MAX_PAIRS 64

/* One open connection, for the request-head deadline. libmicrohttpd's own timeout is an
** idle timeout: every byte restarts it, so a client sending one header byte a second holds
** its slot forever. Instead each connection gets a fixed deadline for its request head;
** a reaper thread shuts down the socket of one that misses it, and libmicrohttpd then sees
** the end of the stream and releases the connection. */
typedef struct Tracked {
    struct Tracked *prev, *next;
    MHD_socket fd;
    long long deadline;          /* monotonic ms; 0 while a request is being answered */
} Tracked;

/* A worker thread; `wake` is signalled when it is taken off the idle stack. */
typedef struct Worker {
    pthread_t thread;
    pthread_cond_t wake;
    struct Worker *nextIdle;
    int isIdle;                  /* on the idle stack (guarded by queueLock) */
    struct GongshiHTTPServer *server;
} Worker;

struct GongshiHTTPServer {
    struct MHD_Daemon *daemon;
    GongshiHTTPHandler handler;
    void *context;
    unsigned short port;
    long long headMillis;        /* 0: no deadline */
    pthread_mutex_t lock;        /* guards the list, deadlines and `stopping` */
    pthread_cond_t wake;
    Tracked *tracked;
    pthread_t reaper;
    int reaperRunning;
    int stopping;
    unsigned long headTimeouts;
    /* The work queue (guarded by queueLock): requests waiting for a worker, oldest first. */
    pthread_mutex_t queueLock;
    struct Request *head, *tail;
    struct Worker *idle;         /* idle workers, the one idle last on top */
    struct Worker *workers;
    unsigned workerCount;
    int draining;                /* stopping: no more deferring, workers leave when idle */
    /* Atomics, so that libmicrohttpd's callbacks never take queueLock: the workers hold it
    ** only around the queue, the network threads while suspending (queueLock, then
    ** libmicrohttpd's own lock; never the other way round). */
    atomic_ulong outstanding;    /* deferred requests not yet completed */
    atomic_ulong abandoned;
};

static long long nowMillis(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static Tracked *trackedOf(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

/* Sets the head deadline of `connection` (0 = none). */
static void setDeadline(GongshiHTTPServer *server, struct MHD_Connection *connection, long long deadline) {
    if (server->headMillis <= 0) return;
    Tracked *t = trackedOf(connection);
    if (!t) return;
    pthread_mutex_lock(&server->lock);
    t->deadline = deadline;
    pthread_mutex_unlock(&server->lock);
}

static void notifyConnection(void *cls, struct MHD_Connection *connection, void **socketContext,
                             enum MHD_ConnectionNotificationCode code) {
    GongshiHTTPServer *server = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        Tracked *t = calloc(1, sizeof *t);
        if (!t || !info) { free(t); return; }
        t->fd = info->connect_fd;
        t->deadline = nowMillis() + server->headMillis;
        pthread_mutex_lock(&server->lock);
        t->next = server->tracked;
        if (server->tracked) server->tracked->prev = t;
        server->tracked = t;
        pthread_mutex_unlock(&server->lock);
        *socketContext = t;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        /* Called before libmicrohttpd closes the socket: once unlinked here, the reaper can
        ** never shut down a descriptor number that a new connection reuses. */
        Tracked *t = *socketContext;
        if (!t) return;
        pthread_mutex_lock(&server->lock);
        if (t->prev) t->prev->next = t->next; else server->tracked = t->next;
        if (t->next) t->next->prev = t->prev;
        pthread_mutex_unlock(&server->lock);
        free(t);
        *socketContext = NULL;
    }
}

/* After an answer, a kept-alive connection has the same time again for its next head. */
static void freeRequest(GongshiHTTPServer *server, void **state);

static void requestCompleted(void *cls, struct MHD_Connection *connection, void **state,
                             enum MHD_RequestTerminationCode code) {
    (void)code;
    GongshiHTTPServer *server = cls;
    freeRequest(server, state);
    setDeadline(server, connection, nowMillis() + server->headMillis);
}

static void *reap(void *cls) {
    GongshiHTTPServer *server = cls;
    pthread_mutex_lock(&server->lock);
    while (!server->stopping) {
        long long now = nowMillis();
        for (Tracked *t = server->tracked; t; t = t->next) {
            if (t->deadline != 0 && now >= t->deadline) {
                shutdown(t->fd, SHUT_RDWR);
                t->deadline = 0;
                server->headTimeouts++;
            }
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000000L;
        if (until.tv_nsec >= 1000000000L) { until.tv_sec += 1; until.tv_nsec -= 1000000000L; }
        pthread_cond_timedwait(&server->wake, &server->lock, &until);
    }
    pthread_mutex_unlock(&server->lock);
    return NULL;
}

static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* %HH decoding as libmicrohttpd's own, except that %00 becomes C0 80 (an invalid UTF-8
** sequence) instead of a NUL that would silently cut the path or value short: the path
** check then rejects it with a 400, and a query value keeps its full length. */
static size_t unescape(void *cls, struct MHD_Connection *connection, char *text) {
    (void)cls;
    (void)connection;
    char *out = text;
    for (const char *in = text; *in;) {
        int high, low;
        if (in[0] == '%' && (high = hexValue(in[1])) >= 0 && (low = hexValue(in[2])) >= 0) {
            int byte = high * 16 + low;
            if (byte == 0) { *out++ = (char)0xC0; *out++ = (char)0x80; }
            else *out++ = (char)byte;
            in += 3;
        } else {
            *out++ = *in++;
        }
    }
    *out = 0;
    return (size_t)(out - text);
}

typedef struct {
    GongshiHTTPPair pairs[MAX_PAIRS];
    int count;
} PairList;

typedef struct {
    struct MHD_Connection *connection;
    enum MHD_Result result;
    int responded;
} RespondToken;

static int firstCallMarker;

static enum MHD_Result countBytes(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    size_t *total = cls;
    *total += (key ? strlen(key) : 0) + (value ? strlen(value) : 0) + 4;
    return MHD_YES;
}

/* A request's state beyond the first call: the POST body collected so far (bounded by
** GONGSHI_HTTP_MAX_BODY), and for a request handed to a worker what the worker needs and
** the answer it built. A GET that is answered on the network thread needs none (its
** state is &firstCallMarker). Pointers into libmicrohttpd's memory (path, method, pairs)
** stay valid while the connection is suspended: its pool is cleared only after the answer. */
typedef struct Request {
    char *data;
    size_t length;
    int tooLarge;
    /* Deferred to a worker: */
    struct Request *next;        /* in the work queue */
    struct MHD_Connection *connection;
    GongshiHTTPServer *server;
    MHD_socket fd;
    GongshiHTTPRequest request;
    PairList query, headers;
    char address[INET6_ADDRSTRLEN];
    int deferred;                /* handed to the queue; counted in `outstanding` */
    int done;                    /* the worker is finished: `response` or `abandoned` */
    int abandoned;               /* the client closed before a worker got to it */
    unsigned int status;
    struct MHD_Response *response;
    GongshiHTTPPrepared *prepared;   /* a shared response, one reference ours */
} Request;

static void releasePrepared(GongshiHTTPPrepared *prepared);

/* Called by requestCompleted (also when a client goes away mid-upload). */
static void freeRequest(GongshiHTTPServer *server, void **state) {
    if (state && *state && *state != &firstCallMarker) {
        Request *request = *state;
        free(request->data);
        if (request->response) MHD_destroy_response(request->response);
        releasePrepared(request->prepared);
        if (request->deferred) atomic_fetch_sub(&server->outstanding, 1);
        free(request);
    }
    if (state) *state = NULL;
}

static enum MHD_Result answerStatic(struct MHD_Connection *connection, unsigned int status, const char *body) {
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
    enum MHD_Result result = MHD_queue_response(connection, status, r);
    MHD_destroy_response(r);
    return result;
}

static enum MHD_Result collectPair(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    PairList *list = cls;
    if (list->count >= MAX_PAIRS) return MHD_NO;   /* bounded: stop iterating */
    list->pairs[list->count].key = key;
    list->pairs[list->count].value = value;
    list->count++;
    return MHD_YES;
}

static struct MHD_Response *build(const GongshiHTTPResponse *response) {
    struct MHD_Response *r;
    if (response->file) {
        /* libmicrohttpd sends the file with sendfile and closes fd with the response. */
        r = MHD_create_response_from_fd_at_offset64(response->file->length, response->file->fd,
                                                    response->file->offset);
        if (!r) close(response->file->fd);
    } else {
        r = MHD_create_response_from_buffer(response->bodyLength, (void *)response->body, MHD_RESPMEM_MUST_COPY);
    }
    if (!r) return NULL;
    for (int i = 0; i < response->headerCount; i++) {
        /* A header libmicrohttpd refuses (a control character, out of memory) fails the
        ** whole response: answering without, say, Content-Type or a security header would
        ** be wrong in ways nobody notices. respond() answers a bare 500 instead. */
        if (MHD_add_response_header(r, response->headers[i].key, response->headers[i].value) != MHD_YES) {
            MHD_destroy_response(r);
            return NULL;
        }
    }
    return r;
}

/* A response built once and queued for any number of requests. Counted by us as well as
** by libmicrohttpd: a worker holds a reference from building an answer until the network
** thread queues it, after the Swift object that owns the response may be gone. */
struct GongshiHTTPPrepared {
    struct MHD_Response *response;
    atomic_uint references;
};

GongshiHTTPPrepared *gongshi_http_prepare(const GongshiHTTPResponse *response) {
    if (!response) return NULL;
    GongshiHTTPPrepared *prepared = malloc(sizeof *prepared);
    if (!prepared) return NULL;
    prepared->response = build(response);
    if (!prepared->response) { free(prepared); return NULL; }
    atomic_init(&prepared->references, 1);
    return prepared;
}

static void releasePrepared(GongshiHTTPPrepared *prepared) {
    if (prepared && atomic_fetch_sub(&prepared->references, 1) == 1) {
        MHD_destroy_response(prepared->response);   /* requests still sending it keep theirs */
        free(prepared);
    }
}

void gongshi_http_release(GongshiHTTPPrepared *prepared) { releasePrepared(prepared); }

/* The answer for an error inside this layer, or when a response cannot be built. */
static struct MHD_Response *fallback(const char *body) {
    return MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
}
static const char buildFailed[] = "{\"error\":{\"status\":500,\"message\":\"response could not be built\"}}";
static const char noResponse[] = "{\"error\":{\"status\":500,\"message\":\"no response\"}}";

/* `respond` on a network thread: queued at once. */
static void respond(void *token, const GongshiHTTPResponse *response) {
    RespondToken *t = token;
    if (t->responded) return;
    t->responded = 1;
    if (response->prepared) {
        /* Queuing takes a reference of its own; the response itself is never modified. */
        t->result = MHD_queue_response(t->connection, (unsigned int)response->status,
                                       ((const GongshiHTTPPrepared *)response->prepared)->response);
        return;
    }
    struct MHD_Response *r = build(response);
    unsigned int status = (unsigned int)response->status;
    if (!r) {
        r = fallback(buildFailed);
        status = 500;
    }
    if (!r) { t->result = MHD_NO; return; }
    t->result = MHD_queue_response(t->connection, status, r);
    MHD_destroy_response(r);
}

/* `respond` on a worker: libmicrohttpd queues responses only on the connection's own
** thread, so the answer is built here and queued when the network thread resumes it. */
static void respondLater(void *token, const GongshiHTTPResponse *response) {
    Request *request = token;
    if (request->response || request->prepared) return;
    request->status = (unsigned int)response->status;
    if (response->prepared) {
        GongshiHTTPPrepared *prepared = (GongshiHTTPPrepared *)response->prepared;
        atomic_fetch_add(&prepared->references, 1);
        request->prepared = prepared;
        return;
    }
    request->response = build(response);
    if (!request->response) {
        request->response = fallback(buildFailed);
        request->status = 500;
    }
}

/* True when the client has closed its side (or reset) while the request waited: it will
** never read the answer, so computing it would only delay everyone behind it (as nginx,
** a client that half-closes before its answer counts as gone). */
static int clientLeft(MHD_socket fd) {
    char byte;
    ssize_t n = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && (errno == ECONNRESET || errno == EPIPE || errno == ENOTCONN));
}

/* Set by answer() when it closes an abandoned request's connection, so that the logger
** drops libmicrohttpd's "internal error" line for it (one per request a client gave up on,
** which is not an error); cleared on every call. */
static _Thread_local int closingAbandoned;

static void logMessage(void *cls, const char *format, va_list arguments) {
    (void)cls;
    if (closingAbandoned) {
        closingAbandoned = 0;
        /* libmicrohttpd passes this message as the argument of "%s\n". */
        va_list copy;
        va_copy(copy, arguments);
        const char *text = strcmp(format, "%s\n") == 0 ? va_arg(copy, const char *) : format;
        int drop = text && strstr(text, "internal error");
        va_end(copy);
        if (drop) return;
    }
    vfprintf(stderr, format, arguments);
}

/* Takes the worker idle last off the stack and wakes it (queueLock held). */
static void wakeIdleWorker(GongshiHTTPServer *server) {
    Worker *worker = server->idle;
    if (!worker) return;
    server->idle = worker->nextIdle;
    worker->isIdle = 0;
    pthread_cond_signal(&worker->wake);
}

static void *work(void *cls) {
    Worker *self = cls;
    GongshiHTTPServer *server = self->server;
    pthread_mutex_lock(&server->queueLock);
    for (;;) {
        while (!server->head && !server->draining) {
            self->nextIdle = server->idle;
            server->idle = self;
            self->isIdle = 1;
            /* Until taken off the stack: a spurious wake-up leaves it there. */
            while (self->isIdle) pthread_cond_wait(&self->wake, &server->queueLock);
        }
        Request *request = server->head;
        if (!request) break;   /* draining and nothing left */
        server->head = request->next;
        if (!server->head) server->tail = NULL;
        pthread_mutex_unlock(&server->queueLock);

        if (clientLeft(request->fd)) {
            request->abandoned = 1;
            atomic_fetch_add(&server->abandoned, 1);
        } else {
            (void)server->handler(server->context, &request->request, respondLater, request);
            if (!request->response && !request->prepared) {
                request->response = fallback(noResponse);
                request->status = 500;
            }
        }
        request->done = 1;
        /* After this the network thread may complete and free `request` at any moment. */
        MHD_resume_connection(request->connection);
        pthread_mutex_lock(&server->queueLock);
    }
    pthread_mutex_unlock(&server->queueLock);
    return NULL;
}

/* Hands `request` to the workers; false when stopping (the caller answers it itself). */
static int enqueue(GongshiHTTPServer *server, Request *request) {
    pthread_mutex_lock(&server->queueLock);
    if (server->draining) {
        pthread_mutex_unlock(&server->queueLock);
        return 0;
    }
    /* Suspended before a worker can see it: resuming a connection that is not suspended is
    ** undefined. A worker may resume it before this thread returns; libmicrohttpd handles that. */
    MHD_suspend_connection(request->connection);
    request->deferred = 1;
    atomic_fetch_add(&server->outstanding, 1);
    request->next = NULL;
    if (server->tail) server->tail->next = request; else server->head = request;
    server->tail = request;
    wakeIdleWorker(server);
    pthread_mutex_unlock(&server->queueLock);
    return 1;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload, size_t *uploadSize, void **state) {
    (void)version;
    GongshiHTTPServer *server = cls;
    closingAbandoned = 0;
    if (*state == NULL) {          /* first call: headers only; answer on the next one */
        if (strcmp(method, "POST") == 0) {
            const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Content-Length");
            if (length && strtoull(length, NULL, 10) > GONGSHI_HTTP_MAX_BODY) {
                return answerStatic(connection, 413, "{\"error\":{\"status\":413,\"message\":\"请求内容过大\"}}");
            }
            Request *body = calloc(1, sizeof *body);
            if (!body) return MHD_NO;
            *state = body;
        } else {
            *state = &firstCallMarker;
        }
        setDeadline(server, connection, 0);   /* the head is complete */
        return MHD_YES;
    }
    Request *body = *state == &firstCallMarker ? NULL : *state;
    if (body && body->deferred) {
        /* Resumed: a worker has answered (or found the client gone). */
        if (!body->done) return MHD_YES;   /* cannot happen: resumed only when done */
        if (body->abandoned) {
            closingAbandoned = 1;
            return MHD_NO;
        }
        enum MHD_Result result;
        if (body->prepared) {
            result = MHD_queue_response(connection, body->status, body->prepared->response);
        } else {
            result = MHD_queue_response(connection, body->status, body->response);
            MHD_destroy_response(body->response);
            body->response = NULL;
        }
        return result;
    }
    if (*uploadSize != 0) {
        /* Bodies are kept for POST only (bounded); any other method's body is dropped. */
        if (body && !body->tooLarge) {
            if (body->length + *uploadSize > GONGSHI_HTTP_MAX_BODY) {
                body->tooLarge = 1;
                free(body->data);
                body->data = NULL;
                body->length = 0;
            } else {
                char *grown = realloc(body->data, body->length + *uploadSize);
                if (!grown) return MHD_NO;
                memcpy(grown + body->length, upload, *uploadSize);
                body->data = grown;
                body->length += *uploadSize;
            }
        }
        *uploadSize = 0;
        return MHD_YES;
    }
    if (body && body->tooLarge) {
        return answerStatic(connection, 413, "{\"error\":{\"status\":413,\"message\":\"请求内容过大\"}}");
    }
    PairList query = {.count = 0}, headers = {.count = 0};
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collectPair, &query);
    MHD_get_connection_values(connection, MHD_HEADER_KIND, collectPair, &headers);
    char address[INET6_ADDRSTRLEN] = "";
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info && info->client_addr) {
        if (info->client_addr->sa_family == AF_INET) {
            inet_ntop(AF_INET, &((const struct sockaddr_in *)info->client_addr)->sin_addr, address, sizeof address);
        } else if (info->client_addr->sa_family == AF_INET6) {
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)info->client_addr)->sin6_addr, address, sizeof address);
        }
    }
    size_t headBytes = strlen(url);
    MHD_get_connection_values(connection, MHD_HEADER_KIND | MHD_GET_ARGUMENT_KIND, countBytes, &headBytes);
    GongshiHTTPRequest request = {method, url, query.pairs, query.count, headers.pairs, headers.count, headBytes,
                                  body ? body->data : NULL, body ? body->length : 0, address, 1};
    RespondToken token = {connection, MHD_NO, 0};
    if (server->handler(server->context, &request, respond, &token) != 0 && !token.responded) {
        /* For a worker: everything it needs moves into the request's state. */
        Request *deferred = body ? body : calloc(1, sizeof *deferred);
        const union MHD_ConnectionInfo *fd = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (deferred && fd) {
            deferred->connection = connection;
            deferred->server = server;
            deferred->fd = fd->connect_fd;
            deferred->query = query;
            deferred->headers = headers;
            memcpy(deferred->address, address, sizeof address);
            deferred->request = request;
            deferred->request.query = deferred->query.pairs;
            deferred->request.headers = deferred->headers.pairs;
            deferred->request.clientAddress = deferred->address;
            deferred->request.deferrable = 0;
            if (enqueue(server, deferred)) {
                *state = deferred;
                return MHD_YES;
            }
        }
        if (deferred != body) free(deferred);
        /* Out of memory or stopping: answered here after all. */
        request.deferrable = 0;
        server->handler(server->context, &request, respond, &token);
    }
    if (!token.responded) {
        GongshiHTTPResponse response = {500, noResponse, sizeof noResponse - 1, NULL, 0, NULL, NULL};
        respond(&token, &response);
    }
    return token.result;
}

static unsigned networkThreads(unsigned workers) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned n = cores > 0 ? (unsigned)cores : 1;
    return n < workers ? n : workers;
}

/* Lets the workers finish every queued request, then waits (at most `millis`) for the
** deferred answers to be queued and sent. */
static void drain(GongshiHTTPServer *server, long long millis) {
    pthread_mutex_lock(&server->queueLock);
    server->draining = 1;
    while (server->idle) wakeIdleWorker(server);
    pthread_mutex_unlock(&server->queueLock);
    for (unsigned i = 0; i < server->workerCount; i++) {
        pthread_join(server->workers[i].thread, NULL);
        pthread_cond_destroy(&server->workers[i].wake);
    }
    server->workerCount = 0;
    long long until = nowMillis() + millis;
    while (atomic_load(&server->outstanding) > 0 && nowMillis() < until) usleep(10 * 1000);
}

static void destroy(GongshiHTTPServer *server) {
    pthread_mutex_destroy(&server->queueLock);
    pthread_cond_destroy(&server->wake);
    pthread_mutex_destroy(&server->lock);
    free(server->workers);
    free(server);
}

GongshiHTTPServer *gongshi_http_start(const GongshiHTTPOptions *options, GongshiHTTPHandler handler,
                                      void *context, char *error, size_t errorCapacity) {
    if (!options || !handler) return NULL;
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(options->port);
    if (inet_pton(AF_INET, options->host ? options->host : "127.0.0.1", &address.sin_addr) != 1) {
        snprintf(error, errorCapacity, "invalid IPv4 address: %s", options->host ? options->host : "");
        return NULL;
    }
    GongshiHTTPServer *server = calloc(1, sizeof *server);
    if (!server) return NULL;
    server->handler = handler;
    server->context = context;
    server->headMillis = (long long)options->headTimeoutSeconds * 1000;
    pthread_mutex_init(&server->lock, NULL);
    pthread_cond_init(&server->wake, NULL);
    pthread_mutex_init(&server->queueLock, NULL);
    atomic_init(&server->outstanding, 0);
    atomic_init(&server->abandoned, 0);
    unsigned workers = options->threads > 0 ? options->threads : 2;
    server->workers = calloc(workers, sizeof *server->workers);
    if (!server->workers) {
        snprintf(error, errorCapacity, "out of memory");
        destroy(server);
        return NULL;
    }
    for (; server->workerCount < workers; server->workerCount++) {
        Worker *worker = &server->workers[server->workerCount];
        worker->server = server;
        pthread_cond_init(&worker->wake, NULL);
        if (pthread_create(&worker->thread, NULL, work, worker) != 0) {
            pthread_cond_destroy(&worker->wake);
            snprintf(error, errorCapacity, "could not start worker threads");
            drain(server, 0);
            destroy(server);
            return NULL;
        }
    }
    struct MHD_OptionItem items[] = {
        {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)logMessage, NULL},   /* first, or it misses messages */
        {MHD_OPTION_SOCK_ADDR, 0, &address},
        {MHD_OPTION_THREAD_POOL_SIZE, networkThreads(workers), NULL},
        {MHD_OPTION_CONNECTION_LIMIT, options->connectionLimit > 0 ? options->connectionLimit : 256, NULL},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, options->perAddressLimit, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, options->timeoutSeconds > 0 ? options->timeoutSeconds : 30, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)(options->memoryLimit > 0 ? options->memoryLimit : 32 * 1024), NULL},
        {MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, NULL},
        {MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)unescape, NULL},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)notifyConnection, server},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)requestCompleted, server},
        {MHD_OPTION_END, 0, NULL},
    };
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME |
                         MHD_USE_ERROR_LOG;
    server->daemon = MHD_start_daemon(flags, 0, NULL, NULL, answer, server, MHD_OPTION_ARRAY, items, MHD_OPTION_END);
    if (!server->daemon) {
        snprintf(error, errorCapacity, "libmicrohttpd could not start on %s:%u (port in use?)",
                 options->host ? options->host : "127.0.0.1", options->port);
        drain(server, 0);
        destroy(server);
        return NULL;
    }
    if (server->headMillis > 0 && pthread_create(&server->reaper, NULL, reap, server) == 0) server->reaperRunning = 1;
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info ? info->port : options->port;
    return server;
}

unsigned short gongshi_http_port(const GongshiHTTPServer *server) { return server ? server->port : 0; }

unsigned gongshi_http_connections(const GongshiHTTPServer *server) {
    if (!server) return 0;
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info ? info->num_connections : 0;
}

unsigned long gongshi_http_head_timeouts(const GongshiHTTPServer *server) {
    if (!server) return 0;
    GongshiHTTPServer *s = (GongshiHTTPServer *)server;
    pthread_mutex_lock(&s->lock);
    unsigned long n = s->headTimeouts;
    pthread_mutex_unlock(&s->lock);
    return n;
}

unsigned long gongshi_http_abandoned(const GongshiHTTPServer *server) {
    return server ? atomic_load(&((GongshiHTTPServer *)server)->abandoned) : 0;
}

void gongshi_http_stop(GongshiHTTPServer *server) {
    if (!server) return;
    if (server->reaperRunning) {
        pthread_mutex_lock(&server->lock);
        server->stopping = 1;
        pthread_cond_signal(&server->wake);
        pthread_mutex_unlock(&server->lock);
        pthread_join(server->reaper, NULL);
    }
    /* Stop accepting first, then let the workers finish what they are answering and what
    ** waits for them (requests arriving meanwhile are answered on the network threads):
    ** stopping libmicrohttpd with a connection still suspended is not allowed. */
    MHD_socket listener = MHD_quiesce_daemon(server->daemon);
    drain(server, 2000);
    MHD_stop_daemon(server->daemon);
    /* The quiesced socket is ours to close, after the daemon's threads are gone. */
    if (listener != MHD_INVALID_SOCKET) close(listener);
    destroy(server);
}
