"""``quotecli models download`` against a local HTTP server (never the internet)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotecli import nlp
from quotecli.cli_models import app

runner = CliRunner()

# official package names, as in Stanza's real resources.json for Indonesian
PACKAGES = {"tokenize": "gsd", "mwt": "gsd", "pos": "gsd_nocharlm", "lemma": "gsd_nocharlm",
            "depparse": "gsd_nocharlm"}
PRETRAIN = "quotecli"


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def _build_site(root: Path, port: int) -> None:
    """Lay out a mirror the way stanza.resources.common.download expects it:
    ``{resources_url}/resources_{version}.json`` and the model URL template from its ``url`` key,
    formatted with lang / resources_version / filename='<processor>/<package>.pt'."""
    from stanza.resources.common import DEFAULT_RESOURCES_VERSION

    files = {proc: nlp.BUNDLED_DIR / nlp.BUNDLE_FILES[proc] for proc in PACKAGES}
    files["pretrain"] = nlp.BUNDLED_DIR / nlp.BUNDLE_FILES["pretrain"]
    lang: dict = {"lang_name": "Indonesian", "packages": {"default": dict(PACKAGES)},
                  "default_processors": dict(PACKAGES)}
    for proc, pkg in [*PACKAGES.items(), ("pretrain", PRETRAIN)]:
        dest = root / "models" / DEFAULT_RESOURCES_VERSION / "id" / proc / f"{pkg}.pt"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(files[proc], dest)
        entry: dict = {"md5": _md5(dest)}
        if proc in ("pos", "depparse"):
            entry["dependencies"] = [{"model": "pretrain", "package": PRETRAIN}]
        lang.setdefault(proc, {})[pkg] = entry
    resources = {"url": f"http://127.0.0.1:{port}/models/{{resources_version}}/{{lang}}/{{filename}}", "id": lang}
    (root / f"resources_{DEFAULT_RESOURCES_VERSION}.json").write_text(json.dumps(resources))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[str]:
    pytest.importorskip("stanza")
    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    _build_site(site, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(nlp.ENV_MODELS, raising=False)
    monkeypatch.setenv(nlp.ENV_STANZA_DIR, str(tmp_path / "no_official"))
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def test_download_installs_official_layout(mirror: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "stanza_resources"
    result = runner.invoke(app, ["download", "--resources-url", mirror, "--dir", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "resources.json").is_file()
    for proc, pkg in PACKAGES.items():
        assert (target / "id" / proc / f"{pkg}.pt").is_file(), proc
    assert (target / "id" / "pretrain" / f"{PRETRAIN}.pt").is_file()

    monkeypatch.setenv(nlp.ENV_STANZA_DIR, str(target))
    ms = nlp.resolve_models()
    assert ms.origin == "official"
    for proc in PACKAGES:
        assert ms.processors[proc].source == "official"
    assert ms.processors["ner"].source == "bundled"
    assert ms.stanza_kwargs["depparse_pretrain_path"] == str(target.resolve() / "id" / "pretrain" / f"{PRETRAIN}.pt")


@pytest.mark.pipeline
def test_downloaded_official_models_load(mirror: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stanza

    target = nlp.download_official(resources_url=mirror, dir=tmp_path / "sr")
    monkeypatch.setenv(nlp.ENV_STANZA_DIR, str(target))
    kwargs = nlp.resolve_models().stanza_kwargs
    doc = stanza.Pipeline(**kwargs, logging_level="WARN")("Presiden Joko Widodo mengatakan hal itu di Jakarta.")
    assert any(e.type == "PERSON" for e in doc.ents)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_offline_download_fails_with_one_clear_line(tmp_path: Path) -> None:
    pytest.importorskip("stanza")
    url = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(nlp.DownloadError) as err:
        nlp.download_official(resources_url=url, dir=tmp_path / "x")
    assert "\n" not in str(err.value)
    result = runner.invoke(app, ["download", "--resources-url", url, "--dir", str(tmp_path / "y")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("quotecli: could not download"), result.stderr


def test_md5_mismatch_is_reported(mirror: str, tmp_path: Path) -> None:
    # corrupt one model on the server side (the mirror fixture serves tmp_path/site)
    served = next(tmp_path.glob("site/models/*/id/mwt/gsd.pt"))
    served.write_bytes(b"corrupted")
    with pytest.raises(nlp.DownloadError, match="md5"):
        nlp.download_official(resources_url=mirror, dir=tmp_path / "z")
