// wsload — a small native WebSocket fan-out load generator (one thread, epoll).
//
// Opens N client connections to one or more servers (--targets, IPv4
// host:port; --port P is 127.0.0.1:P), optionally from one source address
// (--source 127.0.0.x, so many processes together fit the ephemeral port
// range), subscribes each to K of E events (spread evenly, or drawn from a
// Zipf popularity curve with --zipf S), and reads every frame the server
// pushes: for each odds update it takes the publish time (published_at_ms)
// and the sequence number, and records publish-to-client latency in a
// log-linear histogram and per-client, per-event sequence gaps/duplicates.
//
// oddsgate mode also keeps each subscription's resume point (epoch, offset)
// and, when a connection drops (server close, EOF, churn: command c), or a
// Drain frame names a successor and a moment, reconnects and resubscribes
// with resume{epoch, offset}: a CONTINUE snapshot must echo the last seq
// seen, a REPLACE is counted. A share of clients (--conflate-share) subscribe
// with conflate_ms (--conflate-ms): their check is prev_seq == last seq seen.
//
// Driven over stdin/stdout (oddsgate loadtest: src/loadtest/native-driver.ts;
// bench:fanout: loadtest/fanout/run-native.mjs), one command per line:
//   s       print counters as one JSON line
//   h       print the latency histogram (non-empty buckets) as one JSON line and clear it
//   k       print the time-to-connect histogram (connect() to every snapshot in) likewise
//   j       print the latency histogram of the conflated subscriptions likewise
//   c F     reconnect churn: drop and resume a share F of the ready clients per minute
//   o N     ramp: have opened up to N of the connections (default: all of them, at once)
//   r R     ramp: start at most R new connections per second (0: no limit)
//   q       exit
// EOF on stdin also exits. Built at run time: gcc -O2 -o build/wsload wsload.c
//
// Modes (the server's wire format):
//   og   oddsgate: binary protobuf ClientFrame{subscribe}; ServerFrame{odds|snapshot|...}
//   raw  bare uWS / ws peers: text frame "ev1,ev2"; answer text "ok"; then binary
//        OddsUpdate payloads (published_at_ms = field 7, seq = field 5)
//   sio  Socket.IO v4 over the Engine.IO websocket transport: "40" connect,
//        420["subscribe",[...]] with ack 430[...], then 42["odds",{...,"seq":N,"publishedAtMs":T}];
//        Engine.IO pings "2" are answered "3"
//
// TLS (wss://, --tls [--sni host]) only when built with -DWSLOAD_TLS -lssl -lcrypto
// (OpenSSL; certificates are not verified: a load test, not a client). Only
// what these servers send is implemented: no fragmented messages
// (counted as unknown), no extensions. Client frames are masked as RFC 6455 requires.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
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
#ifdef WSLOAD_TLS
#include <openssl/err.h>
#include <openssl/ssl.h>
static SSL_CTX *g_tls;          // non-NULL: every target is wss://
static const char *g_sni;       // server name sent in the TLS hello and the Host header
#endif

enum { MODE_OG, MODE_RAW, MODE_SIO };
enum { ST_IDLE, ST_CONNECTING, ST_TLS, ST_HANDSHAKE, ST_OPEN, ST_READY, ST_DEAD };

typedef struct {
  int fd;
  void *ssl;          // SSL* of a wss:// connection (WSLOAD_TLS builds), else NULL
  uint8_t state;
  uint8_t attempts;   // failed connects in a row
  uint8_t target;     // index into TARGETS
  uint8_t conflated;  // subscribes with conflate_ms
  uint8_t resuming;   // this connection is a reconnect: subscribe with resume points
  uint16_t pending;   // og: snapshots still awaited
  uint16_t move_port; // Drain frame: the successor's port (0: none)
  uint8_t *buf;       // bytes not yet parsed (partial frame / HTTP head)
  uint32_t len, cap;
  uint8_t *out;       // bytes not yet written
  uint32_t outlen;
  double retry_at;    // ST_IDLE: when to (re)connect
  double began_at;    // when this connect episode began (time to connect)
  double move_at;     // Drain frame: when to move (0: no drain)
} conn_t;

// One subscription's position: the last seq seen and the resume point (epoch, offset) after it.
typedef struct {
  int64_t last;  // -1: none yet
  char epoch[24];
  char offset[40];
} slot_t;

typedef struct {
  uint32_t addr;  // network order
  uint16_t port;
} target_t;

