"""Labels before a noun or name: legal statuses ("the terrorist organization DNR", "иноагент Дудь") and the
affiliation and legitimacy labels ("Kremlin-backed broadcaster RT", "pro-Russian separatists", "Russian state
media", "Moscow's propaganda outlets", "self-proclaimed Donetsk People's Republic", "пророссийские силы")."""

from __future__ import annotations

import re

from analysis.designations.context import Context
from analysis.designations.cues import authority_in, in_quotes, statuses_in
from analysis.designations.entities import appositive_name, is_name, names_after, noun_after, valid_legal_entity
from analysis.designations.grammar import DETERMINERS, LAW_WORDS, PRONOUNS, TITLES

# ---- legal statuses ------------------------------------------------------------------------------


def legal_en(ctx: Context, lo: int, hi: int) -> None:
    """"the terrorist organization DNR", "terrorist organisations: al-Qaeda and Islamic State"."""
    for match in ctx.g.en_attr.finditer(ctx.text, lo, hi):
        _legal(ctx, match, lo, hi, language="en")


def legal_ru(ctx: Context, lo: int, hi: int) -> None:
    """"иноагент Дудь", "экстремистская организация «Свидетели Иеговы»"."""
    for match in ctx.g.ru_attr.finditer(ctx.text, lo, hi):
        _legal(ctx, match, lo, hi, language="ru")


def _legal(ctx: Context, match: re.Match, lo: int, hi: int, *, language: str) -> None:
    """A status label before one name or a list of names; after a colon or dash it reads as an appositive."""
    text = ctx.text
    start, end = match.span("label")
    statuses = statuses_in(ctx, start, end, language=language)
    if not statuses:
        return
    sep = match.group("sep")
    label = text[start:end]
    plural = bool(re.search(r"(?:s|и|ы|ии)\s*$", label))
    names = names_after(ctx, match.end(), hi, split=plural)
    if not names:
        return
    if ":" in sep and not plural:
        return
    if re.search(r"[–—-]", sep):
        closed = re.match(r"\s*[–—,-]", text[names[-1][1]:names[-1][1] + 3])
        if not (plural or (re.match(r"(?:an?|the)\s", label, re.IGNORECASE) and closed)):
            return
    form = "appositive" if re.search(r"[:–—-]", sep) else "attributive"
    voice = "reported" if in_quotes(ctx, start, end, lo) else "own"
    for name in names:
        if text[name[1]:name[1] + 1] == ":":
            continue   # "the terrorist group RUSSIA:You have ..." (a speaker tag after a lost full stop)
        words = text[name[0]:name[1]].lower().split()
        if valid_legal_entity(ctx, name) and not (set(words) & TITLES) and not (set(words) & LAW_WORDS):
            ctx.add(start, end, statuses, name, authority=authority_in(ctx, (start, end)), voice=voice, form=form,
                    reading="attributive")


# ---- affiliation and legitimacy labels -----------------------------------------------------------


def labels_en(ctx: Context, lo: int, hi: int) -> None:
    """English labels in ``[lo, hi)``: compounds, pro-X, state labels, self labels, "Moscow's outlets"."""
    text, g = ctx.text, ctx.g
    window = text[lo:hi].lower()
    if any(relation in window for relation in g.relation_words):
        _compounds(ctx, lo, hi)
    if "pro" in window:
        for match in g.pro.finditer(text, lo, hi):
            patron = g.patron_canonical.get(match.group("patron").lower(), match.group("patron"))
            _label(ctx, match.start(), match.end(), "aligned", f"pro-{patron}", lo, hi, state=False)
    if "state" in window:
        for match in g.state.finditer(text, lo, hi):
            _state_label(ctx, match, lo, hi)
    if "self" in window or "recogni" in window:
        for match in g.self_label.finditer(text, lo, hi):
            label = g.lex.self_labels[int(match.lastgroup[1:])]
            if label.language != "ru":
                _label(ctx, match.start(), match.end(), label.designation, label.canonical, lo, hi, state=False)
    if "'s " in window or "’s " in window:
        for match in g.possessive.finditer(text, lo, hi):
            patron = g.patron_canonical.get(match.group("patron").lower(), match.group("patron"))
            entity = (match.end("patron") + 3, match.end("media"))
            ctx.add_label(match.start("patron"), match.end("patron") + 2, "state_media", f"{patron}'s", entity,
                          "attributive", lo)


