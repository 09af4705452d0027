"""What does a label attach to? The name or noun phrase before a status phrase, the names after a label, the noun a
pre-nominal label modifies, coordinations of names, and whether a span can carry a legal status at all."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.designations.grammar import (
    CLOSING,
    CONNECTORS,
    DETERMINERS,
    FUNCTION_CAPS,
    LAW_WORDS,
    NAME_START,
    OPENING,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    STOP,
    TITLES,
)

if TYPE_CHECKING:
    from analysis.designations.context import Context


def is_name(ctx: Context, start: int, end: int) -> bool:
    """Whether the token ``[start, end)`` can be part of a name: capitalised (or «quoted»), not a function word."""
    word = ctx.text[start:end]
    if word[0] in "«“":
        return True
    lower = word.lower()
    if any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word[:2]) or re.match(r"No\.?\d", word):
        return False   # "20", "No.1"
    return bool(NAME_START.match(word)) and lower not in DETERMINERS | PRONOUNS | FUNCTION_CAPS | STOP


def entity_before(ctx: Context, end: int, lo: int, *, subject: bool = False) -> tuple[int, int] | None:
    """The noun phrase that ends at ``end``: a name where there is one, else a pronoun or a short noun phrase.
    For the ``subject`` of a clause, a name after a preposition is not the head ("fertilizer from Russia")."""
    text, g = ctx.text, ctx.g
    tokens = ctx.tokens(max(lo, end - 160), end)
    popped_comma = False
    while tokens and (text[tokens[-1][0]:tokens[-1][1]] in {",", ":", ";", "—", "–", "-", "“", "«", "‘", "„", "("}):
        popped_comma |= text[tokens[-1][0]:tokens[-1][1]] == ","
        tokens.pop()
    if not tokens:
        return None
    last = text[tokens[-1][0]:tokens[-1][1]]
    if last[0] in "«“" and len(last) > 2:
        return inner(ctx, tokens[-1])
    if last in {'"', "”", "»", "'", "’", "ʺ"} and len(tokens) > 1:
        opening = next((i for i in range(len(tokens) - 2, max(-1, len(tokens) - 14), -1)
                        if text[tokens[i][0]:tokens[i][1]] in {'"', "“", "«", "'", "‘", "ʺ", "„"}), None)
        if opening is not None and opening < len(tokens) - 2:
            return tokens[opening + 1][0], tokens[-2][1]
        tokens.pop()
        if not tokens:
            return None
    i = len(tokens) - 1
    run_end = tokens[i][1]
    if text[tokens[i][0]:tokens[i][1]] == ")":
        opening = next((j for j in range(i - 1, max(-1, i - 8), -1)
                        if text[tokens[j][0]:tokens[j][1]] == "("), None)
        if opening is None or opening == 0:
            return None
        i = opening - 1
    j, first = i, None
    while j >= 0:
        start, stop = tokens[j]
        if is_name(ctx, start, stop):
            first = j
        elif text[start:stop].lower() not in CONNECTORS or first is None:
            break
        j -= 1
    if first is not None:
        # "Fighters of the Islamic State" at a sentence start: a capitalised plural class noun is not part of the
        # name ("Council of Europe" and "Party of Regions" are names)
        while first + 2 <= i and g.actor.match(text[tokens[first][0]:tokens[first][1]]) and \
                re.search(r"[^s]s$", text[tokens[first][0]:tokens[first][1]]) and \
                text[tokens[first + 1][0]:tokens[first + 1][1]] == "of":
            first += 2
            if text[tokens[first][0]:tokens[first][1]].lower() == "the" and first < i:
                first += 1
        before = text[tokens[first - 1][0]:tokens[first - 1][1]].lower() if first > 0 else ""
        # "fertilizer from Russia", "the glorification of Nazism", "organizations belonging to Soros"
        if subject and before in PREPOSITIONS:
            k = first - 1
            while k > 0 and text[tokens[k - 1][0]:tokens[k - 1][1]].lower() not in STOP - PREPOSITIONS and \
                    text[tokens[k - 1][0]][0].isalnum() and first - k < 6:
                k -= 1
            nouns = [t for t in tokens[k:first - 1] if g.actor.match(text[t[0]:t[1]].rstrip("’'"))]
            return (tokens[k][0], run_end) if nouns else None
        return tokens[first][0], run_end
    word = text[tokens[i][0]:tokens[i][1]]
    if word.lower() in PRONOUNS:
        return tokens[i]
    j, begin = i, None
    while j >= 0 and i - j < 6:
        token = text[tokens[j][0]:tokens[j][1]].lower()
        if token in OPENING | CLOSING and begin is not None:
            j -= 1   # the ‘MAGA’ followers
            continue
        if not token[0].isalnum() or (token in STOP and token != "of"):
            break
        begin = j
        if token in DETERMINERS or token in QUANTIFIERS:
            break
        j -= 1
    if begin is None:
        return None
    if i - begin >= 2 and is_name(ctx, *tokens[i - 2]) and g.en_status.fullmatch(
            text[tokens[i - 1][0]:tokens[i - 1][1]]) and g.en_noun.fullmatch(text[tokens[i][0]:tokens[i][1]]):
        run = [i - 2]
        while run[0] - 1 >= begin and is_name(ctx, *tokens[run[0] - 1]):
            run.insert(0, run[0] - 1)
        return tokens[run[0]][0], tokens[run[-1]][1]   # "The Islamic State terrorist group" -> Islamic State
    if begin > 0 and text[tokens[begin - 1][0]:tokens[begin - 1][1]] == "," and popped_comma and \
            text[tokens[begin][0]:tokens[begin][1]].lower() in {"a", "an", "the"}:
        named = entity_before(ctx, tokens[begin - 1][0], lo)   # "WikiLeaks, a publishing organization, has been"
        if named and is_name(ctx, *ctx.tokens(*named)[0]):
            return named
    return tokens[begin][0], tokens[i][1]


def names_after(ctx: Context, start: int, hi: int, *, split: bool) -> list[tuple[int, int]]:
    """Names that start at ``start`` (a list "X, Y and Z" when ``split``)."""
    text = ctx.text
    tokens = ctx.tokens(start, min(hi, start + 200))
    out: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    k = 0
    while k < len(tokens):
        s, e = tokens[k]
        word = text[s:e]
        if word in OPENING and k + 1 < len(tokens):
            closing = next((m for m in range(k + 1, min(len(tokens), k + 14))
                            if text[tokens[m][0]:tokens[m][1]] in CLOSING), None)
            if closing is None:
                break
            out.append((tokens[k + 1][0], tokens[closing - 1][1]))
            current = []
            k = closing + 1
            if k < len(tokens) and text[tokens[k][0]:tokens[k][1]].lower() in {"and", "и", ","} and split:
                k += 1
                continue
            break
        if word[0] in "«“":
            out.append(inner(ctx, (s, e)))
            k += 1
            if k < len(tokens) and text[tokens[k][0]:tokens[k][1]].lower() in {"and", "и", ","} and split:
                k += 1
                continue
            break
        if is_name(ctx, s, e):
            current.append((s, e))
        elif word.lower() in {"the"} and not current:
            pass
        elif split and current and word.lower() in {"and", "и", ","}:
            out.append((current[0][0], current[-1][1]))
            current = []
        elif word.lower() in CONNECTORS and current:
            m = k + 1
            while m < len(tokens) and text[tokens[m][0]:tokens[m][1]].lower() in CONNECTORS and m - k < 3:
                m += 1
            if m < len(tokens) and is_name(ctx, *tokens[m]):   # "Opposition Platform – For Life"
                current.extend(tokens[k:m])
                k = m
                continue
            break
        else:
            break
        k += 1
    if current:
        out.append((current[0][0], current[-1][1]))
    return [span for span in out if span[1] > span[0]]


def inner(ctx: Context, token: tuple[int, int]) -> tuple[int, int]:
    """The text inside a quoted token, without trailing punctuation: “Luhansk People’s Republic,” -> the name."""
    start, end = token[0] + 1, token[1] - 1
    while end > start and ctx.text[end - 1] in ",.;:!? ":
        end -= 1
    return start, end


def head_word(ctx: Context, span: tuple[int, int]) -> str:
    """The last word of ``span`` (its head in English), or "" when it has none."""
    words = re.findall(r"[\w’'-]+", ctx.text[span[0]:span[1]])
    return words[-1] if words else ""


def valid_legal_entity(ctx: Context, span: tuple[int, int] | None) -> bool:
    """Whether ``span`` can carry a legal status: a name (not a law or a title), a pronoun, or an actor noun
    phrase that is not a bare plural class ("banned groups")."""
    if span is None or span[1] <= span[0]:
        return False
    g = ctx.g
    text = ctx.text[span[0]:span[1]]
    head = head_word(ctx, span)
    words = text.split()
    if not head:
        return False
    tokens = ctx.tokens(*span)
    if len(tokens) == 1 and g.not_actor.match(head):
        return False   # "Ammunition is prohibited": a capital at the start of a sentence is not a name
    quoted = span[0] > 0 and ctx.text[span[0] - 1] in "«“\"‘'ʺ„" and \
        ctx.text[span[1]:span[1] + 1] in {"»", "”", '"', "’", "'", "ʺ"}   # «Мемориал», “Братья мусульмане”
    head_is_name = quoted or is_name(ctx, *tokens[-1]) or ctx.text[tokens[-1][0]] in "«“"
    if head_is_name or (head[:1].isupper() and any(is_name(ctx, *t) for t in tokens)):
        first = words[0].strip("\"“‘'«").lower()
        return not (first in LAW_WORDS or words[-1].lower() in {"act", "bill", "code"} or first in TITLES)
    if g.not_actor.match(head):
        return False
    if head.lower() in PRONOUNS:
        return True
    if not (g.actor.match(head) or g.ru_actor.match(head) or g.media.match(head)):
        return False
    plural = head.lower().endswith("s") and not head.lower().endswith("ss") and not g.media.match(head)
    first = words[0].lower().strip("\"“‘'")
    return not plural or first in DETERMINERS | QUANTIFIERS or "’s" in text or "'s" in text


def coordinated(ctx: Context, entity: tuple[int, int]) -> list[tuple[int, int]]:
    """The entities of a coordination of names, one each: "Maxim Galkin and Andrei Makarevich (foreign agents)"
    designates two people; "Open Society Foundations" or "Bosnia and Herzegovina" stay one (a part without a
    capitalised word of its own, or a single capitalised word after "and", is not split off)."""
    text = ctx.text
    chunk = text[entity[0]:entity[1]]
    pieces = re.split(r"\s*,\s*(?:and\s+|и\s+)?|\s+(?:and|и)\s+", chunk)
    if len(pieces) < 2:
        return [entity]
    spans, cursor = [], entity[0]
    for piece in pieces:
        start = text.index(piece, cursor, entity[1])
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)

    # every part a name of two or more words, or a quoted or all-capital name: "Юрия Дудя и певицу Земфиру"
    # is a part with a common noun first; split only runs of names
    def named(span: tuple[int, int]) -> bool:
        tokens = ctx.tokens(*span)
        return bool(tokens) and all(is_name(ctx, *t) for t in tokens) and (
            len(tokens) >= 2 or text[span[0]:span[1]].isupper())
    return spans if all(named(s) for s in spans) else [entity]


def noun_after(ctx: Context, end: int, hi: int) -> tuple[tuple[int, int] | None, bool, bool]:
    """(entity span, attaches to media, found) for a label ending at ``end``: a name right after the label,
    else the head noun of the following words ("separatist forces", "social media users")."""
    text, g = ctx.text, ctx.g
    tokens = ctx.tokens(end, min(hi, end + 120))
    k = 0
    while k < len(tokens) and text[tokens[k][0]:tokens[k][1]] in OPENING | CLOSING | {"]"}:
        k += 1
    names = names_after(ctx, tokens[k][0], hi, split=False) if k < len(tokens) else []
    if names and names[0][0] <= tokens[k][1]:
        name = names[0]
        tail = ctx.tokens(name[1], min(hi, name[1] + 40))
        noun = None
        if tail:
            word = text[tail[0][0]:tail[0][1]]
            if word[:1].islower():
                if g.not_actor.match(word):
                    return None, False, True
                if g.actor.match(word) or g.media.match(word):
                    noun = tail[0]
                elif len(tail) > 1 and word.isalpha():
                    second = text[tail[1][0]:tail[1][1]]
                    if g.not_actor.match(second):
                        return None, False, True
                    if g.actor.match(second) or g.media.match(second):
                        noun = tail[1]
        media = bool(g.outlet.match(text[name[0]:name[1]])) or bool(
            noun and g.media.match(text[noun[0]:noun[1]]))
        return (name[0], noun[1] if noun else name[1]), media, True
    head = None
    first = None
    for j in range(k, min(len(tokens), k + 5)):
        start, stop = tokens[j]
        word = text[start:stop]
        if not word[0].isalnum():
            break
        if word[-1] in "’'" and not word.endswith(("’s", "'s")):   # "‘mayor’": the closing quote is not the word
            stop -= 1
            word = word[:-1]
        lower = word.lower()
        if lower in STOP or lower in DETERMINERS:
            break
        if first is None:
            first = start
        if g.not_actor.match(word):
            following = text[tokens[j + 1][0]:tokens[j + 1][1]] if j + 1 < len(tokens) else ""
            if not (g.actor.match(following) or g.media.match(following)):
                return None, False, True
            if first is None:
                first = start
            continue
        if g.actor.match(word) or g.media.match(word) or g.ru_actor.match(word):
            head = (first, stop)
            continue
        if head is not None:
            break
        if word[:1].isupper() and j > k:
            break
    if head is None:
        return None, False, False
    after = re.match(r"[’”\"']?(?:\s+of\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})?,\s+",
                     text[head[1]:head[1] + 60])
    if after:
        named = names_after(ctx, head[1] + after.end(), hi, split=False)
        if named and named[0][0] == head[1] + after.end() and re.match(r"\s*(?:,|said|says|\.|$)",
                                                                     text[named[0][1]:named[0][1] + 8]):
            word = text[head[0]:head[1]].split()[-1]
            return named[0], bool(g.media.match(word)), True
    word = text[head[0]:head[1]].split()[-1]
    media = bool(g.media.match(word))
    following = names_after(ctx, head[1] + 1, hi, split=False) if head[1] + 1 < hi and text[head[1]] == " " else []
    if following and following[0][0] == head[1] + 1 and not g.not_actor.match(head_word(ctx, following[0])):
        return following[0], media or bool(g.outlet.match(text[following[0][0]:following[0][1]])), True
    return head, media, True


def appositive_name(ctx: Context, start: int, lo: int) -> tuple[int, int] | None:
    """"Vladimir Rogov, a Russian-installed official": the name before ", the/a" in front of the label."""
    before = ctx.text[max(lo, start - 120):start]
    match = re.search(r",\s+(?:the|a|an)\s+(?:(?!(?:of|in|for|on|at|to|by|from)\b)[\w’'-]+\s+){0,2}$", before,
                      re.IGNORECASE)
    if not match:
        return None
    comma = max(lo, start - 120) + match.start()
    entity = entity_before(ctx, comma, lo)
    if entity and is_name(ctx, *ctx.tokens(*entity)[-1]) and not ctx.g.not_actor.match(head_word(ctx, entity)):
        return entity
    return None
