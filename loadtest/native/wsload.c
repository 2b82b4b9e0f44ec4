// wsload — a small native WebSocket fan-out load generator (one thread, epoll).
//
// Opens N client connections to one server on 127.0.0.1, subscribes each to K
// of E events, and reads every frame the server pushes: for each odds update
// it takes the publish time (published_at_ms) and the sequence number, and
// records publish-to-client latency in a log-linear histogram and per-event
// sequence gaps. The orchestrator (loadtest/fanout/run.mjs) drives it over
// stdin/stdout, one command per line:
//   s   print counters as one JSON line
//   h   print the latency histogram (non-empty buckets) as one JSON line and clear it
//   q   exit
// EOF on stdin also exits. Built at bench time: gcc -O2 -o build/wsload wsload.c
//
// Modes (the server's wire format):
//   og   oddsgate: binary protobuf ClientFrame{subscribe}; ServerFrame{odds|snapshot|...}
//   raw  bare uWS / ws peers: text frame "ev1,ev2"; answer text "ok"; then binary
//        OddsUpdate payloads (published_at_ms = field 7, seq = field 5)
//   sio  Socket.IO v4 over the Engine.IO websocket transport: "40" connect,
//        420["subscribe",[...]] with ack 430[...], then 42["odds",{...,"seq":N,"publishedAtMs":T}];
//        Engine.IO pings "2" are answered "3"
//
// Only what these servers send is implemented: no TLS, no fragmented messages
// (counted as unknown), no extensions. Client frames are masked as RFC 6455 requires.
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
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MODE_OG, MODE_RAW, MODE_SIO };
enum { ST_IDLE, ST_CONNECTING, ST_HANDSHAKE, ST_OPEN, ST_READY, ST_DEAD };

typedef struct {
  int fd;
  uint8_t state;
  uint8_t attempts;
  uint16_t pending;  // og: snapshots still awaited
  uint8_t *buf;      // bytes not yet parsed (partial frame / HTTP head)
  uint32_t len, cap;
  uint8_t *out;      // bytes not yet written
  uint32_t outlen;
  double retry_at;
} conn_t;

static int g_mode = MODE_OG;
static int g_port = 0;
static const char *g_path = "/v1/ws";
static const char *g_prefix = "match-";
static int g_conns = 1000, g_events = 200, g_per = 2, g_first = 0, g_concurrency = 256;
static conn_t *C;
static int *EV;         // EV[i*per + j]: event number (1-based) of connection i, slot j
static int64_t *LAST;   // LAST[i*per + j]: last seq seen (-1: none yet)
static int ep;

// counters
static uint64_t c_frames, c_odds, c_snap, c_bytes, c_err, c_stale, c_gap_events, c_missing, c_dups, c_unknown, c_pings, c_neg, c_closed, c_failed, c_connect_errors;
static int n_connecting, n_open, n_ready, n_dead, next_idx, n_retry;
static char first_error[256];

// Histogram of latency in microseconds: 1 us buckets below 10 ms, 10 us below 1 s, 1 ms below 60 s.
#define H1 10000
#define H2 (H1 + 99000)
#define H3 (H2 + 59000)
static uint64_t HIST[H3 + 1];
static uint64_t h_count;

static inline int hidx(int64_t us) {
  if (us < 0) us = 0;
  if (us < 10000) return (int)us;
  if (us < 1000000) return H1 + (int)((us - 10000) / 10);
  if (us < 60000000) return H2 + (int)((us - 1000000) / 1000);
  return H3;
}
static inline int64_t hval(int i) {
  if (i < H1) return i;
  if (i < H2) return 10000 + (int64_t)(i - H1) * 10 + 5;
  if (i < H3) return 1000000 + (int64_t)(i - H2) * 1000 + 500;
  return 60000000;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}
