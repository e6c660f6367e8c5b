#!/usr/bin/env python3
"""idle_conns.py PORT PID N...: what idle keep-alive connections cost a server.

For each N: open N connections, send one status GET on each and keep them
open without further requests, then report the server process's CPU (utime
+ stime over all threads) and context switches (summed over its threads)
across 4 s. Loopback only; bounded (one request per connection, 4 s each).
"""
import os
import socket
import sys
import time

REQ = (b"GET /api/messaging/message:6052643A-F96C-4253-BCF0-F606A4BBB794 "
       b"HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
TCK = os.sysconf("SC_CLK_TCK")


def ticks(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def switches(pid):
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            for line in open("/proc/%d/task/%s/status" % (pid, tid)):
                if "ctxt_switches" in line:
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def measure(port, pid, n):
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(REQ)
        data = b""
        while b"messageId" not in data:
            data += s.recv(4096)
        socks.append(s)
    time.sleep(0.5)
    t0, c0 = ticks(pid), switches(pid)
    time.sleep(4)
    t1, c1 = ticks(pid), switches(pid)
    for s in socks:
        s.close()
    time.sleep(0.5)
    print("%4d idle keep-alive connections: server CPU %5.1f%% of a core, "
          "%6d context switches/s" % (n, (t1 - t0) * 100.0 / TCK / 4, (c1 - c0) / 4))


def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    for n in sys.argv[3:]:
        measure(port, pid, int(n))


if __name__ == "__main__":
    main()
