"""Finding designations in a text: trigger windows, then the grammar inside each window."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from analysis import topic as topic_module
from analysis.designations.grammar import (  # noqa: F401
    BAN_ON_DOING,
    CLOSE_QUOTES,
    CLOSING,
    CONNECTORS,
    DETERMINERS,
    FUNCTION_CAPS,
    LAW_WORDS,
    LEFT_IRREALIS,
    NAME_START,
    OPEN_QUOTES,
    OPENING,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    RU_INFINITIVE,
    STOP,
    SYMMETRIC_QUOTES,
    TITLES,
    TOKEN,
    Grammar,
    grammar,
)
from analysis.designations.lexicon import Status, for_topic
from analysis.text import Document, Sentences
from analysis.topic import Topic

FAMILY = "designation"
FORMS = ("parenthetical", "appositive", "clause", "attributive", "footnote")
VOICES = ("own", "reported")
JSON_FIELDS = ("start", "end", "kind", "category", "term", "entity", "entity_start", "entity_end", "designation",
               "authority", "voice", "form")

#: Longest stretch of text parsed around one trigger (texts whose full stops were stripped).
WINDOW = 320


@dataclass(frozen=True)
class Window:
    """A stretch of text around triggers: the sentence, or at most :data:`WINDOW` characters either side."""

    start: int
    end: int
    legal: bool
    labels: bool


@cache
def _trigger_automaton(topic: Topic):
    """One Aho-Corasick automaton over every trigger of a pack: a single pass finds them all."""
    lex = for_topic(topic)
    terms = {term: group for group, words in lex.triggers.items() for term in words}
    for patron in {name.lower() for p in lex.patrons for name in p.names} | {"state"}:
        for relation in lex.relations:
            terms.setdefault(f"{patron}-{relation}", "labels")
            terms.setdefault(f"{patron} {relation}", "labels")
        terms.setdefault(f"pro-{patron}", "labels")
        terms.setdefault(f"pro {patron}", "labels")
    automaton = ahocorasick.Automaton()
    for term, group in terms.items():
        automaton.add_word(term, (len(term), group))
    automaton.make_automaton()
    return automaton


def _windows(text: str, sentences: Sentences, topic: Topic) -> list[Window]:
    """The stretches of ``text`` worth parsing: around each trigger, within its sentence and line."""
    hits = sorted((end - length + 1, group) for end, (length, group) in _trigger_automaton(topic).iter(text.lower()))
    if not hits:
        return []
    starts = [s for s, _ in sentences.spans]
    raw: list[list] = []
    for position, group in hits:
        i = bisect.bisect_right(starts, position) - 1
        if i >= 0 and sentences.spans[i][0] <= position < sentences.spans[i][1]:
            lo, hi = sentences.spans[i]
        else:
            lo, hi = position, position + 1
        lo, hi = max(lo, position - WINDOW), min(hi, position + WINDOW)
        line_start = text.rfind("\n", lo, position) + 1
        line_end = text.find("\n", position, hi)
        lo, hi = max(lo, line_start), (hi if line_end < 0 else line_end)
        if raw and lo <= raw[-1][1] and hi - raw[-1][0] <= 4 * WINDOW:
            raw[-1][1] = max(raw[-1][1], hi)
            raw[-1][2 if group == "legal" else 3] = True
            continue
        if raw and lo < raw[-1][1]:
            lo = max(lo, raw[-1][1] - WINDOW // 2)   # a long run of triggers: overlap a little, not a whole window
        raw.append([lo, hi, group == "legal", group == "labels"])
    return [Window(*w) for w in raw]


@dataclass
class Found:
    """One designation before it becomes a mention row."""

    start: int
    end: int
    designation: str
    canonical: str
    entity: tuple[int, int]
    authority: str | None
    voice: str
    form: str
    priority: int = 0
    order: int = 0


class _Finder:
    """All designations of one text; each ``_find_*`` method handles one form."""

    def __init__(self, text: str, grammar: Grammar) -> None:
        self.text = text
        self.g = grammar
        self.found: list[Found] = []

    # ---- entities -------------------------------------------------------------------------------
    def tokens(self, lo: int, hi: int) -> list[tuple[int, int]]:
        return [(lo + m.start(), lo + m.end()) for m in TOKEN.finditer(self.text[lo:hi])]

    def is_name(self, start: int, end: int) -> bool:
        word = self.text[start:end]
        if word[0] in "«“":
            return True
        lower = word.lower()
        if any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word[:2]) or re.match(r"No\.?\d", word):
            return False   # "20", "No.1"
        return bool(NAME_START.match(word)) and lower not in DETERMINERS | PRONOUNS | FUNCTION_CAPS | STOP

    def entity_before(self, end: int, lo: int, *, subject: bool = False) -> tuple[int, int] | None:
        """The noun phrase that ends at ``end``: a name where there is one, else a pronoun or a short noun phrase.
        For the ``subject`` of a clause, a name after a preposition is not the head ("fertilizer from Russia")."""
        text = self.text
        tokens = self.tokens(max(lo, end - 160), end)
        popped_comma = False
        while tokens and (text[tokens[-1][0]:tokens[-1][1]] in {",", ":", ";", "—", "–", "-", "“", "«", "‘", "„", "("}):
            popped_comma |= text[tokens[-1][0]:tokens[-1][1]] == ","
            tokens.pop()
        if not tokens:
            return None
        last = text[tokens[-1][0]:tokens[-1][1]]
        if last[0] in "«“" and len(last) > 2:
            return self._inner(tokens[-1])
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
            if self.is_name(start, stop):
                first = j
            elif text[start:stop].lower() not in CONNECTORS or first is None:
                break
            j -= 1
        if first is not None:
            # "Fighters of the Islamic State" at a sentence start: a capitalised plural class noun is not part of the
            # name ("Council of Europe" and "Party of Regions" are names)
            while first + 2 <= i and self.g.actor.match(text[tokens[first][0]:tokens[first][1]]) and \
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
                nouns = [t for t in tokens[k:first - 1] if self.g.actor.match(text[t[0]:t[1]].rstrip("’'"))]
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
        if i - begin >= 2 and self.is_name(*tokens[i - 2]) and self.g.en_status.fullmatch(
                text[tokens[i - 1][0]:tokens[i - 1][1]]) and self.g.en_noun.fullmatch(text[tokens[i][0]:tokens[i][1]]):
            run = [i - 2]
            while run[0] - 1 >= begin and self.is_name(*tokens[run[0] - 1]):
                run.insert(0, run[0] - 1)
            return tokens[run[0]][0], tokens[run[-1]][1]   # "The Islamic State terrorist group" -> Islamic State
        if begin > 0 and text[tokens[begin - 1][0]:tokens[begin - 1][1]] == "," and popped_comma and \
                text[tokens[begin][0]:tokens[begin][1]].lower() in {"a", "an", "the"}:
            named = self.entity_before(tokens[begin - 1][0], lo)   # "WikiLeaks, a publishing organization, has been"
            if named and self.is_name(*self.tokens(*named)[0]):
                return named
        return tokens[begin][0], tokens[i][1]

    def names_after(self, start: int, hi: int, *, split: bool) -> list[tuple[int, int]]:
        """Names that start at ``start`` (a list "X, Y and Z" when ``split``)."""
        tokens = self.tokens(start, min(hi, start + 200))
        out: list[tuple[int, int]] = []
        current: list[tuple[int, int]] = []
        k = 0
        while k < len(tokens):
            s, e = tokens[k]
            word = self.text[s:e]
            if word in OPENING and k + 1 < len(tokens):
                closing = next((m for m in range(k + 1, min(len(tokens), k + 14))
                                if self.text[tokens[m][0]:tokens[m][1]] in CLOSING), None)
                if closing is None:
                    break
                out.append((tokens[k + 1][0], tokens[closing - 1][1]))
                current = []
                k = closing + 1
                if k < len(tokens) and self.text[tokens[k][0]:tokens[k][1]].lower() in {"and", "и", ","} and split:
                    k += 1
                    continue
                break
            if word[0] in "«“":
                out.append(self._inner((s, e)))
                k += 1
                if k < len(tokens) and self.text[tokens[k][0]:tokens[k][1]].lower() in {"and", "и", ","} and split:
                    k += 1
                    continue
                break
            if self.is_name(s, e):
                current.append((s, e))
            elif word.lower() in {"the"} and not current:
                pass
            elif split and current and word.lower() in {"and", "и", ","}:
                out.append((current[0][0], current[-1][1]))
                current = []
            elif word.lower() in CONNECTORS and current:
                m = k + 1
                while m < len(tokens) and self.text[tokens[m][0]:tokens[m][1]].lower() in CONNECTORS and m - k < 3:
                    m += 1
                if m < len(tokens) and self.is_name(*tokens[m]):   # "Opposition Platform – For Life"
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

    def _inner(self, token: tuple[int, int]) -> tuple[int, int]:
        """The text inside a quoted token, without trailing punctuation: “Luhansk People’s Republic,” -> the name."""
        start, end = token[0] + 1, token[1] - 1
        while end > start and self.text[end - 1] in ",.;:!? ":
            end -= 1
        return start, end

    def head(self, span: tuple[int, int]) -> str:
        words = re.findall(r"[\w’'-]+", self.text[span[0]:span[1]])
        return words[-1] if words else ""

    def valid_legal_entity(self, span: tuple[int, int] | None) -> bool:
        if span is None or span[1] <= span[0]:
            return False
        text = self.text[span[0]:span[1]]
        head = self.head(span)
        words = text.split()
        if not head:
            return False
        tokens = self.tokens(*span)
        if len(tokens) == 1 and self.g.not_actor.match(head):
            return False   # "Ammunition is prohibited": a capital at the start of a sentence is not a name
        quoted = span[0] > 0 and self.text[span[0] - 1] in "«“\"‘'ʺ„" and \
            self.text[span[1]:span[1] + 1] in {"»", "”", '"', "’", "'", "ʺ"}   # «Мемориал», “Братья мусульмане”
        head_is_name = quoted or self.is_name(*tokens[-1]) or self.text[tokens[-1][0]] in "«“"
        if head_is_name or (head[:1].isupper() and any(self.is_name(*t) for t in tokens)):
            first = words[0].strip("\"“‘'«").lower()
            return not (first in LAW_WORDS or words[-1].lower() in {"act", "bill", "code"} or first in TITLES)
        if self.g.not_actor.match(head):
            return False
        if head.lower() in PRONOUNS:
            return True
        if not (self.g.actor.match(head) or self.g.ru_actor.match(head) or self.g.media.match(head)):
            return False
        plural = head.lower().endswith("s") and not head.lower().endswith("ss") and not self.g.media.match(head)
        first = words[0].lower().strip("\"“‘'")
        return not plural or first in DETERMINERS | QUANTIFIERS or "’s" in text or "'s" in text

    # ---- context ---------------------------------------------------------------------------------
    def quoted(self, start: int, end: int, lo: int) -> bool:
        """Whether ``[start, end)`` stands inside quotation marks of its paragraph (scare quotes or speech)."""
        text = self.text
        before, after = text[start - 1:start] if start else "", text[end:end + 1]
        opens, closes = OPEN_QUOTES + SYMMETRIC_QUOTES, CLOSE_QUOTES + SYMMETRIC_QUOTES
        if before and before in opens and after and after in closes:
            return True
        paragraph = text[max(lo, text.rfind("\n", lo, start) + 1):start]
        opened = sum(paragraph.count(q) for q in "“«„") - sum(paragraph.count(q) for q in "”»")
        if opened > 0:
            return True
        return (paragraph.count('"') + paragraph.count("ʺ")) % 2 == 1

    def irrealis(self, position: int, lo: int) -> bool:
        left = self.text[max(lo, position - 70):position]
        cut = max(left.rfind(","), left.rfind(";"), left.rfind(":"), left.rfind("—"))
        clause = left[cut + 1:] if cut >= 0 else left
        return bool(LEFT_IRREALIS.search(clause))

    def authority(self, *spans: tuple[int, int] | None) -> str | None:
        for span in spans:
            if not span:
                continue
            chunk = self.text[span[0]:span[1]]
            best = None
            for authority in self.g.lex.authorities:
                match = authority.pattern.search(chunk)
                if match and (best is None or match.start() < best[0]):
                    best = (match.start(), authority.name)
            if best:
                return best[1]
        return None

    def statuses(self, start: int, end: int, *, language: str) -> list[Status]:
        chunk = self.text[start:end]
        hits = []
        for status in self.g.lex.statuses:
            if status.language != language:
                continue
            for match in status.pattern.finditer(chunk):
                hits.append((match.start(), status))
        seen, out = set(), []
        for _, status in sorted(hits, key=lambda h: h[0]):
            if status.designation not in seen:
                seen.add(status.designation)
                out.append(status)
        return out

    def add(self, start: int, end: int, statuses: list[Status], entity: tuple[int, int], *, authority: str | None,
            voice: str, form: str, priority: int) -> None:
        if self.head(entity).lower() in PERSON_NOUNS:
            statuses = [s for s in statuses if s.designation != "undesirable"]   # persona non grata, not a status
        for part in self.coordinated(entity):
            for order, status in enumerate(statuses):
                self.found.append(Found(start, end, status.designation, status.canonical, part, authority, voice,
                                        form, priority, order))

    def coordinated(self, entity: tuple[int, int]) -> list[tuple[int, int]]:
        """The entities of a coordination of names, one each: "Maxim Galkin and Andrei Makarevich (foreign agents)"
        designates two people; "Open Society Foundations" or "Bosnia and Herzegovina" stay one (a part without a
        capitalised word of its own, or a single capitalised word after "and", is not split off)."""
        chunk = self.text[entity[0]:entity[1]]
        pieces = re.split(r"\s*,\s*(?:and\s+|и\s+)?|\s+(?:and|и)\s+", chunk)
        if len(pieces) < 2:
            return [entity]
        spans, cursor = [], entity[0]
        for piece in pieces:
            start = self.text.index(piece, cursor, entity[1])
            spans.append((start, start + len(piece)))
            cursor = start + len(piece)
        # every part a name of two or more words, or a quoted or all-capital name: "Юрия Дудя и певицу Земфиру"
        # is a part with a common noun first; split only runs of names
        def named(span: tuple[int, int]) -> bool:
            tokens = self.tokens(*span)
            return bool(tokens) and all(self.is_name(*t) for t in tokens) and (
                len(tokens) >= 2 or self.text[span[0]:span[1]].isupper())
        return spans if all(named(s) for s in spans) else [entity]

    # ---- legal statuses, English -------------------------------------------------------------------
    def legal_en(self, lo: int, hi: int) -> None:
        """Every English legal status in ``[lo, hi)``; each form's pattern runs only where its cue is present."""
        g, window = self.g, self.text[lo:hi].lower()
        if "(" in window:
            for match in g.en_paren.finditer(self.text, lo, hi):
                self._parenthetical_en(match, lo)
        if "," in window or "–" in window or "—" in window or " - " in window:
            for match in g.en_appos.finditer(self.text, lo, hi):
                self._appositive_en(match, lo)
        for match in g.en_clause.finditer(self.text, lo, hi):
            self._clause_en(match, lo)
        self._headline_en(lo, hi)
        for match in g.en_active.finditer(self.text, lo, hi):
            self._active_en(match, lo, hi)
        if any(verb in window for verb in ("put", "add", "includ", "placed", "entered")):
            for match in g.en_put.finditer(self.text, lo, hi):
                self._put_en(match, lo)
        if "bann" in window or "outlaw" in window:
            for match in g.en_ban.finditer(self.text, lo, hi):
                self._ban_en(match, lo)
        if "activit" in window:
            for match in g.en_activities.finditer(self.text, lo, hi):
                self._activities_en(match, lo)
        for match in g.en_attr.finditer(self.text, lo, hi):
            self._attributive_legal(match, lo, hi, language="en")

    def _parenthetical_en(self, match: re.Match, lo: int) -> None:
        """"Alexey Goncharenko (designated as terrorist and extremist in Russia)"."""
        start, end = match.span("phrase")
        entity = self.entity_before(match.start(), lo)
        if not self.valid_legal_entity(entity):
            return
        by_agent = re.search(r"\bby\b", self.text[start:end], re.IGNORECASE)
        voice = "reported" if by_agent or match.group("paux") in ("was", "were", "had been") else "own"
        self.add(start, end, self.statuses(start, end, language="en"), entity, authority=self.authority((start, end)),
                 voice=voice, form="parenthetical", priority=1)

    def _appositive_en(self, match: re.Match, lo: int) -> None:
        """"Hizb ut-Tahrir, which is outlawed in Russia,", "the PKK, a terrorist group recognised by the EU,"."""
        start, end = match.span("phrase")
        if self._rejected_ban(end) or self.irrealis(match.start(), lo):
            return
        if not (match.group("aux") or match.group("agent")) and not self._appositive_phrase_ok(start, end):
            return
        entity = self.entity_before(match.start(), lo)
        if not self.valid_legal_entity(entity):
            return
        aux = (match.group("aux") or "").lower()
        by_agent = re.search(r"\bby\b", self.text[start:end], re.IGNORECASE)
        past = aux.startswith(("was", "were", "had")) or (aux.startswith("has") and not self._status_only(start, end))
        voice = "reported" if (match.group("agent") or by_agent or past) else "own"
        authority = self.authority((start, end), match.span("agent") if match.group("agent") else None)
        self.add(start, end, self.statuses(start, end, language="en"), entity, authority=authority, voice=voice,
                 form="appositive", priority=2)

    def _headline_en(self, lo: int, hi: int) -> None:
        """"US National Endowment for Democracy labeled 'undesirable' group" (a passive without its auxiliary)."""
        headline = self.g.en_headline.match(self.text[lo:hi])
        if not headline or self.irrealis(lo + headline.end("subject"), lo):
            return
        start, end = lo + headline.start("phrase"), lo + headline.end("phrase")
        subject = (lo + headline.start("subject"), lo + headline.end("subject"))
        statuses = self.statuses(start, end, language="en")
        if statuses and self.valid_legal_entity(subject) and not self._rejected_ban(end):
            self.add(start, end, statuses, subject, authority=self.authority((start, end)), voice="reported",
                     form="clause", priority=3)

    def _put_en(self, match: re.Match, lo: int) -> None:
        """"OtherRussia put popular singer Zemfira on a list of foreign agents"."""
        if self.irrealis(match.start(), lo):
            return
        obj = self._object(match.span("obj"))
        start, end = match.span("phrase")
        if obj and self.valid_legal_entity(obj):
            agent = self.entity_before(match.start(), lo)
            self.add(start, end, self.statuses(start, end, language="en"), obj,
                     authority=self.authority(agent, (start, end)), voice="reported", form="clause", priority=3)

    def _activities_en(self, match: re.Match, lo: int) -> None:
        """"... recognized Azov as a terrorist organization and banned its activities": "its" is the entity before."""
        if self.irrealis(match.start(), lo):
            return
        previous = [f for f in self.found if f.end <= match.start() and f.start >= lo]
        entity = previous[-1].entity if previous else match.span("obj")
        authority = previous[-1].authority if previous else None
        statuses = self.statuses(*match.span("verb"), language="en")
        self.add(match.start(), match.end(), statuses, entity, authority=authority, voice="reported", form="clause",
                 priority=3)

    def _status_only(self, start: int, end: int) -> bool:
        return not self.g.en_lead.match(self.text, start, end)

    def _appositive_phrase_ok(self, start: int, end: int) -> bool:
        """An appositive without "which is": a participle ("banned in Russia") or a status noun phrase."""
        phrase = self.text[start:end]
        if self.g.en_lead.match(self.text, start, end):
            return True
        if re.match(r"(?:an?|the)\s", phrase, re.IGNORECASE) and self.g.en_noun.search(phrase):
            return True
        return bool(re.match(r"(?:banned|outlawed|prohibited|proscribed)\s+(?:in|by)\s", phrase, re.IGNORECASE))

    def _rejected_ban(self, end: int) -> bool:
        return bool(BAN_ON_DOING.match(self.text, end)) or bool(
            re.match(r"\s+(?:by|on|from)\s+" + self.g.platforms.pattern, self.text[end:end + 40]))

    def _clause_en(self, match: re.Match, lo: int) -> None:
        text = self.text
        start, end = match.span("phrase")
        phrase = text[start:end]
        aux = re.sub(r"\s+", " ", match.group("aux").lower())
        if self._rejected_ban(end) or self.irrealis(match.start(), lo):
            return
        has_verb = bool(self.g.en_lead.match(text, start, end)) or bool(
            re.match(r"(?:banned|outlawed|prohibited|proscribed|blacklisted)\b", phrase, re.IGNORECASE))
        statuses = self.statuses(start, end, language="en")
        if not statuses:
            return
        if not has_verb and (aux in {"'s", "’s"} or not self._predicate_ok(phrase, statuses)):
            return   # "Putin’s terrorists" is a possessive, not "Putin is terrorists"
        subject_end = match.start()
        previous_word = re.search(r"(\w+)\s*$", text[max(lo, subject_end - 20):subject_end])
        form = "clause"
        if previous_word and previous_word.group(1).lower() in {"which", "who", "that"}:
            rel_start = max(lo, subject_end - 20) + previous_word.start(1)
            comma = text[max(lo, rel_start - 3):rel_start].strip().endswith(",")
            form = "appositive" if comma else "clause"
            if comma:
                return  # handled as an appositive
            entity = self.entity_before(rel_start, lo)
        else:
            entity = self.entity_before(subject_end, lo, subject=True)
        if not self.valid_legal_entity(entity):
            return
        by_agent = re.search(r"\bby\b", phrase, re.IGNORECASE)
        past = aux in {"was", "were", "had been", "had already been", "got"} or (
            aux.startswith(("has", "have")) and has_verb)
        voice = "reported" if (by_agent or past or self.quoted(start, end, lo)) else "own"
        self.add(start, end, statuses, entity, authority=self.authority((start, end)), voice=voice, form=form,
                 priority=3)

    @staticmethod
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

    def _object(self, span: tuple[int, int]) -> tuple[int, int] | None:
        start, end = span
        chunk = self.text[start:end]
        lead = re.match(r"(?:the|a|an)\s+", chunk, re.IGNORECASE)
        if lead:
            start += lead.end()
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def _active_en(self, match: re.Match, lo: int, hi: int) -> None:
        """"Russia designates X a 'terrorist' group", "Minsk has branded [X] as extremist",
        "adopted a resolution declaring X ..."."""
        text = self.text
        if self.irrealis(match.start(), lo):
            return
        position = match.end()
        gap = self.g.en_as.match(text, position, hi)
        if gap and text[position:position + 3].lower() == "as ":
            left = max(lo, match.start() - 45)
            relative = re.search(r"\b(?:that|which|whom)\s+[^,;:]{1,40}$", text[left:match.start() + 1])
            if relative:
                start, end = gap.span("phrase")
                antecedent = self.entity_before(left + relative.start(), lo)
                statuses = self.statuses(start, end, language="en")
                if statuses and self.valid_legal_entity(antecedent):
                    agent = (left + relative.start(), match.start())
                    self.add(start, end, statuses, antecedent, authority=self.authority(agent, (start, end)),
                             voice="reported", form="clause", priority=3)
            return
        tokens = self.tokens(position, min(hi, position + 90))
        for k in range(1, min(len(tokens), 12) + 1):
            obj_end = tokens[k - 1][1]
            if text[tokens[k - 1][0]:obj_end] in {",", ".", ";", ":", "(", ")"}:
                return
            space = re.match(r"\s+", text[obj_end:obj_end + 3])
            phrase = self.g.en_as.match(text, obj_end + space.end(), hi) if space else None
            if not phrase:
                continue
            start, end = phrase.span("phrase")
            statuses = self.statuses(start, end, language="en")
            if not statuses or self._rejected_ban(end):
                continue
            obj_text = text[position:obj_end].lower()
            if re.match(r"(?:on|for|upon|to|with|about|of|in|by|at)\b", obj_text) or re.search(r"\bto\s+\w", obj_text):
                return
            coordinated = re.search(r"(?:\band|\bas\s+well\s+as|,)\s*$",
                                    text[max(lo, match.start() - 15):match.start()])
            agent = None if coordinated else self.entity_before(match.start(), lo)
            authority = self._active_authority(agent, (start, end), (position, obj_end), lo, match.start())
            for obj in self._split_objects((position, obj_end)):
                if self.valid_legal_entity(obj):
                    self.add(start, end, statuses, obj, authority=authority, voice="reported", form="clause",
                             priority=3)
            return

    def _active_authority(self, agent: tuple[int, int] | None, phrase: tuple[int, int], obj: tuple[int, int], lo: int,
                          verb: int) -> str | None:
        """Who designates in an active clause: the subject, else "in X" in the status phrase or the object, else the
        first authority named earlier in the clause."""
        found = self.authority(agent, phrase)
        if found:
            return found
        locative = re.search(r"\b(?:in|on the territory of)\s+(?:the\s+)?[^,;]{1,40}", self.text[obj[0]:obj[1]])
        if locative:
            found = self.authority((obj[0] + locative.start(), obj[0] + locative.end()))
        return found or self.authority((max(lo, verb - 120), verb))

    def _split_objects(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        """The objects of a designating verb: "X and the Y" are two when both are names."""
        obj = self._object(span)
        if not obj:
            return []
        chunk = self.text[obj[0]:obj[1]]
        parts = re.split(r"\s+and\s+", chunk)
        if len(parts) != 2:
            return [obj]
        second_start = obj[0] + chunk.rindex(parts[1])
        spans = [self._object((obj[0], obj[0] + len(parts[0]))), self._object((second_start, obj[1]))]
        if all(s and any(self.is_name(*t) for t in self.tokens(*s)) and self.text[s[0]:s[1]].split()[-1][:1].isupper()
               for s in spans):
            return [s for s in spans if s]
        return [obj]

    def _ban_en(self, match: re.Match, lo: int) -> None:
        """"Russia banned Open Society from operating", "got the OSF banned in Hungary"."""
        if self.irrealis(match.start(), lo):
            return
        verb, tail = match.group("verb").lower(), match.group("tail").lower()
        if (verb == "got") != tail.startswith("banned") or tail == "banned":
            return
        label = match.span("verb") if verb != "got" else match.span("tail")
        agent = self.entity_before(match.start(), lo)
        authority = self.authority(agent, match.span("tail")) or self.authority((max(lo, match.start() - 120),
                                                                                 match.start()))
        for obj in self._split_objects(match.span("obj")):
            if not self.valid_legal_entity(obj):
                continue
            self.add(*label, self.statuses(*label, language="en"), obj, authority=authority, voice="reported",
                     form="clause", priority=3)
            if match.group("as"):
                start, end = match.span("as")
                self.add(start, end, self.statuses(start, end, language="en"), obj, authority=authority,
                         voice="reported", form="clause", priority=3)

    def _attributive_legal(self, match: re.Match, lo: int, hi: int, *, language: str) -> None:
        start, end = match.span("label")
        statuses = self.statuses(start, end, language=language)
        if not statuses:
            return
        sep = match.group("sep")
        label = self.text[start:end]
        plural = bool(re.search(r"(?:s|и|ы|ии)\s*$", label))
        names = self.names_after(match.end(), hi, split=plural)
        if not names:
            return
        if ":" in sep and not plural:
            return
        if re.search(r"[–—-]", sep):
            closed = re.match(r"\s*[–—,-]", self.text[names[-1][1]:names[-1][1] + 3])
            if not (plural or (re.match(r"(?:an?|the)\s", label, re.IGNORECASE) and closed)):
                return
        form = "appositive" if re.search(r"[:–—-]", sep) else "attributive"
        voice = "reported" if self.quoted(start, end, lo) else "own"
        for name in names:
            if self.text[name[1]:name[1] + 1] == ":":
                continue   # "the terrorist group RUSSIA:You have ..." (a speaker tag after a lost full stop)
            words = self.text[name[0]:name[1]].lower().split()
            if self.valid_legal_entity(name) and not (set(words) & TITLES) and not (set(words) & LAW_WORDS):
                self.add(start, end, statuses, name, authority=self.authority((start, end)), voice=voice, form=form,
                         priority=5)

    # ---- legal statuses, Russian -------------------------------------------------------------------
    def legal_ru(self, lo: int, hi: int) -> None:
        text, g = self.text, self.g
        for match in g.ru_paren.finditer(text, lo, hi) if "(" in text[lo:hi] else ():
            start, end = match.span("phrase")
            entity = self.entity_before(match.start(), lo)
            if self.valid_legal_entity(entity):
                self.add(start, end, self.statuses(start, end, language="ru"), entity,
                         authority=self.authority((start, end)), voice="own", form="parenthetical", priority=1)
        for match in g.ru_appos.finditer(text, lo, hi):
            start, end = match.span("phrase")
            if self.irrealis(start, lo) or RU_INFINITIVE.match(text, end):
                continue
            if not re.match(r"(?:признан|внес|включ|объявлен|занес|запрещ)", text[start:end], re.IGNORECASE) \
                    and not match.group("aux"):
                continue
            entity = self.entity_before(match.start(), lo)
            if self.valid_legal_entity(entity):
                voice = "reported" if re.search(r"был", match.group("aux") or "") else "own"
                self.add(start, end, self.statuses(start, end, language="ru"), entity,
                         authority=self.authority((start, end)), voice=voice, form="appositive", priority=2)
        for match in g.ru_short.finditer(text, lo, hi):
            start, end = match.span("phrase")
            before = text[max(lo, match.start() - 3):match.start()]
            if re.search(r"[,(—–]\s*$", before) or self.irrealis(match.start(), lo) or RU_INFINITIVE.match(text, end):
                continue
            statuses = self.statuses(start, end, language="ru")
            entity = self.entity_before(match.start(), lo)
            if statuses and self.valid_legal_entity(entity):
                voice = "reported" if match.group("aux") and "был" in match.group("aux") else "own"
                self.add(start, end, statuses, entity, authority=self.authority((start, end)), voice=voice,
                         form="clause", priority=3)
        for match in g.ru_active.finditer(text, lo, hi):
            self._active_ru(match, lo, hi)
        for match in g.ru_pred.finditer(text, lo, hi):
            start, end = match.span("phrase")
            statuses = self.statuses(start, end, language="ru")
            entity = self.entity_before(match.start(), lo)
            if statuses and self.valid_legal_entity(entity) and not self.irrealis(match.start(), lo):
                voice = "reported" if self.quoted(start, end, lo) else "own"
                self.add(start, end, statuses, entity, authority=self.authority((start, end)), voice=voice,
                         form="clause", priority=4)
        for match in g.ru_attr.finditer(text, lo, hi):
            self._attributive_legal(match, lo, hi, language="ru")

    def _active_ru(self, match: re.Match, lo: int, hi: int) -> None:
        text = self.text
        if self.irrealis(match.start(), lo):
            return
        after = match.end()
        opened = self.g.ru_as_open.match(text, after, hi)
        objects = self.objects_after(opened.end("phrase"), hi) if opened else []
        direct = opened if objects else self.g.ru_as.match(text, after, hi)
        if direct:
            start, end = direct.span("phrase")
            statuses = self.statuses(start, end, language="ru")
            if statuses and objects:   # "Минюст внес в реестр иноагентов журналиста Юрия Дудя"
                agent = self.entity_before(match.start(), lo)
                for obj in objects:
                    self.add(start, end, statuses, obj, authority=self.authority(agent, (start, end)),
                             voice="reported", form="clause", priority=3)
                return
            entity = self.entity_before(match.start(), lo)   # "их признали экстремистами"
            if statuses and self.valid_legal_entity(entity):
                self.add(start, end, statuses, entity, authority=self.authority((start, end)), voice="reported",
                         form="clause", priority=3)
            return
        tokens = self.tokens(after, min(hi, after + 90))
        for k in range(1, min(len(tokens), 8) + 1):
            obj_end = tokens[k - 1][1]
            if text[tokens[k - 1][0]:obj_end] in ",.;:()":
                return
            space = re.match(r"\s+", text[obj_end:obj_end + 3])
            phrase = self.g.ru_as.match(text, obj_end + space.end(), hi) if space else None
            if not phrase:
                continue
            start, end = phrase.span("phrase")
            statuses = self.statuses(start, end, language="ru")
            obj = self._object((after, obj_end))
            if statuses and obj and self.valid_legal_entity(obj):
                agent = self.entity_before(match.start(), lo)
                self.add(start, end, statuses, obj, authority=self.authority(agent, (start, end)), voice="reported",
                         form="clause", priority=3)
            return

    def objects_after(self, end: int, hi: int) -> list[tuple[int, int]]:
        """The names a Russian designating verb puts after its status ("признал иноагентом политолога Екатерину
        Шульман", "... журналиста Юрия Дудя и певицу Земфиру", "... деятельность организации Freedom House"): each
        name may follow up to four lower-case words (roles, "деятельность"); names are joined by "и" or commas."""
        text, out, position = self.text, [], end
        while True:
            tokens = self.tokens(position, min(hi, position + 160))
            k = 0
            while k < len(tokens) and k < 4 and text[tokens[k][0]].isalpha() and text[tokens[k][0]].islower() \
                    and text[tokens[k][0]:tokens[k][1]] not in {"и", "в", "во", "на", "что", "за"}:
                k += 1
            if k >= len(tokens):
                return out
            names = self.names_after(tokens[k][0], hi, split=False)
            if not names or names[0][0] != tokens[k][0]:
                return out
            out.append(names[0])
            rest = self.tokens(names[0][1], min(hi, names[0][1] + 4))
            if not rest or text[rest[0][0]:rest[0][1]] not in {"и", ","}:
                return out
            position = rest[0][1]

    # ---- footnotes ---------------------------------------------------------------------------------
    def footnotes(self) -> None:
        text = self.text
        notes: dict[str, tuple[int, int, list[Status], str]] = {}
        for match in self.g.footnote.finditer(text):
            start, end = match.span("body")
            while end > start and text[end - 1].isspace():
                end -= 1
            language = "ru" if re.search("[а-яё]", text[start:end], re.IGNORECASE) else "en"
            statuses = self.statuses(start, end, language=language)
            if statuses and match.group("stars") not in notes:
                notes[match.group("stars")] = (start, end, statuses, language)
        if not notes:
            return
        line_starts = {m.start("stars") for m in self.g.footnote.finditer(text)}
        for marker in self.g.marker.finditer(text):
            if marker.start() in line_starts:
                continue
            note = notes.get(marker.group("stars"))
            if not note:
                continue
            start, end, statuses, _ = note
            line_start = text.rfind("\n", 0, marker.start()) + 1
            entity = self._marked(marker.start(), line_start)
            if entity and entity[1] > entity[0]:
                self.add(start, end, statuses, entity, authority=self.authority((start, end)), voice="own",
                         form="footnote", priority=0)

    def _marked(self, end: int, lo: int) -> tuple[int, int] | None:
        """What a footnote marker stands on: a quoted name, else back to the nearest capitalised word (Russian names
        of organisations capitalise only their first word: "Фонд борьбы с коррупцией*")."""
        tokens = self.tokens(max(lo, end - 100), end)
        if tokens and self.text[tokens[-1][0]] in "«“" and tokens[-1][1] - tokens[-1][0] > 2:
            return self._inner(tokens[-1])
        for k in range(len(tokens) - 1, max(-1, len(tokens) - 7), -1):
            word = self.text[tokens[k][0]:tokens[k][1]]
            if not word[0].isalnum():
                break
            if self.is_name(*tokens[k]):
                j = k
                while j > 0 and self.is_name(*tokens[j - 1]):
                    j -= 1
                return tokens[j][0], tokens[-1][1]
        return self.entity_before(end, lo)

    # ---- affiliation and legitimacy labels ---------------------------------------------------------
    def labels_en(self, lo: int, hi: int) -> None:
        text, g = self.text, self.g
        window = text[lo:hi].lower()
        if any(relation in window for relation in g.relation_words):
            self._compounds(lo, hi)
        if "pro" in window:
            for match in g.pro.finditer(text, lo, hi):
                patron = g.patron_canonical.get(match.group("patron").lower(), match.group("patron"))
                self._label(match.start(), match.end(), "aligned", f"pro-{patron}", lo, hi, state=False)
        if "state" in window:
            for match in g.state.finditer(text, lo, hi):
                self._state_label(match, lo, hi)
        if "self" in window or "recogni" in window:
            for match in g.self_label.finditer(text, lo, hi):
                label = g.lex.self_labels[int(match.lastgroup[1:])]
                if label.language != "ru":
                    self._label(match.start(), match.end(), label.designation, label.canonical, lo, hi, state=False)
        if "'s " in window or "’s " in window:
            for match in g.possessive.finditer(text, lo, hi):
                patron = g.patron_canonical.get(match.group("patron").lower(), match.group("patron"))
                entity = (match.end("patron") + 3, match.end("media"))
                self._emit_label(match.start("patron"), match.end("patron") + 2, "state_media", f"{patron}'s", entity,
                                 "attributive", lo)
        if " by " in window:
            for match in g.appointed_by.finditer(text, lo, hi):
                start, end = match.span("phrase")
                entity = self.entity_before(match.start(), lo)
                if entity and any(self.is_name(*t) for t in self.tokens(*entity)):
                    self._emit_label(start, end, "installed", "installed by an occupier", entity, "appositive", lo)
            if "(" in window:
                for match in g.backed_by.finditer(text, lo, hi):
                    self._backed_by(match, lo)

    def _compounds(self, lo: int, hi: int) -> None:
        """"Kremlin-backed", "Russian-installed", "US backed" (the collector stripped the hyphen)."""
        text, g = self.text, self.g
        for match in g.compound.finditer(text, lo, hi):
            if match.group("sep") == " " and not self._spaced_compound(match, lo):
                continue
            relation = match.group("relation").lower()
            designation = g.lex.relations.get(relation, "state_affiliated")
            patron = g.patron_canonical.get(match.group("patron").lower(), match.group("patron"))
            canonical = f"{patron}-{relation}"
            self._label(match.start(), match.end(), designation, canonical, lo, hi, state=True, relation=relation)



    def _spaced_compound(self, match: re.Match, lo: int) -> bool:
        """A compound written with a space ("US backed NGOs", where the collector stripped hyphens) is a label only
        before a lower-case word or an actor noun, and after a determiner, a preposition or at a sentence start, so
        that "Moscow appointed Russia-friendly Ukrainians" (subject and verb) is not read as one."""
        following = re.match(r"\s+([\w’'-]+)", self.text[match.end():match.end() + 40])
        if not following:
            return False
        word = following.group(1)
        if not (word[:1].islower() or self.g.actor.match(word) or self.g.media.match(word)):
            return False
        if word.lower() in PRONOUNS | DETERMINERS:
            return False   # "Putin appointed him governor": a verb and its object
        before = self.text[max(lo, match.start() - 25):match.start()]
        if not before.strip():
            return True
        previous = re.search(r"([\w’']+)\W*$", before)
        return bool(previous) and previous.group(1).lower() in DETERMINERS | {
            "by", "of", "in", "with", "for", "to", "from", "against", "and", "or", "local", "former", "new"}

    def _noun_after(self, end: int, hi: int) -> tuple[tuple[int, int] | None, bool, bool]:
        """(entity span, attaches to media, found) for a label ending at ``end``: a name right after the label,
        else the head noun of the following words ("separatist forces", "social media users")."""
        text = self.text
        tokens = self.tokens(end, min(hi, end + 120))
        k = 0
        while k < len(tokens) and text[tokens[k][0]:tokens[k][1]] in OPENING | CLOSING | {"]"}:
            k += 1
        names = self.names_after(tokens[k][0], hi, split=False) if k < len(tokens) else []
        if names and names[0][0] <= tokens[k][1]:
            name = names[0]
            tail = self.tokens(name[1], min(hi, name[1] + 40))
            noun = None
            if tail:
                word = text[tail[0][0]:tail[0][1]]
                if word[:1].islower():
                    if self.g.not_actor.match(word):
                        return None, False, True
                    if self.g.actor.match(word) or self.g.media.match(word):
                        noun = tail[0]
                    elif len(tail) > 1 and word.isalpha():
                        second = text[tail[1][0]:tail[1][1]]
                        if self.g.not_actor.match(second):
                            return None, False, True
                        if self.g.actor.match(second) or self.g.media.match(second):
                            noun = tail[1]
            media = bool(self.g.outlet.match(text[name[0]:name[1]])) or bool(
                noun and self.g.media.match(text[noun[0]:noun[1]]))
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
            if self.g.not_actor.match(word):
                following = text[tokens[j + 1][0]:tokens[j + 1][1]] if j + 1 < len(tokens) else ""
                if not (self.g.actor.match(following) or self.g.media.match(following)):
                    return None, False, True
                if first is None:
                    first = start
                continue
            if self.g.actor.match(word) or self.g.media.match(word) or self.g.ru_actor.match(word):
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
            named = self.names_after(head[1] + after.end(), hi, split=False)
            if named and named[0][0] == head[1] + after.end() and re.match(r"\s*(?:,|said|says|\.|$)",
                                                                         text[named[0][1]:named[0][1] + 8]):
                word = text[head[0]:head[1]].split()[-1]
                return named[0], bool(self.g.media.match(word)), True
        word = text[head[0]:head[1]].split()[-1]
        media = bool(self.g.media.match(word))
        following = self.names_after(head[1] + 1, hi, split=False) if head[1] + 1 < hi and text[head[1]] == " " else []
        if following and following[0][0] == head[1] + 1 and not self.g.not_actor.match(self.head(following[0])):
            return following[0], media or bool(self.g.outlet.match(text[following[0][0]:following[0][1]])), True
        return head, media, True

    def _appositive_name(self, start: int, lo: int) -> tuple[int, int] | None:
        """"Vladimir Rogov, a Russian-installed official": the name before ", the/a" in front of the label."""
        before = self.text[max(lo, start - 120):start]
        match = re.search(r",\s+(?:the|a|an)\s+(?:(?!(?:of|in|for|on|at|to|by|from)\b)[\w’'-]+\s+){0,2}$", before,
                          re.IGNORECASE)
        if not match:
            return None
        comma = max(lo, start - 120) + match.start()
        entity = self.entity_before(comma, lo)
        if entity and self.is_name(*self.tokens(*entity)[-1]) and not self.g.not_actor.match(self.head(entity)):
            return entity
        return None

    def _coordinated_end(self, end: int, hi: int) -> int | None:
        """"pro-Western and pro-Russian forces", "прозападные, и пророссийские силы": the end of the second label."""
        conjunction = re.match(r"\s*,?\s*(?:and|or|&|и|или)\s+", self.text[end:min(hi, end + 12)])
        if not conjunction:
            return None
        position = end + conjunction.end()
        for pattern in (self.g.pro, self.g.compound, self.g.self_label):
            second = pattern.match(self.text, position, hi)
            if second:
                return second.end()
        return None

    def _label(self, start: int, end: int, designation: str, canonical: str, lo: int, hi: int, *, state: bool,
               relation: str = "") -> None:
        noun, media, found = self._noun_after(end, hi)
        if not found:
            second = self._coordinated_end(end, hi)
            if second is None:
                return
            noun, media, found = self._noun_after(second, hi)
        if noun is None:
            return
        is_name = self.is_name(*self.tokens(*noun)[0])
        if relation in {"controlled", "held"} and is_name and not media:
            return  # "Russian-controlled Olenivka", "the Russian-controlled Zaporizhzhia NPP": places, not actors
        entity = self._appositive_name(start, lo) or noun
        if state and media and designation == "state_affiliated":
            designation = "state_media"
        self._emit_label(start, end, designation, canonical, entity, "attributive", lo)
        more = re.match(r"[’”»\"']?\s*(?:,|and|и)\s*(?=[“«\"‘'])", self.text[entity[1]:entity[1] + 12])
        if more and entity == noun:
            for name in self.names_after(entity[1] + more.end(), hi, split=False)[:1]:
                self._emit_label(start, end, designation, canonical, name, "attributive", lo)

    def _emit_label(self, start: int, end: int, designation: str, canonical: str, entity: tuple[int, int], form: str,
                    lo: int) -> None:
        voice = "reported" if self.quoted(start, end, lo) else "own"
        self.found.append(Found(start, end, designation, canonical, entity, None, voice, form, 6))

    def _state_label(self, match: re.Match, lo: int, hi: int) -> None:
        text = self.text
        relation = (match.group("relation") or "").lower()
        nationality = match.group("nat")
        if nationality and nationality.lower() in DETERMINERS:
            nationality = None
        start = match.start("nat") if nationality else match.start("state")
        if match.group("media"):
            end = match.end("media")
            canonical = f"state-{relation}" if relation else "state media"
            names = self.names_after(end + 1, hi, split=False) if end < len(text) and text[end] == " " else []
            entity = names[0] if names and names[0][0] == end + 1 else None
            if entity is None:
                entity = self._appositive_name(start, lo) or match.span("media")
            self._emit_label(start, end, "state_media", canonical, entity, "attributive", lo)
            return
        if not relation:
            return
        end = match.end("relation")
        if self.g.lex.relations.get(relation) != "state_affiliated":
            return
        noun, media, found = self._noun_after(end, hi)
        if not found or noun is None:
            return
        entity = noun if self.is_name(*self.tokens(*noun)[0]) else (self._appositive_name(start, lo) or noun)
        self._emit_label(start, end, "state_media" if media else "state_affiliated", f"state-{relation}", entity,
                         "attributive", lo)

    def _backed_by(self, match: re.Match, lo: int) -> None:
        start, end = match.span("phrase")
        before = self.text[max(lo, start - 40):start]
        parenthetical = re.search(r"\(\s*(?:an?|the)\s+[\w\s-]{0,40}$", before)
        if not parenthetical:
            return
        paren = max(lo, start - 40) + parenthetical.start()
        entity = self.entity_before(paren, lo)
        if entity and any(self.is_name(*t) for t in self.tokens(*entity)):
            patron = self.g.patron_canonical.get(match.group("patron").lower(), match.group("patron"))
            self._emit_label(start, end, "state_affiliated", f"{patron}-backed", entity, "parenthetical", lo)

    def labels_ru(self, lo: int, hi: int) -> None:
        for match in self.g.self_label.finditer(self.text, lo, hi):
            label = self.g.lex.self_labels[int(match.lastgroup[1:])]
            if label.language == "ru":
                self._label_ru(match.start(), match.end(), label.designation, label.canonical, lo, hi)

    def _label_ru(self, start: int, end: int, designation: str, canonical: str, lo: int, hi: int) -> None:
        text = self.text
        tokens = self.tokens(end, min(hi, end + 80))
        k = 0
        while k < len(tokens) and text[tokens[k][0]:tokens[k][1]] in "\"”’'ʺ»":
            k += 1
        if k >= len(tokens):
            return
        second = self._coordinated_end(end, hi)
        if second is not None and text[tokens[k][0]:tokens[k][1]] in {",", "и", "или"}:
            tokens = self.tokens(second, min(hi, second + 80))
            k = 0
            if not tokens:
                return
        names = self.names_after(tokens[k][0], hi, split=False)
        entity = None
        media = False
        if names and names[0][0] in (tokens[k][0], tokens[k][0] + 1):   # a name, or a quoted one: «Газпром»
            entity = names[0]
            name = text[entity[0]:entity[1]]
            media = bool(self.g.ru_media.match(name) or self.g.outlet.match(name))
            noun = re.match(r"\s+(\w+)", text[entity[1]:entity[1] + 30])
            if noun and self.g.ru_media.match(noun.group(1)):   # "Первый канал"
                entity, media = (entity[0], entity[1] + noun.end()), True
        else:
            for j in range(k, min(len(tokens), k + 3)):
                word = text[tokens[j][0]:tokens[j][1]]
                if not word[0].isalnum():
                    break
                if self.g.ru_media.match(word) or self.g.ru_actor.match(word):
                    entity = tokens[j]
                    media = bool(self.g.ru_media.match(word))
                    named = self.names_after(tokens[j][1] + 1, hi, split=False) if j + 1 < len(tokens) else []
                    if named and named[0][0] == tokens[j + 1][0] and (
                            len(self.tokens(*named[0])) >= 2 or text[named[0][0] - 1] in "«“\""):
                        entity = named[0]   # a full or quoted name after the noun, not a genitive: "силы Украины"
                    break
        if entity is None:
            return
        if designation == "state_affiliated" and media:
            designation = "state_media"
        self._emit_label(start, end, designation, canonical, entity, "attributive", lo)

    # ---- all together --------------------------------------------------------------------------------
    def run(self, windows: list[Window]) -> list[Found]:
        if "*" in self.text:
            self.footnotes()
        for window in windows:
            cyrillic = bool(re.search("[а-яё]", self.text[window.start:window.end], re.IGNORECASE))
            latin = bool(re.search("[a-z]", self.text[window.start:window.end], re.IGNORECASE))
            if window.legal:
                if latin:
                    self.legal_en(window.start, window.end)
                if cyrillic:
                    self.legal_ru(window.start, window.end)
            if window.labels:
                if latin:
                    self.labels_en(window.start, window.end)
                if cyrillic:
                    self.labels_ru(window.start, window.end)
        return _resolve(self.found)


def _resolve(found: list[Found]) -> list[Found]:
    """One finding per label, type and entity. Where two forms read the same label (same type, overlapping
    spans), the most specific one wins (footnote, parenthetical, appositive, clause, attributive); one form may
    attach a label to several entities ("organizations like al-Qaeda and Islamic State")."""
    bucket = 1024   # labels are shorter than this, so overlapping ones sit in neighbouring buckets
    kept: dict[tuple[str, int], list[Found]] = {}
    out: list[Found] = []

    def clashes(candidate: Found, other: Found) -> bool:
        if not (candidate.start < other.end and other.start < candidate.end):
            return False
        same_entity = candidate.entity[0] < other.entity[1] and other.entity[0] < candidate.entity[1]
        return same_entity or other.priority != candidate.priority

    for candidate in sorted(found, key=lambda f: (f.priority, f.start, -(f.end - f.start))):
        home = candidate.start // bucket
        nearby = [other for b in (home - 1, home, home + 1) for other in kept.get((candidate.designation, b), ())]
        if not any(clashes(candidate, other) for other in nearby):
            kept.setdefault((candidate.designation, home), []).append(candidate)
            out.append(candidate)
    return sorted(out, key=lambda f: (f.start, f.end, f.entity, f.order, f.designation))


def prepare(topic: Topic) -> None:
    """Compile the designation grammar and triggers of a pack (errors in its files raise here)."""
    grammar(topic)
    _trigger_automaton(topic)


def extract(text: str, *, topic: Topic | None = None, language: str | None = None,
            document: Document | None = None) -> list[dict]:
    """Every designation in one article's text, as mention rows (offsets into ``text``, end exclusive).

    Args:
        text: The article text.
        topic: The topic pack (authorities, patrons, labels; default: the default pack).
        language: Not needed: English and Russian patterns run where Latin or Cyrillic letters stand.
        document: The article's shared :class:`~analysis.text.Document` (sentences computed once).
    """
    if not text:
        return []
    topic = topic_module.load(topic)
    sentences = Document.of(text, language, document).sentences
    windows = _windows(text, sentences, topic)
    if not windows and "*" not in text:
        return []
    rows = []
    for f in _Finder(text, grammar(topic)).run(windows):
        entity_start, entity_end = f.entity
        rows.append({"kind": "designation", "category": f.designation, "term": text[f.start:f.end],
                     "canonical": f.canonical, "start": f.start, "end": f.end,
                     "entity": text[entity_start:entity_end], "entity_start": entity_start, "entity_end": entity_end,
                     "designation": f.designation, "authority": f.authority, "voice": f.voice, "form": f.form,
                     "detector": "rule"})
    return rows


def json_record(row: dict) -> dict:
    """The fields of ``python -m analysis extract --family designations --jsonl`` (issue 3, item 7)."""
    return {key: row.get(key) for key in JSON_FIELDS}
