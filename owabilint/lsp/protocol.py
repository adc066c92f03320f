"""pygls's LSP protocol, with every request answered.

pygls drops requests that arrive after ``shutdown`` with only a log line, and a request
whose parameters do not fit its method with only a message to the user, so a client
waiting for their answers waits forever. Here they get the JSON-RPC errors the protocol
names (InvalidRequest, InvalidParams). Messages the framing rejected (see
:mod:`owabilint.lsp.framing`) are answered here too, on the event loop, in the order
they arrived.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol

from owabilint.lsp.framing import REJECTED

AFTER_SHUTDOWN = "サーバーは終了処理中のため、要求を受け付けません（exit を送ってください）"


@dataclass
class Unreadable:
    """A request whose parameters could not be read, kept to answer it with an error."""

    id: int | str
    error: JsonRpcException


class OwabilintProtocol(LanguageServerProtocol):
    @property
    def shut_down(self) -> bool:
        """Whether the client asked the server to shut down."""
        return self._shutdown

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            msg_id = data.get("id")
            if "method" in data and isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool):
                return Unreadable(msg_id, exc)
            raise

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Unreadable):
            error = message.error
            self._send_response(message.id, error=types.ResponseError(code=error.code, message=error.message))
            return
        method, msg_id = getattr(message, "method", None), getattr(message, "id", None)
        if method == REJECTED and msg_id is not None:
            params = getattr(message, "params", None)
            problem = params.get("message") if isinstance(params, dict) else getattr(params, "message", None)
            self.answer_invalid(msg_id, str(problem or "メッセージを読み取れません"))
            return
        if self._shutdown and method is not None and method != types.EXIT and msg_id is not None:
            self.answer_invalid(msg_id, AFTER_SHUTDOWN)
            return
        super().handle_message(message)

    def answer_invalid(self, msg_id: int | str, problem: str) -> None:
        self._send_response(msg_id, error=types.ResponseError(code=types.ErrorCodes.InvalidRequest, message=problem))