static inline int64_t wall_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static uint32_t rng = 0x12345678;
static inline uint32_t xr(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

static void kill_conn(int i, int failed);

static void flush_out(int i) {
  conn_t *c = &C[i];
  while (c->outlen > 0) {
    ssize_t w = send(c->fd, c->out, c->outlen, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      kill_conn(i, 1);
      return;
    }
    memmove(c->out, c->out + w, c->outlen - w);
    c->outlen -= (uint32_t)w;
  }
  struct epoll_event e = {.events = EPOLLIN | (c->outlen ? EPOLLOUT : 0), .data.u32 = (uint32_t)i};
  epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
}

static void queue_out(int i, const uint8_t *p, size_t n) {
  conn_t *c = &C[i];
  c->out = realloc(c->out, c->outlen + n);
  memcpy(c->out + c->outlen, p, n);
  c->outlen += (uint32_t)n;
  flush_out(i);
}

// One masked client frame.
static void send_frame(int i, int opcode, const uint8_t *payload, size_t n) {
  uint8_t hdr[14];
  size_t h = 0;
  hdr[h++] = 0x80 | (uint8_t)opcode;
  if (n < 126) {
    hdr[h++] = 0x80 | (uint8_t)n;
  } else if (n < 65536) {
    hdr[h++] = 0x80 | 126;
    hdr[h++] = (uint8_t)(n >> 8);
    hdr[h++] = (uint8_t)n;
  } else {
    hdr[h++] = 0x80 | 127;
    for (int k = 7; k >= 0; k--) hdr[h++] = (uint8_t)((uint64_t)n >> (8 * k));
  }
  uint32_t m = xr();
  uint8_t mask[4] = {(uint8_t)m, (uint8_t)(m >> 8), (uint8_t)(m >> 16), (uint8_t)(m >> 24)};
  memcpy(hdr + h, mask, 4);
  h += 4;
  uint8_t *f = malloc(h + n);
  memcpy(f, hdr, h);
  for (size_t k = 0; k < n; k++) f[h + k] = payload[k] ^ mask[k & 3];
  queue_out(i, f, h + n);
  free(f);
}

static size_t put_varint(uint8_t *p, uint64_t v) {
  size_t n = 0;
  while (v >= 0x80) {
    p[n++] = (uint8_t)(v | 0x80);
    v >>= 7;
  }
  p[n++] = (uint8_t)v;
  return n;
}

static void send_subscribe(int i) {
  char ids[64][72];
  int per = g_per > 64 ? 64 : g_per;
  for (int j = 0; j < per; j++) snprintf(ids[j], sizeof ids[j], "%s%d", g_prefix, EV[(size_t)i * g_per + j]);
  uint8_t buf[8192];
  size_t n = 0;
  if (g_mode == MODE_OG) {
    // ClientFrame{ subscribe(1) { events(1) { event_id(1) } ... } }
    uint8_t inner[8000];
    size_t in = 0;
    for (int j = 0; j < per; j++) {
      size_t l = strlen(ids[j]);
      inner[in++] = 0x0a;              // events, LEN
      in += put_varint(inner + in, l + 2);
      inner[in++] = 0x0a;              // event_id, LEN
      in += put_varint(inner + in, l);
      memcpy(inner + in, ids[j], l);
      in += l;
    }
    buf[n++] = 0x0a;
    n += put_varint(buf + n, in);
    memcpy(buf + n, inner, in);
    n += in;
    C[i].pending = (uint16_t)per;
    send_frame(i, 2, buf, n);
  } else if (g_mode == MODE_RAW) {
    for (int j = 0; j < per; j++) n += (size_t)sprintf((char *)buf + n, "%s%s", j ? "," : "", ids[j]);
    send_frame(i, 1, buf, n);
  } else {
    n += (size_t)sprintf((char *)buf, "420[\"subscribe\",[");
    for (int j = 0; j < per; j++) n += (size_t)sprintf((char *)buf + n, "%s\"%s\"", j ? "," : "", ids[j]);
    n += (size_t)sprintf((char *)buf + n, "]]");
    send_frame(i, 1, buf, n);
  }
}

static void set_ready(int i) {
  if (C[i].state == ST_OPEN) {
    C[i].state = ST_READY;
    n_ready++;
  }
}

static void note_error(const char *what, const uint8_t *p, size_t n) {
  if (first_error[0]) return;
  size_t l = n < 160 ? n : 160;
  char tmp[200];
  size_t k = 0;
  for (size_t x = 0; x < l; x++) tmp[k++] = (p[x] >= 32 && p[x] < 127 && p[x] != '"' && p[x] != '\\') ? (char)p[x] : '.';
  tmp[k] = 0;
  snprintf(first_error, sizeof first_error, "%s: %s", what, tmp);
}

static int read_varint(const uint8_t **pp, const uint8_t *end, uint64_t *out) {
  uint64_t v = 0;
  int shift = 0;
  const uint8_t *p = *pp;
  while (p < end && shift < 64) {
    uint8_t b = *p++;
    v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *pp = p;
      *out = v;
      return 1;
    }
    shift += 7;
  }
  return 0;
}

