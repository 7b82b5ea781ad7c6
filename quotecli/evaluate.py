"""Scoring quotecli against gold annotations (the format of docs/evaluation.md).

Gold files are loaded and checked (:func:`load_gold`, :func:`gold_files`), predictions are read from
quotecli's output (:func:`read_predictions`) or made in-process by the caller, and :func:`score` gives
the figures. The rules are those of the project's reference scorer, so both give the same numbers:

- a predicted and a gold quote *match* when the F1 of their word bags (``\\w+`` words, case folded) is
  at least 0.5 and they are of the same class (direct+mixed vs indirect); pairs are taken greedily,
  best first, one to one. The *strict* figures ask 0.8 instead (a separate matching);
- a matched quote's speaker is *right* when, case and punctuation ignored, it is one of the gold
  aliases (or the gold name), or a mention found in the article that holds the gold full name (two
  words or more) with at most five words around it; a null gold speaker needs a null prediction;
- *canonical* is the same test against the gold name alone, not its other aliases.

Standard library only.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import QuotecliError

Klass = Literal["direct", "indirect"]
CLASSES: tuple[Klass, ...] = ("direct", "indirect")
GOLD_TYPES = ("direct", "mixed", "indirect")
MATCH = 0.5  # word-bag F1 for a detection
STRICT = 0.8  # word-bag F1 for the strict figures
AROUND = 5  # words a mention may add around the gold full name (a title, a role)

_WORD = re.compile(r"\w+", re.UNICODE)


class GoldError(QuotecliError):
    """A gold file that cannot be scored against: ``str(err)`` names the file and the problem."""

    exit_code = 2


class PredictionError(QuotecliError):
    """A predictions file or folder that cannot be read."""

    exit_code = 2


# ---- the data ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldQuote:
    text: str
    type: str  # direct | mixed | indirect
    speaker: str | None
    aliases: tuple[str, ...] = ()

    @property
    def klass(self) -> Klass:
        return quote_class(self.type)


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    path: str = ""

    @property
    def name(self) -> str:
        """What a finding is listed under: the file name (the id when there is no file)."""
        return Path(self.path).name if self.path else self.id


@dataclass(frozen=True)
class PredQuote:
    text: str
    type: str | None
    speaker: str | None

    @property
    def klass(self) -> Klass:
        return quote_class(self.type)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PredQuote:
        """A quote of quotecli's output (``quote``; ``text`` is accepted too). A missing type is direct."""
        speaker = d.get("speaker")
        return cls(text=str(d.get("quote") or d.get("text") or ""), type=d.get("type", "direct"),
                   speaker=None if speaker is None else str(speaker))


@dataclass
class Prediction:
    """One article's predicted quotes, or why there are none."""

    quotes: list[PredQuote] = field(default_factory=list)
    error: str | None = None


# ---- gold files ----------------------------------------------------------------------------------

