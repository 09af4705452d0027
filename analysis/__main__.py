"""Command line: ``python -m analysis COMMAND ...`` (``python -m analysis --help`` lists them).

* ``corpus PATH_OR_DATASET...``: load a corpus; print articles per outlet and language, date range
  and skipped items by reason, or with ``--jsonl`` one JSON object per article.
* ``events PATH_OR_DATASET... [--jsonl] [--window DAYS] [--threshold X]``: group the articles of different
  outlets into events (same event: dates a few days apart, similar text); with ``--jsonl`` one JSON
  object per article (``doc``, ``article_id``, ``url``, ``outlet``, ``published``, ``event``), else the events
  covered by two or more outlets; a summary goes to standard error.
* ``extract PATH_OR_DATASET... [--family F] [--topic T] [--jsonl] [--no-clean] [-o FILE]``: the mentions of
  every family (or the given ones), one JSON object per mention with ``--jsonl``; ``-o`` writes the format its
  suffix names (``.parquet``, ``.csv``: the mentions table; ``.jsonl``: one JSON object per mention).

Every command that reads a corpus takes the reading options ``--map FIELD=COLUMN``, ``--outlet SLUG``,
``--date-format FORMAT`` and ``--dayfirst``; they apply to corpora given as paths.
* ``topics`` and ``topics new NAME``: list the topic packs; write a documented skeleton pack.
* ``trace FIGURE [--row N]``: the mentions behind a figure's row, with article, span and sentence.
* ``sourcing-unknown [--corpus SPEC | --mentions FILE.parquet] [--top N]``: the share of attributions whose
  speaker has no side, per outlet, and the most quoted speakers without one (what the pack should learn next).
* ``datasets``: the dataset registry and what is available here.
* ``data fetch|verify|manifest``: download registered datasets and verify them against their manifests.
* ``figures``: rebuild every registered figure and its CSV twin.

Every command that extracts mentions (``extract``, ``figures``, ``report``, ``trace``, ``sourcing-unknown``) takes
``--jobs N`` (default: every core), ``--scheduler ADDRESS`` (a Dask scheduler, or ``local``; default:
``$ANALYSIS_SCHEDULER``) and ``--quiet`` (no progress bar); only articles missing from the mentions store
(:mod:`analysis.store`) are extracted.
* ``report [--show-code]``: execute the notebooks, render them to HTML, and write the index page.
* ``annotate PATH [PATH2] -o FILE.html``: articles side by side with every finding highlighted (or
  ``--article-id ID`` of ``--corpus``).

Every command that reads a topic pack takes ``--topic NAME_OR_PATH`` (default: ``$ANALYSIS_TOPIC`` or
``ukraine_war``).
* ``evaluate``: measured accuracy on data with known answers.
* ``cache [--prune] [--unused-days N] [--dry-run]``: what ``data/cache`` holds by stage, and pruning: store
  folders no current code or pack writes, entries unused for 30 days.
* ``bench``: measure corpus loading time and peak memory, ``--family F`` extraction throughput, or ``--scale``
  (``make bench``) every stage on resampled corpora of 10,000 and 100,000 articles (``--sizes``, ``--stages``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

from analysis.errors import CorpusError


def _corpus_command(args: argparse.Namespace) -> int:
    from analysis import corpus

    options = _read_options(args)
    loaded = corpus.load(args.sources, options=options, cache=not args.no_cache, jobs=args.jobs)
    with (Path(args.output).open("w", encoding="utf-8") if args.output else nullcontext(sys.stdout)) as out:
        if args.jsonl:
            for line in corpus.to_json_records(loaded.articles):
                out.write(line + "\n")
            print(loaded.summary(), file=sys.stderr)
        else:
            print(loaded.summary(), file=out)
    if args.strict and len(loaded.skipped):
        print(f"strict: {len(loaded.skipped)} items were skipped", file=sys.stderr)
        return 1
    return 0


def _events_command(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis import corpus, events

    options = _read_options(args)
    loaded = corpus.load(args.sources, options=options, cache=not args.no_cache, jobs=args.jobs)
    articles = loaded.articles
    window = events.WINDOW_DAYS if args.window is None else args.window
    threshold = events.THRESHOLD if args.threshold is None else args.threshold
    found = events.group(articles, window_days=window, threshold=threshold)
    table = events.table_events(articles, found, min_outlets=2)
    with (Path(args.output).open("w", encoding="utf-8") if args.output else nullcontext(sys.stdout)) as out:
        if args.jsonl:
            records = articles.assign(event=found, doc=corpus.document_names(articles["source"],
                                                                             articles["article_id"]))
            records = records.sort_values(["event", "published", "article_id"], na_position="last", kind="stable")
            for line in corpus.to_json_records(records, fields=events.JSONL_FIELDS):
                out.write(line + "\n")
        elif table.empty:
            print("no event is covered by two or more outlets", file=out)
        else:
            def day(column: str) -> pd.Series:
                return pd.to_datetime(table[column]).dt.strftime("%Y-%m-%d").fillna("undated")

            shown = table.assign(first=day("first"), last=day("last"),
                                 title=table["title"].astype(str).str.slice(0, 80))
            print(shown[["event", "first", "last", "articles", "outlets", "outlet_list", "title"]].to_string(
                index=False), file=out)
    multi = int((found.value_counts() > 1).sum()) if len(found) else 0
    print(f"{len(articles):,} articles in {found.nunique():,} events ({multi:,} with two or more articles, "
          f"{len(table):,} covered by two or more outlets); window {window} days, threshold {threshold}",
          file=sys.stderr)
    return 0


#: What ``extract -o FILE`` writes, by the file's suffix.
EXTRACT_FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def extract_format(output: str | None, *, jsonl: bool) -> str:
    """What ``extract`` writes: ``parquet``, ``csv`` or ``jsonl`` by the suffix of ``-o``, else ``jsonl``
    (``--jsonl``) or ``summary`` on standard output.

    Raises:
        CorpusError: For a suffix that names no format, or ``--jsonl`` with a file that is not ``.jsonl``.
    """
    if not output:
        return "jsonl" if jsonl else "summary"
    suffix = Path(output).suffix.lower()
    found = EXTRACT_FORMATS.get(suffix)
    if found is None:
        raise CorpusError(f"extract -o {output}: {suffix or 'no suffix'} names no output format; "
                          f"use {', '.join(sorted(EXTRACT_FORMATS))}")
    if jsonl and found != "jsonl":
        raise CorpusError(f"extract -o {output} writes {found}, not JSON lines; drop --jsonl or name a .jsonl file")
    return found


def _extract_command(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis import config, corpus, dateorder, mentions, topic
    from analysis.ingest import ReadLog, read_sources

    output_format = extract_format(args.output, jsonl=args.jsonl)
    if args.store_only and (args.no_cache or args.output or args.jsonl):
        raise CorpusError("extract --store-only fills the mentions store and writes no table: drop "
                          + ("--no-cache" if args.no_cache else "-o/--jsonl"))
    families = args.family or list(mentions.FAMILIES)
    mentions.prepare(topic.load(args.topic), families=families)   # a malformed pack stops here, in one line
    options = replace(_read_options(args), verbatim=args.no_clean)
    if args.no_clean:
        log = ReadLog()
        sources = corpus.resolve(args.sources, options=options)
        rows = [corpus.raw_document(raw) for source in sources for raw in read_sources(
            source.paths, options=replace(source.options, verbatim=True), dataset=source.name, log=log)]
        for note in dateorder.notes(dateorder.settle(rows)):
            print(f"dates: {note}", file=sys.stderr)
        documents = pd.DataFrame(rows, columns=["article_id", "doc", "outlet", "published", "language", "text",
                                                "source"])
        documents["doc"] = corpus.document_names(documents["source"], documents["article_id"])
        skipped = pd.DataFrame([(s.source, s.reason, s.detail) for s in log.skips], columns=corpus.SKIP_COLUMNS)
        intake = (f"read {sum(f.items for f in log.files):,} items; {len(skipped):,} files or rows skipped while "
                  "reading (--no-clean: no cleaning, no merging of duplicates)")
    else:
        loaded = corpus.load(args.sources, options=options, cache=not args.no_cache)
        for note in dateorder.notes(loaded.dates):
            print(f"dates: {note}", file=sys.stderr)
        documents = loaded.articles.assign(doc=corpus.document_names(loaded.articles["source"],
                                                                     loaded.articles["article_id"]))
        skipped = loaded.skipped
        intake = corpus.accounting_line(loaded.accounting())
    failures: list = []
    if args.no_cache:
        if _scheduler(args):
            raise CorpusError("extract --scheduler: Dask workers write into the mentions store; drop --no-cache")
        found = mentions.extract_articles(documents, families=families, topic=args.topic, jobs=args.jobs,
                                          time_limit=args.time_limit or None, failures=failures,
                                          progress=_progress(args))
    else:   # from the mentions store: only articles not stored yet are extracted
        counts: dict = {}
        options = {"families": families, "topic": args.topic, "jobs": args.jobs, "scheduler": _scheduler(args),
                   "progress": _progress(args), "time_limit": args.time_limit or None, "failures": failures,
                   "summary": counts}
        if args.store_only:
            found = None
            mentions.update(documents, **options)
        else:
            found = mentions.load(documents, **options)
        print(f"{counts['stored']:,} documents from the mentions store, {counts['extracted']:,} extracted now",
              file=sys.stderr)
    if failures:   # left out of extraction: skipped, with the article's document and id
        docs = dict(zip(documents["article_id"], documents["doc"]))
        left_out = [(docs.get(a, a), reason, f"{docs.get(a, a)} ({detail})") for a, reason, detail in failures]
        skipped = pd.concat([skipped, pd.DataFrame(left_out, columns=corpus.SKIP_COLUMNS)], ignore_index=True)
    docs = dict(zip(documents["article_id"], documents["doc"]))
    if found is None:
        print(f"the mentions store holds every family's mentions of {len(documents) - len(failures):,} documents "
              f"(--store-only: nothing read back; in {config.CACHE})", file=sys.stderr)
    elif output_format == "parquet":
        found.to_parquet(args.output, index=False)
    elif output_format == "csv":
        found.to_csv(args.output, index=False)
    else:
        with (Path(args.output).open("w", encoding="utf-8") if args.output else nullcontext(sys.stdout)) as out:
            if output_format == "jsonl":
                for row in found.to_dict("records"):
                    record = {"doc": docs.get(row["article_id"]), "family": mentions.family_name(row["family"])}
                    record.update(mentions.family_module(row["family"]).json_record(_plain(row)))
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                summary = found.groupby(["family", "kind", "category"], dropna=False).size().rename("mentions")
                print(summary.reset_index().to_string(index=False) if len(summary) else "no mentions", file=out)
    extracted = len(documents) - len(failures)
    if found is not None:
        print(f"{len(found):,} mentions in {extracted:,} documents"
              + (f" ({len(failures):,} left out of extraction, see below)" if failures else ""), file=sys.stderr)
    print(intake, file=sys.stderr)
    if not args.no_clean:
        per_file = loaded.file_accounting()
        if len(per_file) > 1 or (len(per_file) and per_file["seen"].iloc[0] > 1):
            print("per file (seen = articles + duplicates + dropped + skipped):\n"
                  + corpus.files_summary(per_file).to_string(index=False, max_colwidth=60), file=sys.stderr)
    table = corpus.skipped_by_reason_table(skipped)
    if len(table):
        print("skipped by reason:\n" + table.to_string(index=False, max_colwidth=90), file=sys.stderr)
    if args.strict and len(skipped):
        print(f"strict: {len(skipped)} items were skipped", file=sys.stderr)
        return 1
    return 0


def _plain(row: dict) -> dict:
    """A mentions row with pandas missing values as None and numbers as Python numbers."""
    import pandas as pd

    out = {}
    for key, value in row.items():
        if value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
            out[key] = None
        elif hasattr(value, "item"):
            out[key] = value.item()
        else:
            out[key] = value
    return out


def _datasets_command(args: argparse.Namespace) -> int:
    from analysis import datasets

    for name, dataset in datasets.registry().items():
        state = "available" if datasets.is_available(name) else "not available (make data)"
        where = datasets.locate(name) if datasets.is_available(name) else ""
        print(f"{name:12} {state:26} {dataset.licence:22} {where}")
        print(f"{'':12} {dataset.title}")
    return 0


def _cache_command(args: argparse.Namespace) -> int:
    from analysis import cache, config, store

    if args.prune:
        pruned = store.prune(topics=[args.topic] if args.topic else [], dry_run=args.dry_run) + \
            cache.prune(unused_days=args.unused_days, dry_run=args.dry_run)
        for path, size, reason in pruned:
            print(f"{'would delete' if args.dry_run else 'deleted'} {path} ({size / 1e6:,.1f} MB): {reason}")
        print(f"{len(pruned)} entries, {sum(s for _, s, _ in pruned) / 1e6:,.1f} MB "
              f"{'would be freed' if args.dry_run else 'freed'} in {config.CACHE}")
        return 0
    sizes: dict[str, list[int]] = {}
    for stage, path in cache.entries():
        sizes.setdefault(stage, []).append(cache.size(path))
    base = config.CACHE / store.FOLDER
    for where in sorted(base.iterdir()) if base.is_dir() else []:
        sizes.setdefault(f"{store.FOLDER}/{where.name.rpartition('-')[0] or where.name}", []).append(cache.size(where))
    print(f"{'stage':32} {'entries':>7} {'MB':>9}")
    for stage, found in sorted(sizes.items(), key=lambda item: -sum(item[1])):
        print(f"{stage:32} {len(found):>7} {sum(found) / 1e6:>9,.1f}")
    print(f"{'total':32} {sum(len(f) for f in sizes.values()):>7} {sum(map(sum, sizes.values())) / 1e6:>9,.1f}  "
          f"in {config.CACHE}")
    return 0


def _data_command(args: argparse.Namespace) -> int:
    from analysis import datasets

    names = args.names or [n for n, d in datasets.registry().items() if not d.shipped]
    if args.action == "manifest":
        if len(args.names) != 1 or not args.path:
            raise CorpusError("usage: python -m analysis data manifest NAME --path FOLDER")
        print(datasets.write_manifest(args.names[0], Path(args.path)))
        return 0
    failed = 0
    for name in names:
        if args.action == "fetch":
            mirror_ok = datasets.is_available(name) and not args.force
            result = datasets.verify(name) if mirror_ok else datasets.fetch(name, force=args.force)
        else:
            result = datasets.verify(name)
        print(result.describe())
        failed += not result.ok
    return 1 if failed else 0


def _figures_command(args: argparse.Namespace) -> int:
    from analysis import figures

    for path in figures.build_all(args.corpus, topic=args.topic, only=args.only, jobs=args.jobs,
                                  scheduler=_scheduler(args), progress=_progress(args)):
        print(path)
    return 0


def _report_command(args: argparse.Namespace) -> int:
    from analysis import mentions, report, store

    # The notebooks' kernels extract what the mentions store lacks: they read these from the environment.
    if args.jobs is not None:
        os.environ[mentions.JOBS_ENV] = str(args.jobs)
    if args.scheduler:
        os.environ[store.SCHEDULER_ENV] = args.scheduler
    for path in report.render_all(args.corpus, topic=args.topic, only=args.only,
                                  show_code=True if args.show_code else None):
        print(path)
    return 0


def _annotate_command(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis import annotate, corpus

    if not args.paths and not args.article_id:
        raise CorpusError("usage: python -m analysis annotate PATH [PATH2] -o FILE.html, or --article-id ID "
                          "[--corpus SPEC]")
    frames = [annotate.load_articles(args.paths)] if args.paths else []
    if args.article_id:
        articles = corpus.load(args.corpus).articles.set_index("article_id", drop=False)
        missing = [i for i in args.article_id if i not in articles.index]
        if missing:
            raise CorpusError(f"corpus {args.corpus!r} has no article {', '.join(missing)}")
        frames.append(articles.loc[args.article_id].reset_index(drop=True))
    print(annotate.write(pd.concat(frames, ignore_index=True), args.output, topic=args.topic, title=args.title))
    return 0


def _topics_command(args: argparse.Namespace) -> int:
    from analysis import topic

    if args.action == "new":
        if not args.name:
            raise CorpusError("usage: python -m analysis topics new NAME [--folder FOLDER]")
        path = topic.new(args.name, folder=Path(args.folder) if args.folder else None)
        print(f"wrote {path}; fill in its files (README.md says how), then use --topic {path}")
        return 0
    if args.action == "check":
        from analysis import mentions

        pack = topic.load(args.name)
        mentions.prepare(pack)
        print(f"{pack.name}: valid ({pack.path})")
        return 0
    for folder in topic.available():
        print(topic.load(folder).describe())
    return 0


def _trace_command(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis import corpus, figures, outputs, topic

    pack = topic.load(args.topic)
    figures.get(args.figure)
    csv = outputs.figures_folder(args.corpus, pack) / f"{args.figure}.csv"
    if not csv.exists():
        raise CorpusError(f"{csv}: no such table; build it first with `python -m analysis figures "
                          f"--corpus {args.corpus} --topic {pack.reference}`")
    table = pd.read_csv(csv, keep_default_na=False, na_values=[""])
    rows = range(1, len(table) + 1) if args.row is None else [args.row]
    if args.row is not None and not 1 <= args.row <= len(table):
        raise CorpusError(f"{csv}: --row {args.row} is outside the table's {len(table)} rows (the first is 1)")
    inputs = figures.Inputs(corpus.load(args.corpus), topic=pack, jobs=args.jobs, scheduler=_scheduler(args),
                            progress=_progress(args))
    for number in rows:
        row = table.iloc[number - 1].to_dict()
        found = figures.evidence(args.figure, row, inputs)
        shown = {k: v for k, v in row.items() if k not in ("example", "example_sentence", "example_article",
                                                            "example_article_id")}
        print(f"row {number}: {shown}")
        print(f"  {len(found):,} mentions in {found['article_id'].nunique():,} articles")
        limit = len(found) if args.all or args.row is not None and args.limit is None else (args.limit or 3)
        for mention in found.head(limit).to_dict("records"):
            sentence = " ".join(str(mention["sentence"]).split())
            print(f"  {mention['article_id']} [{mention['start']}:{mention['end']}] {mention['term']!r}: {sentence}")
    return 0


def _sourcing_unknown_command(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.sourcing import tables

    if args.mentions:
        found = pd.read_parquet(args.mentions)
    else:
        from analysis import corpus, figures

        found = figures.Inputs(corpus.load(args.corpus), topic=args.topic, jobs=args.jobs,
                               scheduler=_scheduler(args), progress=_progress(args)).mentions("sourcing")
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print(tables.unknown_share(found).to_string(index=False, float_format="{:.3f}".format))
        print()
        table = tables.unknown_sides(found, top=args.top)
        print(table.drop(columns=["example", "example_article", "outlet_list"]).to_string(
            float_format="{:.4f}".format))
        if args.examples:
            for number, row in table.iterrows():
                print(f"{number}: {row['example_article']}: {' '.join(str(row['example']).split())}")
    return 0


def _evaluate_command(args: argparse.Namespace) -> int:
    from analysis import evaluate

    print(evaluate.run(args.only))
    return 0


def _bench_command(args: argparse.Namespace) -> int:
    from analysis import bench, mentions

    if args.scale or args.sizes or args.stages:
        sizes = [int(s.replace("_", "")) for item in args.sizes or [] for s in item.split(",") if s.strip()]
        stages = [s.strip() for item in args.stages or [] for s in item.split(",") if s.strip()]
        try:
            bench.run_scale(sizes=sizes or bench.SIZES, stages=stages or None, seed=args.seed,
                            output=Path(args.output) if args.output else None, fresh=args.fresh,
                            jobs=[j.strip() for j in (args.bench_jobs or "").split(",") if j.strip()] or None)
        except ValueError as error:
            raise CorpusError(str(error)) from None
        return 0
    if not args.family:
        print(bench.run(args.corpus, repeat=args.repeat, output=args.output))
    families = args.family or list(mentions.FAMILIES)
    for family in families:
        words = getattr(mentions.family_module(family), "BENCH_WORDS", 700)
        print(bench.run_extraction(family, args.corpus, topic=args.topic, words=words))
    if "wording" in families and "designations" in families:
        print(bench.run_extraction(["wording", "designations"], args.corpus, topic=args.topic, words=700))
    return 0


def _scheduler(args: argparse.Namespace) -> str | None:
    """The Dask scheduler of ``--scheduler`` (or ``$ANALYSIS_SCHEDULER``), or None."""
    from analysis.store import default_scheduler

    return getattr(args, "scheduler", None) or default_scheduler()


def _progress(args: argparse.Namespace) -> bool | None:
    """False with ``--quiet``; else None (a progress bar when standard error is a terminal)."""
    return False if getattr(args, "quiet", False) else None


def _extraction_options(command: argparse.ArgumentParser, *, jobs: bool = True) -> None:
    """How articles missing from the mentions store are extracted: the same options for every command that
    extracts."""
    if jobs:
        command.add_argument("--jobs", type=int, default=None, metavar="N",
                             help="processes, or workers of --scheduler local (default: $ANALYSIS_JOBS, else all "
                                  "cores when 500 or more articles are to be extracted)")
    command.add_argument("--scheduler", metavar="ADDRESS", default=None,
                         help="extract on a Dask cluster: a scheduler's address (tcp://host:8786), or 'local' for "
                              "a local cluster of --jobs workers; workers need this package and the topic pack, "
                              "and must share the cache folder (default: $ANALYSIS_SCHEDULER, else no Dask)")
    command.add_argument("--quiet", action="store_true",
                         help="no progress bar (it appears only on a terminal and for runs over a few seconds)")


def _bench_stages() -> tuple[str, ...]:
    from analysis.bench import STAGES

    return tuple(STAGES)


def _family_names() -> tuple[str, ...]:
    from analysis.mentions import FAMILIES

    return tuple(FAMILIES)


def mentions_time_limit() -> float:
    from analysis.mentions import TIME_LIMIT

    return TIME_LIMIT


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    top = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n\n")[0])
    commands = top.add_subparsers(dest="command", required=True)

    c = commands.add_parser("corpus", help="load a corpus and describe it (or write it as JSON lines)")
    c.add_argument("sources", nargs="+", metavar="PATH_OR_DATASET",
                   help="files, folders, registered dataset names, 'seeds', or 'default'")
    c.add_argument("--jsonl", action="store_true", help="write one JSON object per article (summary to stderr)")
    c.add_argument("-o", "--output", help="write to this file instead of standard output")
    _reading_options(c)
    c.add_argument("--no-cache", action="store_true", help="do not read or write data/cache")
    c.add_argument("--jobs", type=int, default=None, help="processes for cleaning (default: all cores for big inputs)")
    c.add_argument("--strict", action="store_true", help="exit with status 1 when anything was skipped")
    _follow_links_option(c)
    c.set_defaults(run=_corpus_command)

    v = commands.add_parser("events", help="group articles of different outlets into events (same event, same days)")
    v.add_argument("sources", nargs="+", metavar="PATH_OR_DATASET", help="as for 'corpus'")
    v.add_argument("--jsonl", action="store_true",
                   help="write one JSON object per article with its event (summary to stderr)")
    v.add_argument("--window", type=int, default=None, metavar="DAYS",
                   help="days two articles' dates may differ and still be one event (default: WINDOW_DAYS in "
                        "analysis/events.py)")
    v.add_argument("--threshold", type=float, default=None, metavar="X",
                   help="minimum mean similarity within an event, in (0, 1]; higher: smaller, tighter events "
                        "(default: THRESHOLD in analysis/events.py)")
    v.add_argument("-o", "--output", help="write to this file instead of standard output")
    _reading_options(v)
    v.add_argument("--no-cache", action="store_true", help="do not read or write data/cache")
    v.add_argument("--jobs", type=int, default=None, help="processes for cleaning (default: all cores for big inputs)")
    v.set_defaults(run=_events_command)

    x = commands.add_parser("extract", help="find loaded wording, designations and attributions (mentions)")
    x.add_argument("sources", nargs="+", metavar="PATH_OR_DATASET", help="as for 'corpus'")
    x.add_argument("--family", action="append", choices=list(_family_names()),
                   help="family to run; repeatable (default: every family)")
    x.add_argument("--jsonl", action="store_true", help="write one JSON object per mention")
    x.add_argument("--no-clean", action="store_true",
                   help="extract from the text exactly as read from each file (offsets into the file's text)")
    x.add_argument("-o", "--output", help="write the mentions to this file in the format its suffix names: "
                                          ".parquet or .csv (the mentions table), .jsonl (one JSON object per mention)")
    _reading_options(x)
    x.add_argument("--no-cache", action="store_true",
                   help="do not read or write data/cache (the corpus cache and the mentions store)")
    x.add_argument("--store-only", action="store_true",
                   help="only bring the mentions store up to date (extract what it lacks) and read nothing back: "
                        "memory stays that of the articles and the workers, whatever the number of mentions")
    _extraction_options(x)
    x.add_argument("--strict", action="store_true", help="exit with status 1 when anything was skipped")
    x.add_argument("--time-limit", type=float, default=mentions_time_limit(), metavar="SECONDS",
                   help="seconds one article's extraction may take; a longer one is left out and reported "
                        "by id (default: %(default)g; 0: no limit)")
    _follow_links_option(x)
    _topic_option(x)
    x.set_defaults(run=_extract_command)

    d = commands.add_parser("datasets", help="list registered datasets and whether they are available")
    d.set_defaults(run=_datasets_command)

    k = commands.add_parser("cache", help="what data/cache holds, by stage; --prune deletes what is no longer used")
    k.add_argument("--prune", action="store_true",
                   help="delete the mentions store's folders that no current code or topic pack writes, and "
                        "entries unused for --unused-days")
    k.add_argument("--unused-days", type=float, default=30.0, metavar="DAYS",
                   help="with --prune: delete keyed entries not written or read for this many days "
                        "(default: %(default)g)")
    k.add_argument("--dry-run", action="store_true", help="with --prune: list what would be deleted")
    _topic_option(k)
    k.set_defaults(run=_cache_command)

    f = commands.add_parser("data", help="fetch or verify registered datasets")
    f.add_argument("action", choices=["fetch", "verify", "manifest"])
    f.add_argument("names", nargs="*", help="dataset names (default: all downloadable)")
    f.add_argument("--force", action="store_true", help="download again even if present")
    f.add_argument("--path", help="for 'manifest': the folder to record")
    f.set_defaults(run=_data_command)

    g = commands.add_parser("figures", help="rebuild every registered figure and its CSV twin")
    g.add_argument("--corpus", default="default", help="corpus specification (default: %(default)s)")
    g.add_argument("--only", action="append", help="figure name; repeatable")
    _topic_option(g)
    _reading_options(g)
    _extraction_options(g)
    g.set_defaults(run=_figures_command)

    r = commands.add_parser("report", help="execute the notebooks and render HTML reports")
    r.add_argument("--corpus", default="default", help="corpus specification (default: %(default)s)")
    r.add_argument("--only", action="append", help="notebook name such as 01-corpus; repeatable")
    r.add_argument("--show-code", action="store_true",
                   help="show code cells from the start (default: hidden behind a 'Show code' toggle, "
                        "or shown when $SHOW_CODE=1)")
    _topic_option(r)
    _reading_options(r)
    _extraction_options(r)
    r.set_defaults(run=_report_command)

    a = commands.add_parser("annotate", help="write articles side by side with every finding highlighted (HTML)")
    a.add_argument("paths", nargs="*", metavar="PATH", help="text or HTML files, one article each")
    a.add_argument("-o", "--output", required=True, help="the HTML file to write")
    a.add_argument("--article-id", action="append", metavar="ID", help="an article of --corpus; repeatable")
    a.add_argument("--corpus", default="default", help="corpus of --article-id (default: %(default)s)")
    a.add_argument("--title", help="the page's title (default: the articles' titles)")
    _topic_option(a)
    _reading_options(a)
    a.set_defaults(run=_annotate_command)

    t = commands.add_parser("topics", help="list the topic packs, check one, or write a skeleton for a new one")
    t.add_argument("action", nargs="?", choices=["list", "new", "check"], default="list")
    t.add_argument("name", nargs="?", help="for 'new': the new pack's name; for 'check': a pack's name or folder")
    t.add_argument("--folder", help="for 'new': write the pack here instead of analysis/topics/")
    t.set_defaults(run=_topics_command)

    tr = commands.add_parser("trace", help="print the mentions behind a figure's row (article, span, sentence)")
    tr.add_argument("figure", help="a registered figure's name (figures/NAME.csv)")
    tr.add_argument("--row", type=int, help="the table row, counting data rows from 1 (default: every row)")
    tr.add_argument("--corpus", default="default", help="corpus specification (default: %(default)s)")
    tr.add_argument("--limit", type=int, help="mentions printed per row (default: all for one row, else 3)")
    tr.add_argument("--all", action="store_true", help="print every mention of every row")
    _topic_option(tr)
    _reading_options(tr)
    _extraction_options(tr)
    tr.set_defaults(run=_trace_command)

    su = commands.add_parser("sourcing-unknown", help="the share of attributions without a speaker side, and the "
                                                     "most quoted speakers without one")
    su.add_argument("--corpus", default="default", help="corpus specification (default: %(default)s)")
    su.add_argument("--mentions", metavar="FILE.parquet", help="read this sourcing mentions table instead of "
                                                                "extracting from --corpus")
    su.add_argument("--top", type=int, default=50, help="speakers to list (default: %(default)s)")
    su.add_argument("--examples", action="store_true", help="also print each speaker's example sentence")
    _topic_option(su)
    _reading_options(su)
    _extraction_options(su)
    su.set_defaults(run=_sourcing_unknown_command)

    e = commands.add_parser("evaluate", help="measured accuracy on data with known answers")
    e.add_argument("--only", action="append", help="evaluation name; repeatable")
    e.set_defaults(run=_evaluate_command)

    b = commands.add_parser("bench", help="measure speed and peak memory: corpus loading, or every stage at scale")
    b.add_argument("--corpus", default="default", help="corpus specification (default: %(default)s)")
    b.add_argument("--repeat", type=int, default=1, help="runs to time (default: %(default)s)")
    b.add_argument("-o", "--output", help="also write the results as JSON to this file")
    b.add_argument("--family", action="append", choices=list(_family_names()),
                   help="measure only this extraction family's throughput on one core; repeatable "
                        "(default: corpus loading, then every family)")
    b.add_argument("--scale", action="store_true",
                   help="the scale bench (make bench): resampled corpora of 10,000 and 100,000 articles, every "
                        "stage with one job and all cores, cached and incremental reruns, the regex floor")
    b.add_argument("--sizes", action="append", metavar="N[,N...]",
                   help="scale bench at these corpus sizes (implies --scale; e.g. --sizes 1000)")
    b.add_argument("--stages", action="append", metavar="STAGE[,STAGE...]",
                   help="scale bench of these stages only (implies --scale): " + ", ".join(_bench_stages()))
    b.add_argument("--seed", type=int, default=12, help="seed of the resampled corpora (default: %(default)s)")
    b.add_argument("--bench-jobs", metavar="1|all[,...]",
                   help="scale bench: only these job counts of each stage (default: one job and all cores)")
    b.add_argument("--fresh", action="store_true",
                   help="scale bench: start each size's run folder and cache anew (default: keep them; every entry "
                        "is keyed by what produced it, and cold stages run on private copies)")
    _topic_option(b)
    _reading_options(b)
    b.set_defaults(run=_bench_command)
    return top


def _reading_options(command: argparse.ArgumentParser) -> None:
    """How to read a corpus given as paths: the same options for every command that reads one."""
    command.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                         help="table column for a field (text, title, lead, url, published, outlet, language, "
                              "event, id); repeatable")
    command.add_argument("--outlet", help="outlet slug for every article read from the given paths")
    command.add_argument("--date-format", action="append", metavar="FORMAT",
                         help="strptime format for dates; repeatable")
    command.add_argument("--dayfirst", action="store_true", default=None,
                         help="read numeric dates such as 04/03/2024 day first (4 March); without it each column "
                              "is decided by its values, then its URLs, else read month first (and the summary "
                              "says so)")


def _read_options(args: argparse.Namespace):
    """The :class:`~analysis.ingest.ReadOptions` of the command's reading options."""
    from analysis.ingest import ColumnMap, ReadOptions

    return ReadOptions(columns=ColumnMap.parse(args.map), outlet=args.outlet,
                       date_formats=tuple(args.date_format or ()), dayfirst=args.dayfirst,
                       follow_links=getattr(args, "follow_links", False))