// Event number from an id like "<prefix><n>"; -1 if it does not look like one.
static int event_num(const uint8_t *s, size_t n) {
  size_t pl = strlen(g_prefix);
  if (n <= pl || memcmp(s, g_prefix, pl) != 0) return -1;
  int v = 0;
  for (size_t k = pl; k < n; k++) {
    if (s[k] < '0' || s[k] > '9') return -1;
    v = v * 10 + (s[k] - '0');
  }
  return v;
}

static int64_t *slot_for(int i, int ev) {
  for (int j = 0; j < g_per; j++)
    if (EV[(size_t)i * g_per + j] == ev) return &LAST[(size_t)i * g_per + j];
  return NULL;
}

static void on_update(int i, int ev, uint64_t seq, uint64_t pub_ms, int64_t now) {
  c_odds++;
  if (pub_ms) {
    int64_t lat = now - (int64_t)pub_ms * 1000;
    if (lat < 0) c_neg++;
    HIST[hidx(lat)]++;
    h_count++;
  }
  int64_t *last = ev >= 0 ? slot_for(i, ev) : NULL;
  if (last && seq) {
    if (*last >= 0) {
      if ((int64_t)seq == *last + 1) {
      } else if ((int64_t)seq > *last + 1) {
        c_gap_events++;
        c_missing += seq - (uint64_t)*last - 1;
      } else {
        c_dups++;
      }
    }
    if ((int64_t)seq > *last) *last = (int64_t)seq;
  }
}

// Fields 1 (event_id), 5 (seq), 7 (published_at_ms) of an OddsUpdate.
static void parse_odds(int i, const uint8_t *p, const uint8_t *end, int64_t now) {
  uint64_t seq = 0, pub = 0;
  int ev = -1;
  while (p < end) {
    uint64_t tag, v;
    if (!read_varint(&p, end, &tag)) return;
    int wt = (int)(tag & 7), f = (int)(tag >> 3);
    if (wt == 0) {
      if (!read_varint(&p, end, &v)) return;
      if (f == 5) seq = v;
      else if (f == 7) pub = v;
    } else if (wt == 2) {
      if (!read_varint(&p, end, &v) || v > (uint64_t)(end - p)) return;
      if (f == 1) ev = event_num(p, (size_t)v);
      p += v;
    } else if (wt == 1) {
      p += 8;
    } else if (wt == 5) {
      p += 4;
    } else {
      return;
    }
  }
  on_update(i, ev, seq, pub, now);
}

