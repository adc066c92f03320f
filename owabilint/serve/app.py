"""The review page: the static page and a small JSON API, nothing kept between requests.

- ``GET /`` the page, ``GET /static/…`` its script and style (served from the package);
- ``POST /api/lint`` ``{text, kind, profile, styled_lines}`` → findings and checklist;
- ``POST /api/fix`` the same body → the text with every safe fix applied, and its report;
- ``POST /api/open?name=…`` a file's bytes → its text (a .docx or .eml becomes plain text).
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from owabilint.errors import InputError
from owabilint.inputs.source import DEFAULT_MAX_BYTES
from owabilint.serve.guard import BodyTooLarge, Guard, allowed_hosts, too_large
from owabilint.serve.linting import OPENABLE, PAGE_FORMATS, PROFILES, Linter, open_draft

STATIC = files("owabilint.serve").joinpath("static")


def create_app(
    linter: Linter,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    extra_hosts: tuple[str, ...] = (),
    max_body: int = DEFAULT_MAX_BYTES,
) -> Guard:
    async def page(request: Request) -> Response:
        return FileResponse(str(STATIC.joinpath("index.html")), media_type="text/html; charset=utf-8")

    async def settings(request: Request) -> Response:
        return JSONResponse({"profiles": list(PROFILES), "profile": linter.default_profile(), "max_bytes": max_body})

    async def lint(request: Request) -> Response:
        body = await _draft_request(request, max_body)
        if isinstance(body, Response):
            return body
        return JSONResponse(await run_in_threadpool(linter.lint, *body))

    async def fix(request: Request) -> Response:
        body = await _draft_request(request, max_body)
        if isinstance(body, Response):
            return body
        return JSONResponse(await run_in_threadpool(linter.fix_all, *body))

    async def open_file(request: Request) -> Response:
        name = request.query_params.get("name", "").replace("\\", "/").rsplit("/", 1)[-1]
        if not name.lower().endswith(OPENABLE):
            return _error(400, f"{name or 'このファイル'}: 開けるのは .txt、.md、.eml、.docx のファイルです。")
        data = await read_body(request, max_body)
        if isinstance(data, Response):
            return data
        try:
            return JSONResponse(await run_in_threadpool(open_draft, name, data))
        except InputError as exc:
            return _error(422, f"{exc.path}: {exc.problem}")

    app = Starlette(
        routes=[
            Route("/", page, methods=["GET", "HEAD"]),
            Route("/api/settings", settings, methods=["GET"]),
            Route("/api/lint", lint, methods=["POST"]),
            Route("/api/fix", fix, methods=["POST"]),
            Route("/api/open", open_file, methods=["POST"]),
            Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
        ]
    )
    return Guard(app, hosts=allowed_hosts(host, port, extra_hosts), max_body=max_body)


async def read_body(request: Request, limit: int) -> bytes | Response:
    try:
        data = await request.body()
    except BodyTooLarge:
        return _error(413, too_large(limit))
    if len(data) > limit:
        return _error(413, too_large(limit))
    return data


async def _draft_request(request: Request, limit: int) -> tuple[str, str, str | None, list[dict]] | Response:
    data = await read_body(request, limit)
    if isinstance(data, Response):
        return data
    try:
        body: Any = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "送信された内容を読み取れません。ページを再読み込みしてください。")
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        return _error(400, "下書きの本文がありません。")
    kind = body.get("kind", "text")
    profile = body.get("profile") or None
    styled = body.get("styled_lines") or []
    if kind not in PAGE_FORMATS:
        return _error(400, f"形式 '{kind}' には対応していません（{' | '.join(PAGE_FORMATS)}）。")
    if profile is not None and profile not in PROFILES:
        return _error(400, f"プロファイル '{profile}' は使えません（{' | '.join(PROFILES)}）。")
    if not isinstance(styled, list) or not all(
        isinstance(s, dict) and isinstance(s.get("text"), str) and s.get("kind") in ("heading", "list", "field")
        for s in styled
    ):
        return _error(400, "見出しの情報を読み取れません。ファイルを開き直してください。")
    return body["text"], kind, profile, styled


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)
