#!/usr/bin/env python3
"""Warm answer time of ``owabilint serve`` for a 2,000-character draft (lint as you type).

    python3 benchmarks/serve_latency.py [--requests 60] [--owabilint "python -m owabilint"]

Starts ``owabilint serve --port 0 --no-config`` on 127.0.0.1, sends 10 warm-up requests,
then ``--requests`` POST /api/lint requests over one keep-alive connection, each with the
draft plus one more typed character (as the page sends them while someone types), and
reports the wall time per answer (request sent → JSON read): median, p90, max, and the
server's CPU time per answer (from /proc, less sensitive to other load). For
comparison it also times the engine alone in this process (``lint_text`` on the same
texts), so the difference is what HTTP, JSON and the page's extra fields cost.
The draft is the benchmark generator's first drafts, cut to 2,000 characters at a line end.
Loopback only, a bounded number of requests; stops the server when done.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_inputs import SEED, draft

CHARS = 2_000
TYPED = "本件につきましては、引き続き調査を進めてまいります"


def two_thousand_characters() -> str:
    rng = random.Random(SEED)
    text = ""
    i = 0
    while len(text) < CHARS:
        text += draft(rng, i) + "\n"
        i += 1
    cut = text.rfind("\n", 0, CHARS) + 1
    return text[:cut] + "あ" * (CHARS - cut - 1) + "\n" if cut < CHARS else text[:CHARS]


def texts(base: str, n: int) -> list[str]:
    """The draft as someone types one more character after another at its end."""
    typed = (TYPED * (n // len(TYPED) + 1))[:n]
    return [base + typed[: i + 1] for i in range(n)]


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p90_ms": ordered[int(len(ordered) * 0.9) - 1] * 1000,
        "max_ms": ordered[-1] * 1000,
        "n": len(ordered),
    }


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--owabilint", default=f"{sys.executable} -m owabilint")
    args = parser.parse_args()
    base = two_thousand_characters()
    assert len(base) == CHARS, len(base)
    proc = subprocess.Popen(
        [*shlex.split(args.owabilint), "serve", "--port", "0", "--no-config"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            print(line + proc.stderr.read(), file=sys.stderr)
            return 1
        port = int(match.group(1))
        origin = f"http://127.0.0.1:{port}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def ask(text: str) -> float:
            body = json.dumps({"text": text, "kind": "text", "profile": "recommended"}, ensure_ascii=False).encode()
            started = time.perf_counter()
            connection.request("POST", "/api/lint", body, {"Origin": origin, "Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - started
            assert response.status == 200, payload[:200]
            json.loads(payload)
            return elapsed

        for text in texts(base, 10):
            ask(text)
        cpu_before = process_cpu(proc.pid)
        served = [ask(text) for text in texts(base, args.requests)]
        served_cpu = (process_cpu(proc.pid) - cpu_before) / args.requests
        connection.close()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)

    from owabilint.config import ConfigResolver, ResolverOptions
    from owabilint.engine import lint_text

    resolved = ConfigResolver(ResolverOptions(no_config=True)).for_run()
    for text in texts(base, 10):
        lint_text(text, rules=resolved.rules, settings=resolved.settings)
    engine = []
    cpu_before = time.process_time()
    for text in texts(base, args.requests):
        started = time.perf_counter()
        lint_text(text, rules=resolved.rules, settings=resolved.settings)
        engine.append(time.perf_counter() - started)
    engine_cpu = (time.process_time() - cpu_before) / args.requests

    load = os.getloadavg()[0]
    print(f"draft: {CHARS:,} characters; {args.requests} requests after 10 warm-up; load average (1 min) {load:.2f}")
    print("| what | wall median ms | wall p90 ms | wall max ms | CPU ms per answer | n |")
    print("|---|---|---|---|---|---|")
    rows = (
        ("`POST /api/lint` (server, HTTP + JSON)", served, served_cpu),
        ("`lint_text` in-process (engine only)", engine, engine_cpu),
    )
    for name, samples, cpu in rows:
        s = summary(samples)
        print(
            f"| {name} | {s['median_ms']:.1f} | {s['p90_ms']:.1f} | {s['max_ms']:.1f} | {cpu * 1000:.1f} | {s['n']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