static void on_og(int i, const uint8_t *p, size_t n, int64_t now) {
  const uint8_t *end = p + n;
  uint64_t tag, len;
  if (!read_varint(&p, end, &tag) || (tag & 7) != 2 || !read_varint(&p, end, &len) || len > (uint64_t)(end - p)) {
    c_unknown++;
    return;
  }
  const uint8_t *q = p, *qe = p + len;
  switch (tag >> 3) {
    case 1:
      parse_odds(i, q, qe, now);
      break;
    case 2: {  // Snapshot: event_id 1, seq 4
      c_snap++;
      int ev = -1;
      uint64_t seq = 0;
      while (q < qe) {
        uint64_t t, v;
        if (!read_varint(&q, qe, &t)) break;
        if ((t & 7) == 0) {
          if (!read_varint(&q, qe, &v)) break;
          if ((t >> 3) == 4) seq = v;
        } else if ((t & 7) == 2) {
          if (!read_varint(&q, qe, &v) || v > (uint64_t)(qe - q)) break;
          if ((t >> 3) == 1) ev = event_num(q, (size_t)v);
          q += v;
        } else {
          break;
        }
      }
      int64_t *last = ev >= 0 ? slot_for(i, ev) : NULL;
      if (last) *last = (int64_t)seq;
      if (C[i].pending > 0 && --C[i].pending == 0) set_ready(i);
      break;
    }
    case 4:
      c_err++;
      note_error("error frame", q, len);
      break;
    case 5:
      c_stale++;
      break;
    default:
      break;  // welcome, pong
  }
}

static const uint8_t *find(const uint8_t *p, size_t n, const char *needle) {
  return memmem(p, n, needle, strlen(needle));
}

static uint64_t json_uint_after(const uint8_t *p, size_t n, const char *key) {
  const uint8_t *k = find(p, n, key);
  if (!k) return 0;
  const uint8_t *e = p + n;
  k += strlen(key);
  uint64_t v = 0;
  while (k < e && *k >= '0' && *k <= '9') v = v * 10 + (uint64_t)(*k++ - '0');
  return v;
}

static void on_sio(int i, const uint8_t *p, size_t n, int64_t now) {
  if (n == 0) return;
  switch (p[0]) {
    case '0':
      send_frame(i, 1, (const uint8_t *)"40", 2);  // Engine.IO open: connect to namespace "/"
      return;
    case '2':
      c_pings++;
      send_frame(i, 1, (const uint8_t *)"3", 1);
      return;
    case '4':
      break;
    default:
      return;
  }
  if (n < 2) return;
  if (p[1] == '0') {  // namespace connected
    send_subscribe(i);
  } else if (p[1] == '3') {  // ack of the subscribe
    set_ready(i);
  } else if (p[1] == '2') {
    const uint8_t *ev = find(p, n, "\"eventId\":\"");
    int num = -1;
    if (ev) {
      ev += 11;
      const uint8_t *q = ev;
      while (q < p + n && *q != '"') q++;
      num = event_num(ev, (size_t)(q - ev));
    }
    on_update(i, num, json_uint_after(p, n, "\"seq\":"), json_uint_after(p, n, "\"publishedAtMs\":"), now);
  } else if (p[1] == '4') {
    c_err++;
    note_error("socket.io connect error", p, n);
  }
}

static void on_message(int i, int op, const uint8_t *p, size_t n, int64_t now) {
  c_frames++;
  if (g_mode == MODE_OG) {
    if (op == 2) on_og(i, p, n, now);
    else c_unknown++;
  } else if (g_mode == MODE_RAW) {
    if (op == 2) parse_odds(i, p, p + n, now);
    else if (n == 2 && p[0] == 'o' && p[1] == 'k') set_ready(i);
    else c_unknown++;
  } else {
    if (op == 1) on_sio(i, p, n, now);
    else c_unknown++;
  }
}

