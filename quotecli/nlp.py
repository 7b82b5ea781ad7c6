"""quotecli's access to Stanza: which models to use, and the (cached) pipeline.

This is the ONLY module that imports ``stanza`` (always lazily, inside functions), so
commands that need no NLP never import torch.

Model precedence (first match wins), per processor:

1. an explicit ``models_dir`` argument (``--models DIR`` on the command line)  -> source ``custom``
2. the ``QUOTECLI_MODELS`` environment variable                               -> source ``custom``
3. the official Stanza Indonesian models, if installed in ``$STANZA_RESOURCES_DIR``
   (default ``~/stanza_resources``) by ``quotecli models download`` / ``stanza.download('id')``
   -> source ``official``. Stanza has no Indonesian NER, so NER still comes from the bundle.
4. the models bundled in ``quotecli/models`` (trained by ``python -m quotecli.training``)
   -> source ``bundled``.

A custom directory is either a bundle made by ``python -m quotecli.training --out DIR``
(``manifest.json`` + ``*.pt``) or a Stanza resources directory (``resources.json`` + ``id/``).
Processors a custom directory lacks fall back to the bundle.
"""

from __future__ import annotations

import json
import os
import threading
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ModelError
from .intervals import FirstCovering
from .training.config import MODEL_FILES

PROCESSORS: tuple[str, ...] = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
#: processors whose models need the word vectors (``<proc>_pretrain_path``)
NEEDS_PRETRAIN = ("pos", "depparse", "ner")
LANG = "id"
ENV_MODELS = "QUOTECLI_MODELS"
ENV_STANZA_DIR = "STANZA_RESOURCES_DIR"
BUNDLED_DIR = Path(__file__).resolve().parent / "models"
#: processors the official Stanza Indonesian package provides
OFFICIAL_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")

# default bundle file names, as the training writes them (manifest.json, when present, wins)
BUNDLE_FILES = MODEL_FILES


class ModelsError(ModelError):
    """A quotecli error about the NLP models (message is one line, meant for the user)."""


class DownloadError(ModelsError):
    """The official models could not be downloaded."""


@dataclass(frozen=True)
class ProcessorModel:
    """One processor's model as resolved."""

    name: str
    path: Path
    source: str  # 'bundled' | 'official' | 'custom'
    size_bytes: int
    exists: bool
    #: extra files the model needs, keyed by their stanza kwarg suffix ('pretrain', 'forward_charlm', ...)
    dependencies: dict[str, Path] = field(default_factory=dict)
    held_out_scores: dict[str, Any] = field(default_factory=dict)
    package: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "source": self.source, "size_bytes": self.size_bytes,
                "exists": self.exists, "package": self.package,
                "dependencies": {k: str(v) for k, v in self.dependencies.items()},
                "held_out_scores": self.held_out_scores}


@dataclass(frozen=True)
class ModelSet:
    """The models quotecli will use, and how to build a ``stanza.Pipeline`` from them."""

    processors: dict[str, ProcessorModel]
    #: directory handed to Stanza as ``dir`` (holds a resources.json)
    resources_dir: Path
    #: why this set was chosen: 'argument' | 'env' | 'official' | 'bundled'
    origin: str
    #: exact keyword arguments for ``stanza.Pipeline`` (all paths absolute)
    stanza_kwargs: dict[str, Any]
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def total_size_bytes(self) -> int:
        seen: dict[Path, int] = {}
        for p in self.processors.values():
            seen[p.path] = p.size_bytes
            for d in p.dependencies.values():
                seen[d] = d.stat().st_size if d.exists() else 0
        return sum(seen.values())

    def kwargs_for(self, processors: str | list[str] | tuple[str, ...] | None = None) -> dict[str, Any]:
        """``stanza_kwargs`` restricted to a subset of processors (tokenize always implies mwt)."""
        wanted = _normalise_processors(processors)
        kw = {k: v for k, v in self.stanza_kwargs.items()
              if not any(k.startswith(p + "_") for p in PROCESSORS if p not in wanted)}
        kw["processors"] = ",".join(wanted)
        return kw

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "resources_dir": str(self.resources_dir),
                "stanza_version": self.manifest.get("stanza_version"),
                "total_size_bytes": self.total_size_bytes,
                "processors": {k: v.to_dict() for k, v in self.processors.items()},
                "stanza_kwargs": self.stanza_kwargs}