def gold_files(inputs: Iterable[str]) -> list[Path]:
    """Files and folders -> gold files: a folder gives its ``*.json`` files (not recursive), sorted."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(p.glob("*.json"))
            if not found:
                raise GoldError(f"{item}: no .json gold files in this folder")
            out += found
        elif p.exists():
            out.append(p)
        else:
            raise GoldError(f"{item}: no such file or folder")
    return out


def load_gold(path: Path | str) -> GoldArticle:
    """Read and check one gold file; any problem raises GoldError naming the file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise GoldError(f"{path}: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise GoldError(f"{path}: cannot read ({e.strerror or e})") from None
    try:
        return gold_from_dict(data, str(path))
    except GoldError as e:
        raise GoldError(f"{path}: {e}") from None


def gold_from_dict(data: Any, path: str = "") -> GoldArticle:
    """A gold article from its parsed JSON; GoldError (without the file name) when it is malformed."""
    if not isinstance(data, dict):
        raise GoldError("not a JSON object with 'id', 'text' and 'quotes'")
    art_id = data.get("id", Path(path).stem if path else None)
    if not isinstance(art_id, str) or not art_id.strip():
        raise GoldError("'id' must be a non-empty string")
    text, quotes = data.get("text"), data.get("quotes")
    if not isinstance(text, str):
        raise GoldError("'text' must be a string (the article body)")
    if not isinstance(quotes, list):
        raise GoldError("'quotes' must be a list (empty when the article has none)")
    return GoldArticle(art_id, text, tuple(_gold_quote(q, n) for n, q in enumerate(quotes, 1)), path)


def _gold_quote(q: Any, n: int) -> GoldQuote:
    where = f"quote {n}"
    if not isinstance(q, dict):
        raise GoldError(f"{where} is not an object")
    text, qtype = q.get("text"), q.get("type")
    if not isinstance(text, str) or not text.strip():
        raise GoldError(f"{where}: 'text' must be a non-empty string")
    if qtype not in GOLD_TYPES:
        raise GoldError(f"{where}: 'type' is {qtype!r}, not one of direct, mixed, indirect")
    if "speaker" not in q:
        raise GoldError(f"{where}: no 'speaker' (null when nobody can be named)")
    speaker, aliases = q["speaker"], q.get("speaker_aliases") or []
    if speaker is not None and not isinstance(speaker, str):
        raise GoldError(f"{where}: 'speaker' must be a string or null")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise GoldError(f"{where}: 'speaker_aliases' must be a list of strings")
    return GoldQuote(text, qtype, speaker, tuple(aliases))


def load_golds(inputs: Iterable[str]) -> list[GoldArticle]:
    """Every gold article of the inputs, in order; two files with one id are an error."""
    golds: list[GoldArticle] = []
    seen: dict[str, str] = {}
    for path in gold_files(inputs):
        g = load_gold(path)
        if g.id in seen:
            raise GoldError(f"{path}: id {g.id!r} is already used by {seen[g.id]}")
        seen[g.id] = str(path)
        golds.append(g)
    return golds


# ---- predictions ---------------------------------------------------------------------------------

def prediction_from_article(obj: Any) -> Prediction:
    """quotecli's JSON object for one article -> a Prediction (an error object gives its error)."""
    if not isinstance(obj, dict):
        return Prediction(error="prediction is not a JSON object")
    if obj.get("error") is not None and "quotes" not in obj:
        return Prediction(error=str(obj["error"]))
    quotes = obj.get("quotes") or []
    return Prediction([PredQuote.from_dict(q) for q in quotes if isinstance(q, dict)])


def _parse_json_or_lines(text: str, where: str) -> list[Any]:
    """A JSON value (an array gives its items) or JSON Lines -> a list of values."""
    s = text.strip()
    if not s:
        return []
    try:
        value = json.loads(s)
        return value if isinstance(value, list) else [value]
    except json.JSONDecodeError:
        pass
    out = []
    for n, line in enumerate(s.splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise PredictionError(f"{where}:{n}: not valid JSON ({e.msg})") from None
    return out


def _gold_id(source: Any, ids: set[str]) -> str:
    """The gold id a ``source`` names: the source itself, its file name or its file name's stem."""
    s = str(source or "")
    name = Path(s).name
    for candidate in (s, name, Path(name).stem):
        if candidate in ids:
            return candidate
    return Path(name).stem


def _is_article(rec: Any) -> bool:
    """An article object (``quotes``, or an error record) rather than one quote line."""
    return isinstance(rec, dict) and ("quotes" in rec or ("error" in rec and "quote" not in rec))


def predictions_from_records(records: list[Any], ids: set[str]) -> dict[str, Prediction]:
    """Records of quotecli's output, keyed by the gold id their ``source`` names. Both shapes are read:
    one object per article (``--format json``, with ``quotes``) and one line per quote (``--format
    jsonl``: each quote carries its ``source``; an error line stands for its article; since schema 1.1 an
    ``article`` line closes each article). Output of schema 1.0 has no line for an article without quotes,
    so there every gold id with no line gets no quotes."""
    preds: dict[str, Prediction] = {}
    quote_lines = False
    for rec in records:
        if not isinstance(rec, dict):
            continue
        gid = _gold_id(rec.get("source"), ids)
        if rec.get("record") == "article":  # JSON Lines: the line that closes an article (schema 1.1)
            preds.setdefault(gid, Prediction())
            continue
        if _is_article(rec):
            preds[gid] = prediction_from_article(rec)
        else:
            quote_lines = True
            preds.setdefault(gid, Prediction()).quotes.append(PredQuote.from_dict(rec))
    if quote_lines:
        for gid in ids - preds.keys():
            preds[gid] = Prediction()
    return preds


def read_predictions(path: str, golds: list[GoldArticle]) -> dict[str, Prediction]:
    """``--pred``: a folder of ``<gold id>.json`` files (one article object each, or that article's quote
    lines), or one file of quotecli's output (a JSON array or JSON Lines, either shape) whose ``source``
    names the gold id. A gold id with no prediction is left out (the scorer counts it as an error)."""
    p = Path(path)
    if p.is_dir():
        return {g.id: _read_one(f) for g in golds if (f := p / f"{g.id}.json").exists()}
    if not p.exists():
        raise PredictionError(f"{path}: no such file or folder")
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PredictionError(f"{path}: cannot read ({e})") from None
    return predictions_from_records(_parse_json_or_lines(text, path), {g.id for g in golds})


def _read_one(f: Path) -> Prediction:
    """One article's prediction file: its article object, or its quote lines (none: no quotes)."""
    try:
        values = _parse_json_or_lines(f.read_text(encoding="utf-8"), str(f))
    except (OSError, UnicodeDecodeError) as e:
        return Prediction(error=f"cannot read {f} ({e})")
    except PredictionError as e:
        return Prediction(error=str(e))
    if len(values) == 1 and _is_article(values[0]):
        return prediction_from_article(values[0])
    return Prediction([PredQuote.from_dict(v) for v in values
                       if isinstance(v, dict) and not _is_article(v) and v.get("record") != "article"])


# ---- matching ------------------------------------------------------------------------------------

def quote_class(qtype: str | None) -> Klass:
    """direct and mixed quotes form one class; anything else is indirect."""
    return "direct" if qtype in ("direct", "mixed") else "indirect"


def words(s: str | None) -> list[str]:
    return [w.casefold() for w in _WORD.findall(s or "")]


def norm(s: str | None) -> str:
    """Case and punctuation ignored: the words, case folded, joined by single spaces."""
    return " ".join(words(s))


def bag_f1(a: str, b: str) -> float:
    """F1 of the two texts' bags of words (0.0 when they share none)."""
    ca, cb = Counter(words(a)), Counter(words(b))
    shared = sum((ca & cb).values())
    if not shared:
        return 0.0
    p, r = shared / sum(cb.values()), shared / sum(ca.values())
    return 2 * p * r / (p + r)


@dataclass(frozen=True)
class Match:
    gold: int  # index into the gold quotes
    pred: int  # index into the predicted quotes
    f1: float


def match(golds: list[GoldQuote] | tuple[GoldQuote, ...], preds: list[PredQuote],
          threshold: float = MATCH) -> list[Match]:
    """One-to-one pairs of gold and predicted quotes of the same class whose word-bag F1 reaches the
    threshold, taken greedily, best first. Ties go to the later gold quote, then the later prediction
    (the reference scorer's order, so that both give the same pairs)."""
    candidates = [(f, i, j) for i, g in enumerate(golds) for j, p in enumerate(preds)
                  if g.klass == p.klass and (f := bag_f1(g.text, p.text)) >= threshold]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[Match] = []
    for f, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append(Match(i, j, f))
    return pairs


def _holds_full_name(mention: str, name: str) -> bool:
    """The normalised mention holds the whole normalised name of two words or more."""
    return len(name.split()) >= 2 and f" {name} " in f" {mention} "


def speaker_ok(gold: GoldQuote, predicted: str | None, article: str, canonical: bool = False) -> bool:
    """Is ``predicted`` the gold quote's speaker? See the module docstring; ``canonical`` accepts only
    the gold name (and mentions holding it), not the other aliases."""
    if gold.speaker is None:
        return predicted in (None, "")
    if not predicted:
        return False
    got, want = norm(predicted), norm(gold.speaker)
    accepted = {want} if canonical else {want, *(norm(a) for a in gold.aliases)}
    if got in accepted:
        return True
    return (_holds_full_name(got, want) and len(got.split()) <= len(want.split()) + AROUND
            and got in norm(article))


# ---- scoring -------------------------------------------------------------------------------------

@dataclass
class Counts:
    """Raw counts for one class (or all)."""

    gold: int = 0
    pred: int = 0
    found: int = 0  # matched gold quotes
    right: int = 0  # ... whose speaker is right
    canonical: int = 0  # ... whose speaker is the gold name itself
    strict: int = 0  # strictly matched (0.8) with the right speaker

    def add(self, other: Counts) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))