// Parses complete frames from p[0..n); returns bytes consumed, or -1 if the connection died.
static ssize_t parse_frames(int i, uint8_t *p, size_t n) {
  size_t off = 0;
  int64_t now = wall_us();
  while (n - off >= 2) {
    uint8_t *f = p + off;
    int op = f[0] & 0x0f;
    int masked = f[1] & 0x80;
    uint64_t len = f[1] & 0x7f;
    size_t h = 2;
    if (len == 126) {
      if (n - off < 4) break;
      len = ((uint64_t)f[2] << 8) | f[3];
      h = 4;
    } else if (len == 127) {
      if (n - off < 10) break;
      len = 0;
      for (int k = 0; k < 8; k++) len = (len << 8) | f[2 + k];
      h = 10;
    }
    if (masked) h += 4;
    if ((uint64_t)(n - off) < h + len) break;
    uint8_t *pl = f + h;
    if (masked)
      for (uint64_t k = 0; k < len; k++) pl[k] ^= f[h - 4 + (k & 3)];
    c_bytes += h + len;
    if (op == 0x9) {
      c_pings++;
      send_frame(i, 0xA, pl, (size_t)len);
    } else if (op == 0x8) {
      c_closed++;
      if (!first_error[0]) {
        char code[64];
        snprintf(code, sizeof code, "close frame code %d", len >= 2 ? (pl[0] << 8) | pl[1] : 0);
        note_error(code, len > 2 ? pl + 2 : pl, len > 2 ? (size_t)len - 2 : 0);
      }
      kill_conn(i, 0);
      return -1;
    } else if (op == 0x1 || op == 0x2) {
      on_message(i, op, pl, (size_t)len, now);
    } else if (op != 0xA) {
      c_unknown++;
    }
    if (C[i].state == ST_DEAD) return -1;
    off += h + (size_t)len;
  }
  return (ssize_t)off;
}

static void kill_conn(int i, int failed) {
  conn_t *c = &C[i];
  if (c->state == ST_DEAD || c->state == ST_IDLE) return;
  if (c->state == ST_READY) n_ready--;
  if (c->state == ST_CONNECTING || c->state == ST_HANDSHAKE) n_connecting--;
  if (c->state == ST_OPEN || c->state == ST_READY) n_open--;
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  c->fd = -1;
  free(c->buf);
  c->buf = NULL;
  c->len = c->cap = 0;
  free(c->out);
  c->out = NULL;
  c->outlen = 0;
  // A connection that failed before opening is retried a few times (accept queue full, ...).
  if (failed && c->attempts < 8 && (c->state == ST_CONNECTING || c->state == ST_HANDSHAKE)) {
    c->state = ST_IDLE;
    c->retry_at = now_s() + 0.05 * c->attempts;
    n_retry++;
    return;
  }
  c->state = ST_DEAD;
  n_dead++;
  if (failed) c_failed++;
}

static void start_conn(int i) {
  conn_t *c = &C[i];
  c->attempts++;
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    c_connect_errors++;
    if (!first_error[0]) snprintf(first_error, sizeof first_error, "socket(): %s", strerror(errno));
    c->state = ST_DEAD;
    n_dead++;
    c_failed++;
    return;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)g_port)};
  a.sin_addr.s_addr = htonl(0x7f000001);
  c->fd = fd;
  c->state = ST_CONNECTING;
  n_connecting++;
  int r = connect(fd, (struct sockaddr *)&a, sizeof a);
  struct epoll_event e = {.events = EPOLLIN | EPOLLOUT, .data.u32 = (uint32_t)i};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
  if (r < 0 && errno != EINPROGRESS) {
    c_connect_errors++;
    kill_conn(i, 1);
  }
}

static void on_connected(int i) {
  conn_t *c = &C[i];
  int err = 0;
  socklen_t l = sizeof err;
  getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
  if (err) {
    c_connect_errors++;
    kill_conn(i, 1);
    return;
  }
  c->state = ST_HANDSHAKE;
  char req[512];
  int n = snprintf(req, sizeof req,
                   "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n%s\r\n",
                   g_path, g_port, g_mode == MODE_OG ? "Sec-WebSocket-Protocol: oddsgate.v1\r\n" : "");
  queue_out(i, (const uint8_t *)req, (size_t)n);
}

static uint8_t RBUF[1 << 20];

