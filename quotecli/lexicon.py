"""Indonesian linguistic knowledge, loaded from the plain-text lists in ``quotecli/data``.

One entry per line, ``#`` starts a comment. Adding a cue word is a data change, not a code change.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib


def load_list(name: str) -> list[str]:
    """Entries of ``quotecli/data/<name>.txt`` in file order, lower-cased, comments dropped."""
    text = resources.files("quotecli").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line.lower())
    return out


_NOT_A_CUE = (False, False)


@dataclass(frozen=True)
class Lexicon:
    cue_after: frozenset[str]  # kata, ujar ... (the -nya forms are derived)
    reporting_verbs: frozenset[str]  # mengatakan, menyatakan ...
    cue_passive: frozenset[str]  # dikatakan, diakui ...
    press_formulas: tuple[str, ...]  # longest first
    pronouns: frozenset[str]
    relay: tuple[str, ...]  # longest first
    titles: tuple[str, ...]  # longest first
    org_words: frozenset[str]
    org_heads: frozenset[str]  # bank, pt, universitas ...: followed by the organisation's own name
    region_titles: frozenset[str]  # bupati, gubernur, kapolres ...: followed by the region's name
    ranks: frozenset[str]  # jenderal, kombes, akbp ...: right before the person's own name
    common_words: frozenset[str]
    places: frozenset[str]
    not_speech: frozenset[str]
    speech_verbs: frozenset[str]
    stop_after_speaker: frozenset[str]
    noise: tuple[str, ...]
    name_prefixes: frozenset[str]  # muhammad, siti, i, gede ...: a name's first word, rarely used alone
    person_nouns: frozenset[str]  # pedagang, pria, korban ...: an unnamed subject that "ia" can mean
    resident_nouns: frozenset[str]  # warga, penduduk: "warga Tambaklorok" is unnamed
    honorifics: frozenset[str]  # prof, dr, h ...: with a period before a name, a title
    back_reference: tuple[str, ...]  # "hal itu", "demikian" + disampaikan X: attributes the quote before

    @cached_property
    def _after_cues(self) -> dict[str, tuple[bool, bool]]:
        """Every post-quote cue word and its -nya form, with ``is_after_cue``'s answer (a word that is a
        cue itself is not read as a -nya form)."""
        out = {w + "nya": (True, True) for w in self.cue_after}
        out.update((w, (True, False)) for w in self.cue_after)
        return out

    def is_after_cue(self, word: str) -> tuple[bool, bool]:
        """(is a post-quote cue word, carries the -nya pronoun)."""
        return self._after_cues.get(word.lower(), _NOT_A_CUE)

    def is_reporting_verb(self, word: str) -> bool:
        return word.lower() in self.reporting_verbs

    @cached_property
    def _title_words(self) -> frozenset[str]:
        return frozenset(w for t in self.titles for w in t.split()) | self.region_titles

    def title_words(self) -> frozenset[str]:
        """Every word of every title ("juru", "bicara", "presiden" ...), the heads of regions among them."""
        return self._title_words

    @cached_property
    def _title_heads(self) -> frozenset[str]:
        return frozenset(t.split()[0] for t in self.titles) | self.region_titles

    def title_heads(self) -> frozenset[str]:
        """The words a title begins with ("kepala", "juru", "menteri" ...), not the later words of one
        ("pusat" of "kepala pusat")."""
        return self._title_heads

    @cached_property
    def relay_words(self) -> frozenset[str]:
        """The words of the relay phrases ("dilansir", "dikutip", "mengutip" ...)."""
        return frozenset(w for p in self.relay for w in p.split())

    @cached_property
    def title_or_rank_words(self) -> frozenset[str]:
        """The words of titles and the ranks ("kepala", "kasie", "akp" ...): what a title chain begins with."""
        return self._title_words | self.ranks


@lru_cache(maxsize=1)
def grammar() -> dict[str, frozenset[str]]:
    """The function-word lists of ``quotecli/data/grammar.toml`` (negation, intro words, days ...)."""
    raw = tomllib.loads(resources.files("quotecli").joinpath("data", "grammar.toml").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items()}


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    def by_length(items: list[str]) -> tuple[str, ...]:
        return tuple(sorted(set(items), key=len, reverse=True))

    return Lexicon(
        cue_after=frozenset(load_list("cue_after")),
        reporting_verbs=frozenset(load_list("reporting_verbs")),
        cue_passive=frozenset(load_list("cue_passive")),
        press_formulas=by_length(load_list("press_formulas")),
        pronouns=frozenset(load_list("pronouns")),
        relay=by_length(load_list("relay")),
        titles=by_length(load_list("titles")),
        org_words=frozenset(load_list("org_words")),
        org_heads=frozenset(load_list("org_heads")),
        region_titles=frozenset(load_list("region_titles")),
        ranks=frozenset(load_list("ranks")),
        common_words=frozenset(load_list("common_words") + load_list("common_words_extra")),
        places=frozenset(load_list("places")),
        not_speech=frozenset(load_list("not_speech")),
        speech_verbs=frozenset(load_list("speech_verbs")),
        stop_after_speaker=frozenset(load_list("stop_after_speaker")),
        noise=by_length(load_list("noise")),
        name_prefixes=frozenset(load_list("name_prefixes")),
        person_nouns=frozenset(load_list("person_nouns")),
        back_reference=by_length(load_list("back_reference")),
        honorifics=frozenset(load_list("honorifics")),
        resident_nouns=frozenset(load_list("resident_nouns")),
    )
