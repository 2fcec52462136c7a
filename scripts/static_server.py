"""A plain static file server for the built page (dist/), on loopback only.

Used by `./dev serve` and by the browser tests. It deliberately adds no security
headers: the page's protection must come from its own <meta> CSP, and the tests prove
that it does. It only makes sure the types are right (`.wasm` as application/wasm, so
the browser can compile while streaming) and that nothing is cached between runs.

    python3 scripts/static_server.py --dir dist --port 8080 [--log requests.jsonl]

With `--port 0` the OS picks a free port. The first line on stdout is always
`listening on http://127.0.0.1:<port>/`, which the test harness waits for.
With `--log`, every request (method, path, headers) is appended as one JSON line,
so tests can compare what the browser says it sent with what the server received.
"""

import argparse
import functools
import json
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    log_file = None
    log_lock = threading.Lock()
    quiet = False

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_request(self, code="-", size="-") -> None:
        if self.log_file is not None:
            entry = {
                "method": self.command,
                "path": self.path,
                "status": int(code) if str(code).isdigit() else str(code),
                "headers": dict(self.headers.items()),
            }
            with self.log_lock, open(self.log_file, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")
        if not self.quiet:
            super().log_request(code, size)

    def log_message(self, format, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="directory to serve (dist/)")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--log", help="append every request as JSON to this file")
    parser.add_argument("--quiet", action="store_true", help="no access log on stderr")
    args = parser.parse_args()

    Handler.log_file = args.log
    Handler.quiet = args.quiet
    handler = functools.partial(Handler, directory=args.dir)
    # Loopback only: the page handles secrets and must not be reachable from elsewhere.
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.daemon_threads = True
    print(f"listening on http://127.0.0.1:{server.server_port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