static void append(conn_t *c, const uint8_t *p, size_t n) {
  if (c->len + n > c->cap) {
    c->cap = (uint32_t)((c->len + n) * 2 + 256);
    c->buf = realloc(c->buf, c->cap);
  }
  memcpy(c->buf + c->len, p, n);
  c->len += (uint32_t)n;
}

static void on_readable(int i) {
  conn_t *c = &C[i];
  ssize_t r = recv(c->fd, RBUF, sizeof RBUF, 0);
  if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
    if (c->state == ST_OPEN || c->state == ST_READY) c_closed++;
    kill_conn(i, 1);
    return;
  }
  if (r < 0) return;
  if (c->state == ST_HANDSHAKE) {
    append(c, RBUF, (size_t)r);
    uint8_t *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
    if (!end) return;
    if (c->len < 12 || memcmp(c->buf + 9, "101", 3) != 0) {
      note_error("upgrade refused", c->buf, c->len);
      kill_conn(i, 1);
      return;
    }
    size_t head = (size_t)(end - c->buf) + 4;
    memmove(c->buf, c->buf + head, c->len - head);
    c->len -= (uint32_t)head;
    c->state = ST_OPEN;
    n_connecting--;
    n_open++;
    if (g_mode != MODE_SIO) send_subscribe(i);
    if (c->len) {
      ssize_t used = parse_frames(i, c->buf, c->len);
      if (used < 0) return;
      memmove(c->buf, c->buf + used, c->len - (size_t)used);
      c->len -= (uint32_t)used;
    }
    return;
  }
  if (c->len == 0) {
    ssize_t used = parse_frames(i, RBUF, (size_t)r);
    if (used < 0) return;
    if (used < r) append(c, RBUF + used, (size_t)(r - used));
  } else {
    append(c, RBUF, (size_t)r);
    ssize_t used = parse_frames(i, c->buf, c->len);
    if (used < 0) return;
    memmove(c->buf, c->buf + used, c->len - (size_t)used);
    c->len -= (uint32_t)used;
  }
  // Give back memory of a drained big buffer (idle memory of the generator stays small).
  if (c->len == 0 && c->cap > 4096) {
    free(c->buf);
    c->buf = NULL;
    c->cap = 0;
  }
}

static void print_stats(void) {
  printf("{\"conns\":%d,\"connecting\":%d,\"open\":%d,\"ready\":%d,\"dead\":%d,\"started\":%d,\"frames\":%lu,\"odds\":%lu,\"snapshots\":%lu,"
         "\"bytes\":%lu,\"errors\":%lu,\"stale\":%lu,\"gapEvents\":%lu,\"missing\":%lu,\"dups\":%lu,\"unknown\":%lu,\"pings\":%lu,"
         "\"negativeLatency\":%lu,\"closed\":%lu,\"failed\":%lu,\"connectErrors\":%lu,\"firstError\":\"%s\"}\n",
         g_conns, n_connecting, n_open, n_ready, n_dead, next_idx, c_frames, c_odds, c_snap, c_bytes, c_err, c_stale, c_gap_events,
         c_missing, c_dups, c_unknown, c_pings, c_neg, c_closed, c_failed, c_connect_errors, first_error);
  fflush(stdout);
}

static void print_hist(void) {
  fputs("{\"count\":", stdout);
  printf("%lu,\"buckets\":[", h_count);
  int first = 1;
  for (int k = 0; k <= H3; k++) {
    if (!HIST[k]) continue;
    printf("%s[%ld,%lu]", first ? "" : ",", (long)hval(k), HIST[k]);
    first = 0;
    HIST[k] = 0;
  }
  h_count = 0;
  fputs("]}\n", stdout);
  fflush(stdout);
}

static char cmdbuf[256];
static size_t cmdlen;

