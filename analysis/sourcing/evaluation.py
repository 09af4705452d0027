"""How well does the sourcing family find attributions, measured on text with known answers?

Two evaluations, run by ``make evaluate``:

* ``sourcing_polnear``: PolNeAR (Newell, Margolin and Ruths, LREC 2018), US election news annotated
  with attribution relations, read from ``../shared/gold/polnear``. The extractor runs on each text
  file exactly as read (offsets into the file), and is scored as ``../shared/gold/README.md``
  specifies: one annotation file per text (the first in sorted order); per article, predicted
  relations are matched one-to-one to gold relations, greedily in the order of the predicted cues,
  each taking the first unmatched gold relation (in file order) that satisfies the measure's rule:

  ========  =====================================================================================
  cue       the cue spans overlap by at least one character
  source    both have a source and the source spans overlap
  content   the content spans overlap by at least half of the longer of the two
  relation  the cues overlap and, where the gold relation names a source, the sources overlap
  ========  =====================================================================================

  Precision = matches / predicted relations, recall = matches / gold relations. Spans made of
  pieces (``start end;start end``) count the characters of all pieces. The rules were developed
  by looking at the train split; the dev split is the held-out figure.
* ``sourcing_written`` and ``sourcing_wire``: challenge sets of written passages, labelled by a colleague
  from the field definitions alone; the wire set (issue 10) stresses unnamed sources, back-references,
  outlets as channel or source and side from descriptions, and labels how each source refers to its
  speaker (``reference``), so speaker agreement is reported per kind of reference.
* ``sourcing_ru``: the hand-labelled sentences of ``data/annotations/sourcing_ru.jsonl`` (Russian
  and pro-Russian outlets, in Russian and English): speaker, cue, verb class, channel, anonymity and
  side per attribution, and sentences without any attribution (see ``data/annotations/README.md``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from analysis.config import DATA, shared_dir

Span = tuple[tuple[int, int], ...]
ANNOTATIONS = DATA / "annotations" / "sourcing_ru.jsonl"
#: Passages written and labelled by a colleague who had not read the rules (a challenge set, not corpus text).
WRITTEN = DATA / "annotations" / "sourcing_written.jsonl"
#: Wire-copy passages written and labelled blind to the rules for issue 10 (sources, anonymity, side, channel).
WIRE = DATA / "annotations" / "sourcing_wire.jsonl"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t", re.MULTILINE)
_E_LINE = re.compile(r"^(E\d+)\t(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Relation:
    """One attribution relation: cue, source and content as spans of one or more pieces."""

    cue: Span | None
    source: Span | None
    content: Span | None


def polnear_dir() -> Path:
    """Where the PolNeAR gold files are (``../shared/gold/polnear``)."""
    return shared_dir() / "gold" / "polnear"


def _pieces(offsets: str) -> Span:
    pieces = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def read_brat(text: str) -> list[Relation]:
    """The attribution relations of one brat standoff file (``E`` lines tying ``T`` spans)."""
    spans = {m.group(1): _pieces(m.group(3)) for m in _T_LINE.finditer(text)}
    relations = []
    for match in _E_LINE.finditer(text):
        roles: dict[str, list[tuple[int, int]]] = {}
        for argument in match.group(2).split():
            role, _, ref = argument.partition(":")
            role = re.sub(r"\d+$", "", role)
            if ref in spans:
                roles.setdefault(role, []).extend(spans[ref])
        relations.append(Relation(cue=tuple(roles["Cue"]) if "Cue" in roles else None,
                                  source=tuple(roles["Source"]) if "Source" in roles else None,
                                  content=tuple(sorted(roles["Content"])) if "Content" in roles else None))
    return relations


def polnear_split(split: str) -> list[tuple[Path, Path]]:
    """(text file, annotation file) of every article of a PolNeAR split, the first annotation in sorted order."""
    folder = polnear_dir() / split
    pairs = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(f"{text_path.stem}_*.ann"))
        if annotations:
            pairs.append((text_path, annotations[0]))
    return pairs


# ------------------------------------------------------------------------------------------ scoring


def _length(span: Span) -> int:
    return sum(end - start for start, end in span)


def _overlap(a: Span, b: Span) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def cue_match(p: Relation, g: Relation) -> bool:
    return p.cue is not None and g.cue is not None and _overlap(p.cue, g.cue) > 0


def source_match(p: Relation, g: Relation) -> bool:
    return p.source is not None and g.source is not None and _overlap(p.source, g.source) > 0


def content_match(p: Relation, g: Relation) -> bool:
    if p.content is None or g.content is None:
        return False
    return _overlap(p.content, g.content) * 2 >= max(_length(p.content), _length(g.content))


def relation_match(p: Relation, g: Relation) -> bool:
    return cue_match(p, g) and (g.source is None or source_match(p, g))


MEASURES: dict[str, Callable[[Relation, Relation], bool]] = {
    "relation": relation_match, "cue": cue_match, "source": source_match, "content": content_match}


def greedy_matches(predicted: list[Relation], gold: list[Relation], rule: Callable[[Relation, Relation], bool]) -> int:
    """One-to-one matches: each predicted relation (in cue order) takes the first free gold relation it fits."""
    free = list(range(len(gold)))
    matched = 0
    for p in sorted(predicted, key=lambda r: r.cue or ((0, 0),)):
        for position, index in enumerate(free):
            if rule(p, gold[index]):
                del free[position]
                matched += 1
                break
    return matched


@dataclass
class Score:
    """Counts of one measure over a set of articles."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[list[Relation], list[Relation]]]) -> dict[str, Score]:
    """Scores of every measure over (predicted, gold) relation lists, one pair per article."""
    scores = {name: Score() for name in MEASURES}
    for predicted, gold in pairs:
        for name, rule in MEASURES.items():
            scores[name].matched += greedy_matches(predicted, gold, rule)
            scores[name].predicted += len(predicted)
            scores[name].gold += len(gold)
    return scores