static int g_mode = MODE_OG;
static const char *g_path = "/v1/ws";
static const char *g_prefix = "match-";
static int g_conns = 1000, g_events = 200, g_per = 2, g_first = 0, g_concurrency = 256, g_conflate_ms = 0;
static double g_zipf = 0, g_conflate_share = 0, g_churn_per_min = 0, g_arrival_per_sec = 0;
static int g_open_target = -1;  // connections to have started (-1: all)
static uint32_t g_source = 0;  // network order; 0: any
#define MAX_TARGETS 32
static target_t TARGETS[MAX_TARGETS];
static int n_targets;
static conn_t *C;
static int *EV;     // EV[i*per + j]: event number (1-based) of connection i, slot j
static slot_t *SL;  // SL[i*per + j]: its position
static int ep;

// counters
static uint64_t c_frames, c_odds, c_snap, c_bytes, c_err, c_stale, c_gap_events, c_missing, c_dups, c_unknown, c_pings, c_neg, c_closed, c_failed, c_connect_errors;
static uint64_t c_reconnects, c_churned, c_drains, c_moves, c_replaces, c_continues, c_resume_mismatch, c_opened;
static int n_connecting, n_open, n_ready, n_dead, next_idx, n_retry;
static char first_error[256];

// Histogram of latency in microseconds: 1 us buckets below 10 ms, 10 us below 1 s, 1 ms below 60 s.
#define H1 10000
#define H2 (H1 + 99000)
#define H3 (H2 + 59000)
typedef struct {
  uint64_t b[H3 + 1];
  uint64_t count;
} hist_t;
// Publish-to-client latency (conflated subscriptions apart: they are delayed up to conflate_ms on
// purpose); connect() to every snapshot in.
static hist_t LAT, CONFL, CONNECT;

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

// How a connection ends: it failed (connect/handshake/EOF), the server closed it, or it must not come back.
enum { END_CLOSED = 0, END_FAILED = 1, END_TERMINAL = 2 };
static void kill_conn(int i, int how);
static void on_drain(int i, const uint8_t *q, const uint8_t *qe);
static void send_upgrade(int i);
#ifdef WSLOAD_TLS
static void tls_step(int i);
#endif
#define MAX_ATTEMPTS 20

// Writes bytes (plain or TLS): how many went, 0 when the socket would block, -1 when it failed.
static ssize_t conn_send(conn_t *c, const uint8_t *p, size_t n) {
#ifdef WSLOAD_TLS
  if (c->ssl) {
    int w = SSL_write(c->ssl, p, (int)n);
    if (w > 0) return w;
    int e = SSL_get_error(c->ssl, w);
    return e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ ? 0 : -1;
  }
#endif
  ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);
  if (w < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
  return w;
}

