/*
** libmicrohttpd glue: start/stop with an options array, and an access handler that
** answers on the second call (answering on the first makes 0.9.75 close keep-alive
** connections), collects the query and a few headers, and hands them to Swift.
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
    (void)upload;
    GongshiHTTPServer *server = cls;
    if (*state == NULL) {          /* first call: headers only; answer on the next one */
        *state = &firstCallMarker;
        return MHD_YES;
    }
    if (*uploadSize != 0) {        /* request bodies are not used: drop them */
        *uploadSize = 0;
        return MHD_YES;
    }
    PairList query = {.count = 0}, headers = {.count = 0};
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collectPair, &query);
    MHD_get_connection_values(connection, MHD_HEADER_KIND, collectPair, &headers);
    GongshiHTTPRequest request = {method, url, query.pairs, query.count, headers.pairs, headers.count};
    RespondToken token = {connection, MHD_NO, 0};
    server->handler(server->context, &request, respond, &token);
    if (!token.responded) {
        static const char body[] = "{\"error\":{\"status\":500,\"message\":\"no response\"}}";
        GongshiHTTPResponse fallback = {500, body, sizeof body - 1, NULL, 0, NULL};
        respond(&token, &fallback);
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
