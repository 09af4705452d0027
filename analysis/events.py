"""Which articles of different outlets cover the same event, and how does each outlet frame it?

:func:`group` puts every article into an *event*: a group of articles, usually from several outlets,
published within a few days of each other and saying similar things. :func:`side_by_side` then lays
out, for one event, each outlet's choices next to each other's: its headlines, naming (which of two
names of a place or a war), charged labels, designations ("terrorist", "state-backed"), who it quotes
(sides, unnamed sources) and with which verbs, each with an example sentence and its article.

Method (measured by ``make evaluate``, ``python -m analysis evaluate --only events --only events_fulltext``):

1. Each article is represented by TF-IDF weights of the content words of its first :data:`LEAD_WORDS`
   words (the headline starts the text; news puts the event in the lead), sublinear term frequency,
   words in more than :data:`MAX_DOCUMENT_SHARE` of the articles dropped. One vocabulary is fitted per
   language, and articles are compared **within a language only**: a Russian and an English article
   about the same event are not grouped (nothing here transliterates or translates names); say so when
   reading the events.
2. Two dated articles are candidates when their dates are at most ``window_days`` apart; pairs whose
   cosine similarity is below :data:`PAIR_FLOOR` count as unrelated.
3. Group-average (UPGMA) agglomeration, best pair first: two groups merge while the mean similarity
   over *all* their cross pairs (pairs out of the window or under the floor counting as 0) is at least
   ``threshold``. Unlike linking every similar pair (which chains a month of daily coverage into one
   blob), the mean keeps an event compact in time and in content.
4. Undated articles are grouped among themselves the same way, then each undated group joins the
   event of the dated article most similar to one of its members, if that similarity reaches
   :data:`ATTACH_SIMILARITY` ("by text alone"); an undated article never bridges two dated events.
5. Events are numbered ``e0001``, ... in order of their first article's date (then article id), so the
   numbering is stable for the same input, whatever its row order. Every article gets an event; most
   events have one article.

The window and threshold were chosen on the January 2023 full articles of our labelled set (pair F1
0.706, the best of the sweep :func:`evaluate_fulltext` prints; RUWA's tuning sites prefer a lower
threshold, 0.01, because RUWA's labels are coarser than events) and are reported on held-out articles
and sites. The floor, lead length and the undated rule were set while exploring the same tuning data.
Nothing here names a conflict, a place or a person: what an event is about comes from the articles.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from analysis import config
from analysis.errors import CorpusError
from analysis.topic import Topic

#: Days two articles' dates may differ and still be the same event's coverage.
WINDOW_DAYS = 3
#: Minimum mean similarity within an event (cross pairs of two groups must average this to merge).
THRESHOLD = 0.02
#: Cosine similarity below which a pair counts as unrelated (0) in the mean.
PAIR_FLOOR = 0.1
#: An undated article (compared with every article of its language, not a window's) joins the event of the
#: dated article most similar to it at or above this: twice the floor, for ~100 times more candidates.
ATTACH_SIMILARITY = 0.2
#: Words of each article (from the start: headline and lead) that represent it.
LEAD_WORDS = 120
#: Words found in more than this share of a language's articles carry no event and are dropped.
MAX_DOCUMENT_SHARE = 0.3
#: Below this many articles in a language, no word is dropped, for being common or for occurring once (in
#: a handful of articles shares are noise, and an article would keep only the words it shares with others).
COMMON_WORDS_FROM = 20
#: Letters only, two or more (numbers and punctuation say little about which event it is).
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"
#: Rows of the same-event gold set we labelled (ids and event labels only; ``tests/data``).
FULLTEXT_GOLD = config.ROOT / "tests" / "data" / "events_fulltext.csv"

#: Fields of ``python -m analysis events --jsonl``, one object per article.
JSONL_FIELDS = ["doc", "article_id", "url", "outlet", "published", "event"]
#: Columns of :func:`table_events`.
EVENT_COLUMNS = ["event", "first", "last", "articles", "outlets", "outlet_list", "title", "article_id"]
#: Columns of :func:`side_by_side`.
SIDE_BY_SIDE_COLUMNS = ["event", "aspect", "outlet", "choices", "mentions", "articles", "example_article_id",
                        "example_sentence"]
#: The aspects of :func:`side_by_side`, in display order.
ASPECTS = ("headlines", "naming", "labels", "designations", "sources", "unnamed sources", "verbs")
#: Choices listed per outlet and aspect (the rest are counted in ``mentions``).
TOP_CHOICES = 6
NONE_FOUND = "(none found)"


# --- grouping --------------------------------------------------------------------------------------


def lead(text: str, *, words: int = LEAD_WORDS) -> str:
    """The first ``words`` words of a text (its headline and lead)."""
    return " ".join(str(text).split()[:words])


def vectors(articles: pd.DataFrame, *, words: int = LEAD_WORDS) -> sparse.csr_matrix:
    """TF-IDF rows (L2-normalised, so a dot product is the cosine) of each article's lead.

    One vocabulary per language, so that words of different languages never meet: the columns of
    different languages do not overlap. Articles whose language has too few articles for a vocabulary
    get an empty row (they can only be events of their own).
    """
    blocks: list[sparse.csr_matrix] = []
    rows: list[np.ndarray] = []
    languages = articles["language"].fillna("und").astype(str).to_numpy()
    texts = articles["text"].fillna("").astype(str).to_numpy()
    for language in sorted(set(languages)):
        where = np.flatnonzero(languages == language)
        large = len(where) >= COMMON_WORDS_FROM
        vectorizer = TfidfVectorizer(lowercase=True, sublinear_tf=True, min_df=2 if large else 1,
                                     max_df=MAX_DOCUMENT_SHARE if large else 1.0,
                                     token_pattern=TOKEN_PATTERN,
                                     stop_words=list(ENGLISH_STOP_WORDS) if language == "en" else None)
        try:
            block = vectorizer.fit_transform([lead(t, words=words) for t in texts[where]])
        except ValueError:   # no word occurs twice (or all are too common): nothing to compare on
            block = sparse.csr_matrix((len(where), 0))
        blocks.append(block)
        rows.append(where)
    width = sum(b.shape[1] for b in blocks)
    out = sparse.lil_matrix((len(articles), 0))
    parts, offset = [], 0
    for block, where in zip(blocks, rows):
        coo = block.tocoo()
        parts.append((where[coo.row], coo.col + offset, coo.data))
        offset += block.shape[1]
    if not parts:
        return out.tocsr()
    r, c, d = (np.concatenate(x) for x in zip(*parts))
    return sparse.csr_matrix((d, (r, c)), shape=(len(articles), width))


def similar_pairs(matrix: sparse.csr_matrix, published: pd.Series, *, window_days: int = WINDOW_DAYS,
                  floor: float = PAIR_FLOOR, chunk: int = 500) -> pd.DataFrame:
    """Candidate pairs (dates at most ``window_days`` apart, or one undated) with cosine >= ``floor``.

    Blocked by date: the articles are walked in date order in chunks, each compared only with the
    articles up to ``window_days`` after it, so the work grows with the corpus, not its square.

    Returns:
        Columns ``i``, ``j`` (row positions, ``i < j``) and ``similarity``, sorted by ``i``, ``j``.
    """
    days = _days(published)
    dated = np.flatnonzero(~np.isnan(days))
    undated = np.flatnonzero(np.isnan(days))
    order = dated[np.argsort(days[dated], kind="stable")]
    sorted_days = days[order]
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, len(order), chunk):
        stop = min(start + chunk, len(order))
        end = int(np.searchsorted(sorted_days, sorted_days[stop - 1] + window_days, side="right"))
        rows, cols = order[start:stop], order[start:end]
        product = (matrix[rows] @ matrix[cols].T).tocoo()
        # each pair once: the second article later in the date order than the first (both offsets from start)
        keep = (product.data >= floor) & (product.col > product.row)
        a, b, s = rows[product.row[keep]], cols[product.col[keep]], product.data[keep]
        near = np.abs(days[a] - days[b]) <= window_days
        found.append((a[near], b[near], s[near]))
    if len(undated):
        product = (matrix[undated] @ matrix.T).tocoo()
        keep = (product.data >= floor) & (undated[product.row] != product.col)
        found.append((undated[product.row[keep]], product.col[keep], product.data[keep]))
    if not found:
        return pd.DataFrame({"i": [], "j": [], "similarity": []}).astype({"i": int, "j": int})
    a, b, s = (np.concatenate(x) for x in zip(*found))
    pairs = pd.DataFrame({"i": np.minimum(a, b), "j": np.maximum(a, b), "similarity": s})
    pairs = pairs.drop_duplicates(["i", "j"]).sort_values(["i", "j"], kind="stable").reset_index(drop=True)
    return pairs


def _days(published: pd.Series) -> np.ndarray:
    """Dates as day numbers (float, NaN for missing)."""
    stamps = pd.to_datetime(published, errors="coerce")
    days = np.full(len(stamps), np.nan)
    ok = stamps.notna().to_numpy()
    days[ok] = stamps[ok].to_numpy().astype("datetime64[D]").astype("int64")
    return days


def average_linkage(n: int, pairs: pd.DataFrame, *, threshold: float = THRESHOLD) -> np.ndarray:
    """Group-average agglomeration on sparse similarities: the best pair of groups merges first, while
    the mean similarity over all their cross pairs (missing pairs counting 0) is at least ``threshold``.

    Deterministic: ties are broken by the groups' lowest row positions.

    Returns:
        A group number per row (the lowest row position in the group).
    """
    links: dict[int, dict[int, float]] = {}
    for i, j, s in zip(pairs["i"].to_numpy(), pairs["j"].to_numpy(), pairs["similarity"].to_numpy()):
        i, j, s = int(i), int(j), float(s)
        links.setdefault(i, {})[j] = s
        links.setdefault(j, {})[i] = s
    size = {i: 1 for i in links}
    members: dict[int, list[int]] = {i: [i] for i in links}
    heap = [(-s, min(i, j), max(i, j)) for i, j, s in zip(pairs["i"], pairs["j"], pairs["similarity"])
            if s >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in size or b not in size or b not in links[a]:
            continue
        mean = links[a][b] / (size[a] * size[b])
        if abs(mean + negative) > 1e-12:   # stale entry: the pair's mean changed since it was pushed
            continue
        keep, gone = (a, b) if (size[a], -a) >= (size[b], -b) else (b, a)
        for other, weight in links.pop(gone).items():
            del links[other][gone]
            if other != keep:
                links[keep][other] = links[keep].get(other, 0.0) + weight
                links[other][keep] = links[keep][other]
        size[keep] += size.pop(gone)
        members[keep] += members.pop(gone)
        for other, weight in links[keep].items():
            mean = weight / (size[keep] * size[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    labels = np.arange(n)
    for group_members in members.values():
        labels[group_members] = min(group_members)
    return labels


def _attach(labels: np.ndarray, pairs: pd.DataFrame, undated: np.ndarray, *,
            similarity: float = ATTACH_SIMILARITY) -> np.ndarray:
    """Move each group of undated articles into the group of the dated article most similar to any of its
    members, if that similarity reaches ``similarity`` (ties: the lower group number).

    The nearest article rather than the mean over a group: a mean favours small tight groups, so an
    undated article would join a one-article event of another year that shares a few words rather than
    the large event its nearest neighbour belongs to.
    """
    if pairs.empty:
        return labels
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    loose = np.where(undated[i], i, j)
    fixed = np.where(undated[i], j, i)
    best = pd.DataFrame({"u": labels[loose], "d": labels[fixed], "s": pairs["similarity"].to_numpy()})
    best = best[best["s"] >= similarity].sort_values(["u", "s", "d"], ascending=[True, False, True],
                                                    kind="stable").drop_duplicates("u")
    out = labels.copy()
    for loose_group, dated_group in zip(best["u"], best["d"]):
        out[labels == loose_group] = dated_group
    # keep the label convention (the lowest position in the group)
    return pd.Series(np.arange(len(out))).groupby(out).transform("min").to_numpy()


def group(articles: pd.DataFrame, *, window_days: int = WINDOW_DAYS, threshold: float = THRESHOLD,
          words: int = LEAD_WORDS, floor: float = PAIR_FLOOR) -> pd.Series:
    """The event of every article.

    Args:
        articles: Article table rows (``article_id``, ``published``, ``language``, ``text``).
        window_days: Days two dated articles may be apart and still be grouped.
        threshold: Minimum mean similarity within an event (higher: smaller, tighter events).
        words: Words of each article's start that represent it.
        floor: Pair similarity below which a pair counts as unrelated.

    Returns:
        Event ids (``e0001``, ...), indexed like ``articles``; numbered by the event's first date (undated
        events last), then its first article id, so the same input always gives the same ids.

    Raises:
        CorpusError: For a negative window or a threshold outside (0, 1].
    """
    if window_days < 0 or not 0 < threshold <= 1:
        raise CorpusError(f"window_days must be >= 0 and threshold in (0, 1]; got {window_days} and {threshold}")
    if articles.empty:
        return pd.Series([], index=articles.index, dtype="object", name="event")
    prepared = _Prepared(articles, words=words, window_days=window_days, floor=floor)
    return prepared.events(window_days=window_days, threshold=threshold)


class _Prepared:
    """Articles in date order with their vectors and candidate pairs, grouped at several settings (sweeps)."""

    def __init__(self, articles: pd.DataFrame, *, words: int, window_days: int, floor: float) -> None:
        positions = articles.assign(_row=np.arange(len(articles))).sort_values(
            ["published", "article_id"], na_position="last", kind="stable")["_row"].to_numpy()
        self.articles, self.positions = articles, positions
        self.ordered = articles.iloc[positions]
        self.matrix = vectors(self.ordered, words=words)
        self.pairs = similar_pairs(self.matrix, self.ordered["published"], window_days=window_days, floor=floor)
        days = _days(self.ordered["published"])
        self.undated = np.isnan(days)
        i, j = self.pairs["i"].to_numpy(), self.pairs["j"].to_numpy()
        self.gap = np.abs(days[i] - days[j])    # NaN when either is undated
        self.mixed = self.undated[i] != self.undated[j]

    def events(self, *, window_days: int, threshold: float, floor: float = 0.0) -> pd.Series:
        """Event ids at these settings (the window no wider, the floor no lower than prepared)."""
        keep = ~(self.gap > window_days) & (self.pairs["similarity"].to_numpy() >= floor)
        pairs, mixed = self.pairs[keep], self.mixed[keep]
        # the dated articles among themselves and the undated among themselves first; then each undated
        # group joins the dated event it is most similar to, so an undated article never bridges events
        # far apart in time
        labels = average_linkage(len(self.ordered), pairs[~mixed], threshold=threshold)
        labels = _attach(labels, pairs[mixed], self.undated)
        first = pd.Series(labels).drop_duplicates().sort_values().to_numpy()
        width = max(4, len(str(len(first))))
        names = {label: f"e{number:0{width}d}" for number, label in enumerate(first, start=1)}
        out = np.empty(len(labels), dtype=object)
        out[self.positions] = [names[label] for label in labels]
        return pd.Series(out, index=self.articles.index, name="event")


def table_events(articles: pd.DataFrame, events: pd.Series, *, min_outlets: int = 1,
                 words: int = LEAD_WORDS) -> pd.DataFrame:
    """One row per event: its dates, articles, outlets and the headline of its most central article.

    Args:
        articles: Article table rows.
        events: :func:`group`'s result for them.
        min_outlets: Keep events covered by at least this many outlets.
        words: Words of each article that represent it (as in :func:`group`).

    Returns:
        Columns :data:`EVENT_COLUMNS`; ``title`` and ``article_id`` are the event's most central article
        (the highest similarity to the event's mean vector; the first article for one-article events).
        Sorted by outlets (most first), articles, then event.
    """
    if articles.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    frame = articles.assign(event=events.to_numpy(), _row=np.arange(len(articles)))
    counts = frame.groupby("event")["outlet"].nunique()
    frame = frame[frame["event"].map(counts) >= min_outlets]
    if frame.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    frame = frame.sort_values(["published", "article_id"], na_position="last", kind="stable")
    central = frame.assign(_closeness=closeness(frame, words=words)).sort_values(
        ["event", "_closeness", "published", "article_id"], ascending=[True, False, True, True],
        na_position="last", kind="stable").drop_duplicates("event").set_index("event")
    titles = central["title"].where(central["title"].notna(), central["text"].map(
        lambda t: str(t).split("\n")[0][:120]))
    grouped = frame.groupby("event", sort=True)
    table = pd.DataFrame({
        "first": grouped["published"].min(), "last": grouped["published"].max(),
        "articles": grouped.size(), "outlets": grouped["outlet"].nunique(),
        "outlet_list": grouped["outlet"].agg(lambda s: ", ".join(sorted(set(s)))),
        "title": titles, "article_id": central["article_id"],
    }).rename_axis("event").reset_index()
    table = table.sort_values(["outlets", "articles", "event"], ascending=[False, False, True], kind="stable")
    return table[EVENT_COLUMNS].reset_index(drop=True)


def closeness(frame: pd.DataFrame, *, words: int = LEAD_WORDS) -> np.ndarray:
    """How central each article is in its event (``frame["event"]``): the dot product of its vector with
    the sum of its event's vectors (the event's most central article has the highest)."""
    matrix = vectors(frame, words=words)
    codes, names = pd.factorize(frame["event"], sort=True)
    membership = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                                   shape=(len(names), len(codes)))
    centroids = membership @ matrix
    return np.asarray(centroids[codes].multiply(matrix).sum(axis=1)).ravel()


def choose_event(articles: pd.DataFrame, events: pd.Series, event: str = "") -> str | None:
    """The named event, or (``event`` empty) the one covered by most outlets (then most articles).

    Raises:
        CorpusError: For an event id that is not among ``events``.
    """
    if event:
        if event not in set(events):
            raise CorpusError(f"no event {event!r} in this corpus; events run from e0001 to {events.max()}")
        return event
    table = table_events(articles, events)
    return None if table.empty else str(table["event"].iloc[0])


# --- scores ------------------------------------------------------------------------------------------


def _pairs_within(counts: pd.Series) -> int:
    values = counts.to_numpy(dtype=np.int64)
    return int((values * (values - 1) // 2).sum())


def pair_scores(predicted: Iterable, gold: Iterable, *, outlets: Iterable | None = None) -> dict:
    """Pair precision, recall and F1 of a grouping against gold events.

    A pair of articles is *predicted* when both are in the same predicted event and *gold* when both
    have the same gold event; precision = |predicted and gold| / |predicted|, recall = ... / |gold|.
    Counted from contingency tables, so it is exact and fast for large sets.

    Args:
        predicted: Predicted event per article.
        gold: Gold event per article (give unlabelled singletons a unique label of their own).
        outlets: If given, count only pairs of articles from *different* outlets.

    Returns:
        ``pairs`` (all pairs counted), ``predicted``, ``gold``, ``both``, ``precision``, ``recall``, ``f1``
        (precision and recall are 1.0 when there is nothing to find).
    """
    frame = pd.DataFrame({"p": list(predicted), "g": list(gold)})
    n = len(frame)
    both = _pairs_within(frame.groupby(["p", "g"]).size())
    predicted_pairs = _pairs_within(frame.groupby("p").size())
    gold_pairs = _pairs_within(frame.groupby("g").size())
    total = n * (n - 1) // 2
    if outlets is not None:
        frame["o"] = list(outlets)
        both -= _pairs_within(frame.groupby(["p", "g", "o"]).size())
        predicted_pairs -= _pairs_within(frame.groupby(["p", "o"]).size())
        gold_pairs -= _pairs_within(frame.groupby(["g", "o"]).size())
        total -= _pairs_within(frame.groupby("o").size())
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": total, "predicted": predicted_pairs, "gold": gold_pairs, "both": both,
            "precision": precision, "recall": recall, "f1": f1}


def bcubed_scores(predicted: Iterable, gold: Iterable) -> dict:
    """B-cubed precision, recall and F1: per article, the share of its predicted event that shares its
    gold event (precision) and of its gold event that shares its predicted event (recall), averaged over
    articles, so big events do not dominate as they do in pair counts."""
    frame = pd.DataFrame({"p": list(predicted), "g": list(gold)})
    if frame.empty:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    cell = frame.groupby(["p", "g"]).size().rename("n").reset_index()
    p_size = frame.groupby("p").size()
    g_size = frame.groupby("g").size()
    precision = float((cell["n"] ** 2 / p_size.loc[cell["p"]].to_numpy()).sum() / len(frame))
    recall = float((cell["n"] ** 2 / g_size.loc[cell["g"]].to_numpy()).sum() / len(frame))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _fmt(scores: dict) -> str:
    return f"P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}"


# --- side by side ------------------------------------------------------------------------------------


def _mentions_of(source, family: str) -> pd.DataFrame:
    """One family's mentions from a ``figures.Inputs``, a mapping of family -> table, or one table."""
    if hasattr(source, "mentions") and callable(source.mentions):
        return source.mentions(family)
    if isinstance(source, Mapping):
        for key in (family, family.rstrip("s")):
            if key in source:
                return source[key]
        return pd.DataFrame()
    if isinstance(source, pd.DataFrame):
        if "family" not in source:
            return source
        return source[source["family"].isin([family, family.rstrip("s")])]
    raise TypeError("mentions must be a figures.Inputs, a mapping of family to table, or a mentions table")


