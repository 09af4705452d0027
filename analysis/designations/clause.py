"""Designations in a clause: a passive or predicate ("X was designated a terrorist organisation", "Russia is a
terrorist state", "Мемориал признан иноагентом"), an active designating verb ("Russia designates X a 'terrorist'
group", "Минюст внес в реестр иноагентов журналиста Юрия Дудя"), a list ("put X on a list of foreign agents"),
or a ban ("Russia banned Open Society from operating", "... and banned its activities")."""

from __future__ import annotations

import re

from analysis.designations.context import Context
from analysis.designations.cues import authority_in, in_quotes, irrealis, rejected_ban, statuses_in
from analysis.designations.entities import entity_before, is_name, names_after, valid_legal_entity
from analysis.designations.grammar import RU_INFINITIVE
from analysis.designations.lexicon import Status

# ---- English -----------------------------------------------------------------------------------------


def legal_en(ctx: Context, lo: int, hi: int) -> None:
    """English legal statuses in a clause in ``[lo, hi)``; each pattern runs only where its cue is present."""
    g, text, window = ctx.g, ctx.text, ctx.text[lo:hi].lower()
    for match in g.en_clause.finditer(text, lo, hi):
        _clause_en(ctx, match, lo)
    _headline_en(ctx, lo, hi)
    for match in g.en_active.finditer(text, lo, hi):
        _active_en(ctx, match, lo, hi)
    if any(verb in window for verb in ("put", "add", "includ", "placed", "entered")):
        for match in g.en_put.finditer(text, lo, hi):
            _put_en(ctx, match, lo)
    if "bann" in window or "outlaw" in window:
        for match in g.en_ban.finditer(text, lo, hi):
            _ban_en(ctx, match, lo)
    if "activit" in window:
        for match in g.en_activities.finditer(text, lo, hi):
            _activities_en(ctx, match, lo)


def _clause_en(ctx: Context, match: re.Match, lo: int) -> None:
    """"X was designated a terrorist organisation", "Russia is a terrorist state"."""
    text = ctx.text
    start, end = match.span("phrase")
    phrase = text[start:end]
    aux = re.sub(r"\s+", " ", match.group("aux").lower())
    if rejected_ban(ctx, end) or irrealis(ctx, match.start(), lo):
        return
    has_verb = bool(ctx.g.en_lead.match(text, start, end)) or bool(
        re.match(r"(?:banned|outlawed|prohibited|proscribed|blacklisted)\b", phrase, re.IGNORECASE))
    statuses = statuses_in(ctx, start, end, language="en")
    if not statuses:
        return
    if not has_verb and (aux in {"'s", "’s"} or not _predicate_ok(phrase, statuses)):
        return   # "Putin’s terrorists" is a possessive, not "Putin is terrorists"
    subject_end = match.start()
    previous_word = re.search(r"(\w+)\s*$", text[max(lo, subject_end - 20):subject_end])
    if previous_word and previous_word.group(1).lower() in {"which", "who", "that"}:
        rel_start = max(lo, subject_end - 20) + previous_word.start(1)
        if text[max(lo, rel_start - 3):rel_start].strip().endswith(","):
            return  # handled as an appositive
        entity = entity_before(ctx, rel_start, lo)
    else:
        entity = entity_before(ctx, subject_end, lo, subject=True)
    if not valid_legal_entity(ctx, entity):
        return
    by_agent = re.search(r"\bby\b", phrase, re.IGNORECASE)
    past = aux in {"was", "were", "had been", "had already been", "got"} or (
        aux.startswith(("has", "have")) and has_verb)
    voice = "reported" if (by_agent or past or in_quotes(ctx, start, end, lo)) else "own"
    ctx.add(start, end, statuses, entity, authority=authority_in(ctx, (start, end)), voice=voice, form="clause")


def _predicate_ok(phrase: str, statuses: list[Status]) -> bool:
    """Without a designating verb, a predicate must name a status ("a terrorist state", "extremists",
    "banned in Russia"), not merely describe ("is undesirable", "is prohibited")."""
    lower = phrase.lower()
    if re.search(r"\b(?:in|by)\s", lower) and any(s.designation == "banned" for s in statuses):
        return True
    if re.search(r"(?:terrorists|extremists|foreign agents)\b", lower):
        return True
    if re.match(r"(?:an?|the)\s+(?:\w+\s+)?[\"“‘']?"
                r"(?:terrorist|extremist|foreign agent|criminal|state sponsor|sponsor)", lower):
        return True
    return bool(re.search(r"(?:terrorist|extremist|undesirable|criminal)[\"”’']?\s+[\"“‘']?\w", lower)) and \
        not any(s.designation == "banned" for s in statuses if len(statuses) == 1)


