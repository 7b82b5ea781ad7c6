"""The data model passed between quotecli's stages.

Every span carries character offsets into the ORIGINAL input text, so that
``text[span.start:span.end] == span.text`` always holds (see docs/data_format.md).
Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

QuoteType = Literal["direct", "mixed", "indirect"]
SpeakerType = Literal["person", "organisation", "other"]
MentionKind = Literal["name", "pronoun", "description", "handle", "organisation"]

SCHEMA_VERSION = "1.1"  # 1.1: JSON Lines record types, numeric sources, quote_group, context, meta, text


@dataclass(frozen=True)
class Span:
    """A stretch of the input: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    def to_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True)
class Paragraph:
    """One line of the input. ``body`` is False for headlines, captions and site furniture."""

    index: int
    start: int
    end: int
    body: bool
    noise: bool = False
    title: bool = False  # the headline: its names count, its quotations (shortened copies) do not


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    """A passage between quotation marks (marks excluded)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark, or -1 when the paragraph continues an open quote
    close_mark: int  # offset of the closing mark, or -1 when the quote runs on to the next paragraph
    paragraph: int


@dataclass
class Mention:
    """A reference to a speaker in the text: a name, a pronoun, a description or a handle."""

    span: Span
    kind: MentionKind
    name: str | None = None  # the proper-name part, when there is one ("Dmitry Peskov")
    title: str | None = None  # the title or role part ("juru bicara Kremlin")
    entity_type: SpeakerType | None = None


@dataclass
class Cue:
    """The attribution words of a quotation ("kata", "ujarnya", "menurut", "mengatakan")."""

    span: Span
    kind: str  # after | before | inserted | menurut | passive | press | colon | backref | continuation
    mention: Mention | None = None
    via: str | None = None


@dataclass
class Quote:
    """One quotation with its attribution. ``quote == source[start:end]``."""

    quote: str
    type: QuoteType
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_span: list[int] | None = None
    speaker_type: SpeakerType | None = None
    cue: str | None = None
    cue_span: list[int] | None = None
    via: str | None = None
    confidence: float = 0.0
    rule: str = ""
    paragraph: int = 0
    quote_group: int = 0  # pieces of one quotation (interrupted by its cue, or over paragraphs) share it
    context: str | None = None  # the sentence(s) around the quote, its cue and its speaker (context.py)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)  # flat fields: a shallow copy is enough (asdict is 10x slower)


@dataclass
class Speaker:
    """A speaker of the article: canonical name, every surface form, and what they said."""

    name: str
    type: SpeakerType
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    quote_count: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["aliases"] = list(self.aliases)
        return d


@dataclass
class ArticleResult:
    """Everything quotecli found in one input."""

    source: Any  # a path, '-', or a JSONL id as it was (a string or a number)
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    key: str = ""  # what --resume matches: the input's absolute path, or the JSONL id as JSON
    meta: dict[str, str] | None = None  # web pages: title, date, author, site, url (those the page has)
    text: str | None = None  # the analysed text (HTML inputs, --with-text): offsets index it

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"source": self.source, "error": self.error}
        out: dict[str, Any] = {
            "source": self.source,
            "schema_version": SCHEMA_VERSION,
            "quotes": [q.to_dict() for q in self.quotes],
            "speakers": [s.to_dict() for s in self.speakers],
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.meta is not None:
            out["meta"] = dict(self.meta)
        if self.text is not None:
            out["text"] = self.text
        return out
