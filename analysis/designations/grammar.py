"""The designation grammar: regular expressions built once from the lexicon."""

from __future__ import annotations

import re
from functools import cache

from analysis.designations.lexicon import Lexicon, alt, for_topic, literal
from analysis.topic import Topic

_Q = "[\"“”‘’'«»„ʺ]"
_CAP = "(?-i:[A-Z])"
_CAP_RU = "(?-i:[А-ЯЁA-Z])"
_QO = _Q + "?"
OPEN_QUOTES = "“«„‘"
CLOSE_QUOTES = "”»’"
SYMMETRIC_QUOTES = "\"ʺ'"
_ADVERBS = (r"(?:(?:officially|formally|also|already|previously|now|reportedly|effectively|even|recently|long|since|"
            r"legally|still|earlier|once|been|later|subsequently)\s+)*")
_BODY = (r"(?i:authorities|government|courts?|Supreme\s+Court|Justice\s+Ministry|Ministry\s+of\s+Justice|"
         r"State\s+Department|"
         r"Department\s+of\s+State|Treasury(?:\s+Department)?|prosecutors?|Prosecutor(?:\s+General)?['’]s\s+Office|"
         r"parliament|senate|congress|country|state|officials|regime|law|legislation|security\s+services|ministry|"
         r"intelligence|judges?|decision|order|ruling)")
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
                "your", "some", "any", "every", "each", "all", "both"}
PRONOUNS = {"it", "they", "he", "she", "them", "him", "her", "its", "their", "we", "us", "i", "you", "itself",
             "их", "его", "её", "ее", "они", "он", "она", "оно", "ему", "ей", "им", "нас", "вас"}
CONNECTORS = {"of", "the", "for", "and", "de", "du", "la", "le", "von", "van", "der", "den", "al", "bin", "&", "–",
               "-", "dei", "di", "del", "и", "за"}
STOP = {"to", "from", "in", "on", "at", "by", "with", "for", "as", "than", "that", "which", "who", "whom", "whose",
         "when", "while", "if", "because", "said", "says", "and", "or", "but", "is", "are", "was", "were", "be", "been",
         "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "also", "not",
         "into", "after", "before", "since", "about", "against", "under", "over", "between", "during", "of",
         "и", "в", "на", "с", "по", "из", "от", "для", "что", "как", "не"}
QUANTIFIERS = {"one", "two", "three", "several", "many", "dozens", "over", "more", "some", "all", "both", "most",
                "hundreds", "dozen", "few", "other"}
#: Capitalised words that begin sentences rather than names.
FUNCTION_CAPS = {"but", "so", "yet", "however", "then", "there", "here", "this", "that", "these", "those", "when",
                  "while", "where", "what", "why", "how", "in", "on", "at", "as", "for", "if", "since", "after",
                  "before", "with", "without", "and", "or", "also", "meanwhile", "moreover", "still", "now",
                  "yesterday", "earlier", "later", "last", "next", "according", "despite", "although", "though",
                  "again", "read", "more", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday", "january",
                  "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
                  "december", "unsurprisingly", "indeed", "btw",
                  "здесь", "там", "это", "так", "но", "и", "а", "в", "на", "как", "что", "когда", "если", "уже", "еще",
                  "ещё", "теперь", "сейчас", "тогда", "поэтому", "однако", "также", "при", "по", "после", "из", "для"}
PREPOSITIONS = {"from", "of", "in", "to", "with", "for", "at", "on", "about", "against", "by", "into", "over", "under"}
OPENING = {'"', "“", "«", "ʺ", "„", "‘", "'"}
CLOSING = {'"', "”", "»", "ʺ", "’", "'"}
TITLES = {"president", "minister", "prime", "secretary", "senator", "general", "chancellor", "mr", "ms", "mrs", "dr",
           "spokesman", "spokeswoman", "ambassador", "governor", "mayor", "премьер", "президент", "министр"}
LAW_WORDS = {"law", "act", "bill", "code", "convention", "treaty", "resolution", "decree", "registration", "закон"}
PERSON_NOUNS = {"diplomat", "diplomats", "people", "person", "persons", "customer", "customers", "guests", "citizens",
                 "individuals", "presence"}