#: Set by the Makefile: errors then name make's variables (``MAP="text=COLUMN"``) besides the CLI's options.
VIA_MAKE_ENV = "ANALYSIS_VIA_MAKE"
#: A CLI option in an error message, and how to pass it through make.
_MAKE_SPELLING = (
    (re.compile(r"--map[ =](\w+=\S*\w)"), r'MAP="\1"'),
    (re.compile(r"--dayfirst\b"), "DAYFIRST=1"),
    (re.compile(r"--outlet[ =](\S*\w)"), r"OUTLET=\1"),
    (re.compile(r"--date-format[ =](\S+)"), r'DATE_FORMAT="\1"'),
)


def make_spelling(message: str) -> str:
    """An error message whose option advice is spelt as make variables (``--map text=X`` -> ``MAP="text=X"``)."""
    for pattern, replacement in _MAKE_SPELLING:
        message = pattern.sub(replacement, message)
    return message


def _follow_links_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--follow-links", action="store_true",
                         help="walk into folders that are symbolic links (loops are detected); by default each is "
                              "counted as passed over")


def _topic_option(command: argparse.ArgumentParser) -> None:
    from analysis.topic import DEFAULT, ENV

    command.add_argument("--topic", metavar="NAME_OR_PATH", default=None,
                         help=f"topic pack: a shipped pack's name or a pack folder (default: ${ENV} or {DEFAULT}; "
                              "`python -m analysis topics` lists them)")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; errors in the input are reported in one line, exit status 2."""
    args = parser().parse_args(argv)
    try:
        if not hasattr(args, "dayfirst"):
            return args.run(args)
        from analysis import corpus

        with corpus.reading_options(_read_options(args)):
            return args.run(args)
    except CorpusError as error:
        from analysis.textio import printable

        message = printable(str(error))
        if os.environ.get(VIA_MAKE_ENV, "").strip() == "1":
            message = make_spelling(message)
        print(f"error: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
