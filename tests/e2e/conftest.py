"""pytest fixtures over harness.py. Each test gets its own browser (fresh profile);
the built page is served once per session, mutated copies once per test."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

import pytest

# Plain `assert`s in the probe helpers report what they compared, as in test modules.
pytest.register_assert_rewrite("probe_harness")

from harness import REPO, Browser, NginxServer, StaticServer, copy_dist

# Where the hosting tests serve the build: a path prefix, as a company host would.
PREFIX = "/tools/401-doctor/"


@pytest.fixture(scope="session")
def dist() -> Path:
    """The release build under test: $DOCTOR_DIST or ./dist (`./dev test` builds it)."""
    path = Path(os.environ.get("DOCTOR_DIST", REPO / "dist")).resolve()
    if not (path / "index.html").is_file():
        pytest.fail(f"no build at {path}: run `trunk build --release` (./dev test does)")
    return path


@pytest.fixture(scope="session")
def site(dist: Path) -> Iterator[StaticServer]:
    """dist/ served on 127.0.0.1 at a free port; `site.url` ends with `/`."""
    with StaticServer(dist) as server:
        yield server


@pytest.fixture(scope="session")
def nginx(dist: Path) -> Iterator[NginxServer]:
    """dist/ served by Debian's nginx with the checked-in hosting/nginx/ configuration,
    under PREFIX, over HTTP (`.url`) and TLS (`.tls_url`, a throwaway certificate)."""
    with NginxServer(dist, prefix=PREFIX, tls=True) as server:
        yield server


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Headless Chromium with a fresh profile, stopped (by PID if need be) after the test."""
    with Browser() as b:
        yield b


@pytest.fixture
def app(browser: Browser, site: StaticServer) -> Browser:
    """The release build loaded and started; fails the test if it does not start."""
    browser.load(site.url)
    browser.wait_for_app()
    return browser


@pytest.fixture
def mutated_site(dist: Path, tmp_path: Path) -> Iterator[Callable[[Callable[[str], str]], StaticServer]]:
    """Serve a copy of dist/ whose index.html went through `mutate`: for negative controls."""
    servers: list[StaticServer] = []

    def serve(mutate: Callable[[str], str], name: str = "mutated") -> StaticServer:
        copy = copy_dist(dist, tmp_path / name, mutate)
        server = StaticServer(copy).start()
        servers.append(server)
        return server

    yield serve
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def page(site: StaticServer) -> Iterator[Browser]:
    """One browser for a module's tests (they reset the form themselves), the build
    loaded and started, clipboard access granted."""
    import formfill

    with Browser() as b:
        b.load(site.url)
        b.wait_for_app()
        formfill.grant_clipboard(b, site.url)
        yield b


# --------------------------------------------------------------------------- live probe


@pytest.fixture(scope="session")
def azure_mock():
    """The HTTPS mock of Azure OpenAI / APIM / OpenAI (azure_mock.py), once per session;
    tests read only what arrived after their own `mark()`."""
    from probe_harness import AzureMock

    mock = AzureMock()
    yield mock
    mock.stop()


@pytest.fixture
def probe_browser(azure_mock) -> Iterator[Browser]:
    """A fresh Chromium whose resolver sends the real Azure/OpenAI names (and the
    bystanders) to the mock and which accepts its certificate: TEST HARNESS ONLY."""
    with Browser(extra_args=azure_mock.browser_args()) as b:
        yield b