def _count_choices(values: pd.Series) -> tuple[str, int]:
    """``"a ×3; b ×1"`` for the most common values (at most :data:`TOP_CHOICES`) and their total."""
    counts = Counter(str(v) for v in values if isinstance(v, str) and v)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = "; ".join(f"{value} ×{n}" if n > 1 else value for value, n in ranked[:TOP_CHOICES])
    more = len(ranked) - TOP_CHOICES
    return (shown + (f"; +{more} more" if more > 0 else "")) if ranked else NONE_FOUND, sum(counts.values())


def _example(rows: pd.DataFrame, column: str) -> tuple[str | None, str | None]:
    """The first sentence (by article and position) that shows the most common value of ``column``."""
    if rows.empty:
        return None, None
    top = rows[column].astype(str).value_counts()
    best = sorted(top[top == top.max()].index)[0]
    chosen = rows[rows[column].astype(str) == best].sort_values(["article_id", "start"], kind="stable").iloc[0]
    return str(chosen["article_id"]), " ".join(str(chosen["sentence"]).split())


def _row(event, aspect, outlet, choices, mentions, articles, example) -> dict:
    article_id, sentence = example
    return {"event": event, "aspect": aspect, "outlet": outlet, "choices": choices, "mentions": mentions,
            "articles": articles, "example_article_id": article_id, "example_sentence": sentence}