static int on_stdin(void) {
  ssize_t r = read(0, cmdbuf + cmdlen, sizeof cmdbuf - cmdlen);
  if (r <= 0) return 0;
  cmdlen += (size_t)r;
  for (;;) {
    char *nl = memchr(cmdbuf, '\n', cmdlen);
    if (!nl) break;
    char cmd = cmdbuf[0];
    size_t used = (size_t)(nl - cmdbuf) + 1;
    memmove(cmdbuf, cmdbuf + used, cmdlen - used);
    cmdlen -= used;
    if (cmd == 's') print_stats();
    else if (cmd == 'h') print_hist();
    else if (cmd == 'q') return 0;
  }
  if (cmdlen == sizeof cmdbuf) cmdlen = 0;
  return 1;
}

static void usage(void) {
  fprintf(stderr, "usage: wsload --port P [--path /v1/ws] [--mode og|raw|sio] [--conns N] [--events E] [--per K] [--first I] [--prefix match-] [--concurrency C]\n");
  exit(2);
}

int main(int argc, char **argv) {
  for (int a = 1; a < argc; a++) {
    const char *k = argv[a];
    if (a + 1 >= argc) usage();
    const char *v = argv[++a];
    if (!strcmp(k, "--port")) g_port = atoi(v);
    else if (!strcmp(k, "--path")) g_path = v;
    else if (!strcmp(k, "--conns")) g_conns = atoi(v);
    else if (!strcmp(k, "--events")) g_events = atoi(v);
    else if (!strcmp(k, "--per")) g_per = atoi(v);
    else if (!strcmp(k, "--first")) g_first = atoi(v);
    else if (!strcmp(k, "--prefix")) g_prefix = v;
    else if (!strcmp(k, "--concurrency")) g_concurrency = atoi(v);
    else if (!strcmp(k, "--mode")) g_mode = !strcmp(v, "og") ? MODE_OG : !strcmp(v, "raw") ? MODE_RAW : !strcmp(v, "sio") ? MODE_SIO : (usage(), 0);
    else usage();
  }
  if (!g_port || g_conns <= 0 || g_per <= 0 || g_per > 64 || g_events <= 0) usage();
  C = calloc((size_t)g_conns, sizeof *C);
  EV = calloc((size_t)g_conns * g_per, sizeof *EV);
  LAST = calloc((size_t)g_conns * g_per, sizeof *LAST);
  // Client (first + i) watches events (first+i)*K .. (first+i)*K + K-1 modulo E: every event gets the same number of subscribers.
  for (int i = 0; i < g_conns; i++)
    for (int j = 0; j < g_per; j++) {
      EV[(size_t)i * g_per + j] = (int)((((int64_t)(g_first + i)) * g_per + j) % g_events) + 1;
      LAST[(size_t)i * g_per + j] = -1;
    }
  ep = epoll_create1(0);
  fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
  struct epoll_event se = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
  epoll_ctl(ep, EPOLL_CTL_ADD, 0, &se);
  struct epoll_event evs[1024];
  for (;;) {
    // Keep at most `concurrency` connections between connect() and the upgrade answer.
    while (n_connecting < g_concurrency && next_idx < g_conns) start_conn(next_idx++);
    if (n_retry > 0 && n_connecting < g_concurrency) {
      double t = now_s();
      for (int i = 0; i < next_idx && n_connecting < g_concurrency; i++)
        if (C[i].state == ST_IDLE && C[i].retry_at <= t) {
          n_retry--;
          start_conn(i);
        }
    }
    int n = epoll_wait(ep, evs, 1024, 50);
    for (int k = 0; k < n; k++) {
      uint32_t i = evs[k].data.u32;
      if (i == UINT32_MAX) {
        if (!on_stdin()) return 0;
        continue;
      }
      conn_t *c = &C[i];
      if (c->state == ST_DEAD || c->state == ST_IDLE) continue;
      if (c->state == ST_CONNECTING) {
        if (evs[k].events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) on_connected((int)i);
        continue;
      }
      if (evs[k].events & EPOLLOUT) flush_out((int)i);
      if (c->state == ST_DEAD) continue;
      if (evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable((int)i);
    }
  }
}