def _headline_en(ctx: Context, lo: int, hi: int) -> None:
    """"US National Endowment for Democracy labeled 'undesirable' group" (a passive without its auxiliary)."""
    headline = ctx.g.en_headline.match(ctx.text[lo:hi])
    if not headline or irrealis(ctx, lo + headline.end("subject"), lo):
        return
    start, end = lo + headline.start("phrase"), lo + headline.end("phrase")
    subject = (lo + headline.start("subject"), lo + headline.end("subject"))
    statuses = statuses_in(ctx, start, end, language="en")
    if statuses and valid_legal_entity(ctx, subject) and not rejected_ban(ctx, end):
        ctx.add(start, end, statuses, subject, authority=authority_in(ctx, (start, end)), voice="reported",
                form="clause")


def _active_en(ctx: Context, match: re.Match, lo: int, hi: int) -> None:
    """"Russia designates X a 'terrorist' group", "Minsk has branded [X] as extremist",
    "adopted a resolution declaring X ..."."""
    text, g = ctx.text, ctx.g
    if irrealis(ctx, match.start(), lo):
        return
    position = match.end()
    gap = g.en_as.match(text, position, hi)
    if gap and text[position:position + 3].lower() == "as ":
        left = max(lo, match.start() - 45)
        relative = re.search(r"\b(?:that|which|whom)\s+[^,;:]{1,40}$", text[left:match.start() + 1])
        if relative:
            start, end = gap.span("phrase")
            antecedent = entity_before(ctx, left + relative.start(), lo)
            statuses = statuses_in(ctx, start, end, language="en")
            if statuses and valid_legal_entity(ctx, antecedent):
                agent = (left + relative.start(), match.start())
                ctx.add(start, end, statuses, antecedent, authority=authority_in(ctx, agent, (start, end)),
                        voice="reported", form="clause")
        return
    tokens = ctx.tokens(position, min(hi, position + 90))
    for k in range(1, min(len(tokens), 12) + 1):
        obj_end = tokens[k - 1][1]
        if text[tokens[k - 1][0]:obj_end] in {",", ".", ";", ":", "(", ")"}:
            return
        space = re.match(r"\s+", text[obj_end:obj_end + 3])
        phrase = g.en_as.match(text, obj_end + space.end(), hi) if space else None
        if not phrase:
            continue
        start, end = phrase.span("phrase")
        statuses = statuses_in(ctx, start, end, language="en")
        if not statuses or rejected_ban(ctx, end):
            continue
        obj_text = text[position:obj_end].lower()
        if re.match(r"(?:on|for|upon|to|with|about|of|in|by|at)\b", obj_text) or re.search(r"\bto\s+\w", obj_text):
            return
        coordinated = re.search(r"(?:\band|\bas\s+well\s+as|,)\s*$", text[max(lo, match.start() - 15):match.start()])
        agent = None if coordinated else entity_before(ctx, match.start(), lo)
        authority = _active_authority(ctx, agent, (start, end), (position, obj_end), lo, match.start())
        for obj in _split_objects(ctx, (position, obj_end)):
            if valid_legal_entity(ctx, obj):
                ctx.add(start, end, statuses, obj, authority=authority, voice="reported", form="clause")
        return


def _active_authority(ctx: Context, agent: tuple[int, int] | None, phrase: tuple[int, int], obj: tuple[int, int],
                      lo: int, verb: int) -> str | None:
    """Who designates in an active clause: the subject, else "in X" in the status phrase or the object, else the
    first authority named earlier in the clause."""
    found = authority_in(ctx, agent, phrase)
    if found:
        return found
    locative = re.search(r"\b(?:in|on the territory of)\s+(?:the\s+)?[^,;]{1,40}", ctx.text[obj[0]:obj[1]])
    if locative:
        found = authority_in(ctx, (obj[0] + locative.start(), obj[0] + locative.end()))
    return found or authority_in(ctx, (max(lo, verb - 120), verb))