def predict(text: str) -> list[Relation]:
    """The sourcing family's attributions in one text, as relations."""
    from analysis import mentions

    relations = []
    for row in mentions.extract_text(text, families=["sourcing"], language="en"):
        source = None if row.get("source_start") is None else ((row["source_start"], row["source_end"]),)
        content = None if row.get("content_start") is None else ((row["content_start"], row["content_end"]),)
        relations.append(Relation(cue=((row["cue_start"], row["cue_end"]),), source=source, content=content))
    return relations


def evaluate_split(split: str) -> tuple[dict[str, Score], int]:
    """Scores of one PolNeAR split (extraction on each text file exactly as read) and its article count."""
    from analysis.textio import read_text

    pairs = []
    for text_path, annotation_path in polnear_split(split):
        text = read_text(text_path, verbatim=True).text
        gold = read_brat(annotation_path.read_text(encoding="utf-8"))
        pairs.append((predict(text), gold))
    return score(pairs), len(pairs)


def format_scores(title: str, scores: dict[str, Score]) -> list[str]:
    """A score table: one line per measure with precision, recall, F1 and the counts behind them."""
    lines = [title, f"  {'measure':<9} {'precision':>9} {'recall':>7} {'F1':>6} {'matched':>8} {'predicted':>9} "
                    f"{'gold':>6}"]
    for name, s in scores.items():
        lines.append(f"  {name:<9} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.matched:>8,} "
                     f"{s.predicted:>9,} {s.gold:>6,}")
    return lines


def evaluate_polnear(splits: Iterable[str] = ("dev", "train")) -> str:
    """Plain-text report of PolNeAR scores per split (dev is held out; the rules were tuned on train)."""
    if not polnear_dir().exists():
        return f"sourcing_polnear: skipped ({polnear_dir()} is absent; it is in ../shared/gold)"
    lines = ["sourcing_polnear: attribution relations against PolNeAR (Newell et al. 2018), scored as "
             "../shared/gold/README.md specifies"]
    for split in splits:
        scores, articles = evaluate_split(split)
        note = "held out" if split == "dev" else "the split the rules were developed on"
        lines += format_scores(f"{split} ({articles} articles; {note}):", scores)
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ hand-labelled set

ATTRIBUTES = ("speaker", "verb_class", "channel", "anonymous", "side")


