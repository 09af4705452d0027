"""Which articles are the same article?

Collections repeat articles: the same RT story appears in several search-result files, sometimes in
versions that differ only in punctuation the collector stripped; a site republishes a story under a
second URL; a scraper takes a section page instead of the article. Within each outlet, two articles
are the same when any of these holds:

* ``same_url``: they share an article id (a normalised URL) and their texts are near-identical, or
  one is the headline row and the other the full text of the same article;
* ``exact``: identical bodies;
* ``punctuation``: identical letters and digits (only spacing, punctuation or case differ);
* ``near``: bodies of at least ``MIN_NEAR_WORDS`` words whose word 5-gram sets have a Jaccard
  similarity of at least ``NEAR_THRESHOLD`` (candidates from MinHash LSH, verified exactly).

Copies by different outlets are not merged: syndication is part of what an outlet publishes.
Bodies are compared without their headline, so a section page captured under many headlines is one
article. Each group keeps its best copy: a full text over a headline row, then fewest replacement
characters, most punctuation per word (the collector stripped some copies' full stops), longest,
first read. Every dropped copy is listed,
with the copy it duplicates, in the duplicates table.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

NEAR_THRESHOLD = 0.8
MIN_NEAR_WORDS = 40
SHINGLE = 5
NUM_PERM = 64
#: Shingle sets kept between uses (the rest are recomputed: keeping every body's set costs several times
#: the corpus in memory).
SHINGLE_SETS_KEPT = 512
#: Bodies sharing an id but less similar than this are different articles under one id.
SAME_URL_MIN_SIMILARITY = 0.5

DUPLICATE_COLUMNS = ["article_id", "kept_source", "dropped_source", "dropped_url", "outlet", "match",
                     "similarity"]

_NON_ALNUM = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.how: dict[int, tuple[str, float]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def skeleton(text: str) -> str:
    """Lower-case letters and digits only: texts equal up to spacing, punctuation and case."""
    return _NON_ALNUM.sub("", text.casefold())


def shingles(text: str, *, size: int = SHINGLE) -> set[str]:
    """Word ``size``-grams of a text, lower-cased."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set, b: set) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def quality(text: str) -> tuple[float, float, int]:
    """How good a copy is: (fewer U+FFFD, more punctuation per word, longer)."""
    words = max(1, len(text.split()))
    return (-text.count("\ufffd") / words, round(sum(text.count(c) for c in ".,;:?!") / words, 3), len(text))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass
class Deduplication:
    """Outcome of :func:`find_duplicates`.

    Attributes:
        keep: Boolean Series aligned with the input, True for the copy kept from each group.
        duplicates: One row per dropped copy (columns ``DUPLICATE_COLUMNS``).
        id_conflicts: Index labels of kept rows whose id is already taken by a different article.
    """

    keep: pd.Series
    duplicates: pd.DataFrame
    id_conflicts: list


