/*
 * SSE load client for bench/api_bench.ts: the same job as bench/_sse_clients.ts
 * in a single epoll loop, so that the 10,000 subscribers cost the two shared
 * cores as little as subscribers on other machines would.
 *
 * Opens N connections to 127.0.0.1:<port> (in batches of 250, each batch
 * waiting for its response heads), prints {"connected":N,"failed":F}, then
 * reads every connection until each has seen <events> events, measuring
 * now - sent_at (epoch ms stamped by the publisher) for each arrival, and
 * prints one JSON line of percentiles. Gives up after 120 s.
 *
 * Build: cc -O2 -o sse_clients bench/sse_clients.c
 * Usage: sse_clients <port> <subscribers> <events>
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 250
#define BUF 4096

struct conn {
  int fd;
  int head; /* response head seen */
  int received;
  int len;
  char buf[BUF];
};

static const char REQUEST[] =
    "GET /api/v1/stream?types=alert HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    "Accept: text/event-stream\r\n\r\n";

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cmp(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return (x > y) - (x < y);
}

static long long *delays;
static long long ndelays, capacity;

/* Consumes complete blocks ("\n\n"-terminated); keeps a partial one. */
static void consume(struct conn *c, long long now) {
  static const char key[] = "\"sent_at\":";
  int start = 0;
  for (;;) {
    char *end = memmem(c->buf + start, c->len - start, "\n\n", 2);
    if (!end) break;
    int stop = (int)(end - c->buf) + 2;
    char *at = memmem(c->buf + start, stop - start, key, sizeof key - 1);
    if (at && ndelays < capacity) {
      delays[ndelays++] = now - atoll(at + sizeof key - 1);
      c->received++;
    }
    start = stop;
  }
  if (!c->head) {
    char *h = memmem(c->buf, c->len, "\r\n\r\n", 4);
    if (h) c->head = 1;
  }
  if (start > 0) {
    memmove(c->buf, c->buf + start, c->len - start);
    c->len -= start;
  }
  if (c->len == BUF) c->len = 0; /* a block larger than the buffer: not ours */
}

/* Reads what one ready connection has; returns 0, or -1 once it closed or failed (then closed here). */
static int read_ready(int ep, struct conn *c) {
  ssize_t got = recv(c->fd, c->buf + c->len, BUF - c->len, MSG_DONTWAIT);
  if (got > 0) {
    c->len += (int)got;
    consume(c, now_ms());
    return 0;
  }
  if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  c->fd = -1;
  return -1;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: sse_clients <port> <subscribers> <events>\n");
    return 2;
  }
  int port = atoi(argv[1]), n = atoi(argv[2]), events = atoi(argv[3]);
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  struct conn *conns = calloc(n, sizeof *conns);
  capacity = (long long)n * events;
  delays = calloc((size_t)capacity + 1, sizeof *delays);
  int ep = epoll_create1(0);
  if (!conns || !delays || ep < 0) {
    perror("sse_clients");
    return 1;
  }
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  int connected = 0, failed = 0;
  struct epoll_event evs[512];

  for (int i = 0; i < n; i += BATCH) {
    int last = i + BATCH < n ? i + BATCH : n, waiting = 0;
    for (int j = i; j < last; j++) {
      struct conn *c = &conns[j];
      c->fd = socket(AF_INET, SOCK_STREAM, 0);
      if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&addr, sizeof addr) != 0 ||
          send(c->fd, REQUEST, sizeof REQUEST - 1, 0) != (ssize_t)(sizeof REQUEST - 1)) {
        if (c->fd >= 0) close(c->fd);
        c->fd = -1;
        failed++;
        continue;
      }
      int one = 1;
      setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
      epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
      waiting++;
    }
    long long deadline = now_ms() + 30000;
    while (waiting > 0 && now_ms() < deadline) {
      int k = epoll_wait(ep, evs, 512, 1000);
      for (int e = 0; e < k; e++) {
        struct conn *c = evs[e].data.ptr;
        int had = c->head;
        if (read_ready(ep, c) < 0) {
          failed++;
          if (!had) waiting--;
          continue;
        }
        if (!had && c->head) {
          connected++;
          waiting--;
        }
      }
    }
  }
  printf("{\"connected\":%d,\"failed\":%d}\n", connected, failed);
  fflush(stdout);

  long long expected = (long long)connected * events;
  long long deadline = now_ms() + 120000;
  while (ndelays < expected && now_ms() < deadline) {
    int k = epoll_wait(ep, evs, 512, 1000);
    for (int e = 0; e < k; e++) read_ready(ep, evs[e].data.ptr);
  }
  for (int i = 0; i < n; i++) {
    if (conns[i].fd >= 0) close(conns[i].fd);
  }
  qsort(delays, ndelays, sizeof *delays, cmp);
  long long p50 = ndelays ? delays[ndelays / 2] : -1;
  long long p99 = ndelays ? delays[ndelays * 99 / 100 < ndelays ? ndelays * 99 / 100 : ndelays - 1] : -1;
  long long max = ndelays ? delays[ndelays - 1] : -1;
  printf("{\"deliveries\":%lld,\"expected\":%lld,\"failed\":%d,\"p50_ms\":%lld,\"p99_ms\":%lld,"
         "\"max_ms\":%lld}\n",
         ndelays, (long long)n * events, failed, p50, p99, max);
  return 0;
}
