#!/usr/bin/env python3
"""Time from kill -9 of a worker to the first answer from its replacement, for scripts/bench.

    replacement_probe.py PORT VICTIM_PID [OTHER_PID...]

Kills VICTIM_PID, then asks GET /pid (the demo app answers with the worker's pid), a new
connection each time, until a pid that is neither the victim nor one of OTHER_PID answers; prints
"milliseconds pid". The kill and the clock are in this process, so no process start is timed.
A request that reaches no worker waits in the listen queue, which the master keeps open.
"""
import os
import signal
import socket
import sys
import time


def ask_pid(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /pid HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        return None
    if b"transfer-encoding: chunked" in head.lower():
        body = dechunk(body)
    return int(body.strip())


def dechunk(body):
    """The data of a chunked body (Spring's answers are chunked)."""
    out = b""
    while True:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            return out
        out += rest[:size]
        body = rest[size + 2:]


def main():
    port, victim = int(sys.argv[1]), int(sys.argv[2])
    known = {victim} | {int(p) for p in sys.argv[3:]}
    start = time.perf_counter()
    os.kill(victim, signal.SIGKILL)
    deadline = start + 30
    while time.perf_counter() < deadline:
        try:
            pid = ask_pid(port)
        except OSError:
            pid = None
        if pid is not None and pid not in known:
            print("%.1f %d" % ((time.perf_counter() - start) * 1000, pid))
            return
        # The survivors answer too: a short pause leaves the cores to the replacement.
        time.sleep(0.001)
    sys.exit("no replacement answered within 30 s")


if __name__ == "__main__":
    main()
