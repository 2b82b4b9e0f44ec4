// wsload: a small native WebSocket load client for bench:fanout.
// A Node client caps near 100k deliveries/s on this machine, below what uWS
// serves; this one, with epoll and no allocation per frame, does not.
//
// Opens N connections to ws://HOST:PORT/PATH, sends each one binary frame
// (the subscribe payload given as hex, one per connection round-robin), then
// reads server frames: each binary frame that is a ServerFrame{odds} has its
// OddsUpdate.published_at_ms read to histogram publish-to-client latency.
// Every REPORT_MS it prints one line: "t_ms deliveries" (cumulative); at the
// end (and on SIGUSR1, which also resets it) a JSON line with the latency
// histogram (1 ms buckets, since published_at_ms has 1 ms resolution) and its
// own CPU time.
//
// usage: wsload HOST PORT PATH CONNECTIONS DURATION_MS HEX_PAYLOAD[,HEX_PAYLOAD...]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF 65536
#define HIST 10000

typedef struct {
  int fd;
  int open;          /* handshake done */
  size_t len;        /* bytes in buf */
  unsigned char buf[BUF];
  const unsigned char *sub;
  size_t sublen;
} conn_t;

static long long hist[HIST + 1];
static volatile sig_atomic_t dumpRequested;
static void on_usr1(int sig) { (void)sig; dumpRequested = 1; }
static long long deliveries, latencySamples;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}
static double mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int varint(const unsigned char *p, size_t n, size_t *i, uint64_t *out) {
  uint64_t v = 0;
  int shift = 0;
  while (*i < n && shift < 64) {
    unsigned char b = p[(*i)++];
    v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) { *out = v; return 1; }
    shift += 7;
  }
  return 0;
}

/* ServerFrame field 1 (odds) -> OddsUpdate field 7 (published_at_ms). */
static void on_message(const unsigned char *p, size_t n) {
  size_t i = 0;
  uint64_t key, len;
  if (!varint(p, n, &i, &key) || key != ((1 << 3) | 2)) return;
  if (!varint(p, n, &i, &len) || i + len > n) return;
  deliveries++;
  size_t end = i + len;
  while (i < end) {
    uint64_t k, v;
    if (!varint(p, end, &i, &k)) return;
    int wt = k & 7, field = k >> 3;
    if (wt == 0) {
      if (!varint(p, end, &i, &v)) return;
      if (field == 7) {
        double lat = now_ms() - (double)v;
        long b = lat < 0 ? 0 : (long)lat;
        hist[b > HIST ? HIST : b]++;
        latencySamples++;
        return;
      }
    } else if (wt == 2) {
      if (!varint(p, end, &i, &v)) return;
      i += v;
    } else if (wt == 1) i += 8;
    else if (wt == 5) i += 4;
    else return;
  }
}

static void send_all(int fd, const void *data, size_t n) {
  const char *p = data;
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) { if (errno == EAGAIN || errno == EINTR) continue; return; }
    p += w; n -= (size_t)w;
  }
}

/* A masked binary client frame (mask 0: the XOR is the identity, which the protocol allows). */
static void send_frame(int fd, unsigned char opcode, const unsigned char *payload, size_t n) {
  unsigned char h[14];
  size_t hl = 0;
  h[hl++] = 0x80 | opcode;
  if (n < 126) h[hl++] = 0x80 | (unsigned char)n;
  else { h[hl++] = 0x80 | 126; h[hl++] = (n >> 8) & 0xff; h[hl++] = n & 0xff; }
  memset(h + hl, 0, 4); hl += 4;
  send_all(fd, h, hl);
  if (n) send_all(fd, payload, n);
}

