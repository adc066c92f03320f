"""Chromium through Playwright for the browser tests, and whether they may skip.

The browser tests (marker ``browser``) drive the review page in Debian's Chromium
(``apt-get install chromium``; Playwright's own browser download is not used). On a
machine without Chromium or Playwright they skip with the reason. With
``OWABILINT_BROWSER_TESTS=require`` (set by ``.ci/run``) they fail instead: on CI, a
missing browser must never pass silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REQUIRE = os.environ.get("OWABILINT_BROWSER_TESTS", "") == "require"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
]
ARTIFACTS = Path(
    os.environ.get("OWABILINT_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "build" / "test-artifacts")
)


def unavailable(reason: str) -> None:
    """Skip (developer machine) or fail (CI) because the browser tests cannot run."""
    if REQUIRE:
        pytest.fail(f"browser tests are required here (OWABILINT_BROWSER_TESTS=require), but {reason}", pytrace=False)
    pytest.skip(f"{reason}; install it to run the browser tests (see README, Development)")


def chromium_path() -> str | None:
    configured = os.environ.get("OWABILINT_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None
