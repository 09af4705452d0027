"""Appositive designations, set off by a comma or dash after their entity: "Hizb ut-Tahrir, which is outlawed in
Russia,", "the PKK, a terrorist group recognised by the EU,", "«Мемориал», который признан иноагентом", and the
label "Vladimir Saldo, installed by the occupiers"."""

from __future__ import annotations

import re

from analysis.designations.context import Context
from analysis.designations.cues import authority_in, irrealis, rejected_ban, statuses_in
from analysis.designations.entities import entity_before, is_name, valid_legal_entity
from analysis.designations.grammar import RU_INFINITIVE


def legal_en(ctx: Context, lo: int, hi: int) -> None:
    """English legal statuses in an appositive, in ``[lo, hi)``."""
    window = ctx.text[lo:hi].lower()
    if "," in window or "–" in window or "—" in window or " - " in window:
        for match in ctx.g.en_appos.finditer(ctx.text, lo, hi):
            _appositive_en(ctx, match, lo)


def _appositive_en(ctx: Context, match: re.Match, lo: int) -> None:
    start, end = match.span("phrase")
    if rejected_ban(ctx, end) or irrealis(ctx, match.start(), lo):
        return
    if not (match.group("aux") or match.group("agent")) and not _appositive_phrase_ok(ctx, start, end):
        return
    entity = entity_before(ctx, match.start(), lo)
    if not valid_legal_entity(ctx, entity):
        return
    aux = (match.group("aux") or "").lower()
    by_agent = re.search(r"\bby\b", ctx.text[start:end], re.IGNORECASE)
    past = aux.startswith(("was", "were", "had")) or (aux.startswith("has") and not _status_only(ctx, start, end))
    voice = "reported" if (match.group("agent") or by_agent or past) else "own"
    authority = authority_in(ctx, (start, end), match.span("agent") if match.group("agent") else None)
    ctx.add(start, end, statuses_in(ctx, start, end, language="en"), entity, authority=authority, voice=voice,
            form="appositive")


def _status_only(ctx: Context, start: int, end: int) -> bool:
    """Whether the phrase names a status without a designating verb ("has been a terrorist group")."""
    return not ctx.g.en_lead.match(ctx.text, start, end)


def _appositive_phrase_ok(ctx: Context, start: int, end: int) -> bool:
    """An appositive without "which is": a participle ("banned in Russia") or a status noun phrase."""
    phrase = ctx.text[start:end]
    if ctx.g.en_lead.match(ctx.text, start, end):
        return True
    if re.match(r"(?:an?|the)\s", phrase, re.IGNORECASE) and ctx.g.en_noun.search(phrase):
        return True
    return bool(re.match(r"(?:banned|outlawed|prohibited|proscribed)\s+(?:in|by)\s", phrase, re.IGNORECASE))


def legal_ru(ctx: Context, lo: int, hi: int) -> None:
    """Russian legal statuses in an appositive: ", признанная экстремистской", ", которая была внесена в реестр"."""
    text = ctx.text
    for match in ctx.g.ru_appos.finditer(text, lo, hi):
        start, end = match.span("phrase")
        if irrealis(ctx, start, lo) or RU_INFINITIVE.match(text, end):
            continue
        if not re.match(r"(?:признан|внес|включ|объявлен|занес|запрещ)", text[start:end], re.IGNORECASE) \
                and not match.group("aux"):
            continue
        entity = entity_before(ctx, match.start(), lo)
        if valid_legal_entity(ctx, entity):
            voice = "reported" if re.search(r"был", match.group("aux") or "") else "own"
            ctx.add(start, end, statuses_in(ctx, start, end, language="ru"), entity,
                    authority=authority_in(ctx, (start, end)), voice=voice, form="appositive")


def labels_en(ctx: Context, lo: int, hi: int) -> None:
    """"Vladimir Saldo, installed by the occupiers": an appointment by an occupier after a name."""
    if " by " not in ctx.text[lo:hi].lower():
        return
    for match in ctx.g.appointed_by.finditer(ctx.text, lo, hi):
        start, end = match.span("phrase")
        entity = entity_before(ctx, match.start(), lo)
        if entity and any(is_name(ctx, *t) for t in ctx.tokens(*entity)):
            ctx.add_label(start, end, "installed", "installed by an occupier", entity, "appositive", lo)
