"""Shared helpers for the robustness scripts: start a backendless-mock
binary on a free port, talk HTTP to it, and read its RSS and open fds from
/proc. Python 3 standard library only."""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def default_binary():
    for build in ("build-rel", "build"):
        path = os.path.join(ROOT, build, "backendless-mock")
        if os.path.exists(path):
            return path
    return os.path.join(ROOT, "build", "backendless-mock")


class Server:
    """A backendless-mock child on 127.0.0.1 and a free port."""

    def __init__(self, binary, args, log_path=None):
        self.log = open(log_path or os.devnull, "ab")
        self.process = subprocess.Popen(
            [binary, "--port", "0", "--host", "127.0.0.1"] + list(args),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.port = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.log.write(line)
            match = re.search(rb"listening on http://[^:]+:(\d+)", line)
            if match:
                self.port = int(match.group(1))
                break
        if self.port is None:
            self.kill()
            raise RuntimeError("backendless-mock did not start: " + " ".join(args))
        # Keep draining the log so the child never blocks on a full pipe.
        import threading
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stdout:
            self.log.write(line)

    @property
    def pid(self):
        return self.process.pid

    def rss_kb(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def fd_count(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def thread_count(self):
        return len(os.listdir(f"/proc/{self.pid}/task"))

    def kill(self, sig=signal.SIGKILL):
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def stop(self):
        self.kill(signal.SIGTERM)


def request(port, method, path, body=None, headers=None, timeout=10):
    """One request on a fresh connection: (status, parsed JSON or raw text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = None if body is None else (
            body if isinstance(body, (bytes, str)) else json.dumps(body))
        all_headers = {"Content-Type": "application/json"} if payload is not None else {}
        all_headers.update(headers or {})
        connection.request(method, path, body=payload, headers=all_headers)
        response = connection.getresponse()
        raw = response.read()
        try:
            return response.status, json.loads(raw) if raw else None
        except ValueError:
            return response.status, raw.decode("utf-8", "replace")
    finally:
        connection.close()


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def log(*parts):
    print(*parts, flush=True, file=sys.stdout)
