"""Debian's nginx serving a build with the checked-in configuration, on loopback.

Used by the hosting tests (tests/e2e/test_nginx.py and others, through harness.py),
`./dev serve` and scripts/loadtime.py. The server runs with a configuration of its own
in a temporary directory (pid, logs, temp paths), made of the checked-in recipe files
exactly as a host would use them: hosting/nginx/401-doctor-maps.conf in http {} and
hosting/nginx/401-doctor.conf inside the location that serves the build, under a path
prefix (`/` or e.g. `/tools/401-doctor/`, served with `alias`), over HTTP and,
optionally, over TLS with a throwaway self-signed certificate (for the HSTS rule).

    python3 scripts/nginx_server.py --dir dist --port 8080 [--prefix /tools/401-doctor/]

Every request is logged as one JSON line (method, URI, status, bytes, encodings), which
the tests read to see what went over the wire.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
MAPS = REPO / "hosting" / "nginx" / "401-doctor-maps.conf"
LOCATION = REPO / "hosting" / "nginx" / "401-doctor.conf"

CONFIG = """\
daemon off;
master_process on;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
load_module {brotli_module};
events {{ worker_connections 256; }}
http {{
    log_format doctor401 escape=json '{{"method":"$request_method","uri":"$request_uri",'
        '"status":$status,"bytes":$body_bytes_sent,"accept_encoding":"$http_accept_encoding",'
        '"content_encoding":"$sent_http_content_encoding","scheme":"$scheme"}}';
    access_log {tmp}/access.log doctor401;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
    server_tokens off;
    include {maps};
{servers}
}}
"""

SERVER = """\
    server {{
        listen 127.0.0.1:{port}{tls};
        server_name localhost;
{certificate}
        location {prefix} {{
            alias {directory}/;
            include {location};
        }}
    }}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


class NginxServer:
    """nginx on 127.0.0.1 (free ports unless given), stopped by PID. `.url` is the page's
    URL (with the prefix, ending in `/`); `.tls_url` the same over TLS, if asked for."""

    def __init__(self, directory: Path | str, *, prefix: str = "/", port: int = 0,
                 tls: bool = False, timeout: float = 20.0) -> None:
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError(f"the prefix must start and end with '/': {prefix!r}")
        self.directory = Path(directory).resolve()
        self.prefix, self.port, self.tls, self.timeout = prefix, port, tls, timeout
        self.proc: subprocess.Popen | None = None
        self.url = self.tls_url = ""
        self.tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> "NginxServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _config(self, port: int, tls_port: int) -> str:
        tmp = self.tmp.name
        servers = SERVER.format(port=port, tls="", certificate="", prefix=self.prefix,
                                directory=self.directory, location=LOCATION)
        if tls_port:
            cert = (f"        ssl_certificate {tmp}/cert.pem;\n"
                    f"        ssl_certificate_key {tmp}/key.pem;")
            servers += SERVER.format(port=tls_port, tls=" ssl", certificate=cert,
                                     prefix=self.prefix, directory=self.directory,
                                     location=LOCATION)
        return CONFIG.format(tmp=tmp, brotli_module=BROTLI_MODULE, maps=MAPS, servers=servers)

    def start(self) -> "NginxServer":
        if not (self.directory / "index.html").is_file():
            raise RuntimeError(f"{self.directory} has no index.html: build the page first")
        if not Path(NGINX).is_file():
            raise RuntimeError(f"no {NGINX}: run ./dev setup --test (Debian nginx)")
        self.tmp = tempfile.TemporaryDirectory(prefix="doctor401-nginx-")
        os.chmod(self.tmp.name, 0o755)
        if self.tls:
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                            "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                            "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
                            "-keyout", f"{self.tmp.name}/key.pem",
                            "-out", f"{self.tmp.name}/cert.pem"],
                           check=True, capture_output=True)
        # A free port can be taken between the check and nginx's bind: try a few.
        for _attempt in range(5):
            port = self.port or free_port()
            tls_port = free_port() if self.tls else 0
            conf = Path(self.tmp.name) / "nginx.conf"
            conf.write_text(self._config(port, tls_port))
            self.proc = subprocess.Popen(
                [NGINX, "-p", self.tmp.name, "-c", str(conf)],
                stdout=subprocess.DEVNULL, stderr=open(Path(self.tmp.name) / "stderr", "w"))
            if self._wait_listening([port] + ([tls_port] if tls_port else [])):
                self.url = f"http://127.0.0.1:{port}{self.prefix}"
                self.tls_url = f"https://127.0.0.1:{tls_port}{self.prefix}" if tls_port else ""
                return self
            self.stop(keep_tmp=True)
            if self.port:
                break
        said = (Path(self.tmp.name) / "stderr").read_text()[-2000:]
        raise RuntimeError(f"nginx did not start: {said}")

    @classmethod
    def run_config(cls, conf: Path, port: int, timeout: float = 20.0) -> "NginxServer":
        """nginx on a configuration file of the caller's (its prefix is the file's
        directory), once `port` accepts connections; `.stop()` stops it."""
        server = cls(conf.parent, timeout=timeout)
        server.proc = subprocess.Popen([NGINX, "-p", str(conf.parent), "-c", str(conf)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not server._wait_listening([port]):
            server.stop()
            raise RuntimeError(f"nginx did not start on {conf}")
        server.url = f"http://127.0.0.1:{port}/"
        return server

    def _wait_listening(self, ports: list[int]) -> bool:
        """Until every port accepts a connection (True) or nginx exits (False); bounded."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                for p in ports:
                    socket.create_connection(("127.0.0.1", p), timeout=1).close()
                return True
            except OSError:
                time.sleep(0.05)  # polling a condition with a deadline
        return False

    def stop(self, keep_tmp: bool = False) -> None:
        if self.proc is not None:
            # The master stops its workers on SIGTERM (fast shutdown); kill if it must.
            family = [self.proc.pid, *_children(self.proc.pid)]
            for sig in (signal.SIGTERM, signal.SIGKILL):
                for pid in family:
                    try:
                        os.kill(pid, sig)
                    except ProcessLookupError:
                        pass
                deadline = time.monotonic() + 5
                while any(_alive(p) for p in family) and time.monotonic() < deadline:
                    time.sleep(0.05)
                if not any(_alive(p) for p in family):
                    break
            self.proc.wait(timeout=self.timeout)
            self.proc = None
        if self.tmp is not None and not keep_tmp:
            self.tmp.cleanup()
            self.tmp = None

    def requests(self) -> list[dict]:
        """Every request nginx answered so far, oldest first (the JSON access log)."""
        log = Path(self.tmp.name) / "access.log"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text().splitlines() if line]

    def error_log(self) -> str:
        log = Path(self.tmp.name) / "error.log"
        return log.read_text() if log.exists() else ""


def _children(pid: int) -> list[int]:
    """Descendants of `pid` (nginx's workers), read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="the build to serve (dist/)")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--prefix", default="/", help="path prefix, e.g. /tools/401-doctor/")
    args = parser.parse_args()
    server = NginxServer(args.dir, prefix=args.prefix, port=args.port).start()
    print(f"listening on {server.url} (nginx, brotli; Ctrl-C stops)", flush=True)
    try:
        server.proc.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
