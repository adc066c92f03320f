"""``owabilint serve``: checks its options, prints the start-up lines and runs uvicorn.

The command line (:mod:`owabilint.cli`) only gathers :class:`ServeOptions`; everything
heavy is imported here, when the page is actually started.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


@dataclass(frozen=True)
class ServeOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    allow_remote: bool = False  # binding to a non-loopback address needs it
    allowed_hosts: tuple[str, ...] = ()  # more Host names the page may be opened under
    open_browser: bool = False
    max_bytes: int = 2_000_000
    config: str | None = None
    no_config: bool = False


def run(options: ServeOptions) -> int:
    """Serve until interrupted; returns the exit status (2 for a usage or configuration error)."""
    from owabilint.serve.guard import is_loopback

    def error(message: str) -> int:
        sys.stderr.write(f"owabilint: error: {message}\n")
        return 2

    if not 0 <= options.port <= 65535:
        return error(f"--port: '{options.port}' は使えません（0〜65535）")
    if not is_loopback(options.host) and not options.allow_remote:
        return error(
            f"--host: {options.host} で待ち受けると、ほかのコンピューターから下書きを送れるようになります。"
            "意図している場合は --allow-remote を付けてください"
        )

    import socket

    import uvicorn

    from owabilint.config import ResolverOptions
    from owabilint.document.recent import keep_recent
    from owabilint.errors import OwabilintError
    from owabilint.serve.app import create_app
    from owabilint.serve.linting import Linter

    keep_recent()  # re-linting as someone types: only the edited sentences are tokenized again
    linter = Linter(ResolverOptions(config=options.config, no_config=options.no_config))
    try:
        linter.warm_up()
    except OwabilintError as exc:
        return error(str(exc))
    linter.caches.save()  # what warming up folded is kept even if the page is never closed cleanly
    family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((options.host, options.port))
    except OSError as exc:
        return error(
            f"{options.host}:{options.port} で待ち受けできません（{exc.strerror or exc}）。--port でほかの番号を指定してください"
        )
    sock.listen(128)  # connections wait in the backlog until uvicorn accepts them
    port = sock.getsockname()[1]
    shown = f"[{options.host}]" if ":" in options.host else options.host
    url = f"http://{'127.0.0.1' if options.host in ('0.0.0.0', '::') else shown}:{port}/"
    if not is_loopback(options.host):
        sys.stderr.write(
            f"owabilint: 警告: {options.host} で待ち受けています。同じネットワークのほかのコンピューターからも"
            "下書きを送れます。社内の信頼できるネットワークだけで使ってください\n"
        )
    app = create_app(
        linter, host=options.host, port=port, extra_hosts=options.allowed_hosts, max_body=options.max_bytes
    )
    sys.stdout.write(f"owabilint: お詫び文チェックのページを開いています: {url}\n（終了するには Ctrl+C）\n")
    sys.stdout.flush()
    if options.open_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, date_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        linter.caches.save()
    return 0