def load_annotations(path: Path = ANNOTATIONS) -> list[dict]:
    """The hand-labelled sentences (the header row skipped), each checked against its own text.

    Raises:
        CorpusError: Naming the file and line when a row is malformed or a labelled string is not in its text.
    """
    from analysis.annotations import read_jsonl
    from analysis.errors import CorpusError

    rows = []
    for number, row in read_jsonl(path, required=("source", "language", "context", "sentence", "attributions")):
        text = row["context"] + row["sentence"]
        for attribution in row["attributions"]:
            if attribution.get("cue") not in row["sentence"]:
                raise CorpusError(f"{path.name} line {number}: cue {attribution.get('cue')!r} is not in the sentence")
            for key in ("source", "content"):
                if attribution.get(key) is not None and attribution[key] not in text:
                    raise CorpusError(f"{path.name} line {number}: {key} {attribution[key]!r} is not in the text")
        rows.append(row)
    return rows


def _nearest(text: str, needle: str, anchor: int) -> tuple[int, int]:
    """The occurrence of ``needle`` in ``text`` nearest to ``anchor``."""
    starts, i = [], text.find(needle)
    while i >= 0:
        starts.append(i)
        i = text.find(needle, i + 1)
    start = min(starts, key=lambda s: abs(s - anchor))
    return start, start + len(needle)


def gold_relations(row: dict) -> list[tuple[Relation, dict]]:
    """The labelled attributions of one row as relations (offsets into context + sentence) with their labels."""
    text, offset = row["context"] + row["sentence"], len(row["context"])
    out = []
    for attribution in row["attributions"]:
        cue_start = offset + row["sentence"].index(attribution["cue"])
        cue = ((cue_start, cue_start + len(attribution["cue"])),)
        source = (_nearest(text, attribution["source"], cue_start),) if attribution.get("source") else None
        content = (_nearest(text, attribution["content"], cue_start),) if attribution.get("content") else None
        out.append((Relation(cue, source, content), attribution))
    return out


def _same_speaker(gold: str, predicted: str | None) -> bool:
    """Whether a predicted speaker names one of the gold alternatives: by its last word (Russian endings
    allowed), or as the same well-known person of the pack in another spelling ("Мария Захарова" and
    "Maria Zakharova, Russian Foreign Ministry spokeswoman")."""
    if predicted is None:
        return False
    predicted = predicted.lower()
    for alternative in gold.split("|"):
        words = re.findall(r"\w+", alternative.lower())
        if words and (words[-1] in predicted or (len(words[-1]) >= 6 and words[-1][:-2] in predicted)):
            return True
        known = _known_person(alternative)
        if known is not None and known == _known_person(predicted.split(",")[0]):
            return True
    return False


def _known_person(name: str):
    """The pack's well-known person a name or surname spells, or None."""
    from analysis import topic
    from analysis.sourcing.lexicons import for_topic

    people = for_topic(topic.load(None)).people
    name = name.strip().lower()
    return people.get(name) or (people.get(name.split()[-1]) if name.split() else None)


def _outlet_label(channel: str) -> str:
    """A channel label compared by the outlet it names, in any spelling or script ("interview:ТАСС" is
    "interview:TASS"), without case or a leading article ("interview:The Guardian")."""
    from analysis import topic
    from analysis.sourcing.lexicons import for_topic

    group, _, outlet = channel.partition(":")
    if not outlet:
        return group
    outlet = for_topic(topic.load(None)).outlet_name(outlet.strip()) or outlet
    return f"{group}:{re.sub(r'^the ', '', outlet.strip().lower())}"


def _agrees(key: str, gold, predicted) -> bool:
    if key == "speaker":
        return _same_speaker(gold, predicted)
    if key == "channel" and gold and predicted and ":" not in gold:
        return predicted.split(":")[0] == gold   # a label that names only the group: interview, media
    if key == "channel" and gold and predicted:
        return _outlet_label(gold) == _outlet_label(predicted)
    return gold == predicted


