"""The language server survives a misbehaving client: raw bytes over real pipes.

Each case sends something broken, then checks that a normal draft opened afterwards
still gets its diagnostics (the server is neither dead nor out of step).
"""

from __future__ import annotations

import io
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from lsprotocol import types

from owabilint.lsp.framing import MAX_MESSAGE_BYTES, FramedInput, request_id

TIMEOUT = 60
SMALL = "お客様各位\n\nお詫び申し上げます！\n"
INVALID_REQUEST, INVALID_PARAMS = types.ErrorCodes.InvalidRequest.value, types.ErrorCodes.InvalidParams.value


def frame(message: dict[str, Any], length: int | None = None) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


class RawServer:
    """``owabilint lsp`` in a subprocess, spoken to in raw bytes."""

    def __init__(self, tmp_path: Path) -> None:
        self.log = tmp_path / "server.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "owabilint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log.open("wb"),
            cwd=ROOT,
        )
        self.received: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.send(
            frame(
                {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
                }
            )
        )
        self.capabilities = self.response(1)["result"]["capabilities"]
        self.send(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line or length is None:
                self.received.put(None)
                return
            self.received.put(json.loads(out.read(length)))

    def send(self, raw: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(raw)
        self.proc.stdin.flush()

    def next_message(self) -> dict[str, Any]:
        message = self.received.get(timeout=TIMEOUT)
        assert message is not None, f"the server closed its output: {self.log.read_text()}"
        return message

    def response(self, msg_id: int) -> dict[str, Any]:
        while True:
            message = self.next_message()
            if message.get("id") == msg_id and "method" not in message:
                return message

    def still_lints(self, uri: str) -> None:
        """A draft opened now gets its diagnostics."""
        self.send(
            frame(
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didOpen",
                    "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": SMALL}},
                }
            )
        )
        while True:
            message = self.next_message()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                assert any(d["code"] == "emotional-expression" for d in message["params"]["diagnostics"])
                return

    def finish(self) -> int:
        self.send(frame({"jsonrpc": "2.0", "id": 999, "method": "shutdown"}))
        assert self.response(999)["result"] is None
        self.send(frame({"jsonrpc": "2.0", "method": "exit"}))
        return self.proc.wait(TIMEOUT)


@pytest.fixture
def server(tmp_path):
    started = RawServer(tmp_path)
    yield started
    if started.proc.poll() is None:
        started.proc.kill()
        started.proc.wait()


def code_action(msg_id: int, uri: str = "file:///nowhere.txt") -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": msg_id,
        "method": "textDocument/codeAction",
        "params": {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        },
    }