#: A token: a short quoted name («...», “...”), a word (inner hyphens, dots, apostrophes, slashes), or a symbol.
TOKEN = re.compile(r"«[^«»\n]{1,80}»|“[^“”\n]{1,80}”"
                    r"|[^\W_ʺ](?:[^\W_ʺ]|[’'&/])*(?:[-–.][^\W_ʺ](?:[^\W_ʺ]|[’'&/])*)*|\S")
NAME_START = re.compile(r"^(?:[A-ZА-ЯЁ0-9]|[a-z]{1,4}-[A-ZА-ЯЁ])")
LEFT_IRREALIS = re.compile(
    r"(?:\b(?:if|once|unless|whether|lest|would|could|should|might|must|may|will|shall|can|cannot|wants?|wanted|"
    r"intends?|plans?|seeks?|urges?|urged|asks?|asked|calls?\s+(?:on|for)|called\s+(?:on|for)|proposed?|demands?|"
    r"demanded|refused|refuses|considering|consider|whether|otherwise|wants?\s+to|want)\b|\b(?:not|never|no\s+longer)\s+(?:\w+\s+){0,2}$|"
    r"\bto\s+$|\?\s*$|\bесли\b|\bбы\b|\bне\s+$|\bчтобы\b)",
    re.IGNORECASE)
BAN_ON_DOING = re.compile(r"\s+(?:from\s+(?!operating|functioning|activit)|to\s+\w)", re.IGNORECASE)
RU_INFINITIVE = re.compile(r"\s+(?:\w+(?:ть|ться|ти|чь))\b")


#: Where a phrase may end: punctuation or the end of the text (appositives, parentheticals) ...
_END = r"(?=\s*(?:[,.;:)\]—–!?\"”»’ʺ]|\s-\s|$))"
#: ... or, in a clause, also before a preposition, conjunction or capital that continues the sentence
_END_CLAUSE = (r"(?=\s*(?:[,.;:)\]—–!?\"”»’ʺ]|\s-\s|$)|\s+(?:in|on|since|after|for|by|over|under|as|because|due|"
               r"and|but|while|when|until|last|this|from|at|with|without|amid|following|during|that|which|who|"
               r"(?-i:[A-Z0-9]))\b)")
_END_RU = (r"(?=\s*(?:[,.;:)\]—–!?\"”»’ʺ]|\s-\s|$)|\s+(?:и|но|а|из-за|за|по|в|во|на|с|со|после|из|для|как|что|"
           r"котор\w+|\d)\b)")
_FLAGS = re.IGNORECASE


def _of(section: dict, language: str) -> str:
    return alt(section.get(language, ()))