@dataclass(frozen=True)
class Finding:
    """One thing --verbose lists: a missed gold quote, a wrong speaker, or an extra prediction."""

    kind: Literal["miss", "speaker", "extra"]
    file: str
    type: str | None
    text: str
    gold_speaker: str | None = None
    pred_speaker: str | None = None

    def line(self) -> str:
        if self.kind == "miss":
            return f"MISS  {self.file} [{self.type}] {self.gold_speaker!r}: {self.text[:90]!r}"
        if self.kind == "speaker":
            return (f"WHO   {self.file} [{self.type}] gold {self.gold_speaker!r} got {self.pred_speaker!r}: "
                    f"{self.text[:70]!r}")
        return f"EXTRA {self.file} [{self.type}] {self.pred_speaker!r}: {self.text[:90]!r}"

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ArticleScore:
    counts: dict[Klass, Counts]
    findings: list[Finding]


def score_article(gold: GoldArticle, pred: Prediction) -> ArticleScore:
    """Counts and findings for one article."""
    counts: dict[Klass, Counts] = {k: Counts() for k in CLASSES}
    gq, pq = list(gold.quotes), pred.quotes
    for g in gq:
        counts[g.klass].gold += 1
    for p in pq:
        counts[p.klass].pred += 1
    right: dict[int, tuple[int, bool]] = {}
    for m in match(gq, pq):
        g, p = gq[m.gold], pq[m.pred]
        ok = speaker_ok(g, p.speaker, gold.text)
        c = counts[g.klass]
        c.found += 1
        c.right += ok
        c.canonical += speaker_ok(g, p.speaker, gold.text, canonical=True)
        right[m.gold] = (m.pred, ok)
    for m in match(gq, pq, STRICT):
        counts[gq[m.gold].klass].strict += speaker_ok(gq[m.gold], pq[m.pred].speaker, gold.text)
    findings: list[Finding] = []
    for i, g in enumerate(gq):
        if i not in right:
            findings.append(Finding("miss", gold.name, g.type, g.text, gold_speaker=g.speaker))
        elif not right[i][1]:
            findings.append(Finding("speaker", gold.name, g.type, g.text, gold_speaker=g.speaker,
                                    pred_speaker=pq[right[i][0]].speaker))
    matched = {j for j, _ in right.values()}
    findings += [Finding("extra", gold.name, p.type, p.text, pred_speaker=p.speaker)
                 for j, p in enumerate(pq) if j not in matched]
    return ArticleScore(counts, findings)


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; no predictions and no gold is perfect, predictions with no gold is not."""
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class Figures:
    """The figures of one class (direct, indirect, or all), rounded to three decimals."""

    gold: int
    pred: int
    detect_p: float
    detect_r: float
    detect_f1: float
    speaker_acc: float
    canonical_acc: float
    e2e_p: float
    e2e_r: float
    e2e_f1: float
    strict_e2e_p: float
    strict_e2e_r: float
    strict_e2e_f1: float

    @classmethod
    def from_counts(cls, c: Counts) -> Figures:
        detect = prf(c.found, c.pred, c.gold)
        e2e = prf(c.right, c.pred, c.gold)
        strict = prf(c.strict, c.pred, c.gold)
        speaker = c.right / c.found if c.found else 0.0
        canonical = c.canonical / c.found if c.found else 0.0
        return cls(c.gold, c.pred, *_r3(detect), round(speaker, 3), round(canonical, 3), *_r3(e2e), *_r3(strict))

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _r3(values: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(round(v, 3) for v in values)


@dataclass
class Report:
    """The result of an evaluation: counts per class, findings, files, errors and seconds."""

    counts: dict[Klass, Counts] = field(default_factory=lambda: {k: Counts() for k in CLASSES})
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, article: ArticleScore) -> None:
        for k in CLASSES:
            self.counts[k].add(article.counts[k])
        self.findings += article.findings
        self.files += 1

    @property
    def total(self) -> Counts:
        t = Counts()
        for c in self.counts.values():
            t.add(c)
        return t

    def figures(self) -> dict[str, Figures]:
        """direct (direct and mixed quotes), indirect and all."""
        return {"direct": Figures.from_counts(self.counts["direct"]),
                "indirect": Figures.from_counts(self.counts["indirect"]), "all": Figures.from_counts(self.total)}

    def to_dict(self, findings: bool = False) -> dict[str, Any]:
        """The summary; its keys include those of the reference scorer's ``--json`` (``files``, ``errors``,
        ``seconds``, ``direct``, ``indirect``, ``all_e2e_f1``)."""
        figs = self.figures()
        out: dict[str, Any] = {"files": self.files, "errors": len(self.errors), "seconds": round(self.seconds, 2)}
        out.update({k: f.to_dict() for k, f in figs.items()})
        out["all_e2e_f1"] = figs["all"].e2e_f1
        if self.errors:
            out["error_messages"] = list(self.errors)
        if findings:
            out["findings"] = [f.to_dict() for f in self.findings]
        return out


def score(golds: list[GoldArticle], preds: Mapping[str, Prediction], seconds: float = 0.0) -> Report:
    """Score predictions (keyed by gold id) against gold articles; a gold article with no prediction is
    an error and counts as one with no quotes, as does a prediction that is an error."""
    report = Report(seconds=seconds)
    for gold in golds:
        pred = preds.get(gold.id)
        if pred is None:
            report.errors.append(f"{gold.name}: no prediction")
            pred = Prediction()
        elif pred.error is not None:
            report.errors.append(f"{gold.name}: {pred.error}")
        report.add(score_article(gold, pred))
    return report
