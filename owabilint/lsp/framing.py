"""Base-protocol framing of the language server's input, in front of pygls.

pygls reads ``Content-Length`` frames itself and trusts the length: a huge one makes it
buffer (or wait for) that many bytes, and a wrong one desynchronises every message
after it. :class:`FramedInput` reads the client's raw bytes and hands pygls only
well-formed frames, through the ``stdin`` seam of ``start_io`` (pygls calls its
``readline`` and ``read``):

- A body over :data:`MAX_MESSAGE_BYTES` is skipped in bounded chunks, never buffered.
- A declared length that runs into the next message's header is cut short there, so
  the next message is still read. JSON cannot hold a raw ``Content-Length: N`` line
  (strings cannot contain raw line breaks), so such a line inside a body is always a
  frame boundary.
- Bytes before a ``Content-Length`` header (the tail of a body whose length was
  declared too short, or noise) are skipped up to the next header.

A skipped or cut message that is a request (its ``id`` and ``method`` can be read from
its first bytes) is passed on as a :data:`REJECTED` request carrying the original id,
which the protocol answers with a JSON-RPC error; anything else is logged.
"""

from __future__ import annotations

import json
import logging
import re
from typing import BinaryIO

log = logging.getLogger(__name__)

# Large enough for any draft the server lints (2 MB of UTF-8, even with every character
# escaped as \uXXXX by the client) and for a larger one to get its "too large"
# diagnostic; small enough that one message cannot exhaust memory.
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
REJECTED = "$/owabilint/rejectedMessage"
_CHUNK = 64 * 1024
_MAX_HEADER_BYTES = 8 * 1024
_HEAD_BYTES = 4 * 1024  # how much of a rejected body is kept to find its id
_HEADER = re.compile(rb"Content-Length:[ \t]*(\d{1,20})[ \t]*\r\n", re.IGNORECASE)
_HEADER_TAIL = 64  # longer than a header line split across two chunks (usual spacing)
_ID = re.compile(rb'"id"\s*:\s*(-?\d{1,20}|"(?:[^"\\]|\\.){0,200}")')
_METHOD = re.compile(rb'"method"\s*:\s*"')


def request_id(head: bytes) -> int | str | None:
    """The id of the request whose body starts with ``head``, if it can be read.

    Only the part before ``"params"`` is searched, so an ``id`` inside the parameters is
    never taken for the request's; a message without a method (a response) has none.
    """
    params = head.find(b'"params"')
    top = head if params < 0 else head[:params]
    found = _ID.search(top)
    if found is None or _METHOD.search(top) is None:
        return None
    try:
        value = json.loads(found.group(1))
    except ValueError:
        return None
    return value if isinstance(value, (int, str)) and not isinstance(value, bool) else None


def rejection(msg_id: int | str, message: str) -> bytes:
    return json.dumps(
        {"jsonrpc": "2.0", "id": msg_id, "method": REJECTED, "params": {"message": message}},
        ensure_ascii=False,
    ).encode("utf-8")


class FramedInput:
    """A binary stream for pygls that yields only well-formed, size-capped frames."""

    def __init__(self, raw: BinaryIO, max_body: int = MAX_MESSAGE_BYTES) -> None:
        self.raw = raw
        self.max_body = max_body
        self.buffer = bytearray()  # raw bytes read but not yet framed
        self.eof = False
        self.out = bytearray()  # the current clean frame, as pygls reads it

    # pygls's reader interface -------------------------------------------------------

    def readline(self) -> bytes:
        if not self.out and not self._next_frame():
            return b""
        end = self.out.find(b"\n")
        end = len(self.out) if end < 0 else end + 1
        line = bytes(self.out[:end])
        del self.out[:end]
        return line

    def read(self, size: int) -> bytes:
        chunk = bytes(self.out[:size])
        del self.out[:size]
        return chunk

    # framing --------------------------------------------------------------------------

    def _fill(self) -> bool:
        if self.eof:
            return False
        read1 = getattr(self.raw, "read1", None)
        chunk = read1(_CHUNK) if read1 is not None else self.raw.read(1)
        if not chunk:
            self.eof = True
            return False
        self.buffer += chunk
        return True

    def _next_frame(self) -> bool:
        """Put the next well-formed frame in ``out``; False at the end of the input."""
        while True:
            body = self._next_body()
            if body is None:
                return False
            if body:
                self.out += b"Content-Length: %d\r\n\r\n" % len(body) + body
                return True

    def _header(self) -> tuple[int, int] | None:
        """Skip to the next complete header block: (declared length, header size)."""
        while True:
            found = _HEADER.search(self.buffer)
            if found is None:
                skipped = max(0, len(self.buffer) - _HEADER_TAIL)
                if skipped and self.buffer[:skipped].strip():
                    log.warning("skipped %d bytes that were not a message", skipped)
                del self.buffer[:skipped]
            else:
                length, line_end = int(found.group(1)), found.end() - found.start()
                if found.start() and self.buffer[: found.start()].strip():
                    log.warning("skipped %d bytes that were not a message", found.start())
                del self.buffer[: found.start()]
                end = self.buffer.find(b"\r\n\r\n", line_end - 2)
                if end >= 0:
                    return length, end + 4
                if len(self.buffer) > _MAX_HEADER_BYTES:
                    log.warning("skipped a header block that does not end")
                    del self.buffer[:line_end]
                    continue
            if not self._fill():
                return None

    def _next_body(self) -> bytes | None:
        """The next body (b"" if it was rejected); None at the end of the input."""
        header = self._header()
        if header is None:
            return None
        length, header_size = header
        del self.buffer[:header_size]
        keep = length <= self.max_body
        head = b""  # the first bytes of an oversized body, to find its id
        dropped = scanned = 0  # body bytes skipped (oversized only); bytes searched
        while True:
            available = min(len(self.buffer), length - dropped)
            # A header inside the declared body means the length was wrong.
            cut = _HEADER.search(self.buffer, max(0, scanned - _HEADER_TAIL), available)
            if cut is not None:
                head = head or bytes(self.buffer[: min(cut.start(), _HEAD_BYTES)])
                del self.buffer[: cut.start()]
                return self._reject(head, f"宣言された長さ（{length:,} バイト）に本文が足りません")
            scanned = available
            if dropped + available == length:
                if keep:
                    body = bytes(self.buffer[:length])
                    del self.buffer[:length]
                    return body
                head = head or bytes(self.buffer[: min(available, _HEAD_BYTES)])
                del self.buffer[:available]
                return self._reject(
                    head, f"メッセージが大きすぎるため処理しません（{length:,} バイト、上限 {self.max_body:,} バイト）"
                )
            if not keep and available > _HEAD_BYTES + _HEADER_TAIL:
                head = head or bytes(self.buffer[:_HEAD_BYTES])
                drop = available - _HEADER_TAIL  # keep a tail that may start a header
                del self.buffer[:drop]
                dropped += drop
                scanned -= drop
            if not self._fill():
                log.warning("the input ended inside a message")
                return None

    @staticmethod
    def _reject(head: bytes, problem: str) -> bytes:
        msg_id = request_id(head[:_HEAD_BYTES])
        if msg_id is None:
            log.warning("dropped a message: %s", problem)
            return b""
        return rejection(msg_id, problem)
