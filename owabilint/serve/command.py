"""``owabilint serve``: options, the start-up lines, and running uvicorn.

Only the standard library is imported at module level: the CLI builds its parser from
:func:`add_options` on every run.
"""

from __future__ import annotations

import argparse
import sys

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N", help=f"Port (default: {DEFAULT_PORT}; 0: any free port).")
    parser.add_argument("--host", default=DEFAULT_HOST, metavar="ADDRESS", help="Address to bind (default: 127.0.0.1).")
    parser.add_argument(
        "--allow-remote", action="store_true",
        help="Allow binding to an address other than loopback (other machines can then send drafts to this one).",
    )
    parser.add_argument(
        "--allowed-host", action="append", default=[], metavar="NAME",
        help="Another host name the page may be opened under (with --allow-remote).",
    )
    parser.add_argument("--open", action="store_true", help="Open the page in the browser.")
    parser.add_argument("--max-bytes", type=int, default=2_000_000, metavar="N", help="Largest draft or file accepted (bytes).")
    parser.add_argument("--config", metavar="PATH", help="Use this configuration file.")
    parser.add_argument("--no-config", action="store_true", help="Ignore every configuration file.")


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; returns the exit status (2 for a usage or configuration error)."""
    from owabilint.serve.guard import is_loopback

    def error(message: str) -> int:
        sys.stderr.write(f"owabilint: error: {message}\n")
        return 2

    if not 0 <= args.port <= 65535:
        return error(f"--port: '{args.port}' は使えません（0〜65535）")
    if args.max_bytes < 1:
        return error(f"--max-bytes: 1 以上の整数を指定してください（{args.max_bytes}）")
    if not is_loopback(args.host) and not args.allow_remote:
        return error(
            f"--host: {args.host} で待ち受けると、ほかのコンピューターから下書きを送れるようになります。"
            "意図している場合は --allow-remote を付けてください"
        )

    import socket

    import uvicorn

    from owabilint.config import ResolverOptions
    from owabilint.errors import OwabilintError
    from owabilint.serve.app import create_app
    from owabilint.serve.linting import Linter

    linter = Linter(ResolverOptions(config=args.config, no_config=args.no_config))
    try:
        linter.warm_up()
    except OwabilintError as exc:
        return error(str(exc))
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        return error(f"{args.host}:{args.port} で待ち受けできません（{exc.strerror or exc}）。--port でほかの番号を指定してください")
    sock.listen(128)  # connections wait in the backlog until uvicorn accepts them
    port = sock.getsockname()[1]
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else shown}:{port}/"
    if not is_loopback(args.host):
        sys.stderr.write(
            f"owabilint: 警告: {args.host} で待ち受けています。同じネットワークのほかのコンピューターからも"
            "下書きを送れます。社内の信頼できるネットワークだけで使ってください\n"
        )
    app = create_app(linter, host=args.host, port=port, extra_hosts=tuple(args.allowed_host), max_body=args.max_bytes)
    sys.stdout.write(f"owabilint: お詫び文チェックのページを開いています: {url}\n（終了するには Ctrl+C）\n")
    sys.stdout.flush()
    if args.open:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, date_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    return 0
