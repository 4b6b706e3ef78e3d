/*
** libmicrohttpd glue: start/stop with an options array, and an access handler that
** answers on the second call (answering on the first makes 0.9.75 close keep-alive
** connections), collects the query, a few headers, the client address and a bounded
** POST body (413 beyond GONGSHI_HTTP_MAX_BODY), and hands them to Swift.
*/
#include "http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PAIRS 64

struct GongshiHTTPServer {
    struct MHD_Daemon *daemon;
    GongshiHTTPHandler handler;
    void *context;
    unsigned short port;
};

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

/* A request with a body (POST): the bytes collected so far, bounded by GONGSHI_HTTP_MAX_BODY. */
typedef struct {
    char *data;
    size_t length;
    int tooLarge;
} Upload;

static void completed(void *cls, struct MHD_Connection *connection, void **state, enum MHD_RequestTerminationCode code) {
    (void)cls; (void)connection; (void)code;
    if (state && *state && *state != &firstCallMarker) {
        Upload *upload = *state;
        free(upload->data);
        free(upload);
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
    struct MHD_Response *r = MHD_create_response_from_buffer(response->bodyLength, (void *)response->body,
                                                             MHD_RESPMEM_MUST_COPY);
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

/* The opaque type is the libmicrohttpd response itself: no wrapper to allocate. */
GongshiHTTPPrepared *gongshi_http_prepare(const GongshiHTTPResponse *response) {
    return response ? (GongshiHTTPPrepared *)build(response) : NULL;
}

void gongshi_http_release(GongshiHTTPPrepared *prepared) {
    if (prepared) MHD_destroy_response((struct MHD_Response *)prepared);
}

static void respond(void *token, const GongshiHTTPResponse *response) {
    RespondToken *t = token;
    if (t->responded) return;
    t->responded = 1;
    if (response->prepared) {
        /* Queuing takes a reference of its own; the response itself is never modified. */
        t->result = MHD_queue_response(t->connection, (unsigned int)response->status,
                                       (struct MHD_Response *)response->prepared);
        return;
    }
    struct MHD_Response *r = build(response);
    unsigned int status = (unsigned int)response->status;
    if (!r) {
        static const char body[] = "{\"error\":{\"status\":500,\"message\":\"response could not be built\"}}";
        r = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
        status = 500;
    }
    if (!r) { t->result = MHD_NO; return; }
    t->result = MHD_queue_response(t->connection, status, r);
    MHD_destroy_response(r);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload, size_t *uploadSize, void **state) {
    (void)version;
    GongshiHTTPServer *server = cls;
    if (*state == NULL) {          /* first call: headers only; answer on the next one */
        if (strcmp(method, "POST") == 0) {
            const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Content-Length");
            if (length && strtoull(length, NULL, 10) > GONGSHI_HTTP_MAX_BODY) {
                return answerStatic(connection, 413, "{\"error\":{\"status\":413,\"message\":\"请求内容过大\"}}");
            }
            Upload *body = calloc(1, sizeof *body);
            if (!body) return MHD_NO;
            *state = body;
        } else {
            *state = &firstCallMarker;
        }
        return MHD_YES;
    }
    Upload *body = *state == &firstCallMarker ? NULL : *state;
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
    GongshiHTTPRequest request = {method, url, query.pairs, query.count, headers.pairs, headers.count,
                                  body ? body->data : NULL, body ? body->length : 0, address};
    RespondToken token = {connection, MHD_NO, 0};
    server->handler(server->context, &request, respond, &token);
    if (!token.responded) {
        static const char fallback[] = "{\"error\":{\"status\":500,\"message\":\"no response\"}}";
        GongshiHTTPResponse response = {500, fallback, sizeof fallback - 1, NULL, 0, NULL};
        respond(&token, &response);
    }
    return token.result;
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
    struct MHD_OptionItem items[] = {
        {MHD_OPTION_SOCK_ADDR, 0, &address},
        {MHD_OPTION_THREAD_POOL_SIZE, options->threads > 0 ? options->threads : 2, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, options->connectionLimit > 0 ? options->connectionLimit : 256, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, options->timeoutSeconds > 0 ? options->timeoutSeconds : 30, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)(options->memoryLimit > 0 ? options->memoryLimit : 32 * 1024), NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    server->daemon = MHD_start_daemon(flags, 0, NULL, NULL, answer, server, MHD_OPTION_ARRAY, items, MHD_OPTION_END);
    if (!server->daemon) {
        snprintf(error, errorCapacity, "libmicrohttpd could not start on %s:%u (port in use?)",
                 options->host ? options->host : "127.0.0.1", options->port);
        free(server);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info ? info->port : options->port;
    return server;
}

unsigned short gongshi_http_port(const GongshiHTTPServer *server) { return server ? server->port : 0; }

void gongshi_http_stop(GongshiHTTPServer *server) {
    if (!server) return;
    /* Stop accepting first, then let the workers finish what they are answering. */
    MHD_socket listener = MHD_quiesce_daemon(server->daemon);
    MHD_stop_daemon(server->daemon);
    /* The quiesced socket is ours to close, after the daemon's threads are gone. */
    if (listener != MHD_INVALID_SOCKET) close(listener);
    free(server);
}
