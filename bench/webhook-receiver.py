#!/usr/bin/env python3
"""A webhook receiver for trying gridloop's webhooks (the README's round trip): answers every POST with
204 and prints each delivery, checking its Standard Webhooks signature when given the secret.
(bench/webhooks.sh measures with the load generator's receiver, `loadgen.jar receive`.)

  python3 bench/webhook-receiver.py --port 9999 [--secret whsec_...]
"""
import argparse, base64, hashlib, hmac, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = argparse.ArgumentParser()
args.add_argument("--port", type=int, default=9999)
args.add_argument("--secret")
options = args.parse_args()
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
        self.send_response(204)
        self.send_header("content-length", "0")
        self.end_headers()
        event = json.loads(body)
        data = event["data"]
        check = "" if not options.secret else (" signature ok" if verified(self.headers, body) else " BAD SIGNATURE")
        with lock:
            print(f"{self.headers['webhook-id']} {event['type']:22} {data['number']} {data['action']:10}"
                  f" {data['from'] or '-'} -> {data['to']}{check}", flush=True)

    def log_message(self, *_):
        pass


print(f"listening on http://127.0.0.1:{options.port}/", file=sys.stderr, flush=True)
ThreadingHTTPServer(("127.0.0.1", options.port), Receiver).serve_forever()