static void consume(conn_t *c) {
  size_t off = 0;
  if (!c->open) {
    unsigned char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
    if (!end) return;
    off = (size_t)(end - c->buf) + 4;
    c->open = 1;
    send_frame(c->fd, 0x2, c->sub, c->sublen);
  }
  while (c->len - off >= 2) {
    unsigned char *f = c->buf + off;
    unsigned char op = f[0] & 0x0f;
    uint64_t n = f[1] & 0x7f;
    size_t hl = 2;
    if (n == 126) { if (c->len - off < 4) break; n = ((uint64_t)f[2] << 8) | f[3]; hl = 4; }
    else if (n == 127) { if (c->len - off < 10) break; n = 0; for (int k = 0; k < 8; k++) n = (n << 8) | f[2 + k]; hl = 10; }
    if (c->len - off < hl + n) break;
    if (op == 0x2) on_message(f + hl, (size_t)n);
    else if (op == 0x9) send_frame(c->fd, 0xA, f + hl, (size_t)n); /* pong */
    off += hl + (size_t)n;
  }
  memmove(c->buf, c->buf + off, c->len - off);
  c->len -= off;
}

static unsigned char *unhex(const char *s, size_t *n) {
  size_t l = strlen(s) / 2;
  unsigned char *out = malloc(l);
  for (size_t i = 0; i < l; i++) sscanf(s + 2 * i, "%2hhx", &out[i]);
  *n = l;
  return out;
}

static void dump(double elapsed) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = ru.ru_utime.tv_sec * 1000.0 + ru.ru_utime.tv_usec / 1000.0 + ru.ru_stime.tv_sec * 1000.0 + ru.ru_stime.tv_usec / 1000.0;
  printf("{\"deliveries\":%lld,\"samples\":%lld,\"cpuMs\":%.0f,\"elapsedMs\":%.0f,\"hist\":[", deliveries, latencySamples, cpu, elapsed);
  int last = HIST;
  while (last > 0 && hist[last] == 0) last--;
  for (int b = 0; b <= last; b++) printf("%s%lld", b ? "," : "", hist[b]);
  printf("]}\n");
  fflush(stdout);
  memset(hist, 0, sizeof hist);
  latencySamples = 0;
}

int main(int argc, char **argv) {
  signal(SIGUSR1, on_usr1);
  if (argc < 7) { fprintf(stderr, "usage: wsload HOST PORT PATH CONNECTIONS DURATION_MS HEX[,HEX...]\n"); return 2; }
  const char *host = argv[1], *path = argv[3];
  int port = atoi(argv[2]), nconn = atoi(argv[4]);
  double duration = atof(argv[5]);
  size_t nsubs = 0, cap = 16;
  unsigned char **subs = malloc(cap * sizeof *subs);
  size_t *sublens = malloc(cap * sizeof *sublens);
  for (char *tok = strtok(argv[6], ","); tok; tok = strtok(NULL, ",")) {
    if (nsubs == cap) { cap *= 2; subs = realloc(subs, cap * sizeof *subs); sublens = realloc(sublens, cap * sizeof *sublens); }
    subs[nsubs] = unhex(tok, &sublens[nsubs]);
    nsubs++;
  }
  int ep = epoll_create1(0);
  conn_t *conns = calloc((size_t)nconn, sizeof *conns);
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
  inet_pton(AF_INET, host, &addr.sin_addr);
  char req[512];
  int reqlen = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", path, host, port);
  for (int i = 0; i < nconn; i++) {
    conn_t *c = &conns[i];
    c->sub = subs[i % nsubs];
    c->sublen = sublens[i % nsubs];
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("connect"); return 1; }
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    send_all(c->fd, req, (size_t)reqlen);
    fcntl(c->fd, F_SETFL, O_NONBLOCK);
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
    epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
  }
  fprintf(stderr, "wsload: %d connections open\n", nconn);
  struct epoll_event events[1024];
  double start = mono_ms(), next = start + 1000;
  while (mono_ms() - start < duration) {
    int n = epoll_wait(ep, events, 1024, 100);
    for (int k = 0; k < n; k++) {
      conn_t *c = events[k].data.ptr;
      for (;;) {
        ssize_t r = read(c->fd, c->buf + c->len, BUF - c->len);
        if (r <= 0) break;
        c->len += (size_t)r;
        consume(c);
        if (c->len == BUF) break;
      }
    }
    if (dumpRequested) {
      dumpRequested = 0;
      dump(mono_ms() - start);
    }
    if (mono_ms() >= next) {
      printf("%.0f %lld\n", mono_ms() - start, deliveries);
      fflush(stdout);
      next += 1000;
    }
  }
  dump(mono_ms() - start);
  return 0;
}
