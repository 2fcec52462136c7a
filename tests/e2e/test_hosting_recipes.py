"""Issue 15: the host recipes are generated from the one policy and say what nginx says.

* Every checked-in recipe is exactly what hosting/generate.py writes from
  hosting/policy.py, and narrowing the policy (as the hardening issue will narrow
  `connect-src`) changes every recipe that carries the CSP.
* hosting/policy.py states the policy the tests expect (tests/e2e/policy.py).
* Azure Static Web Apps: the config parses and carries the header set nginx sends, and
  its routes give each built file the cache rule nginx gives it.
* GitHub Pages: the workflow parses and builds and deploys dist/; the README names the
  headers Pages cannot set.
* The container: the Dockerfile installs the nginx the tests run and copies exactly the
  tested configuration; its site file, run by this machine's nginx, serves the build
  with the same headers. (No image is built here: see README "Container".)
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from harness import REPO, NginxServer, parse_csp
from nginx_server import NGINX, free_port, _children  # noqa: F401
from policy import CONNECT_SRC_ALLOWLIST, EXPECTED_CSP, LOADER_HASH
from test_nginx import built_files, fetch

sys.path.insert(0, str(REPO))
from hosting import generate, policy  # noqa: E402

HOSTING = REPO / "hosting"
SWA = HOSTING / "static-web-apps" / "staticwebapp.config.json"
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
DOCKERFILE = HOSTING / "container" / "Dockerfile"


def test_checked_in_recipes_are_what_the_policy_generates():
    done = subprocess.run([sys.executable, str(HOSTING / "generate.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_narrowing_connect_src_reaches_every_recipe_that_carries_the_csp(monkeypatch):
    before = {path: make() for path, make in generate.RECIPES.items()}
    monkeypatch.setattr(policy, "CONNECT_SRC_ALLOWLIST", ["https://contoso.openai.azure.com"])
    after = {path: make() for path, make in generate.RECIPES.items()}
    changed = {p.relative_to(REPO).as_posix() for p in before if before[p] != after[p]}
    assert changed == {"hosting/nginx/401-doctor.conf",
                       "hosting/static-web-apps/staticwebapp.config.json"}
    for path in changed:
        assert "https://contoso.openai.azure.com" in after[REPO / path]
        assert "https://*.azure-api.net" not in after[REPO / path]
    # And the page's own meta, which the build writes from the same function.
    assert "https://*.azure-api.net" not in policy.meta_csp()


def test_the_policy_module_states_the_tested_policy():
    meta = parse_csp(policy.meta_csp())
    hashed = {k: [LOADER_HASH if v.startswith("'sha256-") else v for v in vs]
              for k, vs in meta.items()}
    assert hashed == EXPECTED_CSP
    assert policy.CONNECT_SRC_ALLOWLIST == CONNECT_SRC_ALLOWLIST
    assert parse_csp(policy.header_csp()) == {**meta, "frame-ancestors": ["'none'"]}


# --------------------------------------------------------------------------- Static Web Apps


def swa_headers_for(config: dict, path: str) -> dict:
    """The headers Static Web Apps sends for `path`: globalHeaders, then those of the
    first route that matches (its documented rule: first match wins)."""
    headers = dict(config["globalHeaders"])
    for route in config["routes"]:
        pattern = route["route"]
        # `/*.{js,wasm}` is a glob with alternatives; expand them for fnmatch.
        alternatives = re.match(r"^(.*)\{([^}]*)\}(.*)$", pattern)
        patterns = ([alternatives[1] + alt + alternatives[3]
                     for alt in alternatives[2].split(",")] if alternatives else [pattern])
        if any(fnmatch.fnmatchcase(path, p) for p in patterns):
            headers.update(route.get("headers", {}))
            break
    return headers


def test_static_web_apps_config_carries_the_nginx_header_set(nginx: NginxServer, dist: Path):
    config = json.loads(SWA.read_text(encoding="utf-8"))
    assert set(config) == {"$comment", "globalHeaders", "routes", "mimeTypes"}
    assert config["mimeTypes"][".wasm"] == "application/wasm"
    for name in ["", *built_files(dist)]:
        _, sent, _ = fetch(nginx.tls_url + name)
        swa = {k.lower(): v for k, v in swa_headers_for(config, "/" + name).items()}
        for header in ("content-security-policy", "x-content-type-options",
                       "referrer-policy", "permissions-policy", "cross-origin-opener-policy",
                       "cross-origin-resource-policy", "strict-transport-security",
                       "cache-control"):
            assert swa.get(header) == sent[header], (name or "/", header)


# --------------------------------------------------------------------------- GitHub Pages


def test_pages_workflow_builds_and_deploys_dist():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1).
    assert set(flow[True]) == {"push", "workflow_dispatch"}
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = flow["jobs"]["build"]["steps"]
    runs = "\n".join(s.get("run", "") for s in build)
    assert "./dev build" in runs and "./dev bundle" in runs
    upload = [s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [s["with"]["path"] for s in upload] == ["dist"]
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^##)", text, re.S | re.M)
    assert match, f"README has no '### {title}' section"
    return match.group(1)


def test_readme_names_the_headers_pages_cannot_set():
    section = readme_section("GitHub Pages")
    for name in [*policy.security_headers(), "frame-ancestors", "Cache-Control"]:
        assert name in section, name


# --------------------------------------------------------------------------- container


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
            for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_dockerfile_installs_debians_nginx_and_copies_the_tested_config():
    steps = dockerfile_instructions()
    assert steps[0] == ("FROM", "debian:bookworm-slim")  # the nginx these tests run
    run = " ".join(arg for op, arg in steps if op == "RUN")
    assert "nginx libnginx-mod-http-brotli-static" in run and "nginx -t" in run
    copies = {tuple(arg.split()) for op, arg in steps if op == "COPY"}
    assert copies == {
        ("hosting/nginx/401-doctor-maps.conf", "/etc/nginx/conf.d/401-doctor-maps.conf"),
        ("hosting/nginx/401-doctor.conf", "/etc/nginx/snippets/401-doctor.conf"),
        ("hosting/nginx/site.conf", "/etc/nginx/sites-enabled/401-doctor"),
        ("dist/", "/srv/401-doctor/"),
    }
    for source, _ in copies:
        assert (REPO / source).exists(), source
    ignore = (HOSTING / "container" / "Dockerfile.dockerignore").read_text().splitlines()
    assert [line for line in ignore if not line.startswith("#")] == \
        ["*", "!dist/", "!hosting/nginx/"]


def test_the_containers_site_serves_the_build_with_the_same_headers(
        nginx: NginxServer, dist: Path, tmp_path: Path):
    """The image's site file, run by this machine's nginx: its paths are the image's, so
    they are pointed at the build and the checked-in snippet, and it listens on a free
    loopback port; nothing else is changed."""
    site = (HOSTING / "nginx" / "site.conf").read_text(encoding="utf-8")
    port = free_port()
    for image_path, here in (("root /srv/401-doctor;", f"root {dist};"),
                             ("include snippets/401-doctor.conf;",
                              f"include {HOSTING / 'nginx' / '401-doctor.conf'};"),
                             ("listen 8080 default_server;", f"listen 127.0.0.1:{port};"),
                             ("listen [::]:8080 default_server;", "")):
        assert image_path in site, image_path
        site = site.replace(image_path, here)
    (tmp_path / "site.conf").write_text(site)
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        "daemon off; pid %(t)s/nginx.pid; error_log %(t)s/error.log;\n"
        "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\n"
        "events {}\nhttp { access_log off; client_body_temp_path %(t)s/b; proxy_temp_path %(t)s/p;\n"
        "fastcgi_temp_path %(t)s/f; uwsgi_temp_path %(t)s/u; scgi_temp_path %(t)s/s;\n"
        "include %(maps)s; include %(t)s/site.conf; }\n"
        % {"t": tmp_path, "maps": HOSTING / "nginx" / "401-doctor-maps.conf"})
    tmp_path.chmod(0o755)
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    server = NginxServer.run_config(conf, port)
    try:
        for name in ["", *built_files(dist)]:
            _, ours, body = fetch(f"http://127.0.0.1:{port}/{name}")
            _, tested, tested_body = fetch(nginx.url + name)
            assert body == tested_body, name
            for header in ("content-security-policy", "x-content-type-options",
                           "referrer-policy", "permissions-policy",
                           "cross-origin-opener-policy", "cross-origin-resource-policy",
                           "cache-control", "content-type", "content-encoding", "vary"):
                assert ours.get(header) == tested.get(header), (name, header)
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _nginx_exists():
    assert Path(NGINX).is_file(), "Debian nginx is missing: ./dev setup --test installs it"