def _compounds(ctx: Context, lo: int, hi: int) -> None:
    """"Kremlin-backed", "Russian-installed", "US backed" (the collector stripped the hyphen)."""
    g = ctx.g
    for match in g.compound.finditer(ctx.text, lo, hi):
        if match.group("sep") == " " and not _spaced_compound(ctx, match, lo):
            continue
        relation = match.group("relation").lower()
        designation = g.lex.relations.get(relation, "state_affiliated")
        patron = g.patron_canonical.get(match.group("patron").lower(), match.group("patron"))
        canonical = f"{patron}-{relation}"
        _label(ctx, match.start(), match.end(), designation, canonical, lo, hi, state=True, relation=relation)


def _spaced_compound(ctx: Context, match: re.Match, lo: int) -> bool:
    """A compound written with a space ("US backed NGOs", where the collector stripped hyphens) is a label only
    before a lower-case word or an actor noun, and after a determiner, a preposition or at a sentence start, so
    that "Moscow appointed Russia-friendly Ukrainians" (subject and verb) is not read as one."""
    following = re.match(r"\s+([\w’'-]+)", ctx.text[match.end():match.end() + 40])
    if not following:
        return False
    word = following.group(1)
    if not (word[:1].islower() or ctx.g.actor.match(word) or ctx.g.media.match(word)):
        return False
    if word.lower() in PRONOUNS | DETERMINERS:
        return False   # "Putin appointed him governor": a verb and its object
    before = ctx.text[max(lo, match.start() - 25):match.start()]
    if not before.strip():
        return True
    previous = re.search(r"([\w’']+)\W*$", before)
    return bool(previous) and previous.group(1).lower() in DETERMINERS | {
        "by", "of", "in", "with", "for", "to", "from", "against", "and", "or", "local", "former", "new"}


def _label(ctx: Context, start: int, end: int, designation: str, canonical: str, lo: int, hi: int, *, state: bool,
           relation: str = "") -> None:
    """A label ``[start, end)`` before its noun or name ("pro-Russian separatists", "Kremlin-backed RT"), or before
    a second label it is coordinated with ("pro-Western and pro-Russian forces")."""
    noun, media, found = noun_after(ctx, end, hi)
    if not found:
        second = _coordinated_end(ctx, end, hi)
        if second is None:
            return
        noun, media, found = noun_after(ctx, second, hi)
    if noun is None:
        return
    named = is_name(ctx, *ctx.tokens(*noun)[0])
    if relation in {"controlled", "held"} and named and not media:
        return  # "Russian-controlled Olenivka", "the Russian-controlled Zaporizhzhia NPP": places, not actors
    entity = appositive_name(ctx, start, lo) or noun
    if state and media and designation == "state_affiliated":
        designation = "state_media"
    ctx.add_label(start, end, designation, canonical, entity, "attributive", lo)
    more = re.match(r"[’”»\"']?\s*(?:,|and|и)\s*(?=[“«\"‘'])", ctx.text[entity[1]:entity[1] + 12])
    if more and entity == noun:
        for name in names_after(ctx, entity[1] + more.end(), hi, split=False)[:1]:
            ctx.add_label(start, end, designation, canonical, name, "attributive", lo)


def _coordinated_end(ctx: Context, end: int, hi: int) -> int | None:
    """"pro-Western and pro-Russian forces", "прозападные, и пророссийские силы": the end of the second label."""
    conjunction = re.match(r"\s*,?\s*(?:and|or|&|и|или)\s+", ctx.text[end:min(hi, end + 12)])
    if not conjunction:
        return None
    position = end + conjunction.end()
    for pattern in (ctx.g.pro, ctx.g.compound, ctx.g.self_label):
        second = pattern.match(ctx.text, position, hi)
        if second:
            return second.end()
    return None