def side_by_side(event_articles: pd.DataFrame, inputs_or_mentions, *, topic: Topic) -> pd.DataFrame:
    """Each outlet's choices in one event, aspect by aspect, with an example sentence per row.

    Aspects (:data:`ASPECTS`): the outlet's ``headlines``; its ``naming`` (which name of a place, a war,
    a person it uses, with the naming variant, from the wording family's naming lexicon); charged
    ``labels`` (from the lexicons; the machine-learned tagger's are left out); ``designations``
    (designation: entity); the ``sources`` it quotes, by side (the topic pack's sides); ``unnamed
    sources`` (attributions to sources that withhold a name); and the reporting ``verbs`` it uses, by
    the speaker's side. Every outlet gets every aspect; ``(none found)`` says the extractors found
    nothing (which can also be a miss: read the measured error rates).

    Args:
        event_articles: The articles of one event (Article table rows, with an ``event`` column or not).
        inputs_or_mentions: A :class:`analysis.figures.Inputs`, a mapping of family name to mentions, or a
            mentions table of any families (the rows of other articles are ignored).
        topic: The topic pack (side names).

    Returns:
        Columns :data:`SIDE_BY_SIDE_COLUMNS`: one row per aspect and outlet, sorted by aspect (in
        :data:`ASPECTS` order) then outlet. ``mentions``: how many findings; ``articles``: how many of
        the outlet's articles in the event have at least one.
    """
    if event_articles.empty:
        return pd.DataFrame(columns=SIDE_BY_SIDE_COLUMNS)
    event = (str(event_articles["event"].iloc[0]) if "event" in event_articles
             and event_articles["event"].nunique() == 1 else None)
    ids = set(event_articles["article_id"])
    found = {}
    for family in ("wording", "designations", "sourcing"):
        table = _mentions_of(inputs_or_mentions, family)
        found[family] = table[table["article_id"].isin(ids)] if len(table) else pd.DataFrame()
    rows = []
    ordered = event_articles.sort_values(["published", "article_id"], na_position="last", kind="stable")
    for outlet, own in ordered.groupby("outlet", sort=True):
        rows.append(_headlines_row(event, outlet, own))
        mine = {family: _of_outlet(table, outlet) for family, table in found.items()}
        for aspect, table, choice in _aspects(mine, topic):
            if table.empty:
                rows.append(_row(event, aspect, outlet, NONE_FOUND, 0, 0, (None, None)))
                continue
            table = table.assign(_choice=choice(table).to_numpy())
            choices, count = _count_choices(table["_choice"])
            if aspect == "unnamed sources":
                choices = f"{len(table)} of {len(mine['sourcing'])} attributions: " + choices
            rows.append(_row(event, aspect, outlet, choices, count, int(table["article_id"].nunique()),
                             _example(table, "_choice")))
    out = pd.DataFrame(rows, columns=SIDE_BY_SIDE_COLUMNS)
    out["_order"] = out["aspect"].map({a: n for n, a in enumerate(ASPECTS)})
    return out.sort_values(["_order", "outlet"], kind="stable").drop(columns="_order").reset_index(drop=True)


