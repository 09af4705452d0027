"""Accuracy on real sentences labelled by hand (``data/annotations/designations.jsonl``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.annotations import read_jsonl
from analysis.config import DATA
from analysis.designations.finder import extract
from analysis.errors import CorpusError

GOLD = DATA / "annotations" / "designations.jsonl"
#: Passages written and labelled by a colleague who had not read the rules (a challenge set, not corpus text).
WRITTEN = DATA / "annotations" / "designations_written.jsonl"


def read_gold(path: Path = GOLD) -> list[dict]:
    """The labelled sentences (the first line documents the format and is skipped).

    Raises:
        CorpusError: Naming the file and line when a row is malformed.
    """
    rows = []
    for number, row in read_jsonl(path, required=("source", "language", "sentence", "designations")):
        for mention in row["designations"]:
            for key in ("start", "end", "designation", "entity_start", "entity_end", "voice", "form"):
                if key not in mention:
                    raise CorpusError(f"{path.name} line {number}: a designation lacks {key!r}")
        rows.append(row)
    return rows


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_sentence(gold: list[dict], predicted: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Greedy one-to-one matching in one sentence: a prediction matches a gold mention when their label spans
    overlap by at least one character and the designation types are equal. Returns (gold, predicted) pairs,
    with None on the side that has no partner."""
    free = list(predicted)
    pairs: list[tuple[dict | None, dict | None]] = []
    for g in gold:
        partner = next((p for p in free if p["designation"] == g["designation"]
                        and _overlap((p["start"], p["end"]), (g["start"], g["end"]))), None)
        if partner is not None:
            free.remove(partner)
        pairs.append((g, partner))
    pairs += [(None, p) for p in free]
    return pairs


@dataclass(frozen=True)
class Evaluation:
    """Scores of the extractor on the labelled sentences."""

    scores: pd.DataFrame      # group, gold, predicted, matched, precision, recall, f1
    attributes: pd.DataFrame  # attribute, matched, correct, accuracy (entity, authority, voice, form)
    errors: pd.DataFrame      # kind (missed | spurious | wrong_*), source, sentence, gold, predicted
    sentences: int


def evaluate(path: Path = GOLD) -> Evaluation:
    """Precision, recall and F1 of :func:`extract` on the labelled sentences, overall, by language, type and form;
    entity, authority, voice and form accuracy over matched pairs; every error with its sentence."""
    rows = read_gold(path)
    counts: dict[str, Counter] = {}
    attributes: Counter = Counter()
    errors = []

    def tally(group: str, field_name: str, amount: int = 1) -> None:
        counts.setdefault(group, Counter())[field_name] += amount

    def describe(m: dict | None, sentence: str) -> str:
        if m is None:
            return ""
        entity = sentence[m["entity_start"]:m["entity_end"]]
        return (f"{m['designation']} {m['form']} {m['voice']} auth={m.get('authority')} "
                f"term={sentence[m['start']:m['end']]!r} entity={entity!r}")

    for row in rows:
        sentence = row["sentence"]
        predicted = extract(sentence, language=row["language"])
        for g, p in match_sentence(row["designations"], predicted):
            for mention, side in ((g, "gold"), (p, "predicted")):
                if mention is None:
                    continue
                groups = ("all", f"batch: {row.get('batch', 1)}", f"language: {row['language']}",
                          f"type: {mention['designation']}", f"form: {mention['form']}")
                for group in groups:
                    tally(group, side)
                    if g is not None and p is not None:
                        tally(group, f"matched_{side}")
            if g is not None and p is not None:
                entities = (g["entity_start"], g["entity_end"]), (p["entity_start"], p["entity_end"])
                checks = {"entity": _overlap(*entities),
                          "authority": g.get("authority") == p.get("authority"), "voice": g["voice"] == p["voice"],
                          "form": g["form"] == p["form"]}
                for name, ok in checks.items():
                    attributes[(name, "matched")] += 1
                    attributes[(name, "correct")] += ok
                    if not ok:
                        errors.append({"kind": f"wrong_{name}", "source": row["source"], "sentence": sentence,
                                       "gold": describe(g, sentence), "predicted": describe(p, sentence)})
            elif g is not None:
                errors.append({"kind": "missed", "source": row["source"], "sentence": sentence,
                               "gold": describe(g, sentence), "predicted": ""})
            else:
                errors.append({"kind": "spurious", "source": row["source"], "sentence": sentence, "gold": "",
                               "predicted": describe(p, sentence)})
    score_rows = []
    for group in sorted(counts, key=lambda g: (g != "all", g.split(":")[0], g)):
        c = counts[group]
        # recall counts gold mentions of the group that were found; precision counts predictions of the group that
        # match a gold mention (for forms they differ when a label is found in another form than the gold one)
        precision = c["matched_predicted"] / c["predicted"] if c["predicted"] else float("nan")
        recall = c["matched_gold"] / c["gold"] if c["gold"] else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if c["gold"] and c["predicted"] and precision + recall \
            else float("nan")
        score_rows.append({"group": group, "gold": c["gold"], "predicted": c["predicted"], "matched": c["matched_gold"],
                           "precision": precision, "recall": recall, "f1": f1})
    attribute_rows = [{"attribute": name, "matched": attributes[(name, "matched")],
                       "correct": attributes[(name, "correct")],
                       "accuracy": attributes[(name, "correct")] / attributes[(name, "matched")]
                       if attributes[(name, "matched")] else float("nan")}
                      for name in ("entity", "authority", "voice", "form")]
    return Evaluation(pd.DataFrame(score_rows), pd.DataFrame(attribute_rows),
                      pd.DataFrame(errors, columns=["kind", "source", "sentence", "gold", "predicted"]), len(rows))


def evaluate_designations(path: Path = GOLD, *, show_errors: int = 40, title: str = "designations",
                          what: str = "real sentences from ../shared/corpora") -> str:
    """``make evaluate``: the scores of :func:`evaluate` as plain text, with the first errors to check by eye."""
    if not path.exists():
        return f"{title}: skipped ({path} is missing)"
    result = evaluate(path)
    overall = result.scores.iloc[0]
    lines = [f"{title}: {result.sentences} hand-labelled {what} ({path.name}); "
             f"precision {overall['precision']:.3f}, recall {overall['recall']:.3f}, F1 {overall['f1']:.3f} "
             f"({int(overall['matched'])} of {int(overall['gold'])} gold mentions found, {int(overall['predicted'])} "
             "predicted). A prediction matches when its label span overlaps the gold label and the type is equal.",
             result.scores.to_string(index=False, float_format=lambda v: f"{v:.3f}"),
             "over matched pairs (entity: spans overlap):",
             result.attributes.to_string(index=False, float_format=lambda v: f"{v:.3f}")]
    if len(result.errors) and show_errors:
        lines.append(f"errors ({len(result.errors)}; first {min(show_errors, len(result.errors))}):")
        for error in result.errors.head(show_errors).itertuples():
            lines.append(f"  {error.kind}: {error.sentence[:140]!r}\n      gold: {error.gold}\n"
                         f"      predicted: {error.predicted}")
    return "\n".join(lines)


def evaluate_written() -> str:
    """``make evaluate``: the written challenge set (:data:`WRITTEN`), scored like the corpus sentences."""
    return evaluate_designations(WRITTEN, title="designations_written", what="written passages (a challenge set)")


EVALUATIONS = {"designations": evaluate_designations, "designations_written": evaluate_written}