// Reads bytes (plain or TLS): how many came, 0 at EOF, -1 when nothing is there now, -2 when it failed.
static ssize_t conn_recv(conn_t *c, uint8_t *p, size_t n) {
#ifdef WSLOAD_TLS
  if (c->ssl) {
    int r = SSL_read(c->ssl, p, (int)n);
    if (r > 0) return r;
    int e = SSL_get_error(c->ssl, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return -1;
    return e == SSL_ERROR_ZERO_RETURN ? 0 : -2;
  }
#endif
  ssize_t r = recv(c->fd, p, n, 0);
  if (r < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? -1 : -2;
  return r;
}

static void flush_out(int i) {
  conn_t *c = &C[i];
  while (c->outlen > 0) {
    ssize_t w = conn_send(c, c->out, c->outlen);
    if (w == 0) break;
    if (w < 0) {
      kill_conn(i, END_FAILED);
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
    // EventSubscription{ event_id(1), resume(2){ epoch(1), offset(2) }, conflate_ms(3) }
    uint8_t inner[8000];
    size_t in = 0;
    for (int j = 0; j < per; j++) {
      size_t l = strlen(ids[j]);
      uint8_t sub[256];
      size_t sn = 0;
      sub[sn++] = 0x0a;
      sn += put_varint(sub + sn, l);
      memcpy(sub + sn, ids[j], l);
      sn += l;
      const slot_t *sl = &SL[(size_t)i * g_per + j];
      if (C[i].conflated) {
        sub[sn++] = 0x18;
        sn += put_varint(sub + sn, (uint64_t)g_conflate_ms);
      } else if (C[i].resuming && sl->epoch[0] && sl->offset[0]) {
        size_t el = strlen(sl->epoch), ol = strlen(sl->offset);
        sub[sn++] = 0x12;
        sn += put_varint(sub + sn, el + ol + 4);
        sub[sn++] = 0x0a;
        sn += put_varint(sub + sn, el);
        memcpy(sub + sn, sl->epoch, el);
        sn += el;
        sub[sn++] = 0x12;
        sn += put_varint(sub + sn, ol);
        memcpy(sub + sn, sl->offset, ol);
        sn += ol;
      }
      inner[in++] = 0x0a;  // events, LEN
      in += put_varint(inner + in, sn);
      memcpy(inner + in, sub, sn);
      in += sn;
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
    int64_t us = (int64_t)((now_s() - C[i].began_at) * 1e6);
    CONNECT.b[hidx(us)]++;
    CONNECT.count++;
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

static slot_t *slot_for(int i, int ev) {
  for (int j = 0; j < g_per; j++)
    if (EV[(size_t)i * g_per + j] == ev) return &SL[(size_t)i * g_per + j];
  return NULL;
}

static void on_update(int i, int ev, uint64_t seq, uint64_t prev, uint64_t pub_ms, const uint8_t *off, size_t off_len, int64_t now) {
  c_odds++;
  if (pub_ms) {
    int64_t lat = now - (int64_t)pub_ms * 1000;
    if (lat < 0) c_neg++;
    hist_t *h = C[i].conflated ? &CONFL : &LAT;
    h->b[hidx(lat)]++;
    h->count++;
  }
  slot_t *sl = ev >= 0 ? slot_for(i, ev) : NULL;
  if (sl && seq) {
    if (sl->last >= 0) {
      // Conflated: each frame names the seq of the one before it (prev_seq); else seq runs on by one.
      int64_t expected_prev = C[i].conflated ? (int64_t)prev : (int64_t)seq - 1;
      if ((int64_t)seq <= sl->last) {
        c_dups++;
      } else if (expected_prev != sl->last) {
        c_gap_events++;
        c_missing += C[i].conflated ? 1 : seq - (uint64_t)sl->last - 1;
      }
    }
    if ((int64_t)seq > sl->last) sl->last = (int64_t)seq;
    if (off_len && off_len < sizeof sl->offset) {
      memcpy(sl->offset, off, off_len);
      sl->offset[off_len] = 0;
    }
  }
}

// Fields 1 (event_id), 5 (seq), 6 (offset), 7 (published_at_ms), 8 (prev_seq) of an OddsUpdate.
static void parse_odds(int i, const uint8_t *p, const uint8_t *end, int64_t now) {
  uint64_t seq = 0, pub = 0, prev = 0;
  const uint8_t *off = NULL;
  size_t off_len = 0;
  int ev = -1;
  while (p < end) {
    uint64_t tag, v;
    if (!read_varint(&p, end, &tag)) return;
    int wt = (int)(tag & 7), f = (int)(tag >> 3);
    if (wt == 0) {
      if (!read_varint(&p, end, &v)) return;
      if (f == 5) seq = v;
      else if (f == 7) pub = v;
      else if (f == 8) prev = v;
    } else if (wt == 2) {
      if (!read_varint(&p, end, &v) || v > (uint64_t)(end - p)) return;
      if (f == 1) ev = event_num(p, (size_t)v);
      else if (f == 6) {
        off = p;
        off_len = (size_t)v;
      }
      p += v;
    } else if (wt == 1) {
      p += 8;
    } else if (wt == 5) {
      p += 4;
    } else {
      return;
    }
  }
  on_update(i, ev, seq, prev, pub, off, off_len, now);
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
    case 2: {  // Snapshot: event_id 1, mode 2 (1 REPLACE, 2 CONTINUE), epoch 3, seq 4, offset 5
      c_snap++;
      int ev = -1;
      uint64_t seq = 0, mode = 0;
      const uint8_t *epoch = NULL, *off = NULL;
      size_t epoch_len = 0, off_len = 0;
      while (q < qe) {
        uint64_t t, v;
        if (!read_varint(&q, qe, &t)) break;
        if ((t & 7) == 0) {
          if (!read_varint(&q, qe, &v)) break;
          if ((t >> 3) == 4) seq = v;
          else if ((t >> 3) == 2) mode = v;
        } else if ((t & 7) == 2) {
          if (!read_varint(&q, qe, &v) || v > (uint64_t)(qe - q)) break;
          if ((t >> 3) == 1) ev = event_num(q, (size_t)v);
          else if ((t >> 3) == 3) epoch = q, epoch_len = (size_t)v;
          else if ((t >> 3) == 5) off = q, off_len = (size_t)v;
          q += v;
        } else {
          break;
        }
      }
      slot_t *sl = ev >= 0 ? slot_for(i, ev) : NULL;
      if (sl) {
        if (mode == 2) {  // CONTINUE: echoes our position, the updates after it follow
          c_continues++;
          if (sl->last >= 0 && (int64_t)seq != sl->last) c_resume_mismatch++;
        } else if (sl->last >= 0 && C[i].resuming && !C[i].conflated) {
          c_replaces++;  // a resume answered with a fresh state: what was missed is replaced, not replayed
        }
        sl->last = (int64_t)seq;
        if (epoch && epoch_len < sizeof sl->epoch) {
          memcpy(sl->epoch, epoch, epoch_len);
          sl->epoch[epoch_len] = 0;
        }
        if (off && off_len < sizeof sl->offset) {
          memcpy(sl->offset, off, off_len);
          sl->offset[off_len] = 0;
        }
      }
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
    case 13:
      on_drain(i, q, qe);
      break;
    default:
      break;  // welcome, pong
  }
}

// Drain{ node_url 2 ("ws://host:port/..."), reconnect_at_ms 3 }: move to that port at that moment, resuming.
static void on_drain(int i, const uint8_t *q, const uint8_t *qe) {
  c_drains++;
  uint64_t at_ms = 0;
  uint16_t port = 0;
  while (q < qe) {
    uint64_t t, v;
    if (!read_varint(&q, qe, &t)) break;
    if ((t & 7) == 0) {
      if (!read_varint(&q, qe, &v)) break;
      if ((t >> 3) == 3) at_ms = v;
    } else if ((t & 7) == 2) {
      if (!read_varint(&q, qe, &v) || v > (uint64_t)(qe - q)) break;
      if ((t >> 3) == 2) {
        // the port: digits after the last ':' before the path
        const uint8_t *e = q + v, *h = memmem(q, (size_t)v, "://", 3);
        const uint8_t *colon = NULL;
        for (const uint8_t *x = h ? h + 3 : q; x < e && *x != '/'; x++)
          if (*x == ':') colon = x;
        if (colon)
          for (const uint8_t *x = colon + 1; x < e && *x >= '0' && *x <= '9'; x++) port = (uint16_t)(port * 10 + (*x - '0'));
      }
      q += v;
    } else {
      break;
    }
  }
  C[i].move_port = port;
  double delay = at_ms ? ((double)at_ms * 1000 - (double)wall_us()) / 1e6 : 0;
  C[i].move_at = now_s() + (delay > 0 ? delay : 0) + 1e-6;
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
    on_update(i, num, json_uint_after(p, n, "\"seq\":"), 0, json_uint_after(p, n, "\"publishedAtMs\":"), NULL, 0, now);
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
      int code = len >= 2 ? (pl[0] << 8) | pl[1] : 0;
      // 1001 (going away), 4004 (drained, not moved in time) and the like are expected under a drain or
      // restart: the client reconnects and resumes. 4500-4999 are terminal (README, close codes).
      int terminal = code >= 4500 && code <= 4999;
      if (!first_error[0] && (terminal || (code != 1001 && code != 4004))) {
        char what[64];
        snprintf(what, sizeof what, "close frame code %d", code);
        note_error(what, len > 2 ? pl + 2 : pl, len > 2 ? (size_t)len - 2 : 0);
      }
      kill_conn(i, terminal ? END_TERMINAL : END_CLOSED);
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

// Closes the socket and frees its buffers; the state is the caller's to set.
static void release(int i) {
  conn_t *c = &C[i];
  if (c->state == ST_READY) n_ready--;
  if (c->state == ST_CONNECTING || c->state == ST_TLS || c->state == ST_HANDSHAKE) n_connecting--;
  if (c->state == ST_OPEN || c->state == ST_READY) n_open--;
#ifdef WSLOAD_TLS
  if (c->ssl) {
    SSL_free(c->ssl);
    c->ssl = NULL;
  }
#endif
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  c->fd = -1;
  free(c->buf);
  c->buf = NULL;
  c->len = c->cap = 0;
  free(c->out);
  c->out = NULL;
  c->outlen = 0;
}

// The main loop connects it again at `at` (a resume when it had been open).
static void schedule_connect(int i, double at) {
  C[i].state = ST_IDLE;
  C[i].retry_at = at;
  n_retry++;
}

// Drops an open connection on purpose (churn, or moving to a drain's successor) and reconnects with resume points.
static void reconnect_now(int i) {
  release(i);
  C[i].resuming = 1;
  C[i].began_at = now_s();
  schedule_connect(i, 0);
}

static void kill_conn(int i, int how) {
  conn_t *c = &C[i];
  if (c->state == ST_DEAD || c->state == ST_IDLE) return;
  int before_open = c->state == ST_CONNECTING || c->state == ST_TLS || c->state == ST_HANDSHAKE;
  int was_open = c->state == ST_OPEN || c->state == ST_READY;
  release(i);
  // A connection that failed before opening is retried with a growing pause (accept queue full, a
  // restarting node, ...); in oddsgate mode an open one that was lost reconnects and resumes, at the
  // next target unless a Drain frame named a successor.
  if (how == END_FAILED && before_open && c->attempts < MAX_ATTEMPTS) {
    // The next target: this one may be refusing (a draining node answers 503).
    c->move_port = 0;
    c->target = (uint8_t)((c->target + 1) % n_targets);
    double pause = 0.05 * c->attempts;
    schedule_connect(i, now_s() + (pause < 1 ? pause : 1));
    return;
  }
  if (g_mode == MODE_OG && was_open && how != END_TERMINAL) {
    c_reconnects++;
    c->resuming = 1;
    c->began_at = now_s();
    if (c->move_at == 0) {
      c->move_port = 0;
      c->target = (uint8_t)((c->target + 1) % n_targets);
    }
    c->move_at = 0;
    schedule_connect(i, 0);
    return;
  }
  c->state = ST_DEAD;
  n_dead++;
  if (how != END_CLOSED) c_failed++;
}

static void start_conn(int i) {
  conn_t *c = &C[i];
  if (c->attempts == 0 && !c->resuming) c->began_at = now_s();
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
  if (g_source) {
    // The port is chosen at connect() time, per destination: one source address holds up to the
    // ephemeral range (net.ipv4.ip_local_port_range) connections to each server port.
    setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    struct sockaddr_in src = {.sin_family = AF_INET, .sin_port = 0};
    src.sin_addr.s_addr = g_source;
    if (bind(fd, (struct sockaddr *)&src, sizeof src) < 0 && !first_error[0]) snprintf(first_error, sizeof first_error, "bind(source): %s", strerror(errno));
  }
  const target_t *t = &TARGETS[c->target];
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(c->move_port ? c->move_port : t->port)};
  a.sin_addr.s_addr = t->addr;
  c->fd = fd;
  c->state = ST_CONNECTING;
  n_connecting++;
  int r = connect(fd, (struct sockaddr *)&a, sizeof a);
  struct epoll_event e = {.events = EPOLLIN | EPOLLOUT, .data.u32 = (uint32_t)i};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
  if (r < 0 && errno != EINPROGRESS) {
    c_connect_errors++;
    kill_conn(i, END_FAILED);
  }
}

static void on_connected(int i) {
  conn_t *c = &C[i];
  int err = 0;
  socklen_t l = sizeof err;
  getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
  if (err) {
    c_connect_errors++;
    kill_conn(i, END_FAILED);
    return;
  }
#ifdef WSLOAD_TLS
  if (g_tls) {
    c->ssl = SSL_new(g_tls);
    SSL_set_fd(c->ssl, c->fd);
    if (g_sni) SSL_set_tlsext_host_name(c->ssl, g_sni);
    SSL_set_connect_state(c->ssl);
    c->state = ST_TLS;
    tls_step(i);
    return;
  }
#endif
  c->state = ST_HANDSHAKE;
  send_upgrade(i);
}

#ifdef WSLOAD_TLS
// One step of the TLS handshake; once done, the WebSocket upgrade goes out over it.
static void tls_step(int i) {
  conn_t *c = &C[i];
  int r = SSL_do_handshake(c->ssl);
  if (r == 1) {
    c->state = ST_HANDSHAKE;
    send_upgrade(i);
    return;
  }
  int e = SSL_get_error(c->ssl, r);
  if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
    struct epoll_event ev = {.events = EPOLLIN | (e == SSL_ERROR_WANT_WRITE ? EPOLLOUT : 0), .data.u32 = (uint32_t)i};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    return;
  }
  if (!first_error[0]) {
    char msg[160];
    ERR_error_string_n(ERR_get_error(), msg, sizeof msg);
    snprintf(first_error, sizeof first_error, "TLS handshake: %s", msg);
  }
  c_connect_errors++;
  kill_conn(i, END_FAILED);
}
#endif

// The HTTP upgrade request (over TLS when the connection has it).
static void send_upgrade(int i) {
  conn_t *c = &C[i];
  char req[512], host[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &TARGETS[c->target].addr, host, sizeof host);
#ifdef WSLOAD_TLS
  if (g_sni) snprintf(host, sizeof host, "%s", g_sni);
#endif
  int n = snprintf(req, sizeof req,
                   "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n%s\r\n",
                   g_path, host, c->move_port ? c->move_port : TARGETS[c->target].port, g_mode == MODE_OG ? "Sec-WebSocket-Protocol: oddsgate.v1\r\n" : "");
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

static int on_bytes(int i, ssize_t r);

static void on_readable(int i) {
  conn_t *c = &C[i];
  // Plain: one read per wakeup (epoll is level-triggered). TLS: until OpenSSL has nothing buffered.
  for (;;) {
    ssize_t r = conn_recv(c, RBUF, sizeof RBUF);
    if (r == -1) return;
    if (r == 0 || r == -2) {
      if (c->state == ST_OPEN || c->state == ST_READY) c_closed++;
      kill_conn(i, END_FAILED);
      return;
    }
    if (!on_bytes(i, r) || !c->ssl) return;
  }
}

// The bytes just read into RBUF; 0 when the connection died meanwhile.
static int on_bytes(int i, ssize_t r) {
  conn_t *c = &C[i];
  if (c->state == ST_HANDSHAKE) {
    append(c, RBUF, (size_t)r);
    uint8_t *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
    if (!end) return 1;
    if (c->len < 12 || memcmp(c->buf + 9, "101", 3) != 0) {
      note_error("upgrade refused", c->buf, c->len);
      kill_conn(i, END_FAILED);
      return 0;
    }
    size_t head = (size_t)(end - c->buf) + 4;
    memmove(c->buf, c->buf + head, c->len - head);
    c->len -= (uint32_t)head;
    c->state = ST_OPEN;
    c->attempts = 0;
    c_opened++;
    n_connecting--;
    n_open++;
    if (g_mode != MODE_SIO) send_subscribe(i);
    if (c->state == ST_DEAD || c->state == ST_IDLE) return 0;
    if (c->len) {
      ssize_t used = parse_frames(i, c->buf, c->len);
      if (used < 0) return 0;
      memmove(c->buf, c->buf + used, c->len - (size_t)used);
      c->len -= (uint32_t)used;
    }
    return 1;
  }
  if (c->len == 0) {
    ssize_t used = parse_frames(i, RBUF, (size_t)r);
    if (used < 0) return 0;
    if (used < r) append(c, RBUF + used, (size_t)(r - used));
  } else {
    append(c, RBUF, (size_t)r);
    ssize_t used = parse_frames(i, c->buf, c->len);
    if (used < 0) return 0;
    memmove(c->buf, c->buf + used, c->len - (size_t)used);
    c->len -= (uint32_t)used;
  }
  // Give back memory of a drained big buffer (idle memory of the generator stays small).
  if (c->len == 0 && c->cap > 4096) {
    free(c->buf);
    c->buf = NULL;
    c->cap = 0;
  }
  return 1;
}

static void print_stats(void) {
  printf("{\"conns\":%d,\"connecting\":%d,\"open\":%d,\"ready\":%d,\"dead\":%d,\"started\":%d,\"frames\":%lu,\"odds\":%lu,\"snapshots\":%lu,"
         "\"bytes\":%lu,\"errors\":%lu,\"stale\":%lu,\"gapEvents\":%lu,\"missing\":%lu,\"dups\":%lu,\"unknown\":%lu,\"pings\":%lu,"
         "\"negativeLatency\":%lu,\"closed\":%lu,\"failed\":%lu,\"connectErrors\":%lu,\"opened\":%lu,\"reconnects\":%lu,\"churned\":%lu,"
         "\"drains\":%lu,\"moves\":%lu,\"replaces\":%lu,\"continues\":%lu,\"resumeMismatch\":%lu,\"firstError\":\"%s\"}\n",
         g_conns, n_connecting, n_open, n_ready, n_dead, next_idx, c_frames, c_odds, c_snap, c_bytes, c_err, c_stale, c_gap_events,
         c_missing, c_dups, c_unknown, c_pings, c_neg, c_closed, c_failed, c_connect_errors, c_opened, c_reconnects, c_churned, c_drains,
         c_moves, c_replaces, c_continues, c_resume_mismatch, first_error);
  fflush(stdout);
}

static void print_hist(hist_t *h) {
  fputs("{\"count\":", stdout);
  printf("%lu,\"buckets\":[", h->count);
  int first = 1;
  for (int k = 0; k <= H3; k++) {
    if (!h->b[k]) continue;
    printf("%s[%ld,%lu]", first ? "" : ",", (long)hval(k), h->b[k]);
    first = 0;
    h->b[k] = 0;
  }
  h->count = 0;
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
    char line[256];
    size_t used = (size_t)(nl - cmdbuf) + 1;
    memcpy(line, cmdbuf, used - 1);
    line[used - 1] = 0;
    char cmd = line[0];
    memmove(cmdbuf, cmdbuf + used, cmdlen - used);
    cmdlen -= used;
    if (cmd == 's') print_stats();
    else if (cmd == 'h') print_hist(&LAT);
    else if (cmd == 'k') print_hist(&CONNECT);
    else if (cmd == 'j') print_hist(&CONFL);
    else if (cmd == 'c') g_churn_per_min = atof(line + 1);
    else if (cmd == 'o') g_open_target = atoi(line + 1);
    else if (cmd == 'r') g_arrival_per_sec = atof(line + 1);
    else if (cmd == 'q') return 0;
  }
  if (cmdlen == sizeof cmdbuf) cmdlen = 0;
  return 1;
}

// Zipf popularity: event k (1-based) is watched with weight 1/k^s, so a few events carry most clients.
static double *zipf_cdf(int n, double s) {
  double *cdf = malloc(sizeof *cdf * (size_t)n), sum = 0;
  for (int k = 0; k < n; k++) cdf[k] = (sum += 1.0 / pow(k + 1, s));
  for (int k = 0; k < n; k++) cdf[k] /= sum;
  return cdf;
}

// K distinct events for client g from the popularity curve (deterministic per client).
static void draw_events(int *out, const double *cdf, uint32_t g) {
  uint32_t r = g * 2654435761u + 0x9e3779b9u;
  for (int j = 0; j < g_per; j++) {
    int ev = 0;
    for (int tries = 0; tries < 64; tries++) {
      r ^= r << 13, r ^= r >> 17, r ^= r << 5;
      double u = (r >> 8) / 16777216.0;
      int lo = 0, hi = g_events - 1;
      while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (cdf[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      ev = lo + 1;
      int dup = 0;
      for (int x = 0; x < j; x++) dup |= out[x] == ev;
      if (!dup) break;
      ev = 0;
    }
    // A curve so steep that 64 draws repeat: take the first event not yet watched.
    for (int k = 1; !ev && k <= g_events; k++) {
      int dup = 0;
      for (int x = 0; x < j; x++) dup |= out[x] == k;
      if (!dup) ev = k;
    }
    out[j] = ev;
  }
}

static void usage(void) {
  fprintf(stderr,
          "usage: wsload (--port P | --targets ip:port,...) [--source 127.0.0.x] [--path /v1/ws] [--mode og|raw|sio] [--conns N] [--events E] [--per K]\n"
          "              [--first I] [--prefix match-] [--concurrency C] [--zipf S] [--conflate-share F --conflate-ms M] [--open N]\n"
          "              [--tls on [--sni host]]   (--tls: a build with -DWSLOAD_TLS -lssl -lcrypto)\n");
  exit(2);
}

int main(int argc, char **argv) {
  for (int a = 1; a < argc; a++) {
    const char *k = argv[a];
    if (a + 1 >= argc) usage();
    const char *v = argv[++a];
    if (!strcmp(k, "--port")) {
      TARGETS[0].addr = htonl(0x7f000001);
      TARGETS[0].port = (uint16_t)atoi(v);
      n_targets = 1;
    } else if (!strcmp(k, "--targets")) {
      char *list = strdup(v), *save = NULL;
      n_targets = 0;
      for (char *t = strtok_r(list, ",", &save); t && n_targets < MAX_TARGETS; t = strtok_r(NULL, ",", &save)) {
        char *colon = strrchr(t, ':');
        if (!colon) usage();
        *colon = 0;
        if (inet_pton(AF_INET, t, &TARGETS[n_targets].addr) != 1) usage();
        TARGETS[n_targets++].port = (uint16_t)atoi(colon + 1);
      }
      free(list);
    } else if (!strcmp(k, "--source")) {
      if (inet_pton(AF_INET, v, &g_source) != 1) usage();
    }
    else if (!strcmp(k, "--zipf")) g_zipf = atof(v);
    else if (!strcmp(k, "--open")) g_open_target = atoi(v);
#ifdef WSLOAD_TLS
    else if (!strcmp(k, "--tls")) {
      if (strcmp(v, "on") != 0) usage();
      g_tls = SSL_CTX_new(TLS_client_method());
      SSL_CTX_set_verify(g_tls, SSL_VERIFY_NONE, NULL);
      // SSL_write may be retried with the rest of a buffer that moved (queue_out reallocates it).
      SSL_CTX_set_mode(g_tls, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    } else if (!strcmp(k, "--sni")) g_sni = v;
#endif
    else if (!strcmp(k, "--conflate-share")) g_conflate_share = atof(v);
    else if (!strcmp(k, "--conflate-ms")) g_conflate_ms = atoi(v);
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
  if (!n_targets || g_conns <= 0 || g_per <= 0 || g_per > 64 || g_events <= 0 || g_per > g_events) usage();
  C = calloc((size_t)g_conns, sizeof *C);
  EV = calloc((size_t)g_conns * g_per, sizeof *EV);
  SL = calloc((size_t)g_conns * g_per, sizeof *SL);
  double *cdf = g_zipf > 0 ? zipf_cdf(g_events, g_zipf) : NULL;
  for (int i = 0; i < g_conns; i++) {
    uint32_t g = (uint32_t)(g_first + i);
    C[i].target = (uint8_t)(g % (uint32_t)n_targets);
    C[i].conflated = g_mode == MODE_OG && (double)((g * 2654435761u) % 10000) < g_conflate_share * 10000;
    for (int j = 0; j < g_per; j++) SL[(size_t)i * g_per + j].last = -1;
    if (cdf) {
      draw_events(&EV[(size_t)i * g_per], cdf, g);
    } else {
      // Client (first + i) watches events (first+i)*K .. (first+i)*K + K-1 modulo E: every event gets the same number of subscribers.
      for (int j = 0; j < g_per; j++) EV[(size_t)i * g_per + j] = (int)((((int64_t)g) * g_per + j) % g_events) + 1;
    }
  }
  free(cdf);
  ep = epoll_create1(0);
  fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
  struct epoll_event se = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
  epoll_ctl(ep, EPOLL_CTL_ADD, 0, &se);
  struct epoll_event evs[1024];
  double next_scan = 0, churn_owed = 0, last_churn = now_s(), arrivals = 0, last_arrival = now_s();
  for (;;) {
    double t = now_s();
    // Keep at most `concurrency` connections between connect() and the upgrade answer, start no more
    // than the ramp's target, and at most `r` per second.
    int limit = g_open_target < 0 || g_open_target > g_conns ? g_conns : g_open_target;
    if (g_arrival_per_sec > 0) {
      arrivals += (t - last_arrival) * g_arrival_per_sec;
      if (arrivals > g_arrival_per_sec) arrivals = g_arrival_per_sec;  // at most a second's worth at once
    }
    last_arrival = t;
    while (n_connecting < g_concurrency && next_idx < limit && (g_arrival_per_sec <= 0 || arrivals >= 1)) {
      start_conn(next_idx++);
      arrivals -= 1;
    }
    // Every 10 ms (not every wakeup: a scan is O(connections)): due reconnects and drain moves.
    if (t >= next_scan) {
      next_scan = t + 0.01;
      for (int i = 0; i < next_idx; i++) {
        conn_t *c = &C[i];
        if (c->state == ST_IDLE && n_connecting < g_concurrency && c->retry_at <= t) {
          n_retry--;
          start_conn(i);
        } else if (c->move_at > 0 && c->move_at <= t && (c->state == ST_OPEN || c->state == ST_READY)) {
          c_moves++;
          c->move_at = 0;
          reconnect_now(i);
        }
      }
      // Churn: a share of the ready clients per minute drop their connection and resume at once.
      churn_owed += g_churn_per_min * n_ready * (t - last_churn) / 60.0;
      last_churn = t;
      for (int tries = 0; churn_owed >= 1 && tries < 4 * (int)churn_owed + 8; tries++) {
        int i = (int)(xr() % (uint32_t)next_idx);
        if (C[i].state != ST_READY || C[i].move_at > 0) continue;
        c_churned++;
        churn_owed -= 1;
        reconnect_now(i);
      }
      if (churn_owed > n_ready) churn_owed = n_ready;
    }
    int n = epoll_wait(ep, evs, 1024, next_idx < limit ? 5 : 50);
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
#ifdef WSLOAD_TLS
      if (c->state == ST_TLS) {
        tls_step((int)i);
        continue;
      }
#endif
      if (evs[k].events & EPOLLOUT) flush_out((int)i);
      if (c->state == ST_DEAD) continue;
      if (evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable((int)i);
    }
  }
}
