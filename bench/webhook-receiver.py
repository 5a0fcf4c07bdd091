#!/usr/bin/env python3
"""A webhook receiver for trying gridloop's webhooks: answers every POST with 204, prints each
delivery (checking its Standard Webhooks signature when given the secret), and with --record appends
one line per delivery: arrival time (Unix ms), webhook-id, the event's occurredAt.

  python3 bench/webhook-receiver.py --port 9999 [--secret whsec_...] [--record deliveries.txt] [--quiet]
"""
import argparse, base64, hashlib, hmac, json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = argparse.ArgumentParser()
args.add_argument("--port", type=int, default=9999)
args.add_argument("--secret")
args.add_argument("--record")
args.add_argument("--quiet", action="store_true")
options = args.parse_args()
record = open(options.record, "a", buffering=1) if options.record else None
lock = threading.Lock()


def verified(headers, body):
    key = base64.b64decode(options.secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return expected in headers.get("webhook-signature", "").split(" ")


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        arrived = int(time.time() * 1000)
        self.send_response(204)
        self.send_header("content-length", "0")
        self.end_headers()
        event = json.loads(body)
        data = event["data"]
        with lock:
            if record:
                record.write(f"{arrived} {self.headers['webhook-id']} {data['occurredAt']}\n")
            if not options.quiet:
                check = "" if not options.secret else (" signature ok" if verified(self.headers, body) else " BAD SIGNATURE")
                print(f"{self.headers['webhook-id']} {event['type']:22} {data['number']} {data['action']:10}"
                      f" {data['from'] or '-'} -> {data['to']}{check}", flush=True)

    def log_message(self, *_):
        pass


print(f"listening on http://127.0.0.1:{options.port}/", file=sys.stderr, flush=True)
ThreadingHTTPServer(("127.0.0.1", options.port), Receiver).serve_forever()