def evaluate_annotations(path: Path = ANNOTATIONS, *, name: str = "sourcing_ru") -> str:
    """Plain-text report on the hand-labelled sentences: span scores, then attribute agreement."""
    from analysis import mentions

    if not path.exists():
        return f"{name}: skipped ({path} is absent)"
    rows = load_annotations(path)
    by_language: dict[str, list] = {}
    agreement = {key: [0, 0] for key in ATTRIBUTES}
    references: dict[str, list[int]] = {}
    anonymity = {"found": 0, "missed": 0, "false": 0}
    misses = []
    for row in rows:
        text, offset = row["context"] + row["sentence"], len(row["context"])
        found = [r for r in mentions.extract_text(text, families=["sourcing"], language=row["language"])
                 if r["cue_start"] >= offset]
        predicted = [Relation(((r["cue_start"], r["cue_end"]),),
                              None if r["source_start"] is None else ((r["source_start"], r["source_end"]),),
                              None if r["content_start"] is None else ((r["content_start"], r["content_end"]),))
                     for r in found]
        gold = gold_relations(row)
        by_language.setdefault(row["language"], []).append((predicted, [g for g, _ in gold]))
        free = list(range(len(found)))
        for relation, labels in gold:
            match = next((i for i in free if cue_match(predicted[i], relation)), None)
            if labels.get("anonymous"):
                anonymity["found" if match is not None and found[match].get("anonymous") else "missed"] += 1
            elif match is not None and found[match].get("anonymous"):
                anonymity["false"] += 1
            if match is None:
                continue
            free.remove(match)
            if labels.get("reference") and labels.get("speaker") is not None:
                tally = references.setdefault(labels["reference"], [0, 0])
                tally[1] += 1
                tally[0] += _agrees("speaker", labels["speaker"], found[match].get("speaker"))
            for key in ATTRIBUTES:
                if labels.get(key) is None and key in ("speaker", "side"):
                    continue   # not judged
                agreement[key][1] += 1
                if _agrees(key, labels.get(key), found[match].get(key)):
                    agreement[key][0] += 1
                else:
                    misses.append(f"    {row['source']}: {key} {labels.get(key)!r} != {found[match].get(key)!r}")
    lines = _summary(name, path, rows, by_language, agreement, misses, references, anonymity)
    return "\n".join(lines)


def _summary(name: str, path: Path, rows: list[dict], by_language: dict, agreement: dict, misses: list[str],
             references: dict[str, list[int]], anonymity: dict[str, int]) -> list[str]:
    lines = [f"{name}: {len(rows)} hand-labelled sentences ({sum(len(r['attributions']) for r in rows)} "
             f"attributions, {sum(not r['attributions'] for r in rows)} sentences without any) from "
             f"{path.relative_to(DATA.parent) if path.is_relative_to(DATA.parent) else path}"]
    has_content = any(a.get("content") for row in rows for a in row["attributions"])

    def scored(pairs) -> dict[str, Score]:
        return {k: v for k, v in score(pairs).items() if has_content or k != "content"}   # unlabelled: not scored

    lines += format_scores("all:", scored(pair for pairs in by_language.values() for pair in pairs))
    for language, pairs in sorted(by_language.items()):
        lines += format_scores(f"{language} ({len(pairs)} sentences):", scored(pairs))
    lines.append("  agreement on attributions whose cue was found (correct / judged):")
    for key, (right, judged) in agreement.items():
        share = f"{right / judged:.0%}" if judged else "n/a"
        lines.append(f"    {key:<11} {right:>3} / {judged:<3} {share}")
    if references:
        lines.append("  speaker agreement by how the source refers to the speaker (correct / judged):")
        for reference, (right, judged) in sorted(references.items()):
            lines.append(f"    {reference:<23} {right:>3} / {judged:<3} {right / judged:.0%}")
    gold_anonymous = anonymity["found"] + anonymity["missed"]
    if gold_anonymous:
        lines.append(f"  anonymous sources found: {anonymity['found']} / {gold_anonymous} "
                     f"{anonymity['found'] / gold_anonymous:.0%} (of labelled anonymous sources, a missed cue "
                     f"counts as not found); named or unnamed sources wrongly flagged anonymous: "
                     f"{anonymity['false']}")
    if misses:
        lines.append("  disagreements:")
        lines += misses
    return lines


def evaluate_ru() -> str:
    """``make evaluate``: the hand-labelled Russian and pro-Russian sentences."""
    return evaluate_annotations()


def evaluate_written() -> str:
    """``make evaluate``: passages written and labelled by a colleague who had not read the rules."""
    return evaluate_annotations(WRITTEN, name="sourcing_written")


def evaluate_wire() -> str:
    """``make evaluate``: wire-copy passages written blind to the rules for issue 10."""
    return evaluate_annotations(WIRE, name="sourcing_wire")


EVALUATIONS = {"sourcing_polnear": evaluate_polnear, "sourcing_ru": evaluate_ru, "sourcing_written": evaluate_written,
               "sourcing_wire": evaluate_wire}
