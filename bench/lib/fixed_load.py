#!/usr/bin/env python3
"""fixed_load.py PORT COUNT CONNS MODE: exactly COUNT requests, for profiling.

MODE status: GET of the fixture message's status with its user-token.
MODE publish: per connection, POST /api/messaging/default {"message":"hi"}
then GET of the messageId it returned, alternating.
Keep-alive connections, one thread each; prints "requests N errors E".
Bounded: each request times out after 60 s.
"""
import http.client
import json
import sys
import threading

TOKEN = "2807A065-BF75-7024-FFBD-2D00CA840300"
STATUS = "/api/messaging/message:6052643A-F96C-4253-BCF0-F606A4BBB794"


def worker(port, count, mode, totals, lock):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"user-token": TOKEN}
    done = errors = 0
    next_get = STATUS
    for i in range(count):
        if mode == "publish" and i % 2 == 0:
            conn.request("POST", "/api/messaging/default", body='{"message":"hi"}',
                         headers={**headers, "Content-Type": "application/json"})
            resp = conn.getresponse()
            body = resp.read()
            if resp.status == 200:
                next_get = "/api/messaging/" + json.loads(body)["messageId"]
        else:
            conn.request("GET", next_get, headers=headers)
            resp = conn.getresponse()
            resp.read()
        done += 1
        errors += resp.status != 200
    conn.close()
    with lock:
        totals[0] += done
        totals[1] += errors


def main():
    port, count, conns, mode = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    totals, lock = [0, 0], threading.Lock()
    threads = [threading.Thread(target=worker, args=(port, count // conns, mode, totals, lock))
               for _ in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("requests %d errors %d" % tuple(totals))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
