# %% [markdown]
# # 03 · Designations: who is labelled what, and on whose authority
#
# Reads the Article table of `CORPUS` and finds every *designation*: a label that an outlet attaches to
# a person or organisation, with the entity it attaches to. Legal notices of Russian media ("Alexey
# Goncharenko (designated as terrorist and extremist in Russia)", "Meta (признана экстремистской и
# запрещена в РФ)", a `*` marker and its footnote), designations reported from an authority ("the US
# designated the Wagner Group a transnational criminal organisation"), and the affiliation and legitimacy
# labels of western and Ukrainian media ("Russian state media", "Kremlin-backed", "pro-Russian
# separatists", "Russian-installed officials", "self-proclaimed Donetsk People's Republic").
#
# Each finding records the designation type, the entity, the designating authority where the text names
# it, the voice (`own`: the outlet applies the label; `reported`: it reports someone else's designation,
# quotes it, or puts it in scare quotes) and the form (parenthetical, appositive, clause, attributive,
# footnote). The vocabulary and its sources are in `analysis/lexicons/designations.yaml` (generic forms)
# and the topic pack's `designations.yaml` (authorities, patrons, labels of the topic); the rules and
# what is deliberately not counted are in the docstring of `analysis/designations/__init__.py`.
#
# Writes nothing: `make figures` writes `figures/designation_rates` and `figures/designated_entities`
# (PNG with CSV twin).

# %% tags=["parameters"]
CORPUS = "default"
TOPIC = "ukraine_war"
OUTLETS = "all"
ENTITY = "Azov"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from analysis import corpus, figures
from analysis.designations import evaluation, tables

pd.set_option("display.max_colwidth", 160)
inputs = figures.Inputs(corpus.load(CORPUS).select(outlets=OUTLETS), topic=TOPIC)
articles = inputs.corpus.articles
found = inputs.mentions("designations")
print(f"{len(found):,} designations in {found['article_id'].nunique():,} of {len(articles):,} articles")

# %% [markdown]
# ## What was found
#
# Two examples of every type with the sentence each stands in. A label that gives two types
# ("terrorist and extremist") is one row per type with the same spans, so that counts by type work;
# the TASS seed's Goncharenko notice is such a pair.

# %%
tables.examples(found, per_type=2)

# %% [markdown]
# ## How often each outlet designates, and with which labels
#
# One panel per designation type; a row per outlet (RUWA's outlets appear as "(headlines)": their rows
# are headlines and sub-headings, so their rates are per 1,000 headline rows, not comparable with full
# articles). The dot is designations per 1,000 articles, the line its 95% interval from a bootstrap over
# articles: an outlet whose designations all come from a handful of articles gets a wide line. An outlet
# missing from a panel has no designation of that type. The CSV twin (`figures/designation_rates.csv`)
# has the counts, the number of articles with at least one, and an example sentence per row.
#
# Thresholds: an outlet with fewer than 20 articles is left out of the figure (it is listed under it and
# kept in the table), unless no outlet has that many; a rate from fewer than 10 articles
# (`analysis.stats.MIN_ARTICLES_FOR_INTERVAL`) has no interval, is drawn as a hollow dot, and the figure
# says so: a bootstrap over one article would give an interval of zero width, as if the rate were certain.

# %%
table, figure = figures.render("designation_rates", inputs)
display(figure)
table

# %% [markdown]
# ## Who is designated
#
# The most designated entities per outlet, by mentions. The colour is the type the entity was given most
# often; a hatched bar means that most of the mentions report someone else's designation rather than
# apply it. Generic nouns ("separatists", "officials", "media") are entities too: "Russian-backed
# separatists" labels a group even where it names no one. The `designations` column of the CSV twin
# lists every type given (`terrorist:3; extremist:3`). The axis counts mentions, in whole numbers.

# %%
table, figure = figures.render("designated_entities", inputs)
display(figure)
table

# %% [markdown]
# ## In whose voice, and in which form
#
# `own`: the outlet applies the label (TASS's "(designated as terrorist and extremist in Russia)",
# Reuters' "Russian-installed officials"); `reported`: it reports a designation made by an authority,
# quotes a speaker, or distances itself with scare quotes. The form says how the label is attached.

# %%
tables.table_voice_form(found)

# %% [markdown]
# ## Designating authorities named in the text
#
# Only where the text names one ("in Russia", "by the US State Department", "Minsk has branded");
# labels an outlet applies itself have none.

# %%
found.dropna(subset=["authority"]).groupby(["outlet", "authority", "designation"]).size().rename("mentions").reset_index()

# %% [markdown]
# ## One entity across outlets
#
# Every designation of `ENTITY` (a parameter) with its sentence, to compare how outlets label the same
# actor.

# %%
tables.lookup(found, ENTITY)

# %% [markdown]
# ## How accurate this is
#
# Precision and recall against real sentences from the corpora labelled by hand
# (`data/annotations/designations.jsonl`; its first line documents the guideline and how the sentences
# were chosen). A prediction matches a gold mention when the label spans overlap and the type is equal;
# entity, authority, voice and form are scored over matched pairs. Batch 1 was used for error analysis
# while the rules were written, so its scores are optimistic; batch 2 was labelled afterwards and
# scored once.

# %%
scores = evaluation.evaluate()
display(scores.scores)
scores.attributes

# %% [markdown]
# ## Limitations
#
# - The Russian legal notices (признан иноагентом, запрещена в РФ, the `*` footnote) do not occur in
#   these corpora; the rules for them are tested on sentences written in the prescribed wording, not
#   measured on real ones.
# - Calls, proposals and conditionals ("must be recognised as a terrorist state") are not counted; a
#   reader interested in campaigns for designation should search the sentences themselves.
# - Entities are the nearest name or noun phrase; coreference is not resolved ("it", "их" stay pronouns).
# - Gerunds ("labelling the movement as extremist") and designations spread over two sentences are missed.
# - `rt_thesis` bodies lost their full stops and quotation marks: sentence boundaries, quotation-based
#   voice and some entities are less reliable there.
