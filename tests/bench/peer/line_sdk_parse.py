#!/usr/bin/env python3
"""The peer for the webhook-ingest benchmark: LINE's official Python SDK (line-bot-sdk 3.x)
verifying and parsing the very bodies madoguchi-bench sent to madoguchi-server.

    line_sdk_parse.py BODIES.jsonl [--seconds 10] [--warmup 1] [--secret S]

BODIES.jsonl holds one {"body": "<webhook body as text>", "signature": "<x-line-signature>"}
per line. The secret comes from --secret or LINE_CHANNEL_SECRET. One process, one thread,
the way a typical SDK deployment runs one worker per core: it loops over the bodies (from
the start again when it reaches the end) calling
`linebot.v3.WebhookParser(secret).parse(body, signature)` - signature check and parse
only, nothing is stored - and prints one JSON object on stdout:

    {"requests_per_s": ..., "events_per_s": ..., "requests": ..., "events": ...,
     "seconds": ..., "cpu_seconds": ..., "sdk_version": ..., "python": ...}
"""

import argparse
import json
import os
import platform
import sys
import time

import linebot
from linebot.v3 import WebhookParser
from linebot.v3.webhooks import MessageEvent, TextMessageContent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bodies")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--warmup", type=float, default=1.0)
    ap.add_argument("--secret", default=os.environ.get("LINE_CHANNEL_SECRET"))
    args = ap.parse_args()
    if not args.secret:
        print("line_sdk_parse: --secret or LINE_CHANNEL_SECRET is required", file=sys.stderr)
        return 2

    bodies = []
    with open(args.bodies, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                bodies.append((rec["body"], rec["signature"]))
    if not bodies:
        print("line_sdk_parse: no bodies", file=sys.stderr)
        return 2

    parser = WebhookParser(args.secret)

    # Sanity: the SDK must accept every body's signature and see real text messages, or
    # the comparison would be with a parser that bails out early.
    first = parser.parse(*bodies[0])
    if not first or not all(isinstance(e, MessageEvent) and isinstance(e.message, TextMessageContent) for e in first):
        print(f"line_sdk_parse: unexpected parse result: {first!r}", file=sys.stderr)
        return 1

    def run(seconds: float):
        n = 0
        events = 0
        i = 0
        count = len(bodies)
        start = time.perf_counter()
        cpu0 = time.process_time()
        deadline = start + seconds
        while True:
            # Check the clock every 64 bodies so the loop itself costs next to nothing.
            for _ in range(64):
                body, sig = bodies[i]
                i += 1
                if i == count:
                    i = 0
                events += len(parser.parse(body, sig))
            n += 64
            now = time.perf_counter()
            if now >= deadline:
                return n, events, now - start, time.process_time() - cpu0

    if args.warmup > 0:
        run(args.warmup)
    n, events, elapsed, cpu = run(args.seconds)
    print(json.dumps({
        "requests_per_s": n / elapsed,
        "events_per_s": events / elapsed,
        "requests": n,
        "events": events,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "distinct_bodies": len(bodies),
        "sdk_version": linebot.__version__,
        "python": platform.python_version(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
