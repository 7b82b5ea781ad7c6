"""quotecli.nlp model resolution, ``quotecli models list`` and the bundled Stanza pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotecli import nlp
from quotecli.cli_models import app

runner = CliRunner()
BUNDLE_PROCS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No QUOTECLI_MODELS, and an empty STANZA_RESOURCES_DIR so a real ~/stanza_resources can't interfere."""
    monkeypatch.delenv(nlp.ENV_MODELS, raising=False)
    monkeypatch.setenv(nlp.ENV_STANZA_DIR, str(tmp_path_factory.mktemp("no_official")))


def _list_json(*args: str) -> dict:
    result = runner.invoke(app, ["list", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_json_reports_bundled_models() -> None:
    data = _list_json()
    assert data["origin"] == "bundled"
    for proc in BUNDLE_PROCS:
        entry = data["processors"][proc]
        assert entry["source"] == "bundled"
        assert entry["exists"] is True
        assert Path(entry["path"]).is_file()
        assert entry["size_bytes"] == Path(entry["path"]).stat().st_size > 0
    kw = data["stanza_kwargs"]
    assert kw["lang"] == "id" and kw["download_method"] is None
    assert (Path(kw["dir"]) / "resources.json").is_file()
    for key, value in kw.items():
        if key.endswith("_path"):
            assert Path(value).is_absolute() and Path(value).is_file(), key
    for proc in ("pos", "depparse", "ner"):
        assert kw[f"{proc}_pretrain_path"]
    # held-out scores come from the manifest
    assert data["processors"]["pos"]["held_out_scores"]["gsd_test"]["UPOS"] > 0
    assert data["processors"]["ner"]["held_out_scores"]["nergrit_test"]["PERSON"] > 0


def test_list_table() -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0, result.output
    for proc in BUNDLE_PROCS:
        assert proc in result.stdout
    assert "bundled" in result.stdout


def test_manifest_documents_every_model() -> None:
    manifest = json.loads((nlp.BUNDLED_DIR / "manifest.json").read_text())
    assert manifest["stanza_version"]
    total = 0
    for proc, entry in manifest["processors"].items():
        path = nlp.BUNDLED_DIR / entry["file"]
        assert path.is_file(), proc
        assert entry["licence"] and entry["credit"] and entry["training_data"]
        total += path.stat().st_size
    assert total <= 60 * 1024 * 1024
    assert not list(nlp.BUNDLED_DIR.glob("*checkpoint*"))


def _copy_bundle(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in nlp.BUNDLED_DIR.iterdir():
        if f.suffix in (".pt", ".json") and f.name != "resources.json":
            (dest / f.name).symlink_to(f)
    return dest


def test_env_var_overrides_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    custom = _copy_bundle(tmp_path / "custom")
    monkeypatch.setenv(nlp.ENV_MODELS, str(custom))
    ms = nlp.resolve_models()
    assert ms.origin == "env"
    assert all(ms.processors[p].source == "custom" for p in BUNDLE_PROCS)
    assert ms.stanza_kwargs["pos_model_path"].startswith(str(custom.resolve()))
    assert (Path(ms.stanza_kwargs["dir"]) / "resources.json").is_file()


def test_argument_beats_env_var(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_dir = _copy_bundle(tmp_path / "env")
    arg_dir = _copy_bundle(tmp_path / "arg")
    monkeypatch.setenv(nlp.ENV_MODELS, str(env_dir))
    data = _list_json("--models", str(arg_dir))
    assert data["origin"] == "argument"
    assert data["processors"]["ner"]["path"].startswith(str(arg_dir.resolve()))


def test_partial_custom_dir_falls_back_to_bundle(tmp_path: Path) -> None:
    custom = tmp_path / "partial"
    custom.mkdir()
    (custom / nlp.BUNDLE_FILES["ner"]).symlink_to(nlp.BUNDLED_DIR / nlp.BUNDLE_FILES["ner"])
    (custom / nlp.BUNDLE_FILES["pretrain"]).symlink_to(nlp.BUNDLED_DIR / nlp.BUNDLE_FILES["pretrain"])
    if (nlp.BUNDLED_DIR / nlp.BUNDLE_FILES["ner_pretrain"]).is_file():
        (custom / nlp.BUNDLE_FILES["ner_pretrain"]).symlink_to(nlp.BUNDLED_DIR / nlp.BUNDLE_FILES["ner_pretrain"])
    ms = nlp.resolve_models(custom)
    assert ms.processors["ner"].source == "custom"
    assert ms.processors["pos"].source == "bundled"


def test_missing_custom_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(nlp.ModelsError, match="does not exist"):
        nlp.resolve_models(tmp_path / "nope")
    result = runner.invoke(app, ["list", "--models", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def _fake_official(root: Path) -> Path:
    """A Stanza resources dir laid out like an official install (dummy model files)."""
    lang = {"lang_name": "Indonesian",
            "packages": {"default": {"tokenize": "gsd", "mwt": "gsd", "pos": "gsd_charlm",
                                     "lemma": "gsd_nocharlm", "depparse": "gsd_charlm"}},
            "tokenize": {"gsd": {"md5": "x"}}, "mwt": {"gsd": {"md5": "x"}},
            "pos": {"gsd_charlm": {"md5": "x", "dependencies": [
                {"model": "pretrain", "package": "conll17"},
                {"model": "forward_charlm", "package": "oscar2023"},
                {"model": "backward_charlm", "package": "oscar2023"}]}},
            "lemma": {"gsd_nocharlm": {"md5": "x"}},
            "depparse": {"gsd_charlm": {"md5": "x", "dependencies": [
                {"model": "pretrain", "package": "conll17"}]}},
            "pretrain": {"conll17": {"md5": "x"}},
            "forward_charlm": {"oscar2023": {"md5": "x"}}, "backward_charlm": {"oscar2023": {"md5": "x"}}}
    root.mkdir(parents=True, exist_ok=True)
    (root / "resources.json").write_text(json.dumps({"id": lang}))
    for proc, pkg in [("tokenize", "gsd"), ("mwt", "gsd"), ("pos", "gsd_charlm"), ("lemma", "gsd_nocharlm"),
                      ("depparse", "gsd_charlm"), ("pretrain", "conll17"), ("forward_charlm", "oscar2023"),
                      ("backward_charlm", "oscar2023")]:
        (root / "id" / proc).mkdir(parents=True, exist_ok=True)
        (root / "id" / proc / f"{pkg}.pt").write_bytes(b"0" * 10)
    return root


def test_official_models_take_precedence_but_ner_stays_bundled(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    official = _fake_official(tmp_path / "stanza_resources")
    monkeypatch.setenv(nlp.ENV_STANZA_DIR, str(official))
    ms = nlp.resolve_models()
    assert ms.origin == "official"
    for proc in ("tokenize", "mwt", "pos", "lemma", "depparse"):
        assert ms.processors[proc].source == "official", proc
    assert ms.processors["ner"].source == "bundled"
    kw = ms.stanza_kwargs
    assert kw["dir"] == str(official.resolve())
    assert kw["pos_model_path"] == str(official.resolve() / "id" / "pos" / "gsd_charlm.pt")
    assert kw["pos_pretrain_path"] == str(official.resolve() / "id" / "pretrain" / "conll17.pt")
    assert kw["pos_forward_charlm_path"].endswith("forward_charlm/oscar2023.pt")
    assert kw["ner_model_path"] == str(nlp.BUNDLED_DIR / nlp.BUNDLE_FILES["ner"])
    ner_vectors = json.loads((nlp.BUNDLED_DIR / "manifest.json").read_text())["processors"]["ner"]["pretrain"]
    assert kw["ner_pretrain_path"] == str(nlp.BUNDLED_DIR / ner_vectors)
    # the env var still beats the official models
    monkeypatch.setenv(nlp.ENV_MODELS, str(_copy_bundle(tmp_path / "custom")))
    assert nlp.resolve_models().processors["tokenize"].source == "custom"


def test_incomplete_official_install_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    official = _fake_official(tmp_path / "stanza_resources")
    (official / "id" / "depparse" / "gsd_charlm.pt").unlink()
    monkeypatch.setenv(nlp.ENV_STANZA_DIR, str(official))
    assert nlp.resolve_models().origin == "bundled"


def test_processor_subset_kwargs() -> None:
    ms = nlp.resolve_models()
    kw = ms.kwargs_for("tokenize,ner")
    assert kw["processors"] == "tokenize,mwt,ner"
    assert "pos_model_path" not in kw and "depparse_pretrain_path" not in kw
    assert "ner_pretrain_path" in kw
    with pytest.raises(nlp.ModelsError):
        ms.kwargs_for("tokenize,coref")


def test_resolve_models_imports_no_torch() -> None:
    import subprocess
    import sys

    code = ("import sys; from quotecli.nlp import resolve_models; resolve_models(); "
            "from quotecli.cli_models import app; assert 'torch' not in sys.modules and 'stanza' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------- pipeline (slow)

SENTENCE = "Presiden Joko Widodo mengatakan bahwa pemerintah akan membangun bendungan baru di Jawa Tengah."


@pytest.fixture(scope="session")
def bundled_pipeline():  # type: ignore[no-untyped-def]
    stanza = pytest.importorskip("stanza")
    result = runner.invoke(app, ["list", "--format", "json"],
                           env={nlp.ENV_MODELS: "", nlp.ENV_STANZA_DIR: "/nonexistent-quotecli-test"})
    assert result.exit_code == 0, result.output
    kwargs = json.loads(result.stdout)["stanza_kwargs"]
    return stanza.Pipeline(**kwargs, logging_level="WARN")


@pytest.mark.pipeline
def test_pipeline_from_listed_kwargs_finds_person(bundled_pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = bundled_pipeline(SENTENCE)
    assert len(doc.sentences) == 1
    words = doc.sentences[0].words
    assert all(w.upos for w in words) and all(w.lemma for w in words)
    assert sum(1 for w in words if w.head == 0) == 1
    persons = [e.text for e in doc.ents if e.type == "PERSON"]
    assert any("Joko Widodo" in p for p in persons), doc.ents


@pytest.mark.pipeline
def test_quote_stays_one_sentence(bundled_pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = bundled_pipeline('"Kami akan terus bekerja keras," kata Budi Santoso di Jakarta, Senin.')
    assert len(doc.sentences) == 1, [s.text for s in doc.sentences]


@pytest.mark.pipeline
def test_clitic_is_split(bundled_pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = bundled_pipeline("Dia membelinya kemarin.")
    assert [w.text for w in doc.sentences[0].words][:3] == ["Dia", "membeli", "nya"]


@pytest.mark.pipeline
def test_get_pipeline_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    p1 = nlp.get_pipeline(processors="tokenize,ner", threads=1)
    p2 = nlp.get_pipeline(processors=["tokenize", "mwt", "ner"], threads=1)
    assert p1 is p2
    assert "PERSON" in {e.type for e in p1(SENTENCE).ents}