class Grammar:
    """Compiled patterns for every form, in English and Russian."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.platforms = re.compile(r"\b" + alt(lex.nouns["platforms"]) + r"\b")
        self._english(lex)
        self._russian(lex)
        self._labels(lex)
        # Footnotes: "*организация признана иноагентом/запрещена в РФ" on its own line; markers "Мемориал*"
        self.footnote = re.compile(r"(?m)^[ \t]*(?P<stars>\*{1,3})[ \t]*[-–—:]?[ \t]*(?P<body>[^\n*][^\n]{2,300})$")
        self.marker = re.compile(r"(?<=[\w»”\"'’)\]])(?P<stars>\*{1,3})(?![\w*])")

    def _english(self, lex: Lexicon) -> None:
        """Legal statuses in English: [lead] SEQ [trail]* ((and|as) [participle] SEQ [trail]*)*, where SEQ is one
        or more statuses ("terrorist and extremist"), lead a designating verb or register ("designated as",
        "included in the register of") and trail the authority or a date ("in Russia", "by the EU", "in 2015")."""
        en_status = alt(p.pattern.pattern[2:-2] for p in lex.statuses if p.language == "en")
        en_noun, en_part = _of(lex.status_nouns, "en"), _of(lex.participles, "en")
        en_fin, en_reg = _of(lex.finite, "en"), _of(lex.registers, "en")
        names = "(?-i:" + literal(lex.authority_terms["names"]) + ")"
        adjectives = "(?-i:" + literal(lex.authority_terms["adjectives"]) + ")"
        auth_head = rf"(?:{names}|(?:{_CAP}[\w’'.-]*\s+){{0,3}}{_BODY}(?:\s+{_BODY})*)"
        auth = (rf"(?:the\s+|a\s+|an\s+)?(?:(?:{adjectives}|{_CAP}[\w.]*[’']s)\s+)?{auth_head}"
                rf"(?:\s+(?:and|or|&)\s+(?:the\s+)?(?:(?:{adjectives})\s+)?{auth_head})?")
        unit = (rf"(?:(?:an?|the)\s+)?{_QO}(?:(?:transnational|international|so-called|lethal|implacable|nuclear|"
                rf"notorious|officially|radical|openly)\s+)?{_QO}(?:{en_status}){_QO}"
                rf"(?:\s*{_QO}\s*(?:foreign\s+|international\s+|non-?governmental\s+|media\s+)?(?:{en_noun}){_QO})?\b{_QO}")
        seq = rf"{unit}(?:(?:\s*(?:,|and|or|/|&)\s*|\s+)(?:{en_part}\s+(?:as\s+)?)?{unit})*"
        gap = r"(?:\s+|(?<=[\"”’'ʺ]))"
        trail = (rf"(?:{gap}(?:in|by|across|throughout|within|on\s+the\s+territory\s+of|under)\s+{auth}"
                 rf"|\s+(?:(?:in|since|on)\s+)?(?:{_CAP}[a-z]+\s+)?\d{{4}}|\s+(?:last|this)\s+(?:year|month|week)"
                 rf"|\s+(?:{en_part})\s+(?:by|in)\s+{auth})")
        lead = (rf"(?:{_ADVERBS}(?:{en_part})(?:\s+(?:by|in)\s+{auth})?(?:\s+|(?=[\"“‘']))"
                rf"(?:as\s+(?:an?\s+|the\s+)?|as(?=[\"“‘'])|to\s+be\s+|an?\s+|the\s+)?"
                rf"|(?:included|entered|added|put|placed|listed|registered)\s+(?:in|on|to|into)\s+"
                rf"(?:the\s+|a\s+|an\s+|its\s+|{_CAP}[\w]*[’']s\s+)?(?:official\s+|federal\s+|unified\s+)?{en_reg}\s+"
                rf"|(?:on|in)\s+(?:the\s+|a\s+|an\s+|its\s+|{_CAP}[\w]*[’']s\s+)?(?:official\s+|federal\s+)?{en_reg}\s+)")
        phrase = (rf"(?:{lead})?{seq}(?:{trail})*(?:(?:\s*,?\s*(?:and|as\s+well\s+as)\s+|\s+as\s+"
                  rf"|\s*,\s*(?=(?:{lead})))"
                  rf"(?:(?:also|then|later)\s+)?(?:(?:{en_part})\s+(?:(?:by|in)\s+{auth}\s+)?(?:as\s+)?|{lead})?{seq}"
                  rf"(?:{trail})*)*")
        self.en_status = re.compile(rf"\b{en_status}\b", re.IGNORECASE)
        self.en_noun = re.compile(rf"\b{en_noun}\b", re.IGNORECASE)
        self.en_lead = re.compile(lead, re.IGNORECASE)
        end, end_clause, flags = _END, _END_CLAUSE, _FLAGS
        intro = (rf"(?:(?:an?|the)\s+(?:{en_noun}|organi[sz]ation|company)\s+(?:that|which)\s+"
                 rf"(?:is|was|has\s+been|had\s+been|are|were)\s+"
                 rf"|(?:which|that|who)\s+(?P<paux>is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
                 rf"|(?:the\s+)?(?:activit(?:y|ies)|work|operations?)\s+(?:of\s+which\s+)?(?:is|are|was|were|has\s+been|have\s+been)\s+"
                 rf"|(?:its|whose|their)\s+activit(?:y|ies)\s+(?:is|are)\s+)")
        abbreviation = r"(?-i:[A-Z][\w.&-]{1,12})\s*,\s*"   # "(IS, a terrorist group outlawed in Russia)"
        self.en_paren = re.compile(rf"\(\s*(?:{abbreviation})?(?:{intro})?(?P<phrase>{phrase})\s*[.;]?\s*\)", flags)
        self.en_appos = re.compile(
            rf"(?:,|\s[–—-])\s+(?:(?:which|who|that)\s+(?P<aux>is|are|was|were|has\s+been|have\s+been|had\s+been|"
            rf"had\s+already\s+been)\s+{_ADVERBS}|(?:which|whom|that)\s+(?P<agent>{_CAP}[\w.’'-]*(?:\s+{_CAP}[\w.’'-]*){{0,3}}|"
            rf"the\s+\w+(?:\s+\w+)?)\s+(?:has\s+|have\s+|had\s+)?{_ADVERBS}(?:{en_fin})\s+(?:as\s+)?"
            rf"|(?:an?|the)\s+(?:{en_noun}|organi[sz]ation|company|outlet|website)\s+(?=(?:{en_part})\b))?"
            rf"(?P<phrase>{phrase}){end}", flags)
        self.en_clause = re.compile(
            rf"\b(?P<aux>is|are|was|were|['’]s|has\s+been|have\s+been|had\s+been|had\s+already\s+been|has\s+already\s+been|"
            rf"have\s+already\s+been|gets|got|get|remains|remain|became|becomes|has\s+become|have\s+become)"
            rf"(?!\s+(?:not|never)\b)(?!n['’]t)\s+{_ADVERBS}(?P<phrase>{phrase}){end_clause}", flags)
        self.en_active = re.compile(
            rf"(?<!so-)(?<!so\s)\b(?:(?:has|have|had)\s+)?{_ADVERBS}(?P<verb>{en_fin}|(?:adopt(?:ed|s)|pass(?:ed|es)|approv(?:ed|es)|support(?:ed|s)|issu(?:ed|es)|sign(?:ed|s))\s+"
            rf"(?:an?\s+|the\s+)?(?:\w+\s+){{0,3}}?(?:resolution|statement|decision|decree|ruling|declaration|motion)\s+"
            rf"(?:that\s+)?(?:declaring|recogni[sz]ing|designating|labell?ing|naming|branding))\s+", flags)
        self.en_headline = re.compile(
            rf"^(?P<subject>(?:{_CAP}[\w’'.&-]*|of|for|the|and)(?:\s+(?:{_CAP}[\w’'.&-]*|of|for|the|and)){{0,7}})\s+"
            rf"(?P<phrase>(?:{_ADVERBS}(?:{en_part}))(?:\s+|(?=[\"“‘']))(?:as\s+)?{seq}(?:{trail})*){end_clause}",
            flags)
        self.en_as = re.compile(rf"(?:as\s+|to\s+be\s+)?(?P<phrase>{phrase}){end_clause}", flags)
        self.en_put = re.compile(
            rf"\b(?P<verb>put|puts|added|adds|included|includes|placed|entered)\s+(?P<obj>[^,.;:()]{{1,80}}?)\s+"
            rf"(?:on|in|to|into)\s+(?:the\s+|a\s+|an\s+|its\s+|[A-Z][\w]*[’']s\s+)?(?:official\s+)?{en_reg}\s+"
            rf"(?P<phrase>{seq}(?:{trail})*)", flags)
        self.en_ban = re.compile(
            rf"\b(?P<verb>banned|bans|outlawed|outlaws|got)\s+(?P<obj>[^,.;:()]{{1,80}}?)\s+"
            rf"(?P<tail>from\s+(?:operating|functioning|activit\w*)(?:\s+(?:in|on)\s+(?:the\s+|its\s+|their\s+)?\w+)?"
            rf"(?:\s+as(?:\s+|(?=[\"“‘']))(?P<as>{seq}))?|banned\s+in\s+{auth}(?:\s+and\s+{auth})?|banned)"
            rf"(?=[\s,.;:)!?]|$)", flags)
        self.en_activities = re.compile(
            r"\b(?P<verb>banned|outlawed|prohibited)\s+(?P<obj>its|their|the)\s+activit(?:y|ies)\b", flags)
        self.en_attr = re.compile(
            rf"(?P<label>\b(?:(?:the|a|an)\s+)?(?:(?:implacable|international|so-called|lethal|notorious|banned|outlawed|"
            rf"designated|listed|radical|openly)\s+)?{_QO}(?:terrorist|extremist|undesirable|criminal|banned|outlawed|"
            rf"proscribed)s?{_QO}\s+(?:{en_noun})|\bstate\s+sponsors?\s+of\s+terror(?:ism)?|\bforeign\s+agents?)"
            rf"(?P<sep>\s*[:–—]\s*|\s+-\s+|\s+(?:like|such\s+as|including|formerly\s+known\s+as|known\s+as|called|named|of)\s+|\s+)"
            rf"(?=(?:the\s+)?(?:[«“\"]|{_CAP}|(?:al|el|ad)-{_CAP}))", flags)

    def _russian(self, lex: Lexicon) -> None:
        """Legal statuses in Russian: "признана экстремистской и запрещена в РФ", "внесен в перечень террористов"."""
        ru_status = alt(p.pattern.pattern[2:-2] for p in lex.statuses if p.language == "ru")
        ru_noun, ru_part = _of(lex.status_nouns, "ru"), _of(lex.participles, "ru")
        ru_fin, ru_reg = _of(lex.finite, "ru"), _of(lex.registers, "ru")
        ru_auth = alt(lex.authority_terms["ru"]) if lex.authority_terms["ru"] else "(?!)"
        end, end_ru, flags = _END, _END_RU, _FLAGS
        ru_auth_phrase = rf"(?:(?:в|во|на\s+территории|на)\s+(?:[а-яё]+\s+)?{ru_auth}|{ru_auth})"
        ru_register = (rf"(?:в|во)\s+{ru_reg}\s+(?:(?:НКО|СМИ|лиц|физических\s+лиц|организаций|"
                       rf"незарегистрированных\s+общественных\s+объединений)\s*,?\s+)?(?:выполняющ\w+\s+)?")
        ru_unit = (rf"(?:(?:{ru_part})\s+(?:{ru_auth_phrase}\s+)?)?(?:{ru_register})?{_QO}(?:СМИ[- ])?"
                   rf"(?:{ru_status}){_QO}(?:\s+(?:и\s+)?(?:{ru_noun}){_QO})?")
        ru_seq = rf"{ru_unit}(?:(?:\s*(?:,|и|или|/)\s*|\s+){ru_unit})*"
        ru_phrase = (rf"{ru_seq}(?:\s+{ru_auth_phrase})?(?:\s+(?:с|в)\s+\d{{4}}\s+(?:года|г\.))?"
                     rf"(?:\s*(?:,|и)\s*{ru_seq}(?:\s+{ru_auth_phrase})?)*")
        ru_intro = (r"(?:(?:организация|организации|деятельность(?:\s+(?:которой|которого|которых|организации))?|"
                    r"движение|лицо|физлицо|структура|компания)\s*[,-]?\s*)")
        self.ru_paren = re.compile(rf"\(\s*(?:{ru_intro})?(?P<phrase>{ru_phrase})\s*[.;]?\s*\)", flags)
        self.ru_appos = re.compile(
            rf"(?:,|\s[–—-])\s+(?:(?:деятельность\s+)?котор\w+\s+(?P<aux>(?:был\w*|уже|ранее)\s+)*)?(?P<phrase>{ru_phrase}){end_ru}",
            flags)
        self.ru_short = re.compile(
            rf"(?:(?P<aux>был\w*|ранее|уже|официально)\s+)*(?P<phrase>(?:признан|внес[её]н|включ[её]н|объявлен|занес[её]н|"
            rf"запрещ[её]н)(?:а|о|ы)?\b(?:\s+{ru_auth_phrase})?(?:\s+(?:(?:в|во)\s+{ru_reg}\s+)?{_QO}(?:{ru_status}){_QO}"
            rf"(?:\s+(?:{ru_noun}))?)?(?:(?:\s*(?:,|и)\s*|\s+){ru_unit})*(?:\s+{ru_auth_phrase})?){end_ru}", flags)
        self.ru_active = re.compile(rf"\b(?P<verb>{ru_fin})\s+", flags)
        self.ru_as = re.compile(rf"(?P<phrase>{ru_phrase}){end_ru}", flags)
        self.ru_as_open = re.compile(rf"(?P<phrase>{ru_phrase})(?=\s)", flags)   # the object follows the status
        self.ru_pred = re.compile(
            rf"(?:\s+—\s+(?:это\s+)?|\s+это\s+|\s+являе?т(?:ся|сь)\s+|\s+являются\s+)(?P<phrase>{ru_phrase}){end}",
            flags)
        self.ru_attr = re.compile(
            rf"(?P<label>\b(?:{ru_status})(?:\s+(?:в|во)\s+{ru_auth})?(?:\s+(?:{ru_status}))?\s+(?:{ru_noun})"
            rf"|\b(?:СМИ[- ])?иноагент\w*|"
            rf"\bиностранн\w+\s+агент\w*)(?P<sep>\s*[:–—]\s*|\s+-\s+|\s+(?:как|в\s+том\s+числе)\s+|\s+)"
            rf"(?=[«“\"„]|{_CAP_RU})", flags)

    def _labels(self, lex: Lexicon) -> None:
        """Affiliation and legitimacy labels: compounds with a patron ("Kremlin-backed"), pro-X, state labels,
        self labels, and the nouns a label may attach to."""
        patron_names = [n for p in lex.patrons for n in p.names]
        self.patron_canonical = {n.lower(): p.canonical for p in lex.patrons for n in p.names}
        relation_alt = alt(lex.relations)
        self.relation_words = tuple(lex.relations)
        patron_alt = literal(patron_names)
        self.compound = re.compile(
            rf"(?<![\w-])(?P<patron>{patron_alt})(?P<sep>[- ])(?P<relation>{relation_alt})\b")
        self.pro = re.compile(rf"(?<![\w-])(?P<pro>[Pp]ro)[- ](?P<patron>{patron_alt})\b")
        nationality = r"(?:[A-Z][a-z]+(?:ian|ese|ish|an|ch|ic|i)|US|U\.S\.|UK|EU|[A-Z][\w.]*[’']s)"
        media = alt(lex.nouns["media"])
        state_media = alt(lex.nouns["state_media"])
        self.state = re.compile(
            rf"(?<![\w-])(?:(?P<nat>{nationality})\s+)?(?P<state>[Ss]tate)"
            rf"(?:(?P<sep>[- ])(?P<relation>{relation_alt}))?"
            rf"(?:-|\]?\s*)(?P<media>{state_media})?\b")
        possessive = literal(lex.possessive_patrons) if lex.possessive_patrons else "(?!)"
        self.possessive = re.compile(
            rf"(?<![\w-])(?P<patron>{possessive})['’]s\s+"
            rf"(?:(?:own|main|state|propaganda|official|leading|chief|loyal|friendly)\s+){{0,2}}(?P<media>{media})\b")
        self.self_label = re.compile(
            "|".join(f"(?P<s{i}>{label.pattern})" for i, label in enumerate(lex.self_labels)), re.IGNORECASE)
        installers = alt(lex.installers) if lex.installers else "(?!)"
        self.appointed_by = re.compile(
            r"(?:,\s+(?:who|which)\s+(?:was|were|had\s+been|has\s+been)\s+|,\s+)(?P<phrase>(?:installed|appointed|placed)\s+"
            rf"by\s+(?:the\s+)?{installers})\b")
        self.backed_by = re.compile(
            rf"(?P<phrase>(?:previously\s+|also\s+|heavily\s+)?(?:backed|funded|financed|controlled|sponsored|run)\s+by\s+"
            rf"(?:[^,.;()]{{0,40}}?\b)?(?P<patron>{patron_alt})(?:\s+government)?)\b")
        self.actor = re.compile(rf"^(?:{alt(lex.nouns['actors'])})$", re.IGNORECASE)
        self.media = re.compile(rf"^(?:{media})$", re.IGNORECASE)
        self.outlet = re.compile(rf"^(?:{alt(lex.nouns['outlets'])})\b")
        self.not_actor = re.compile(rf"^(?:{alt(lex.nouns['not_actors'])})$", re.IGNORECASE)
        self.ru_actor = re.compile(rf"^(?:{alt(lex.nouns['ru_actors'])})$", re.IGNORECASE)
        self.ru_media = re.compile(rf"^(?:{alt(lex.nouns['ru_media'])})$", re.IGNORECASE)


@cache
def grammar(topic: Topic) -> Grammar:
    """The compiled grammar of a topic pack's designations vocabulary (built once per pack)."""
    return Grammar(for_topic(topic))