def _normalise_processors(processors: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if processors is None:
        return list(PROCESSORS)
    items = processors.split(",") if isinstance(processors, str) else list(processors)
    items = [p.strip().lower() for p in items if p.strip()]
    unknown = [p for p in items if p not in PROCESSORS]
    if unknown:
        raise ModelsError(f"unknown processor(s) {', '.join(unknown)}; choose from {', '.join(PROCESSORS)}")
    if "tokenize" in items and "mwt" not in items:
        items.append("mwt")
    return [p for p in PROCESSORS if p in items]


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _bundle_models(directory: Path, source: str) -> tuple[dict[str, ProcessorModel], dict[str, Any]]:
    """Models of a quotecli bundle directory (``manifest.json`` + files)."""
    manifest = _read_json(directory / "manifest.json")
    entries = manifest.get("processors", {})

    def fname(proc: str) -> str:
        return entries.get(proc, {}).get("file") or BUNDLE_FILES[proc]

    directory = directory.resolve()  # absolute; the files themselves are not resolved (symlinks stay)
    pretrain = directory / fname("pretrain")
    out: dict[str, ProcessorModel] = {}
    for proc in PROCESSORS:
        path = directory / fname(proc)
        # the manifest names each model's vectors (NER has its own); older bundles share one file
        own = entries.get(proc, {}).get("pretrain")
        if own is None and proc == "ner" and (directory / BUNDLE_FILES["ner_pretrain"]).is_file():
            own = BUNDLE_FILES["ner_pretrain"]  # a training output without its manifest
        deps = {"pretrain": directory / own if own else pretrain} if proc in NEEDS_PRETRAIN else {}
        out[proc] = ProcessorModel(name=proc, path=path, source=source, size_bytes=_size(path),
                                   exists=path.is_file() and all(d.is_file() for d in deps.values()),
                                   dependencies=deps, held_out_scores=entries.get(proc, {}).get("held_out_scores", {}),
                                   package=manifest.get("name", "quotecli bundle"))
    return out, manifest


def _official_models(directory: Path, source: str) -> dict[str, ProcessorModel]:
    """Models of a Stanza resources dir, resolved the way stanza.pipeline.core.build_default_config does:
    ``DIR/id/<processor>/<package>.pt`` plus ``<processor>_<dependency>_path`` for each dependency."""
    directory = directory.resolve()
    resources = _read_json(directory / "resources.json")
    lang = resources.get(LANG)
    if not isinstance(lang, dict):
        return {}
    while "alias" in lang and isinstance(resources.get(lang["alias"]), dict):
        lang = resources[lang["alias"]]
    default = lang.get("packages", {}).get("default") or lang.get("default_processors") or {}
    out: dict[str, ProcessorModel] = {}
    for proc in PROCESSORS:
        package = default.get(proc)
        if not isinstance(package, str) or package == "identity":
            continue
        path = directory / LANG / proc / f"{package}.pt"
        deps = {}
        for dep in lang.get(proc, {}).get(package, {}).get("dependencies", []) or []:
            deps[dep["model"]] = directory / LANG / dep["model"] / f"{dep['package']}.pt"
        exists = path.is_file() and all(d.is_file() for d in deps.values())
        out[proc] = ProcessorModel(name=proc, path=path, source=source, size_bytes=_size(path), exists=exists,
                                   dependencies=deps, package=package)
    return out


def stanza_resources_dir() -> Path:
    """Where Stanza keeps official models: ``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``."""
    env = os.environ.get(ENV_STANZA_DIR)
    return Path(env).expanduser() if env else Path.home() / "stanza_resources"


def official_installed(directory: Path | None = None) -> bool:
    """True when the official Indonesian tokenize/mwt/pos/lemma/depparse models are all present."""
    found = _official_models(directory or stanza_resources_dir(), "official")
    return all(p in found and found[p].exists for p in OFFICIAL_PROCESSORS)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quotecli" / "stanza"


def _ensure_resources_dir(preferred: Path, writable: bool = True) -> Path:
    """A directory holding a resources.json for Stanza: ``preferred`` if it has one (or, when
    ``writable``, can be given one), else a cache dir. A user's own models directory is never written."""
    if (preferred / "resources.json").is_file():
        return preferred.resolve()
    for cand in (preferred, _cache_dir()) if writable else (_cache_dir(),):
        try:
            cand.mkdir(parents=True, exist_ok=True)
            (cand / "resources.json").write_text("{}\n", encoding="utf-8")
            return cand.resolve()
        except OSError:
            continue
    raise ModelsError(f"cannot create a resources.json for Stanza in {preferred} or {_cache_dir()}")


def _stanza_kwargs(models: dict[str, ProcessorModel], resources_dir: Path) -> dict[str, Any]:
    kw: dict[str, Any] = {"lang": LANG, "dir": str(resources_dir), "download_method": None,
                          "processors": ",".join(PROCESSORS)}
    if not isinstance(_read_json(resources_dir / "resources.json").get(LANG), dict):
        kw["allow_unknown_language"] = True
    for proc in PROCESSORS:
        m = models[proc]
        kw[f"{proc}_model_path"] = str(m.path)
        for dep, path in m.dependencies.items():
            kw[f"{proc}_{dep}_path"] = str(path)
    return kw


def resolve_models(models_dir: str | Path | None = None) -> ModelSet:
    """Decide which model file each processor uses (see the module docstring for the precedence)."""
    bundled, bundle_manifest = _bundle_models(BUNDLED_DIR, "bundled")
    chosen: dict[str, ProcessorModel] = dict(bundled)
    manifest = bundle_manifest
    origin = "bundled"
    resources_dir = BUNDLED_DIR

    custom = models_dir if models_dir not in (None, "") else os.environ.get(ENV_MODELS) or None
    if custom is not None:
        origin = "argument" if models_dir not in (None, "") else "env"
        cdir = Path(custom).expanduser().resolve()
        if not cdir.is_dir():
            where = "--models" if origin == "argument" else ENV_MODELS
            raise ModelsError(f"models directory {cdir} (from {where}) does not exist")
        if isinstance(_read_json(cdir / "resources.json").get(LANG), dict):
            found = _official_models(cdir, "custom")
        else:
            found, manifest = _bundle_models(cdir, "custom")
        for proc, m in found.items():
            if m.exists:
                chosen[proc] = m
        resources_dir = cdir
    else:
        sdir = stanza_resources_dir()
        if official_installed(sdir):
            origin = "official"
            for proc, m in _official_models(sdir, "official").items():
                if m.exists and proc in OFFICIAL_PROCESSORS:
                    chosen[proc] = m
            resources_dir = sdir

    resources_dir = _ensure_resources_dir(resources_dir, writable=origin not in ("argument", "env"))
    return ModelSet(processors=chosen, resources_dir=resources_dir, origin=origin,
                    stanza_kwargs=_stanza_kwargs(chosen, resources_dir), manifest=manifest)


_PIPELINES: dict[tuple, Any] = {}
_LOCK = threading.Lock()


def get_pipeline(models_dir: str | Path | None = None, processors: str | list[str] | tuple[str, ...] | None = None,
                 threads: int | None = None) -> Any:
    """The ``stanza.Pipeline`` for these models, built once per process (cached by arguments).

    ``processors`` selects a subset (default: all of tokenize,mwt,pos,lemma,depparse,ner);
    torch uses ``threads`` threads (default ``os.cpu_count()``).
    """
    models = resolve_models(models_dir)
    kwargs = models.kwargs_for(processors)
    n_threads = threads or os.cpu_count() or 1
    key = (json.dumps(kwargs, sort_keys=True, default=str), n_threads)
    with _LOCK:
        pipe = _PIPELINES.get(key)
        if pipe is not None:
            return pipe
        missing = [p for p in kwargs["processors"].split(",") if not models.processors[p].exists]
        if missing:
            raise ModelsError(f"model files missing for {', '.join(missing)}: "
                              + ", ".join(str(models.processors[p].path) for p in missing)
                              + " (rebuild them with: python -m quotecli.training)")
        # Passive OpenMP waiting: with busy-waiting (the default), torch threads that share cores with
        # other work spin, and a pass can take 100x longer (measured here: 132 s against 0.5 s).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import torch

        torch.set_num_threads(n_threads)
        _skip_dynamo_for_optimizers(torch)
        import stanza

        try:
            pipe = stanza.Pipeline(**kwargs, logging_level="CRITICAL")  # its errors are reported below
        except Exception as e:  # noqa: BLE001 - a broken model file: one line, not Stanza's traceback
            first = (str(e).strip().splitlines() or [""])[0][:200]
            where = f" --models {models_dir}" if models_dir else ""
            raise ModelsError(f"cannot load the Stanza models ({type(e).__name__}: {first}); "
                              f"see 'quotecli models list{where}'") from None
        _PIPELINES[key] = pipe
        return pipe


def _skip_dynamo_for_optimizers(torch: Any) -> None:
    """Stanza's tokenizer builds an (unused) Adam optimizer when it loads; the first call of an optimizer
    method that torch marks ``_disable_dynamo`` imports ``torch._dynamo``, 2-5 s of a cold start on this
    machine. quotecli only runs inference, never ``torch.compile``: mark those methods as already
    handled, which is what torch caches after the import (``fn.__dynamo_disable``)."""
    for attr in vars(torch.optim.Optimizer).values():
        fn = getattr(attr, "__wrapped__", None)
        if fn is not None and getattr(attr, "__qualname__", "") and "_disable_dynamo" in getattr(
                attr, "__code__", fn.__code__).co_qualname and not hasattr(fn, "__dynamo_disable"):
            fn.__dynamo_disable = fn


def download_official(resources_url: str | None = None, model_url: str | None = None,
                      dir: str | Path | None = None) -> Path:  # noqa: A002 - mirrors stanza's name
    """Install the official Stanza Indonesian models (tokenize, mwt, pos, lemma, depparse) with
    Stanza's own downloader (``stanza.resources.common.download``: resources.json, then each model
    file with its md5 check). Returns the directory. Raises ``DownloadError`` (one line) on failure.
    """
    target = Path(dir).expanduser().resolve() if dir else stanza_resources_dir().resolve()
    kwargs: dict[str, Any] = {}
    if resources_url:
        kwargs["resources_url"] = resources_url.rstrip("/")
    if model_url:
        kwargs["model_url"] = model_url
    from stanza.resources.common import download

    try:
        target.mkdir(parents=True, exist_ok=True)
        download(lang=LANG, model_dir=str(target), package="default", processors=",".join(OFFICIAL_PROCESSORS),
                 logging_level="WARN", **kwargs)
    except Exception as e:  # requests.ConnectionError, HTTPError, md5 ValueError, UnknownLanguageError...
        if type(e).__name__ in ("ConnectionError", "ConnectTimeout", "ReadTimeout", "Timeout"):
            reason = "cannot connect"
        else:
            reason = " ".join(str(e).split()) or type(e).__name__
            if len(reason) > 200:
                reason = reason[:197] + "..."
        src = resources_url or "the Stanza model hub"
        raise DownloadError(f"could not download the official Stanza Indonesian models from {src} "
                            f"({type(e).__name__}: {reason}); check the network or pass --resources-url/"
                            f"--model-url for a reachable mirror; the bundled models keep working offline"
                            ) from e
    if not official_installed(target):
        raise DownloadError(f"download finished but the Indonesian models are incomplete in {target}")
    return target


# --- analysis: converting Stanza documents ---
# Only the sentences that attribution needs are analysed (see ``relevant_sentences``), each as its own
# Stanza document, in one bulk call; entity offsets are mapped back onto the article text.

ENTITY_KINDS = {"PER": "person", "PERSON": "person", "PPL": "person",
                "ORG": "organisation", "ORGANISATION": "organisation", "ORGANIZATION": "organisation",
                "IND": "organisation", "NORP": "organisation",
                "LOC": "location", "LOCATION": "location", "PLACE": "location", "PLC": "location",
                "GPE": "location"}
#: what extraction runs on the sentences attribution needs: the tokenizer (with mwt) and the NER model
ANALYSIS_PROCESSORS = ("tokenize", "mwt", "ner")
BULK = 2000  # sentences per Stanza call (see Analyzer.entities_many)
#: what it runs on the sentences that hold a cue: tagger, lemmatizer and dependency parser
PARSE_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")


@dataclass
class EntityIndex:
    """Named entities of an article: (start, end, kind) with offsets into the article text."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    _index: FirstCovering | None = field(default=None, init=False, repr=False, compare=False)

    def kind_at(self, start: int, end: int) -> str | None:
        """The kind of the entity that covers text[start:end], if any (the first such in ``spans``)."""
        if self._index is None:
            self._index = FirstCovering(self.spans)
        found = self._index.find(start, end)
        return found[2] if found is not None else None


def relevant_sentences(text: str, sentences: list, spans: list, lex: Any) -> list[tuple[int, int]]:
    """(start, end) of the sentences attribution needs: those holding a quotation, a cue word, a verb of
    saying or "menurut", the sentence before each (where speakers are introduced), and the lead."""
    import re

    cue_words = set(lex.cue_after) | set(lex.reporting_verbs) | set(lex.cue_passive) | {"menurut"}
    starts = sorted(q.start for q in spans)
    keep: set[int] = set()
    for i, s in enumerate(sentences):
        chunk = text[s.start:s.end]
        words = {w.lower() for w in re.findall(r"\w+", chunk)}
        words |= {w[:-3] for w in words if w.endswith("nya")}
        k = bisect_left(starts, s.start)  # a quote span starting in [s.start, s.end)
        quoted = k < len(starts) and starts[k] < s.end
        if quoted or words & cue_words or i == 0:
            keep.update((i - 1, i) if i > 0 else (i,))
    return [(sentences[i].start, sentences[i].end) for i in sorted(keep) if i >= 0]


class Analyzer:
    """Runs the bundled (or chosen) Stanza pipeline over parts of an article."""

    def __init__(self, models_dir: str | Path | None = None, threads: int | None = None,
                 processors: tuple[str, ...] = ANALYSIS_PROCESSORS) -> None:
        self.models_dir = models_dir
        # One torch thread per process by default: extraction runs many small batches, and on this
        # 2-core machine 2 threads took 20x the CPU time of 1 over the dev set (109 s against 5.7 s).
        # Use all cores with processes (--workers), or ask for threads with --threads.
        self.threads = threads or 1
        self.processors = processors
        self._pipe: Any = None
        self._parser: Any = None

    @property
    def pipeline(self) -> Any:
        if self._pipe is None:
            self._pipe = get_pipeline(self.models_dir, self.processors, self.threads)
        return self._pipe

    @property
    def parser(self) -> Any:
        if self._parser is None:
            self._parser = get_pipeline(self.models_dir, PARSE_PROCESSORS, self.threads)
        return self._parser

    def parse_many(self, articles: list[tuple[str, list[tuple[int, int]]]]) -> list[dict[int, list[Any]]]:
        """Words (``document.Word``: UPOS, lemma, head, relation, article offsets) of text[start:end] for
        each range of each article, keyed by the range's start; one bulk Stanza call for all."""
        from .document import Word

        flat = [(k, s, e) for k, (text, ranges) in enumerate(articles) for s, e in ranges]
        out: list[dict[int, list[Any]]] = [{} for _ in articles]
        if not flat:
            return out
        import stanza

        docs = self.parser.bulk_process([stanza.Document([], text=articles[k][0][s:e]) for k, s, e in flat])
        for (k, offset, _), doc in zip(flat, docs, strict=True):
            words: list[Word] = []
            for sent in doc.sentences:
                base = len(words)  # the range may hold several Stanza sentences: one index space
                for w in sent.words:
                    tok = w.parent
                    start = offset + (w.start_char if w.start_char is not None else tok.start_char)
                    end = offset + (w.end_char if w.end_char is not None else tok.end_char)
                    words.append(Word(base + w.id, start, end, w.text, w.upos or "", w.lemma or "",
                                      base + w.head if w.head else 0, w.deprel or ""))
            out[k][offset] = words
        return out

    def entities(self, text: str, ranges: list[tuple[int, int]]) -> EntityIndex:
        """Named entities found in text[start:end] for each range, with article offsets."""
        return self.entities_many([(text, ranges)])[0]

    def entities_many(self, articles: list[tuple[str, list[tuple[int, int]]]]) -> list[EntityIndex]:
        """``entities`` for several articles in one bulk Stanza call (batched across articles)."""
        flat = [(k, s, e) for k, (text, ranges) in enumerate(articles) for s, e in ranges]
        out: list[EntityIndex] = [EntityIndex() for _ in articles]
        if not flat:
            return out
        import stanza

        # in parts of BULK sentences, each part's Stanza documents let go before the next: the memory of
        # a long article's analysis stays bounded (a whole 5 MB article at once peaked at 1.7 GB)
        for i in range(0, len(flat), BULK):
            part = flat[i:i + BULK]
            docs = self.pipeline.bulk_process([stanza.Document([], text=articles[k][0][s:e]) for k, s, e in part])
            for (k, offset, _), doc in zip(part, docs, strict=True):
                for ent in doc.ents:
                    kind = ENTITY_KINDS.get(ent.type.upper())
                    if kind:
                        start, end = whole_words(articles[k][0], offset + ent.start_char, offset + ent.end_char)
                        out[k].spans.append((start, end, kind))
        return out


_JOINERS = "-'\u2019"  # inside a name: Dlamini-Zuma, O'Neill


def _continues_word(text: str, i: int) -> bool:
    """text[i] belongs to the word before it: a letter or digit after one (or after a joiner), or a
    joiner between a letter or digit and a letter."""
    if i <= 0 or i >= len(text):
        return False
    before, here = text[i - 1], text[i]
    if here.isalnum():
        return before.isalnum() or (before in _JOINERS and i > 1 and text[i - 2].isalnum())
    return here in _JOINERS and before.isalnum() and i + 1 < len(text) and text[i + 1].isalpha()


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity's offsets widened to the words it cuts: the model may end one inside a hyphenated
    name ("[Nkosazana Dlamini]-Zuma") or begin one inside a word its tokenizer split."""
    while end < len(text) and _continues_word(text, end):
        end += 1
    while start > 0 and _continues_word(text, start):
        start -= 1
    return start, end


_DEFAULT: dict[str, Analyzer] = {}


def default_analyzer() -> Analyzer:
    """One Analyzer per process over the default models (loaded lazily, on first use)."""
    if "a" not in _DEFAULT:
        _DEFAULT["a"] = Analyzer()
    return _DEFAULT["a"]