def _headlines_row(event: str | None, outlet: str, own: pd.DataFrame) -> dict:
    """The outlet's headlines in the event (the first three, in date order)."""
    titles = own["title"].where(own["title"].notna(), own["text"].map(lambda t: str(t).split("\n")[0][:160]))
    shown = " | ".join(titles.astype(str).tolist()[:3]) + (f" | +{len(own) - 3} more" if len(own) > 3 else "")
    return _row(event, "headlines", outlet, shown, len(own), len(own), (str(own["article_id"].iloc[0]),
                                                                         str(titles.iloc[0])))


def _of_outlet(table: pd.DataFrame, outlet: str) -> pd.DataFrame:
    return table[table["outlet"] == outlet] if len(table) else table


def _aspects(mine: dict[str, pd.DataFrame], topic: Topic):
    """(aspect, the mentions behind it, how each mention reads as a choice) for each aspect but headlines."""
    def side(values: pd.Series) -> pd.Series:
        return values.astype("object").map(lambda s: topic.side_name(s if isinstance(s, str) and s else "unknown"))

    def verb(values: pd.Series) -> pd.Series:
        return values.astype("object").map(
            lambda v: v if isinstance(v, str) and any(c.isalpha() for c in v) else "(punctuation)")

    sourcing = mine["sourcing"]
    unnamed = sourcing[sourcing["anonymous"].fillna(False).astype(bool)] if len(sourcing) else sourcing
    return (
        ("naming", _kind(mine["wording"], "naming"),
         lambda t: t["term"].astype(str) + _parenthesis(t.get("variant"))),
        ("labels", _kind(mine["wording"], "label", detector="lexicon"),
         lambda t: t["term"].astype(str) + _parenthesis(t["category"])),
        ("designations", mine["designations"],
         lambda t: t["category"].astype(str).str.replace("_", " ") + ": " + t["entity"].fillna(t["term"]).astype(str)),
        ("sources", sourcing, lambda t: side(t["side"]) + ": " + _speaker(t)),
        ("unnamed sources", unnamed, lambda t: side(t["side"]) + ": " + _speaker(t)),
        ("verbs", sourcing, lambda t: side(t["side"]) + ": " + verb(t["verb"])),
    )


