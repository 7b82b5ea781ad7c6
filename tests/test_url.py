"""URL inputs against a local HTTP server on 127.0.0.1 (no other network): 200, redirects, charsets,
404, timeout, oversized, non-HTML, and nothing listening (what a user sees offline)."""
from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest

PAGE = (Path(__file__).parent / "pages" / "kompas-jembatan.html").read_bytes()
LATIN = ('<html><head><title>Uji Latin</title></head><body><article><p>\u201cKami sudah siap sejak pagi tadi '
         "di lokasi,\u201d kata Budi Santoso di Jakarta, Senin.</p><p>Ia menambahkan semua petugas sudah berjaga "
         "di lokasi sejak malam.</p></article></body></html>").encode("cp1252")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, code: int, ctype: str, body: bytes, length: bool = True) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose (the timeout and size-limit tests): nothing to report

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        seen.append(self.headers.get("User-Agent", ""))
        if self.path == "/berita/jembatan.html":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/lama":
            self.send_response(301)
            self.send_header("Location", "/berita/jembatan.html")
            self.end_headers()
        elif self.path == "/latin":
            self._send(200, "text/html; charset=windows-1252", LATIN)
        elif self.path == "/lambat":
            time.sleep(3)
            self._send(200, "text/html", PAGE)
        elif self.path == "/besar":
            self._send(200, "text/html", b"<p>" + b"kata " * 200_000 + b"</p>")
        elif self.path == "/besar-tanpa-panjang":  # no Content-Length: the limit is enforced while reading
            self._send(200, "text/html", b"<p>" + b"kata " * 200_000 + b"</p>", length=False)
            self.close_connection = True
        elif self.path == "/ke-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/berita.html")
            self.end_headers()
        elif self.path == "/laporan.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        else:
            self._send(404, "text/html", b"<h1>Halaman tidak ditemukan</h1>")


seen: list[str] = []


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _run(cli, *args: str):
    r = cli("extract", "--fast", *args)
    assert "Traceback" not in r.stderr
    return r, json.loads(r.stdout)


def test_200_page_gives_quotes_meta_and_text(cli, server, schema):
    r, obj = _run(cli, f"{server}/berita/jembatan.html")
    assert r.returncode == 0, r.stderr
    jsonschema.validate(obj, schema)
    assert obj["source"] == f"{server}/berita/jembatan.html"
    assert obj["meta"]["url"] == f"{server}/berita/jembatan.html"
    assert obj["meta"]["author"] == "Rina Lestari" and obj["meta"]["date"] == "2025-01-14"
    assert any(q["speaker"] == "Darmawan" for q in obj["quotes"])
    for q in obj["quotes"]:
        assert obj["text"][q["start"]:q["end"]] == q["quote"]
    assert seen and seen[-1].startswith("quotecli/")  # a user agent that names the tool


def test_redirect_is_followed_and_the_final_url_kept(cli, server):
    r, obj = _run(cli, f"{server}/lama")
    assert r.returncode == 0 and obj["meta"]["url"] == f"{server}/berita/jembatan.html"


def test_charset_from_the_headers(cli, server):
    r, obj = _run(cli, f"{server}/latin")
    assert r.returncode == 0 and "\u201cKami sudah siap" in obj["text"]


@pytest.mark.parametrize("path, args, message", [
    ("/tidak-ada", [], "HTTP 404 Not Found"),
    ("/lambat", ["--timeout", "1"], "no answer within 1 s (timed out)"),
    ("/besar", ["--max-chars", "1000"], "over the limit of 73536 bytes"),
    ("/besar-tanpa-panjang", ["--max-chars", "1000"], "over the limit of 73536 bytes"),
    ("/laporan.pdf", [], "not an HTML page (Content-Type application/pdf)"),
    ("/ke-ftp", [], "redirected to ftp:, not an http(s) URL"),
])
def test_failures_are_one_line_and_an_error_record(cli, server, path, args, message):
    url = f"{server}{path}"
    r, obj = _run(cli, *args, url)
    assert r.returncode == 1
    assert obj == {"source": url, "error": f"{url}: {message}" if "73536" not in message else obj["error"]}
    assert message in obj["error"]
    assert r.stderr.strip().splitlines() == [f"quotecli: {obj['error']}"]


def test_nothing_listening_reads_as_offline_and_the_other_inputs_still_run(cli, server):
    with socket.socket() as s:  # a port with nothing behind it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = f"http://127.0.0.1:{port}/berita"
    r, arr = _run(cli, dead, f"{server}/berita/jembatan.html")
    assert r.returncode == 1
    assert arr[0] == {"source": dead, "error": f"{dead}: connection refused: offline, or nothing listens there"}
    assert arr[1]["quotes"]
    assert r.stderr.strip().splitlines() == [f"quotecli: {arr[0]['error']}"]


def test_an_unknown_host_reads_as_offline(cli):
    url = "http://no-such-host.invalid/berita"  # .invalid never resolves (RFC 2606), online or not
    r, obj = _run(cli, url)
    assert r.returncode == 1
    assert obj["error"] == f"{url}: cannot resolve the host name: offline, or no such host"