def _put_en(ctx: Context, match: re.Match, lo: int) -> None:
    """"OtherRussia put popular singer Zemfira on a list of foreign agents"."""
    if irrealis(ctx, match.start(), lo):
        return
    obj = _object(ctx, match.span("obj"))
    start, end = match.span("phrase")
    if obj and valid_legal_entity(ctx, obj):
        agent = entity_before(ctx, match.start(), lo)
        ctx.add(start, end, statuses_in(ctx, start, end, language="en"), obj,
                authority=authority_in(ctx, agent, (start, end)), voice="reported", form="clause")


def _ban_en(ctx: Context, match: re.Match, lo: int) -> None:
    """"Russia banned Open Society from operating", "got the OSF banned in Hungary"."""
    if irrealis(ctx, match.start(), lo):
        return
    verb, tail = match.group("verb").lower(), match.group("tail").lower()
    if (verb == "got") != tail.startswith("banned") or tail == "banned":
        return
    label = match.span("verb") if verb != "got" else match.span("tail")
    agent = entity_before(ctx, match.start(), lo)
    authority = authority_in(ctx, agent, match.span("tail")) or authority_in(ctx, (max(lo, match.start() - 120),
                                                                                  match.start()))
    for obj in _split_objects(ctx, match.span("obj")):
        if not valid_legal_entity(ctx, obj):
            continue
        ctx.add(*label, statuses_in(ctx, *label, language="en"), obj, authority=authority, voice="reported",
                form="clause")
        if match.group("as"):
            start, end = match.span("as")
            ctx.add(start, end, statuses_in(ctx, start, end, language="en"), obj, authority=authority,
                    voice="reported", form="clause")


def _activities_en(ctx: Context, match: re.Match, lo: int) -> None:
    """"... recognized Azov as a terrorist organization and banned its activities": "its" is the entity before."""
    if irrealis(ctx, match.start(), lo):
        return
    previous = [f for f in ctx.found if f.end <= match.start() and f.start >= lo]
    entity = previous[-1].entity if previous else match.span("obj")
    authority = previous[-1].authority if previous else None
    statuses = statuses_in(ctx, *match.span("verb"), language="en")
    ctx.add(match.start(), match.end(), statuses, entity, authority=authority, voice="reported", form="clause")