def _kind(table: pd.DataFrame, kind: str, *, detector: str | None = None) -> pd.DataFrame:
    """Rows of one ``kind`` (and, if given, found by one ``detector``: the lexicons, not the tagger)."""
    if not len(table) or "kind" not in table:
        return table.iloc[0:0]
    keep = table["kind"] == kind
    if detector is not None and "detector" in table:
        keep &= table["detector"] == detector
    return table[keep]


def _parenthesis(values: pd.Series | None) -> pd.Series | str:
    """`` (value)`` with underscores as spaces, or nothing where the value is missing."""
    if values is None:
        return ""
    text = values.astype("object").where(values.notna(), None)
    return text.map(lambda v: f" ({str(v).replace('_', ' ')})" if isinstance(v, str) and v else "")


def _speaker(table: pd.DataFrame) -> pd.Series:
    """The speaker as written (cut at 60 characters), or a note when the extractor could not resolve it."""
    return table["speaker"].astype("object").map(
        lambda v: str(v)[:60] if isinstance(v, str) and v.strip() else "(speaker not resolved)")


def wide(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`side_by_side` as one row per aspect and one column per outlet (the choices only)."""
    if table.empty:
        return pd.DataFrame()
    pivot = table.pivot(index="aspect", columns="outlet", values="choices")
    return pivot.reindex([a for a in ASPECTS if a in pivot.index])


# --- evaluation ----------------------------------------------------------------------------------------

#: RUWA sites whose rows tune the constants; the other sites' rows are held out.
RUWA_TUNING_SITES = ("aljazeera", "msnbc", "reuters", "tass", "ukrinform")
#: An event's *core*: its rows within this many days of its busiest day.
CORE_DAYS = 3
#: RUWA's label for the war's first weeks as a whole, which is no single event.
RUWA_WHOLE_WAR = "beginning"
#: Settings the evaluations sweep (the module's constants are among them).
SWEEP_WINDOWS = (2, 3, 5)
SWEEP_THRESHOLDS = (0.01, 0.02, 0.04, 0.08)


def sweep(articles: pd.DataFrame, scorer: Callable[[pd.Series], dict], *,
          windows: Iterable[int] = SWEEP_WINDOWS, thresholds: Iterable[float] = SWEEP_THRESHOLDS) -> pd.DataFrame:
    """Score the grouping at every window and threshold (vectors and pairs computed once).

    Returns:
        One row per setting: ``window_days``, ``threshold``, ``precision``, ``recall``, ``f1`` (from
        ``scorer(events)``), sorted by window then threshold.
    """
    windows, thresholds = sorted(windows), sorted(thresholds)
    prepared = _Prepared(articles, words=LEAD_WORDS, window_days=max(windows), floor=PAIR_FLOOR)
    rows = []
    for window in windows:
        for threshold in thresholds:
            scores = scorer(prepared.events(window_days=window, threshold=threshold))
            rows.append({"window_days": window, "threshold": threshold, **{k: scores[k] for k in
                                                                             ("precision", "recall", "f1")}})
    return pd.DataFrame(rows)


def _sweep_text(table: pd.DataFrame, *, title: str) -> list[str]:
    """The sweep as lines: one row per window, F1 per threshold, the module's setting marked with *."""
    lines = [title, "  window  " + "".join(f"{t:>9}" for t in sorted(table["threshold"].unique()))]
    for window, rows in table.groupby("window_days", sort=True):
        cells = []
        for _, row in rows.sort_values("threshold").iterrows():
            mark = "*" if window == WINDOW_DAYS and np.isclose(row["threshold"], THRESHOLD) else " "
            cells.append(f"{row['f1']:>8.3f}{mark}")
        lines.append(f"  {window:>4} d  " + "".join(cells))
    best = table.sort_values(["f1", "window_days", "threshold"], ascending=[False, True, True]).iloc[0]
    lines.append(f"  best here: window {int(best['window_days'])} d, threshold {best['threshold']} "
                 f"(F1 {best['f1']:.3f}); * = the module's WINDOW_DAYS={WINDOW_DAYS}, THRESHOLD={THRESHOLD}")
    return lines


def ruwa_cores(articles: pd.DataFrame, *, days: int = CORE_DAYS) -> pd.Series:
    """Whether each RUWA row is in its event's core: within ``days`` of the event's busiest day, and not
    RUWA's whole-war label (:data:`RUWA_WHOLE_WAR`)."""
    day = pd.to_datetime(articles["published"]).dt.normalize()
    busiest = day.groupby(articles["event"]).agg(lambda d: d.value_counts().sort_index().idxmax())
    near = (day - articles["event"].map(busiest)).abs() <= pd.Timedelta(days=days)
    return near & articles["event"].notna() & (articles["event"] != RUWA_WHOLE_WAR)


def evaluate_ruwa() -> str:
    """Same-event grouping against RUWA's ``Event`` labels (headlines and sub-headings of nine sites).

    RUWA labels rows with nine events chosen by keyword; most rows carry the label because of their
    date and a keyword, and several labels span months (the war's beginning, the nuclear plant), so a
    label is closer to a *topic* than to one event. Pair counts are dominated by the biggest labels.
    Reported: the sweep on the tuning sites' event cores (each event's rows within :data:`CORE_DAYS` of
    its busiest day, the whole-war label left out), then the held-out sites' cores and all rows with
    pair and B-cubed scores, all pairs and pairs of different outlets, and per event.
    """
    from analysis import corpus, datasets

    if not datasets.is_available("ruwa"):
        return "events: skipped (ruwa not available; set ANALYSIS_DATA_MIRROR or run make data)"
    articles = corpus.load("ruwa").articles.reset_index(drop=True)
    articles = articles[articles["event"].notna()].reset_index(drop=True)
    core = ruwa_cores(articles)
    tuning = articles["outlet"].isin(RUWA_TUNING_SITES)
    lines = [f"events: RUWA, {len(articles):,} headline rows of {articles['outlet'].nunique()} sites labelled with "
             f"{articles['event'].nunique()} events; tuning sites {', '.join(RUWA_TUNING_SITES)}; held out: "
             f"{', '.join(sorted(set(articles['outlet']) - set(RUWA_TUNING_SITES)))}",
             f"  event cores (rows within {CORE_DAYS} days of the event's busiest day, '{RUWA_WHOLE_WAR}' left "
             f"out): {int((core & tuning).sum()):,} tuning rows, {int((core & ~tuning).sum()):,} held-out rows"]

    def on(mask):
        return lambda events: pair_scores(events[mask], articles.loc[mask, "event"])

    lines += _sweep_text(sweep(articles, on(core & tuning)),
                         title="  sweep, tuning sites' cores, pair F1 (grouping all RUWA rows):")
    started = pd.Timestamp.now()
    events = group(articles)
    seconds = (pd.Timestamp.now() - started).total_seconds()
    lines.append(f"  grouping all {len(articles):,} rows at the module's setting took {seconds:.1f} s: "
                 f"{events.nunique():,} events, {int((events.value_counts() > 1).sum()):,} with 2+ rows")
    for name, mask in (("held-out cores", core & ~tuning), ("tuning cores", core & tuning),
                       ("all rows, all sites", pd.Series(True, index=articles.index))):
        gold = articles.loc[mask, "event"]
        lines.append(f"  {name} ({int(mask.sum()):,} rows): pairs {_fmt(pair_scores(events[mask], gold))} | "
                     f"different outlets {_fmt(pair_scores(events[mask], gold, outlets=articles.loc[mask, 'outlet']))}"
                     f" | B-cubed {_fmt(bcubed_scores(events[mask], gold))}")
    lines.append("  per event, held-out cores (B-cubed: of the rows' predicted events, the share with the same "
                 "label; of their label, the share in the same predicted event):")
    mask = core & ~tuning
    for label, rows in articles[mask].groupby("event", sort=True):
        own = bcubed_scores(events[rows.index], rows["event"])
        purity = _purity(events[mask], articles.loc[mask, "event"], label)
        lines.append(f"    {label:12} {len(rows):4} rows in {events[rows.index].nunique():3} events; "
                     f"B-cubed recall {own['recall']:.3f}, precision {purity:.3f}")
    lines.append("  Read: precision is the meaningful number here (do our events mix RUWA's labels?); recall "
                 "is low by design, because RUWA's labels lump many stories of several days or weeks that "
                 "the grouping keeps apart.")
    return "\n".join(lines)


def _purity(predicted: pd.Series, gold: pd.Series, label: str) -> float:
    """B-cubed precision of the rows labelled ``label``: per row, the share of its predicted event
    (among the scored rows) that has the same label, averaged."""
    frame = pd.DataFrame({"p": predicted.to_numpy(), "g": gold.to_numpy()})
    sizes = frame.groupby("p").size()
    same = frame[frame["g"] == label].groupby("p").size()
    rows = frame[frame["g"] == label]
    return float((same.loc[rows["p"]].to_numpy() / sizes.loc[rows["p"]].to_numpy()).mean()) if len(rows) else 1.0


def read_fulltext_gold(path: Path = FULLTEXT_GOLD) -> pd.DataFrame:
    """The same-event gold set of full articles: ``article_id``, ``event`` (empty: an article whose event
    no other listed article covers), ``slice`` (``tuning`` or ``test``). The file's comment lines say
    how the articles were chosen and labelled."""
    if not path.exists():
        raise CorpusError(f"{path}: the same-event gold set is missing")
    gold = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    missing = {"article_id", "event", "slice"} - set(gold.columns)
    if missing:
        raise CorpusError(f"{path}: columns {sorted(missing)} are missing")
    return gold


def evaluate_fulltext() -> str:
    """Same-event grouping of full articles against our own labels (``tests/data/events_fulltext.csv``).

    Every article of the default corpus's full-text outlets (Al Jazeera, BBC, RRN, TASS, RT seeds ...)
    in two periods was read and labelled by event (a seminal happening and the events directly tied to
    it, as in the TDT evaluations), undated BBC articles too; January 2023 tunes, February 2023 and the
    undated articles are held out. The grouping runs on the whole default corpus. Scored: all pairs of
    labelled articles (an article labelled with no event is an event of its own), and the articles of
    multi-article events only (are same-event articles together and different events apart?).
    """
    from analysis import corpus, datasets

    wanted = ("aj_bbc_2023", "ppn_en")
    missing = [name for name in wanted if not datasets.is_available(name)]
    if missing:
        return f"events_fulltext: skipped ({', '.join(missing)} not available; set ANALYSIS_DATA_MIRROR or make data)"
    gold = read_fulltext_gold()
    articles = corpus.load("default").articles.reset_index(drop=True)
    position = pd.Series(np.arange(len(articles)), index=articles["article_id"])
    absent = sorted(set(gold["article_id"]) - set(position.index))
    if absent:
        return f"events_fulltext: {len(absent)} labelled articles are not in the default corpus, e.g. {absent[:3]}"
    gold = gold.assign(_row=position.loc[gold["article_id"]].to_numpy(),
                       label=gold["event"].where(gold["event"] != "", "single:" + gold["article_id"]))
    outlets = articles["outlet"].to_numpy()
    lines = [f"events_fulltext: {len(gold)} full articles read and labelled ({(gold['event'] != '').sum()} in "
             f"{gold.loc[gold['event'] != '', 'event'].nunique()} multi-article events, the rest events of their "
             f"own); tuning: {(gold['slice'] == 'tuning').sum()}, held out: {(gold['slice'] == 'test').sum()}; "
             f"grouped within the whole default corpus ({len(articles):,} articles)"]

    def on(part: pd.DataFrame, *, events_only: bool = False, different: bool = False):
        part = part[part["event"] != ""] if events_only else part
        return lambda events: pair_scores(events.to_numpy()[part["_row"]], part["label"],
                                          outlets=outlets[part["_row"]] if different else None)

    lines += _sweep_text(sweep(articles, on(gold[gold["slice"] == "tuning"])),
                         title="  sweep, tuning articles, pair F1:")
    events = group(articles)
    for name in ("test", "tuning"):
        part = gold[gold["slice"] == name]
        title = "held out" if name == "test" else "tuning"
        lines.append(f"  {title} ({len(part)} articles): all pairs {_fmt(on(part)(events))} | different outlets "
                     f"{_fmt(on(part, different=True)(events))} | B-cubed "
                     f"{_fmt(bcubed_scores(events.to_numpy()[part['_row']], part['label']))}")
        lines.append(f"  {title}, articles of multi-article events only ({(part['event'] != '').sum()}): pairs "
                     f"{_fmt(on(part, events_only=True)(events))}")
    lines.append("  per held-out event (articles, outlets; predicted events that hold them, largest share):")
    test = gold[(gold["slice"] == "test") & (gold["event"] != "")]
    for label, rows in test.groupby("event", sort=True):
        predicted = events.to_numpy()[rows["_row"]]
        largest = pd.Series(predicted).value_counts().iloc[0]
        lines.append(f"    {label:34} {len(rows):3} articles, {len(set(outlets[rows['_row']]))} outlets; "
                     f"in {len(set(predicted))} events, largest holds {largest}")
    return "\n".join(lines)


EVALUATIONS: dict[str, Callable[[], str]] = {"events": evaluate_ruwa, "events_fulltext": evaluate_fulltext}


# --- figure --------------------------------------------------------------------------------------------

#: Columns of :func:`table_event_coverage`.
COVERAGE_COLUMNS = ["event", "label", "first", "outlets", "outlet", "articles", "example_article_id", "example"]
#: Events drawn in the coverage figure.
COVERAGE_EVENTS = 15


def table_event_coverage(articles: pd.DataFrame, events: pd.Series, *, top: int = COVERAGE_EVENTS) -> pd.DataFrame:
    """Which outlets covered the events most outlets covered, and with how many articles.

    Args:
        articles: Article table rows.
        events: :func:`group`'s result for them.
        top: How many events (the most outlets first, then the most articles).

    Returns:
        Columns :data:`COVERAGE_COLUMNS`: one row per event and outlet that covered it; ``label`` is the
        event's first date and the headline of its most central article; ``example`` the outlet's most central
        article in the event (its headline) with its id. Sorted by the events' rank, then outlet.
    """
    chosen = table_events(articles, events, min_outlets=2).head(top)
    if chosen.empty:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    frame = articles.assign(event=events.to_numpy())
    frame = frame[frame["event"].isin(chosen["event"])].sort_values(["published", "article_id"], na_position="last",
                                                                    kind="stable")
    frame = frame.assign(_closeness=closeness(frame)).sort_values(
        ["event", "outlet", "_closeness", "article_id"], ascending=[True, True, False, True], kind="stable")
    rows = []
    for rank, event in enumerate(chosen.itertuples(index=False)):
        first = event.first.strftime("%Y-%m-%d") if pd.notna(event.first) else "undated"
        label = f"{event.event} {first}: {str(event.title)[:70]}"
        for outlet, own in frame[frame["event"] == event.event].groupby("outlet", sort=True):
            title = _headline(own.iloc[0])
            rows.append({"event": event.event, "label": label, "first": event.first, "outlets": event.outlets,
                         "outlet": outlet, "articles": len(own), "example_article_id": own["article_id"].iloc[0],
                         "example": title, "_rank": rank})
    return pd.DataFrame(rows).sort_values(["_rank", "outlet"], kind="stable").drop(columns="_rank")[
        COVERAGE_COLUMNS].reset_index(drop=True)


def _headline(article: Mapping) -> str:
    """An article's title, or the first line of its text when it has none."""
    title = article["title"]
    return str(title) if isinstance(title, str) and title else str(article["text"]).split("\n")[0][:160]


def _coverage_evidence(row: Mapping, inputs) -> pd.DataFrame:
    """The articles of one event and outlet in the coverage figure, each with its headline as the sentence."""
    articles = inputs.corpus.articles
    chosen = articles[(group(articles) == row["event"]).to_numpy() & (articles["outlet"] == row["outlet"]).to_numpy()]
    return pd.DataFrame({"article_id": chosen["article_id"], "outlet": chosen["outlet"], "family": "events",
                         "kind": "article", "term": chosen["title"], "start": 0, "end": chosen["text"].str.len(),
                         "sentence": [_headline(a) for a in chosen.to_dict("records")]})


def _figures() -> list:
    from analysis import plots
    from analysis.figures import FigureSpec

    return [FigureSpec("events_coverage", "Events covered by the most outlets, and by whom",
                       lambda inputs: table_event_coverage(inputs.corpus.articles, group(inputs.corpus.articles)),
                       lambda table, topic: plots.fig_events_coverage(table), "07-same-event",
                       evidence=_coverage_evidence)]


FIGURES = _figures()