def test_a_body_over_the_cap_is_skipped_and_answered_with_an_error(server, tmp_path) -> None:
    body = json.dumps(code_action(7)).encode()
    padding = MAX_MESSAGE_BYTES + 1 - len(body)
    server.send(b"Content-Length: %d\r\n\r\n" % (MAX_MESSAGE_BYTES + 1) + body[:-1])
    chunk = b" " * (1 << 20)
    for _ in range(padding // len(chunk)):
        server.send(chunk)
    server.send(b" " * (padding % len(chunk)) + body[-1:])
    error = server.response(7)["error"]
    assert error["code"] == INVALID_REQUEST and "大きすぎる" in error["message"]
    assert f"{MAX_MESSAGE_BYTES:,}" in error["message"]
    server.still_lints((tmp_path / "after.txt").as_uri())
    assert server.finish() == 0


def test_a_huge_length_that_never_arrives_does_not_swallow_the_next_messages(server, tmp_path) -> None:
    server.send(b"Content-Length: 10000000000\r\n\r\n" + json.dumps(code_action(8)).encode())
    server.send(frame(code_action(80)))  # its header ends the broken message
    error = server.response(8)["error"]
    assert error["code"] == INVALID_REQUEST and "10,000,000,000" in error["message"]
    assert server.response(80)["result"] is None
    server.still_lints((tmp_path / "after.txt").as_uri())
    assert server.finish() == 0


def test_a_length_too_long_is_cut_at_the_next_header(server, tmp_path) -> None:
    server.send(frame(code_action(9), length=len(json.dumps(code_action(9))) + 50))
    server.send(frame(code_action(10)))
    assert server.response(9)["error"]["code"] == INVALID_REQUEST
    assert server.response(10)["result"] is None  # the next request is read whole and answered
    server.still_lints((tmp_path / "after.txt").as_uri())
    assert server.finish() == 0


def test_a_length_too_short_loses_only_that_message(server, tmp_path) -> None:
    server.send(frame(code_action(11), length=20))
    server.send(frame(code_action(12)))
    assert server.response(12)["result"] is None
    server.still_lints((tmp_path / "after.txt").as_uri())
    assert server.finish() == 0


def test_malformed_json_and_noise_between_messages_are_survived(server, tmp_path) -> None:
    server.send(b"Content-Length: 9\r\n\r\n{not json")
    server.send(b"garbage without a header\r\n\r\n")
    server.send(b"Content-Type: application/vscode-jsonrpc\r\n")  # a header block without a length
    server.still_lints((tmp_path / "after.txt").as_uri())
    assert server.finish() == 0


def test_a_request_with_invalid_params_is_answered_with_invalid_params(server, tmp_path) -> None:
    server.send(frame({"jsonrpc": "2.0", "id": 13, "method": "textDocument/codeAction", "params": {"textDocument": 5}}))
    assert server.response(13)["error"]["code"] == INVALID_PARAMS
    server.still_lints((tmp_path / "after.txt").as_uri())
    assert server.finish() == 0


def test_requests_after_shutdown_get_invalid_request_and_exit_ends_with_zero(server, tmp_path) -> None:
    server.still_lints((tmp_path / "before.txt").as_uri())
    server.send(frame({"jsonrpc": "2.0", "id": 20, "method": "shutdown"}))
    assert server.response(20)["result"] is None
    server.send(frame(code_action(21, (tmp_path / "before.txt").as_uri())))
    error = server.response(21)["error"]
    assert error["code"] == INVALID_REQUEST and "終了処理中" in error["message"]
    server.send(frame({"jsonrpc": "2.0", "method": "exit"}))
    assert server.proc.wait(TIMEOUT) == 0


def test_exit_without_shutdown_ends_with_one(server) -> None:
    server.send(frame({"jsonrpc": "2.0", "method": "exit"}))
    assert server.proc.wait(TIMEOUT) == 1


def test_changes_are_whole_documents_so_a_version_gap_cannot_drift(server, tmp_path) -> None:
    assert server.capabilities["textDocumentSync"]["change"] == types.TextDocumentSyncKind.Full.value
    uri = (tmp_path / "draft.txt").as_uri()
    server.still_lints(uri)
    server.send(
        frame(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": 7},  # versions 2 to 6 never arrived
                    "contentChanges": [{"text": "お客様各位\n\nお詫び申し上げます。\n"}],
                },
            }
        )
    )
    while True:
        message = server.next_message()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == 7:
            break
    assert not any(d["code"] == "emotional-expression" for d in message["params"]["diagnostics"])
    assert server.finish() == 0


class Trickle(io.RawIOBase):
    """A raw stream that hands out ``total`` bytes of one byte value, 64 KB at a time."""

    def __init__(self, prefix: bytes, total: int, suffix: bytes) -> None:
        self.parts = [prefix]
        self.left = total
        self.suffix = suffix

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if not self.parts:
            if self.left:
                size = min(self.left, 65536)
                self.left -= size
                self.parts.append(b" " * size)
            elif self.suffix:
                self.parts.append(self.suffix)
                self.suffix = b""
            else:
                return 0
        data = self.parts.pop()
        if len(data) > len(target):
            self.parts.append(data[len(target) :])
            data = data[: len(target)]
        target[: len(data)] = data
        return len(data)


def test_an_oversized_body_is_skipped_in_bounded_memory() -> None:
    head = json.dumps(code_action(5)).encode()
    size = 50 * 1024 * 1024
    after = frame(code_action(6))
    reader = FramedInput(
        io.BufferedReader(Trickle(b"Content-Length: %d\r\n\r\n" % size + head, size - len(head), after))
    )
    largest = 0
    original = reader._fill

    def fill() -> bool:
        nonlocal largest
        filled = original()
        largest = max(largest, len(reader.buffer))
        return filled

    reader._fill = fill  # type: ignore[method-assign]
    frames = []
    while line := reader.readline():
        if line.startswith(b"Content-Length:"):
            length = int(line.split(b":")[1])
            reader.readline()
            frames.append(json.loads(reader.read(length)))
    assert largest < 200 * 1024  # never more than a few chunks held, for a 50 MB body
    assert [(f["id"], f["method"]) for f in frames] == [
        (5, "$/owabilint/rejectedMessage"),
        (6, "textDocument/codeAction"),
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"jsonrpc":"2.0","id":3,"method":"x","params":{"id":4', 3),
        (b'{"jsonrpc":"2.0","id":"a\\"b","method":"x"', 'a"b'),
        (b'{"jsonrpc":"2.0","method":"x","params":{"id":4', None),  # a notification: the id is a parameter's
        (b'{"jsonrpc":"2.0","id":3,"result":null', None),  # a response is never answered
        (b'{"jsonrpc":"2.0","id":true,"method":"x"', None),
    ],
)
def test_the_id_of_a_rejected_request_is_read_from_its_first_bytes(head: bytes, expected) -> None:
    assert request_id(head) == expected
