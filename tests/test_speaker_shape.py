"""No speaker begins with a verb (issue 13): a fronted passive verb of saying is the cue, not the first
word of the name after it. Texts written for the project."""
from __future__ import annotations

import pytest

from quotecli import extract

INTRO = "Budi Santoso adalah ketua panitia lomba desa. "


@pytest.mark.parametrize("cue", ["Ditegaskan", "Dijelaskan", "Disebutkan", "Ditambahkan"])
def test_a_fronted_passive_cue_is_not_part_of_the_speaker(cue: str) -> None:
    text = INTRO + f"{cue} Budi, lomba digelar selama tiga hari di lapangan desa."
    quotes = extract(text, fast=True).quotes
    assert [(q.speaker, q.cue) for q in quotes] == [("Budi Santoso", cue)]


@pytest.mark.parametrize("intro", ["Selama perjalanan dari Bali ke Jakarta", "Sebelum lomba dimulai",
                                   "Sewaktu ditemui di rumahnya"])
def test_a_fronted_time_phrase_is_not_the_subject(intro: str) -> None:
    text = INTRO + f"{intro}, ketua panitia, Budi Santoso, mengatakan lomba tetap digelar besok pagi."
    quotes = extract(text, fast=True).quotes
    assert [q.speaker for q in quotes] == ["Budi Santoso"]


@pytest.mark.parametrize("adverb", ["Justru", "Malah", "Ternyata", "Sayangnya", "Kali ini"])
def test_an_adverb_before_a_pronoun_is_not_part_of_the_speaker(adverb: str) -> None:
    text = INTRO + f"{adverb} dia menganggap lomba itu terlalu singkat untuk warga."
    quotes = extract(text, fast=True).quotes
    assert [(q.speaker, q.speaker_mention) for q in quotes] == [("Budi Santoso", "dia")]


def test_a_place_the_entity_model_calls_a_person_is_not_the_name_after_a_title() -> None:
    from quotecli.speakers import parse_mention

    mention = "Kajati Maluku"
    place = mention.index("Maluku")

    def says_person(start: int, end: int) -> str | None:  # an entity model's mistake
        return "person" if start >= place else None

    m = parse_mention(mention, 0, len(mention), entities=says_person)
    assert m is not None and m.name != "Maluku"


def test_no_candidate_speaker_is_a_bare_pronoun() -> None:
    from quotecli import candidates
    from quotecli.api import attribute, before_choice, prepare
    from quotecli.lexicon import default_lexicon

    lex = default_lexicon()
    text = INTRO + "Kali ini dia menganggap lomba itu terlalu singkat untuk warga."
    att = attribute(prepare(text, "t", lex), None, lex)
    before_choice(att, lex)
    names = [c.name for cs in candidates.gather(att.doc, att.quotes, att.registry, lex) for c in cs]
    assert names and not any(n.lower() in lex.pronouns or n.lower().endswith(" dia") for n in names)


@pytest.mark.parametrize("word", ["dengan", "sambil", "seraya"])
def test_a_verb_of_saying_in_a_manner_clause_is_said_by_the_sentence_subject(word: str) -> None:
    text = INTRO + f"Budi kemudian membalas kritik itu, {word} menyebut lomba sudah disiapkan sejak Januari."
    quotes = extract(text, fast=True).quotes
    assert [q.speaker for q in quotes] == ["Budi Santoso"]


def test_the_medium_a_quote_was_relayed_through_is_not_who_nya_means() -> None:
    text = ("Ketua panitia Budi Santoso membuka lomba desa pada Sabtu pagi.\n"
            '"Lomba ini untuk warga," kata Budi, seperti dilansir Radio Suara Desa pada Minggu.\n'
            '"Kami undang semua kampung," ujarnya.')
    quotes = extract(text, fast=True).quotes
    assert [q.speaker for q in quotes] == ["Budi Santoso", "Budi Santoso"]


def test_an_organisation_the_entity_model_sees_only_the_start_of_keeps_its_whole_name() -> None:
    """Regression: "[Departemen Pemadam Kebakaran] dan Kehutanan Selatan" gave the speaker the entity's
    part; the organisation named by the whole mention is left to the rules."""
    from quotecli.speakers import parse_mention

    mention = "Departemen Pemadam Kebakaran dan Kehutanan Selatan"
    cut = mention.index(" dan")

    def sees_the_start(start: int, end: int) -> str | None:
        return "organisation" if end <= cut else None

    m = parse_mention(mention, 0, len(mention), entities=sees_the_start)
    assert m is not None and m.name == mention


@pytest.mark.parametrize("text, entity, whole", [
    ("Kata Nkosazana Dlamini-Zuma kemarin.", "Nkosazana Dlamini", "Nkosazana Dlamini-Zuma"),
    ("Kata Jean-Marie Le Pen kemarin.", "Marie Le Pen", "Jean-Marie Le Pen"),
    ("Kata Sinead O'Connor kemarin.", "Sinead O", "Sinead O'Connor"),
    ("Kata Budi Santoso, kemarin.", "Budi Santoso", "Budi Santoso"),
    ("Kata Budi Santoso-nya kemarin.", "Budi Sant", "Budi Santoso-nya"),
    ("Kata Budi - Ani kemarin.", "Budi", "Budi"),
])
def test_an_entity_the_model_ends_inside_a_word_is_widened_to_the_whole_word(text: str, entity: str,
                                                                              whole: str) -> None:
    from quotecli.nlp import whole_words

    s = text.index(entity)
    a, b = whole_words(text, s, s + len(entity))
    assert text[a:b] == whole


@pytest.mark.parametrize("mention, kind", [("Kajati", "organisation"), ("Pak Kades", "person"),
                                           ("Kapolres", "person")])
def test_an_office_the_entity_model_calls_a_name_is_still_an_office(mention: str, kind: str) -> None:
    """Regression: '"...," tutur Kajati.' went to the organisation Kejaksaan Tinggi in full mode; the office's
    holder is who the rules look for."""
    from quotecli.speakers import parse_mention

    office = mention.split()[-1]
    m = parse_mention(mention, 0, len(mention),
                      entities=lambda s, e: kind if mention[s:e] == office else None)
    assert m is not None and m.kind == "description" and m.name is None



@pytest.mark.parametrize("mention, kind, name", [
    ("Ratna Kasih", "name", "Ratna Kasih"),  # two name words, no organisation word: a person (regression)
    ("Badan Pusat Statistik", "organisation", "Badan Pusat Statistik"),  # an organisation word: the model's
])
def test_an_organisation_the_entity_model_sees_in_a_person_s_name_is_a_person(mention: str, kind: str,
                                                                              name: str) -> None:
    from quotecli.speakers import parse_mention

    m = parse_mention(mention, 0, len(mention), entities=lambda s, e: "organisation")
    assert m is not None and (m.kind, m.name) == (kind, name)
