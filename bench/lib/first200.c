// first200: start a server and time exec -> first HTTP 200 on loopback.
//
//   first200 -p PORT [-u PATH] [-H 'Name: value'] [-c CPUS] [-t TIMEOUT_MS]
//            [-s SETTLE_MS] [-o LOGFILE] -- COMMAND ARGS...
//
// Forks, pins the child to CPUS (a comma list, e.g. 0 or 0,1;
// sched_setaffinity) and execs COMMAND with
// stdout/stderr sent to LOGFILE (default /dev/null); the parent polls
// GET PATH on 127.0.0.1:PORT in a tight loop (100 us between refused
// connects) until a response starts with "HTTP/1.1 200". It then waits
// SETTLE_MS, reads VmRSS and VmHWM of the child, stops it with SIGTERM
// (SIGKILL after 2 s) and prints one JSON line:
//   {"first200_ms":12.3,"rss_kb":5000,"hwm_kb":6000,"attempts":42}
// Exit 0 on success, 1 on timeout or when the child exits early. Bounded:
// it never polls past TIMEOUT_MS (default 60000). SIGTERM/SIGINT kill the
// child and exit 1.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t g_child = 0;

// Stopped ourselves (bench/run's trap): take the server down with us.
static void OnStop(int sig) {
  (void)sig;
  if (g_child > 0) kill(g_child, SIGKILL);
  _exit(1);
}

static double NowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// One GET; 1 when the answer is a 200, 0 otherwise (refused, reset, other).
static int TryOnce(int port, const char* request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  struct timeval tv = {1, 0};  // a listening but stuck server: give up
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int ok = 0;
  if (connect(fd, (struct sockaddr*)&addr, sizeof addr) == 0 &&
      write(fd, request, strlen(request)) == (ssize_t)strlen(request)) {
    char buf[32];
    size_t got = 0;
    while (got < 12) {
      ssize_t n = read(fd, buf + got, sizeof buf - 1 - got);
      if (n <= 0) break;
      got += (size_t)n;
    }
    buf[got] = 0;
    ok = strncmp(buf, "HTTP/1.1 200", 12) == 0;
  }
  close(fd);
  return ok;
}

static long StatusKb(pid_t pid, const char* key) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
  FILE* f = fopen(path, "r");
  if (!f) return -1;
  long kb = -1;
  size_t klen = strlen(key);
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
      kb = strtol(line + klen + 1, NULL, 10);
      break;
    }
  }
  fclose(f);
  return kb;
}

static void Stop(pid_t pid) {
  kill(pid, SIGTERM);
  for (int i = 0; i < 200; ++i) {  // 2 s
    if (waitpid(pid, NULL, WNOHANG) == pid) return;
    usleep(10000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
}

int main(int argc, char** argv) {
  int port = 0, timeout_ms = 60000, settle_ms = 0, opt;
  const char* cpus = NULL;
  const char* path = "/";
  const char* header = NULL;
  const char* log = "/dev/null";
  while ((opt = getopt(argc, argv, "p:u:H:c:t:s:o:")) != -1) {
    switch (opt) {
      case 'p': port = atoi(optarg); break;
      case 'u': path = optarg; break;
      case 'H': header = optarg; break;
      case 'c': cpus = optarg; break;
      case 't': timeout_ms = atoi(optarg); break;
      case 's': settle_ms = atoi(optarg); break;
      case 'o': log = optarg; break;
      default: return 2;
    }
  }
  if (port <= 0 || optind >= argc) {
    fprintf(stderr, "usage: first200 -p PORT [-u PATH] [-H HDR] [-c CPUS] "
                    "[-t MS] [-s MS] [-o LOG] -- COMMAND ARGS...\n");
    return 2;
  }
  char request[1024];
  snprintf(request, sizeof request,
           "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%sConnection: close\r\n\r\n",
           path, header ? header : "", header ? "\r\n" : "");
  signal(SIGPIPE, SIG_IGN);
  signal(SIGTERM, OnStop);
  signal(SIGINT, OnStop);

  double start = NowMs();
  pid_t child = fork();
  if (child < 0) return 1;
  if (child == 0) {
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    if (cpus != NULL) {
      cpu_set_t set;
      CPU_ZERO(&set);
      const char* p = cpus;
      while (*p != '\0') {
        CPU_SET(atoi(p), &set);
        p += strcspn(p, ",");
        if (*p == ',') ++p;
      }
      sched_setaffinity(0, sizeof set, &set);
    }
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execvp(argv[optind], argv + optind);
    _exit(127);
  }
  g_child = child;
  long attempts = 0;
  double elapsed = -1;
  while (NowMs() - start < timeout_ms) {
    ++attempts;
    if (TryOnce(port, request)) {
      elapsed = NowMs() - start;
      break;
    }
    if (waitpid(child, NULL, WNOHANG) == child) {
      fprintf(stderr, "first200: the server exited before answering\n");
      return 1;
    }
    usleep(100);
  }
  if (elapsed < 0) {
    fprintf(stderr, "first200: no 200 within %d ms\n", timeout_ms);
    Stop(child);
    return 1;
  }
  if (settle_ms > 0) usleep((useconds_t)settle_ms * 1000);
  long rss = StatusKb(child, "VmRSS"), hwm = StatusKb(child, "VmHWM");
  Stop(child);
  printf("{\"first200_ms\":%.1f,\"rss_kb\":%ld,\"hwm_kb\":%ld,\"attempts\":%ld}\n",
         elapsed, rss, hwm, attempts);
  return 0;
}
