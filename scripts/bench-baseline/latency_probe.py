#!/usr/bin/env python3
"""The latency of every single request, for scripts/bench's mixed-load test.

    latency_probe.py PORT PATH CONNECTIONS SECONDS [close]

Keeps CONNECTIONS connections busy with GET PATH for SECONDS (a new connection per request with
"close") and prints one line: "requests p50_ms p99_ms p999_ms max_ms errors". A server that closes the connection after an
answer (Gunicorn's sync workers do) gets a new connection for the next request; a reset or refused
connection counts as an error and is not timed.

wrk's own percentiles are not per request: when the rate falls below the one it measured in its
first half second, wrk adds samples at the highest latency it saw (wrk 4's answer to coordinated
omission), so a server whose throughput dips while one worker sleeps shows a p99 of the sleep even
when no fast request waited. This probe times each request and nothing else, at a lower rate.
"""
import socket
import sys
import threading
import time


def main():
    port, path, connections, seconds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    close = len(sys.argv) > 5 and sys.argv[5] == "close"
    request = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n" % (path, "Connection: close\r\n" if close else "")).encode()
    stop = time.monotonic() + seconds
    latencies = []
    errors = []

    def client():
        mine, failed = [], 0
        conn = None
        while time.monotonic() < stop:
            try:
                if conn is None:
                    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
                    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                start = time.perf_counter()
                conn.sendall(request)
                answered, keep = read_response(conn)
            except OSError:
                answered, keep = False, False
            if answered:
                mine.append(time.perf_counter() - start)
            else:
                failed += 1
            if close or not keep:
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()
        latencies.extend(mine)
        errors.append(failed)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    n = len(latencies)
    if n == 0:
        print("0 0 0 0 0 %d" % sum(errors))
        return
    pick = lambda q: latencies[min(n - 1, int(n * q))] * 1000
    print("%d %.2f %.2f %.2f %.2f %d" % (n, pick(0.5), pick(0.99), pick(0.999), latencies[-1] * 1000, sum(errors)))


def read_response(conn):
    """Reads one response with a Content-Length body: (answered, connection stays open)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return False, False
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length, keep = 0, True
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"connection" and value.strip().lower() == b"close":
            keep = False
    while len(body) < length:
        chunk = conn.recv(4096)
        if not chunk:
            return False, False
        body += chunk
    return True, keep


if __name__ == "__main__":
    main()
