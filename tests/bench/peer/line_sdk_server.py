#!/usr/bin/env python3
"""The HTTP peer for the webhook-ingest benchmark: LINE's official Python SDK (line-bot-sdk
3.x) as a webhook endpoint, served the fastest way a Python deployment usually is:
uvicorn with its C parser (httptools) and event loop (uvloop), one worker process per CPU.

    line_sdk_server.py --port P [--workers N] [--secret S]

Each POST /webhook does what LINE's own examples do in their handler:
`WebhookParser(secret).parse(body, x-line-signature)` - signature check and parse, nothing
stored - and answers 200, or 400 when the signature does not match. madoguchi-bench
sends it the same signed bodies, from the same closed loop, as it sends madoguchi-server,
so both sides pay for HTTP over loopback and share the machine with the load generator.

The bench knows it is up when a signed request gets its 200.
"""

import argparse
import os
import sys

import uvicorn
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError

_parser = None


def _the_parser():
    global _parser
    if _parser is None:
        _parser = WebhookParser(os.environ["LINE_CHANNEL_SECRET"])
    return _parser


async def _body(receive):
    chunks = []
    while True:
        msg = await receive()
        chunks.append(msg.get("body", b""))
        if not msg.get("more_body"):
            return b"".join(chunks)


async def _answer(send, status, text):
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(text)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text})


async def app(scope, receive, send):
    """A bare ASGI app: no framework in the way, the most generous setting for the peer."""
    if scope["type"] != "http":
        return
    if scope["method"] != "POST" or scope["path"] != "/webhook":
        await _body(receive)
        await _answer(send, 404, b"{}")
        return
    body = (await _body(receive)).decode("utf-8")
    signature = ""
    for name, value in scope["headers"]:
        if name == b"x-line-signature":
            signature = value.decode("ascii", "replace")
    try:
        _the_parser().parse(body, signature)
    except InvalidSignatureError:
        await _answer(send, 400, b'{"message":"invalid signature"}')
        return
    await _answer(send, 200, b"{}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--secret", default=os.environ.get("LINE_CHANNEL_SECRET"))
    args = ap.parse_args()
    if not args.secret:
        print("line_sdk_server: --secret or LINE_CHANNEL_SECRET is required", file=sys.stderr)
        return 2
    os.environ["LINE_CHANNEL_SECRET"] = args.secret
    uvicorn.run(
        "line_sdk_server:app",
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        http="httptools",
        loop="uvloop",
        access_log=False,
        log_level="warning",
        app_dir=os.path.dirname(os.path.abspath(__file__)),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
