/*
** The ceiling for the web benchmark: a minimal libmicrohttpd server (epoll and
** libmicrohttpd's own thread pool), answering "hello" to every request.
*/
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int firstCall;

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload, size_t *uploadSize, void **state) {
    (void)cls; (void)url; (void)method; (void)version; (void)upload; (void)uploadSize;
    if (*state == NULL) { *state = &firstCall; return MHD_YES; }
    static const char body[] = "hello";
    struct MHD_Response *r = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result rc = MHD_queue_response(connection, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return rc;
}

int main(int argc, char **argv) {
    unsigned short port = argc > 1 ? (unsigned short)atoi(argv[1]) : 8282;
    unsigned threads = argc > 2 ? (unsigned)atoi(argv[2]) : 4;
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, port, NULL, NULL,
                                            answer, NULL, MHD_OPTION_THREAD_POOL_SIZE, threads,
                                            MHD_OPTION_CONNECTION_LIMIT, 512, MHD_OPTION_END);
    if (!d) { fprintf(stderr, "cannot start on %u\n", port); return 1; }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int sig;
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    return 0;
}