def _object(ctx: Context, span: tuple[int, int]) -> tuple[int, int] | None:
    """The object of a designating verb without its article and trailing space."""
    start, end = span
    chunk = ctx.text[start:end]
    lead = re.match(r"(?:the|a|an)\s+", chunk, re.IGNORECASE)
    if lead:
        start += lead.end()
    while end > start and ctx.text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _split_objects(ctx: Context, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The objects of a designating verb: "X and the Y" are two when both are names."""
    obj = _object(ctx, span)
    if not obj:
        return []
    chunk = ctx.text[obj[0]:obj[1]]
    parts = re.split(r"\s+and\s+", chunk)
    if len(parts) != 2:
        return [obj]
    second_start = obj[0] + chunk.rindex(parts[1])
    spans = [_object(ctx, (obj[0], obj[0] + len(parts[0]))), _object(ctx, (second_start, obj[1]))]
    if all(s and any(is_name(ctx, *t) for t in ctx.tokens(*s)) and ctx.text[s[0]:s[1]].split()[-1][:1].isupper()
           for s in spans):
        return [s for s in spans if s]
    return [obj]


# ---- Russian -----------------------------------------------------------------------------------------


def legal_ru(ctx: Context, lo: int, hi: int) -> None:
    """Russian legal statuses in a clause: a short participle ("Мемориал признан иноагентом"), an active verb
    ("Минюст внес ... в реестр"), and a predicate ("X — это террористическая организация")."""
    text, g = ctx.text, ctx.g
    for match in g.ru_short.finditer(text, lo, hi):
        start, end = match.span("phrase")
        before = text[max(lo, match.start() - 3):match.start()]
        if re.search(r"[,(—–]\s*$", before) or irrealis(ctx, match.start(), lo) or RU_INFINITIVE.match(text, end):
            continue
        statuses = statuses_in(ctx, start, end, language="ru")
        entity = entity_before(ctx, match.start(), lo)
        if statuses and valid_legal_entity(ctx, entity):
            voice = "reported" if match.group("aux") and "был" in match.group("aux") else "own"
            ctx.add(start, end, statuses, entity, authority=authority_in(ctx, (start, end)), voice=voice,
                    form="clause")
    for match in g.ru_active.finditer(text, lo, hi):
        _active_ru(ctx, match, lo, hi)
    for match in g.ru_pred.finditer(text, lo, hi):
        start, end = match.span("phrase")
        statuses = statuses_in(ctx, start, end, language="ru")
        entity = entity_before(ctx, match.start(), lo)
        if statuses and valid_legal_entity(ctx, entity) and not irrealis(ctx, match.start(), lo):
            voice = "reported" if in_quotes(ctx, start, end, lo) else "own"
            ctx.add(start, end, statuses, entity, authority=authority_in(ctx, (start, end)), voice=voice,
                    form="clause", reading="predicate")


def _active_ru(ctx: Context, match: re.Match, lo: int, hi: int) -> None:
    """"Минюст признал иноагентом политолога Екатерину Шульман", "их признали экстремистами"."""
    text, g = ctx.text, ctx.g
    if irrealis(ctx, match.start(), lo):
        return
    after = match.end()
    opened = g.ru_as_open.match(text, after, hi)
    objects = _objects_after(ctx, opened.end("phrase"), hi) if opened else []
    direct = opened if objects else g.ru_as.match(text, after, hi)
    if direct:
        start, end = direct.span("phrase")
        statuses = statuses_in(ctx, start, end, language="ru")
        if statuses and objects:   # "Минюст внес в реестр иноагентов журналиста Юрия Дудя"
            agent = entity_before(ctx, match.start(), lo)
            for obj in objects:
                ctx.add(start, end, statuses, obj, authority=authority_in(ctx, agent, (start, end)),
                        voice="reported", form="clause")
            return
        entity = entity_before(ctx, match.start(), lo)   # "их признали экстремистами"
        if statuses and valid_legal_entity(ctx, entity):
            ctx.add(start, end, statuses, entity, authority=authority_in(ctx, (start, end)), voice="reported",
                    form="clause")
        return
    tokens = ctx.tokens(after, min(hi, after + 90))
    for k in range(1, min(len(tokens), 8) + 1):
        obj_end = tokens[k - 1][1]
        if text[tokens[k - 1][0]:obj_end] in ",.;:()":
            return
        space = re.match(r"\s+", text[obj_end:obj_end + 3])
        phrase = g.ru_as.match(text, obj_end + space.end(), hi) if space else None
        if not phrase:
            continue
        start, end = phrase.span("phrase")
        statuses = statuses_in(ctx, start, end, language="ru")
        obj = _object(ctx, (after, obj_end))
        if statuses and obj and valid_legal_entity(ctx, obj):
            agent = entity_before(ctx, match.start(), lo)
            ctx.add(start, end, statuses, obj, authority=authority_in(ctx, agent, (start, end)), voice="reported",
                    form="clause")
        return


def _objects_after(ctx: Context, end: int, hi: int) -> list[tuple[int, int]]:
    """The names a Russian designating verb puts after its status ("признал иноагентом политолога Екатерину
    Шульман", "... журналиста Юрия Дудя и певицу Земфиру", "... деятельность организации Freedom House"): each
    name may follow up to four lower-case words (roles, "деятельность"); names are joined by "и" or commas."""
    text, out, position = ctx.text, [], end
    while True:
        tokens = ctx.tokens(position, min(hi, position + 160))
        k = 0
        while k < len(tokens) and k < 4 and text[tokens[k][0]].isalpha() and text[tokens[k][0]].islower() \
                and text[tokens[k][0]:tokens[k][1]] not in {"и", "в", "во", "на", "что", "за"}:
            k += 1
        if k >= len(tokens):
            return out
        names = names_after(ctx, tokens[k][0], hi, split=False)
        if not names or names[0][0] != tokens[k][0]:
            return out
        out.append(names[0])
        rest = ctx.tokens(names[0][1], min(hi, names[0][1] + 4))
        if not rest or text[rest[0][0]:rest[0][1]] not in {"и", ","}:
            return out
        position = rest[0][1]
