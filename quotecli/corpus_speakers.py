"""Speakers across articles: one ``speaker_id`` and one display name for the same person everywhere.

Within an article quotecli already gives each speaker its fullest name and its aliases. Across
articles the same person appears as ``Joko Widodo``, ``Jokowi`` or ``Presiden Jokowi``; these rules
join them (documented in docs/find.md):

1. Each article's speaker gets a *name key*: its canonical name without titles, honorifics and ranks
   (``Menkeu Sri Mulyani`` -> ``sri mulyani``), lower case. A speaker with no proper name (a title
   alone such as ``Kapolres Metro Jakarta Barat`` or ``Ketua DPR``, a description such as ``seorang
   warga``, a kind of body alone such as ``Pemerintah`` or ``Polres``: ``data/generic_bodies.txt``)
   keeps an id of its own article: two different Kapolres are never one person.
2. Speakers with the same name key and type merge. So do speakers linked by an alias that is a name
   of its own (not a surname of the canonical name, no title word): ``Jokowi`` given as an alias of
   ``Joko Widodo`` in one article joins the ``Jokowi`` of another. Nicknames an article may use alone
   (``Jokowi``, ``SBY``, ``KPK``) come from ``quotecli/data/name_aliases.txt``.
3. A shorter name merges into a longer one that contains it as whole words at its start or end
   (``Sri Mulyani`` -> ``Sri Mulyani Indrawati``) only when exactly one longer name in the corpus does:
   ``Budi Santoso`` beside ``Budi Santoso Wibowo`` and ``Wahyu Budi Santoso`` stays apart.
   A person's one-word name (``Agus``, ``Suharyanto``) is too common a thing to share: it merges with
   another article's (by rules 2 and 3) only when it has 7+ letters and is not a common first word of
   names (``Muhammad``), or when the two share a title word (``Kapolres Agus`` and ``Kapolres Agus``).
   Organisations, and acronyms of 3+ capitals (``USGS``), merge on any shared name or alias.
4. People and organisations never merge, nor two speakers of one article. The display name is the
   name list's, else the longest name.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .lexicon import Lexicon, default_lexicon
from .sources import QuoteRecord

_WORD = re.compile(r"[\w'’.-]+")


@lru_cache(maxsize=1)
def known_aliases() -> dict[str, str]:
    """alias key -> display name, from ``quotecli/data/name_aliases.txt`` (the display name maps to itself)."""
    text = resources.files("quotecli").joinpath("data", "name_aliases.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names = [n.strip() for n in line.split("|") if n.strip()]
            for n in names:
                out.setdefault(_key_text(n), names[0])
    return out


@lru_cache(maxsize=1)
def _one_word_aliases() -> dict[str, set[str]]:
    """display name -> its one-word aliases (``Joko Widodo`` -> {``jokowi``})."""
    out: dict[str, set[str]] = defaultdict(set)
    for k, v in known_aliases().items():
        if " " not in k:
            out[v].add(k)
    return dict(out)


def _key_text(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().replace("’", "'").split())


def _words(name: str) -> list[str]:
    return list(_cached_words(name))


@lru_cache(maxsize=200_000)
def _cached_words(name: str) -> tuple[str, ...]:
    return tuple(w.strip(".,") for w in _WORD.findall(name) if w.strip(".,"))


def _is_title(w: str, lex: Lexicon) -> bool:
    lw = w.lower().rstrip(".")
    return lw in lex.title_words() or lw in lex.ranks or lw in lex.honorifics or lw in lex.region_titles


def _title_length(words: list[str], lex: Lexicon) -> int:
    """How many leading words are titles: whole phrases of titles.txt ("juru bicara", "wakil
    presiden"), ranks, honorifics and regional titles, one after another."""
    low = [w.lower().rstrip(".") for w in words]
    phrases = _title_phrases(lex)
    i = 0
    while i < len(low):
        if low[i] in lex.ranks or low[i] in lex.honorifics or low[i] in lex.region_titles:
            i += 1
            continue
        step = next((len(t) for t in phrases.get(low[i], ()) if tuple(low[i:i + len(t)]) == t), 0)
        if not step:
            break
        i += step
    return i


_PHRASES: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _title_phrases(lex: Lexicon) -> dict[str, list[tuple[str, ...]]]:
    """The titles of titles.txt as word tuples, by first word, longest first."""
    got = _PHRASES.get(id(lex))
    if got is None:
        got = defaultdict(list)
        for t in lex.titles:  # already longest first
            got[t.split()[0]].append(tuple(t.split()))
        _PHRASES[id(lex)] = got = dict(got)
    return got


def name_core(name: str, lex: Lexicon | None = None) -> str | None:
    """The proper name inside a speaker name, titles dropped; None when there is none (cached).

    >>> name_core("Menkeu Sri Mulyani")
    'Sri Mulyani'
    >>> name_core("Kapolres Metro Jakarta Barat") is None
    True
    """
    if lex is None or lex is default_lexicon():
        return _default_name_core(name)
    return _name_core(name, lex)


@lru_cache(maxsize=200_000)
def _default_name_core(name: str) -> str | None:
    return _name_core(name, default_lexicon())


def _name_core(name: str, lex: Lexicon) -> str | None:
    """The name in a speaker's string, without the title, rank or body before it ("Ketua KPK Firli
    Bahuri" -> "Firli Bahuri"); None when the string is a role, a generic body or a description."""
    words = _untitled_words(_words(name), name, lex)
    if words is None or not _names_someone(words, name, lex):
        return None
    return " ".join(words)


def _untitled_words(words: list[str], name: str, lex: Lexicon) -> list[str] | None:
    """The words after the title, rank and body; None for a role without a name."""
    if not words:
        return None
    ranks = [i for i, w in enumerate(words) if w.lower().rstrip(".") in lex.ranks]
    if ranks:  # "Kapolres Metro Jakarta Barat Kombes Pasma Royce": the name follows the rank
        words = words[ranks[-1] + 1:]
    elif words[0].lower() in lex.region_titles or words[0].lower() in lex.org_heads and not _is_org(name, lex):
        return None  # a title with its region: a role, not a name
    titled = _title_length(words, lex)
    words = words[titled:]
    if titled and words and all(_is_body_word(w, lex) for w in words):
        return None  # "Ketua DPR", "Juru bicara Kemlu": a role in a body, not a name
    while titled and len(words) > 1 and _is_body_word(words[0], lex) and words[0].lower() not in _CONNECTORS:
        words = words[1:]  # "Ketua KPK Firli Bahuri": the body of the title, then the name
    return words


def _names_someone(words: list[str], name: str, lex: Lexicon) -> bool:
    """The words left are a name: not a generic body, not a description, not only common words."""
    if len(words) == 1 and words[0].lower() in generic_bodies():
        return False  # "Pemerintah", "Polres": which one?
    if not words or any(not w[0].isupper() and not w[0].isdigit() and w.lower() not in _CONNECTORS
                        for w in words):
        return False  # "seorang warga", "pria itu": a description
    return not (all(w.lower() in lex.title_words() or w.lower() in lex.places or w.lower() in lex.common_words
                    for w in words) and not _is_org(name, lex))


def _is_body_word(w: str, lex: Lexicon) -> bool:
    lw = w.lower()
    return lw in lex.org_words or lw in lex.places or (w.isupper() and len(w) >= 2) or lw in _CONNECTORS


@lru_cache(maxsize=1)
def generic_bodies() -> frozenset[str]:
    """``quotecli/data/generic_bodies.txt``: words that name a kind of body (pemerintah, polres)."""
    text = resources.files("quotecli").joinpath("data", "generic_bodies.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip().lower()))


_CONNECTORS = {"bin", "binti", "van", "von", "de", "der", "da", "dan", "al", "el", "di", "untuk", "dari", "dos",
               "la", "le", "du", "y"}


def _is_org(name: str, lex: Lexicon) -> bool:
    return any(w.lower() in lex.org_words or w.lower() in lex.org_heads for w in _words(name))


def speaker_kind(record: QuoteRecord, lex: Lexicon | None = None) -> str:
    """person or organisation: the extractor's type, else organisation words decide."""
    if record.speaker_type in ("person", "organisation"):
        return record.speaker_type
    lex = lex or default_lexicon()
    return "organisation" if record.speaker and _is_org(record.speaker, lex) else "person"


@dataclass
class CorpusSpeaker:
    """One speaker across the corpus."""

    speaker_id: str
    name: str
    type: str
    names: Counter = field(default_factory=Counter)  # canonical names seen, with their quote counts
    aliases: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    records: list[QuoteRecord] = field(default_factory=list)
    local: bool = False  # a title or description without a name: one article's speaker

    def matches(self, query: str) -> bool:
        """Does ``query`` (a name, alias or id) name this speaker? Titles in the query are ignored."""
        q = _key_text(query)
        core = name_core(query)
        keys = {_key_text(n) for n in [self.name, *self.names, *self.aliases]} | {self.speaker_id}
        if q in keys or (core and _key_text(core) in keys):
            return True
        known = known_aliases().get(q) or (known_aliases().get(_key_text(core)) if core else None)
        if known is not None and _key_text(known) in keys:
            return True
        lex = default_lexicon()  # "Menteri Keuangan Sri Mulyani": a title of several words, then the name
        return not self.local and any(q.endswith(" " + k) and _distinctive(k, lex) for k in keys)


@dataclass
class _Local:
    """A speaker of one article."""

    source: str
    speaker: str
    kind: str
    key: str | None
    links: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    records: list[QuoteRecord] = field(default_factory=list)

    @property
    def titles_words(self) -> set[str]:
        return {w for t in self.titles for w in _key_text(t).split()}


class _UnionFind:
    """Groups of article speakers; two speakers of one article (told apart by the extractor or the
    annotator) are never put in one group."""

    def __init__(self, sources: list[str]) -> None:
        self.parent = list(range(len(sources)))
        self.sources = [{s} for s in sources]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb and not self.sources[ra] & self.sources[rb]:
            lo, hi = min(ra, rb), max(ra, rb)
            self.parent[hi] = lo
            self.sources[lo] |= self.sources[hi]


def _locals(records: Iterable[QuoteRecord], lex: Lexicon) -> list[_Local]:
    by_key: dict[tuple[str, str], _Local] = {}
    for r in records:
        if not r.speaker:
            continue
        loc = by_key.get((r.source, r.speaker))
        if loc is None:
            core = name_core(r.speaker, lex)
            kind = speaker_kind(r, lex)
            key = _key_text(core) if core else None
            loc = by_key[(r.source, r.speaker)] = _Local(r.source, r.speaker, kind, key)
        loc.records.append(r)
        for a in (*r.aliases, r.speaker_mention or ""):
            if a and a.strip():
                loc.aliases.add(a.strip())
        if r.title:
            loc.titles.add(r.title)
    for loc in by_key.values():
        _note_aliases(loc, lex)
    return list(by_key.values())


def _note_aliases(loc: _Local, lex: Lexicon) -> None:
    """Links (names of its own) and titles among an article speaker's aliases."""
    if loc.key is None:
        return
    own = set(loc.key.split())
    nick = known_aliases().get(loc.key)
    named = own | (_one_word_aliases().get(nick, set()) if nick else set())
    for a in loc.aliases:
        words = _words(a)
        if _title_length(words, lex):
            n = len(words)
            while n > 0 and (_key_text(words[n - 1]) in named or words[n - 1].lower() in lex.honorifics):
                n -= 1  # "Menkeu Sri Mulyani" -> the title "Menkeu"; "Direktur RSUD dr. Ratna" -> "Direktur RSUD"
            if n:
                loc.titles.add(" ".join(words[:n]).strip(" ,(-"))
            continue
        link = _link(a, words, own, lex)
        if link:
            loc.links.add(link)
            if len(words) == 1 and len(a) >= 3 and a.isupper():
                loc.acronyms.add(link)  # "USGS": as distinctive as a long name


def _link(alias: str, words: list[str], own: set[str], lex: Lexicon) -> str | None:
    """The key of an alias that is another name of its own (``Jokowi`` for ``Joko Widodo``, ``KPK``):
    a pure name sharing no word with the canonical name; one word only if an acronym, a listed
    nickname or a listed organisation word (``Kemlu``)."""
    if name_core(alias, lex) != " ".join(words):
        return None
    key = _key_text(alias)
    if set(key.split()) & own:
        return None
    if len(words) == 1 and not (alias.isupper() and len(alias) >= 2) and key not in known_aliases() \
            and key not in lex.org_words:
        return None
    return key


def cluster(records: list[QuoteRecord], lex: Lexicon | None = None) -> list[CorpusSpeaker]:
    """Corpus speakers of ``records`` (sets each record's ``speaker_id``), most quoted first."""
    lex = lex or default_lexicon()
    locs = _locals(records, lex)
    uf = _UnionFind([loc.source for loc in locs])
    known = known_aliases()
    index: dict[tuple[str, str], int] = {}  # (kind, key) -> first local with that key

    def canon(key: str) -> str:
        return _key_text(known[key]) if key in known else key

    for i, loc in enumerate(locs):
        if loc.key is None:
            continue
        for k in {canon(loc.key), *(canon(x) for x in loc.links)}:
            j = index.setdefault((loc.kind, k), i)
            if j != i and _may_share(k, loc, locs[j], known, lex):
                uf.union(i, j)
    _merge_partial_names(locs, uf, index, lex)
    return _build(locs, uf, known)


def _merge_partial_names(locs: list[_Local], uf: _UnionFind, index: dict[tuple[str, str], int],
                         lex: Lexicon) -> None:
    """Rule 3: a shorter name into the one longer name that starts or ends with it."""
    keys_by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, key in index:
        keys_by_kind[kind].append(key)
    for kind, keys in keys_by_kind.items():
        if kind != "person":
            continue
        by_word: dict[str, set[str]] = defaultdict(set)
        for k in keys:
            for w in k.split():
                by_word[w].add(k)
        for k in keys:
            words = k.split()
            if not _distinctive(k, lex):
                continue
            longer = {x for x in by_word[words[0]] if _contains_at_edge(x.split(), words)}
            roots = {uf.find(index[(kind, x)]) for x in longer}
            if len(roots) == 1:
                uf.union(index[(kind, k)], roots.pop())


def _may_share(key: str, a: _Local, b: _Local, known: dict[str, str], lex: Lexicon) -> bool:
    """May two article speakers sharing ``key`` be one? Yes for listed names, organisations, acronyms,
    distinctive names, and speakers with a title word in common."""
    return key in known or a.kind == "organisation" or _distinctive(key, lex) or \
        key in a.acronyms | b.acronyms or bool(a.titles_words & b.titles_words)


def _distinctive(key: str, lex: Lexicon) -> bool:
    """A name that is unlikely to be two people's: two words or more, or one long word (Suharyanto;
    not Agus, Budi, Muhammad)."""
    words = key.split()
    return len(words) > 1 or (len(words[0]) >= 7 and words[0] not in lex.name_prefixes)


def _contains_at_edge(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return len(longer) > n and (longer[:n] == shorter or longer[-n:] == shorter)


def _build(locs: list[_Local], uf: _UnionFind, known: dict[str, str]) -> list[CorpusSpeaker]:
    groups: dict[int, list[_Local]] = defaultdict(list)
    for i, loc in enumerate(locs):
        groups[uf.find(i)].append(loc)
    out = []
    for members in groups.values():
        first = members[0]
        names: Counter = Counter()
        for m in members:
            names[name_core(m.speaker) or m.speaker] += len(m.records)
        display = _display(names, known)
        local = first.key is None
        sp = CorpusSpeaker(speaker_id="", name=display, type=first.kind, names=names, local=local)
        for m in members:
            sp.aliases |= m.aliases
            sp.titles |= m.titles
            sp.records.extend(m.records)
        out.append(sp)
    out.sort(key=lambda s: (-len(s.records), s.name.casefold(), s.records[0].source))
    _assign_ids(out)
    return out


def _display(names: Counter, known: dict[str, str]) -> str:
    for n in names:
        if _key_text(n) in known:
            return known[_key_text(n)]
    return max(names, key=lambda n: (len(n.split()), names[n], n))


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "speaker"


def _assign_ids(speakers: list[CorpusSpeaker]) -> None:
    """Readable, stable ids: the display name's slug; a local speaker adds a hash of its article."""
    seen: Counter = Counter()
    for sp in speakers:
        base = _slug(sp.name)
        if sp.local:
            base += "@" + hashlib.sha1(sp.records[0].source.encode("utf-8", "replace")).hexdigest()[:6]
        seen[base] += 1
        sp.speaker_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        for r in sp.records:
            r.speaker_id = sp.speaker_id