def find_duplicates(frame: pd.DataFrame, *, body_column: str = "body") -> Deduplication:
    """Group duplicate articles and choose the copy to keep from each group.

    Args:
        frame: One row per article candidate with ``article_id``, ``outlet``, ``source``, ``url`` and
            the body (text without headline) in ``body_column``; row order is reading order.
    """
    n = len(frame)
    keep = pd.Series(True, index=frame.index)
    if n == 0:
        return Deduplication(keep, pd.DataFrame(columns=DUPLICATE_COLUMNS), [])
    bodies = frame[body_column].tolist()
    outlets = frame["outlet"].tolist()
    kinds = frame["content_type"].tolist() if "content_type" in frame else ["article"] * n
    ids = frame["article_id"].tolist()
    uf = _UnionFind(n)
    link: dict[tuple[int, int], tuple[str, float]] = {}

    def connect(a: int, b: int, how: str, similarity: float) -> None:
        link[(min(a, b), max(a, b))] = (how, similarity)
        uf.union(a, b)

    # Digests, not texts: holding a skeleton or a shingle set of every body would cost several times the
    # corpus in memory. Shingle sets are recomputed when needed, a few recent ones kept.
    exact, loose = [], []
    for body in bodies:
        bare = skeleton(body)
        exact.append(_digest(body) if bare else None)
        loose.append(_digest(bare) if bare else None)

    @lru_cache(maxsize=SHINGLE_SETS_KEPT)
    def shingle_set(i: int) -> frozenset[str]:
        return frozenset(shingles(bodies[i]))

    for how, keys in (("exact", exact), ("punctuation", loose)):
        first: dict[tuple[str, str], int] = {}
        for i, key in enumerate(keys):
            if key is None:
                continue
            k = (outlets[i], key)
            if k not in first:
                first[k] = i
            elif uf.find(first[k]) != uf.find(i):
                connect(first[k], i, how, 1.0)

    by_id: dict[str, list[int]] = defaultdict(list)
    for i, article_id in enumerate(ids):
        by_id[article_id].append(i)
    conflicts: list[int] = []
    for members in by_id.values():
        for other in members[1:]:
            head = members[0]
            if uf.find(head) == uf.find(other):
                continue
            similarity = jaccard(shingle_set(head), shingle_set(other))
            if similarity >= SAME_URL_MIN_SIMILARITY or kinds[head] != kinds[other]:
                connect(head, other, "same_url", similarity)  # a headline row and its full article are one
            else:
                conflicts.append(other)

    for a, b, similarity in _near_pairs(bodies, outlets, shingle_set):
        if uf.find(a) != uf.find(b):
            connect(a, b, "near", similarity)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    rows = []
    sources = frame["source"].tolist()
    urls = frame["url"].tolist()
    for members in groups.values():
        if len(members) == 1:
            continue
        best = max(members, key=lambda i: (kinds[i] == "article", *quality(bodies[i]), -i))
        for i in members:
            if i == best:
                continue
            keep.iloc[i] = False
            how, similarity = link.get((min(i, best), max(i, best))) or _how_linked(i, members, link)
            rows.append((ids[best], sources[best], sources[i], urls[i], outlets[i], how, round(similarity, 3)))
    duplicates = pd.DataFrame(rows, columns=DUPLICATE_COLUMNS)
    return Deduplication(keep, duplicates, [frame.index[i] for i in conflicts if keep.iloc[i]])


def _how_linked(i: int, members: list[int], link: dict) -> tuple[str, float]:
    for j in members:
        if (min(i, j), max(i, j)) in link:
            return link[(min(i, j), max(i, j))]
    return ("near", 0.0)


def _crc32(shingle: str) -> int:
    """A fast, deterministic 32-bit hash of a shingle (datasketch's default SHA-1 is 5x slower)."""
    return zlib.crc32(shingle.encode())


def _at_least_words(text: str, count: int) -> bool:
    """Whether ``text`` has at least ``count`` whitespace-separated words (without splitting all of it)."""
    return len(text.split(maxsplit=count)) >= count


def _near_pairs(bodies: list[str], outlets: list[str], shingle_set) -> list[tuple[int, int, float]]:
    """Pairs of same-outlet bodies with Jaccard >= NEAR_THRESHOLD, found with MinHash LSH."""
    from datasketch import MinHash, MinHashLSH

    eligible = [i for i, b in enumerate(bodies) if _at_least_words(b, MIN_NEAR_WORDS)]
    if len(eligible) < 2:
        return []
    pairs = []
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i in eligible:
        by_outlet[outlets[i]].append(i)
    for members in by_outlet.values():
        if len(members) < 2:
            continue
        lsh = MinHashLSH(threshold=NEAR_THRESHOLD * 0.9, num_perm=NUM_PERM)
        for i in members:
            sketch = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_crc32)
            sketch.update_batch(list(shingle_set(i)))
            for j in lsh.query(sketch):
                similarity = jaccard(shingle_set(i), shingle_set(j))
                if similarity >= NEAR_THRESHOLD:
                    pairs.append((j, i, similarity))
            lsh.insert(i, sketch)
    return pairs