def _state_label(ctx: Context, match: re.Match, lo: int, hi: int) -> None:
    """"Russian state media", "state-run broadcaster", "Chinese state-controlled CGTN"."""
    text, g = ctx.text, ctx.g
    relation = (match.group("relation") or "").lower()
    nationality = match.group("nat")
    if nationality and nationality.lower() in DETERMINERS:
        nationality = None
    start = match.start("nat") if nationality else match.start("state")
    if match.group("media"):
        end = match.end("media")
        canonical = f"state-{relation}" if relation else "state media"
        names = names_after(ctx, end + 1, hi, split=False) if end < len(text) and text[end] == " " else []
        entity = names[0] if names and names[0][0] == end + 1 else None
        if entity is None:
            entity = appositive_name(ctx, start, lo) or match.span("media")
        ctx.add_label(start, end, "state_media", canonical, entity, "attributive", lo)
        return
    if not relation:
        return
    end = match.end("relation")
    if g.lex.relations.get(relation) != "state_affiliated":
        return
    noun, media, found = noun_after(ctx, end, hi)
    if not found or noun is None:
        return
    entity = noun if is_name(ctx, *ctx.tokens(*noun)[0]) else (appositive_name(ctx, start, lo) or noun)
    ctx.add_label(start, end, "state_media" if media else "state_affiliated", f"state-{relation}", entity,
                  "attributive", lo)


def labels_ru(ctx: Context, lo: int, hi: int) -> None:
    """Russian labels in ``[lo, hi)``: "пророссийские силы", "самопровозглашённая ДНР", "госкомпания «Газпром»"."""
    for match in ctx.g.self_label.finditer(ctx.text, lo, hi):
        label = ctx.g.lex.self_labels[int(match.lastgroup[1:])]
        if label.language == "ru":
            _label_ru(ctx, match.start(), match.end(), label.designation, label.canonical, lo, hi)


def _label_ru(ctx: Context, start: int, end: int, designation: str, canonical: str, lo: int, hi: int) -> None:
    """A Russian label before a name («Газпром», "Первый канал") or an actor or media noun."""
    text, g = ctx.text, ctx.g
    tokens = ctx.tokens(end, min(hi, end + 80))
    k = 0
    while k < len(tokens) and text[tokens[k][0]:tokens[k][1]] in "\"”’'ʺ»":
        k += 1
    if k >= len(tokens):
        return
    second = _coordinated_end(ctx, end, hi)
    if second is not None and text[tokens[k][0]:tokens[k][1]] in {",", "и", "или"}:
        tokens = ctx.tokens(second, min(hi, second + 80))
        k = 0
        if not tokens:
            return
    names = names_after(ctx, tokens[k][0], hi, split=False)
    entity = None
    media = False
    if names and names[0][0] in (tokens[k][0], tokens[k][0] + 1):   # a name, or a quoted one: «Газпром»
        entity = names[0]
        name = text[entity[0]:entity[1]]
        media = bool(g.ru_media.match(name) or g.outlet.match(name))
        noun = re.match(r"\s+(\w+)", text[entity[1]:entity[1] + 30])
        if noun and g.ru_media.match(noun.group(1)):   # "Первый канал"
            entity, media = (entity[0], entity[1] + noun.end()), True
    else:
        for j in range(k, min(len(tokens), k + 3)):
            word = text[tokens[j][0]:tokens[j][1]]
            if not word[0].isalnum():
                break
            if g.ru_media.match(word) or g.ru_actor.match(word):
                entity = tokens[j]
                media = bool(g.ru_media.match(word))
                named = names_after(ctx, tokens[j][1] + 1, hi, split=False) if j + 1 < len(tokens) else []
                if named and named[0][0] == tokens[j + 1][0] and (
                        len(ctx.tokens(*named[0])) >= 2 or text[named[0][0] - 1] in "«“\""):
                    entity = named[0]   # a full or quoted name after the noun, not a genitive: "силы Украины"
                break
    if entity is None:
        return
    if designation == "state_affiliated" and media:
        designation = "state_media"
    ctx.add_label(start, end, designation, canonical, entity, "attributive", lo)
