#!/usr/bin/env python3
"""Clients that send slowly, and whether the service still answers everyone else.

For each kind of request below, opens CLIENTS connections that each send a request head and the first
bytes of its body, then nothing more (a phone on a bad network, or someone doing it on purpose); with
those held open, times one GET /api/v1/me of another account, then closes them. A service whose worker
threads wait for such bodies answers that GET only when a thread comes free (never, here: the probe
gives up after PROBE_TIMEOUT seconds). The same for downloads whose client stops reading.

Usage, against a running demo (QUARKUS_PROFILE=demo java -jar target/quarkus-app/quarkus-run.jar):
  python3 bench/slow-senders.py [base URL, default http://127.0.0.1:8080] [clients, default 40]
"""
import json
import socket
import sys
import time
import urllib.error
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 40
PROBE_TIMEOUT = 20
HOST, PORT = BASE.split("//")[1].split(":")[0], int(BASE.rsplit(":", 1)[1])


def token(username):
    request = urllib.request.Request(BASE + "/api/v1/auth/login", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"username": username, "password": "gridloop"}).encode())
    return json.load(urllib.request.urlopen(request))["accessToken"]


def upload(bearer, size):
    """A PDF of about `size` bytes, stored; its id."""
    pdf = b"%PDF-1.4\n%" + b"x" * size + b"\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    body = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
            + pdf + b"\r\n--b--\r\n")
    request = urllib.request.Request(BASE + "/api/v1/media", data=body, headers={
        "Authorization": "Bearer " + bearer, "Content-Type": "multipart/form-data; boundary=b"})
    return json.load(urllib.request.urlopen(request))["id"]


def held(start):
    """A connection that sent `start` and then goes quiet, reading nothing."""
    connection = socket.socket()
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    connection.connect((HOST, PORT))
    connection.sendall(start.encode())
    return connection


def post(path, credentials, content_type, first_bytes):
    auth = "Authorization: Bearer %s\r\n" % credentials if credentials else ""
    return ("POST %s HTTP/1.1\r\nHost: %s\r\n%sContent-Type: %s\r\nContent-Length: 100000\r\n\r\n%s"
            % (path, HOST, auth, content_type, first_bytes))


def probe(bearer):
    started = time.time()
    try:
        request = urllib.request.Request(BASE + "/api/v1/me", headers={"Authorization": "Bearer " + bearer})
        status = urllib.request.urlopen(request, timeout=PROBE_TIMEOUT).status
        return "%d in %.0f ms" % (status, (time.time() - started) * 1000)
    except (urllib.error.URLError, socket.timeout) as failure:
        return "no answer in %.0f s (%s)" % (time.time() - started, failure)


def main():
    resident, admin, reader = token("resident1"), token("admin"), token("resident2")
    large = upload(resident, 9 * 1024 * 1024)
    kinds = [
        ("sign-ins, no credentials", post("/api/v1/auth/login", None, "application/json", '{"username":')),
        ("filings", post("/api/v1/tickets", resident, "application/json", '{"categoryCode":')),
        ("uploads", post("/api/v1/media", resident, "multipart/form-data; boundary=b",
                         '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-')),
        ("district imports", post("/api/v1/district/import", admin, "application/yaml", "district:\n")),
        ("downloads not read (9 MB)", "GET /api/v1/media/%d HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n"
         % (large, HOST, resident)),
    ]
    print("%d clients of each kind at once; GET /api/v1/me meanwhile:" % CLIENTS)
    for name, start in kinds:
        connections = [held(start) for _ in range(CLIENTS)]
        time.sleep(1)
        print("  %-28s %s" % (name, probe(reader)))
        for connection in connections:
            connection.close()
        time.sleep(1)


if __name__ == "__main__":
    main()
