"""What keeps the local page local: Host and Origin checks, security headers, a body size limit.

- Host: a request whose Host header is not an address the server was bound to is refused
  (a DNS-rebinding page on another site cannot reach the API through its own name).
- Origin: a POST must come from the page itself (``Origin`` equal to ``http://<Host>``).
- Every response carries a Content-Security-Policy that allows only the server's own
  scripts, styles and API: the page can send a draft nowhere else.
- A request body larger than the limit is refused with a Japanese message.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host header values the server answers: the bound address (and the loopback names on loopback)."""
    names = {f"[{host}]" if ":" in host and not host.startswith("[") else host, *extra}
    if is_loopback(host) or host in ("0.0.0.0", "::"):  # every address includes the loopback one
        names.update(LOOPBACK_NAMES)
    return frozenset(f"{name.lower()}:{port}" for name in names) | (
        frozenset(name.lower() for name in names) if port == 80 else frozenset()
    )


class Guard:
    """ASGI middleware applying the checks above before the application sees a request."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str], max_body: int) -> None:
        self.app = app
        self.hosts = hosts
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                return  # the page uses no websockets
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            await _refuse(
                send, 421, "このアドレスからは利用できません。owabilint serve が表示したアドレスを開いてください。"
            )
            return
        if scope["method"] not in ("GET", "HEAD", "POST"):
            await _refuse(send, 405, "この操作には対応していません。")
            return
        if scope["method"] == "POST":
            if (
                headers.get("origin") != f"http://{host}"
                or headers.get("sec-fetch-site", "same-origin") != "same-origin"
            ):
                await _refuse(send, 403, "ほかのサイトからの送信は受け付けません。")
                return
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await _refuse(send, 413, too_large(self.max_body))
                return
            receive = _limited(receive, self.max_body)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """Raised by the limited receive; the application answers 413 (see app.read_body)."""


def too_large(limit: int) -> str:
    return (
        f"下書きが大きすぎます（上限 {limit:,} バイト）。お詫び文の下書きだけを貼り付けるか、ファイルを分けてください。"
    )


def _limited(receive: Receive, limit: int) -> Receive:
    """A receive that stops a chunked body once it passes ``limit`` bytes."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
        return message

    return wrapped


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
