# %% [markdown]
# # 02 · Loaded wording: naming choices, labels, descriptors, hedges, scare quotes
#
# Reads the Article table of `CORPUS` and finds, in every article, the wording that frames, as the topic
# pack `TOPIC` defines it: naming choices (for the default pack, Kiev or Kyiv, "special military
# operation" or "invasion"), charged and delegitimising labels ("Kiev regime", "neo-Nazis", "orcs"),
# descriptors of institutions ("US-led military bloc"), hedges ("alleged", "so-called", "claims"),
# scare quotes, and loaded wording found by a tagger trained on the SemEval-2020 propaganda corpus. Every finding is a row of the mentions table with its article,
# character span and sentence, so each number below can be traced to the sentences behind it.
#
# Writes nothing: `make figures` writes `figures/naming_shares`, `naming_over_time`, `wording_rates`
# and `distinctive_terms` (PNG with CSV twin; for another corpus or pack, under `reports/<corpus>/<topic>/`).
# Comparisons use `LANGUAGE` texts only.
#
# **Small corpora.** A 95% interval needs at least 10 articles behind the estimate
# (`analysis.stats.MIN_ARTICLES_FOR_INTERVAL`): a bootstrap over one article always draws that article, and
# its interval would have zero width, as if the estimate were certain. Below that, the table leaves
# `ci_low` and `ci_high` empty and the figure draws the point alone, hollow, with a note that intervals need
# more articles. Each section below states the thresholds of its figure.

# %% tags=["parameters"]
CORPUS = "default"
TOPIC = "ukraine_war"
OUTLETS = "all"
LANGUAGE = "en"
TERM = "Kiev regime"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from analysis import corpus, figures
from analysis.wording import keyness, lexicon, tables

pd.set_option("display.max_colwidth", 160)
inputs = figures.Inputs(corpus.load(CORPUS).select(outlets=OUTLETS, languages=LANGUAGE), topic=TOPIC)
print(f"topic pack: {inputs.topic.title} ({inputs.topic.reference})")
articles = inputs.corpus.articles
found = inputs.mentions("wording")
print(f"{len(found):,} wording mentions in {len(articles):,} articles")

# %% [markdown]
# ## What was found
#
# Mentions per kind and category and outlet. `naming` counts every use of a name that has
# competing forms; `label`, `descriptor` and `hedge` come from the pack's lexicons (listed in its
# `pack.yaml`) and the package's generic hedges; `scare_quote` from the rule in
# `analysis/wording/scarequotes.py`; `loaded` (and tagger `label`s) from
# the trained tagger. A few examples per category follow, with the sentence each stands in.

# %%
tables.counts(found)

# %%
tables.examples(found, per_group=2)

# %% [markdown]
# ## Naming choices
#
# For each concept with competing names, the share of each outlet's mentions that use each variant.
# Read a bar as "of this outlet's mentions of the concept, this share uses this variant". Shares come
# with 95% intervals from a bootstrap over articles in the CSV twin (`ci_low`, `ci_high`), empty where fewer
# than 10 articles name the concept. An outlet is drawn in a concept's panel once it names the concept 5
# times (`analysis.wording.tables.MIN_NAMING_MENTIONS`); outlets with fewer are listed under the figure
# and kept in the table, and when no outlet reaches 5 every outlet is drawn. The second table is the share of the
# usage the pack follows (its `naming.usage`; for the default pack the Russian state's usage, variants
# `russian` and `official_russian`) per concept and outlet.

# %%
table, figure = figures.render("naming_shares", inputs)
display(figure)
tables.naming_summary(table, topic=inputs.topic)

# %%
table[["concept", "outlet", "variant", "mentions", "share", "ci_low", "ci_high", "example"]].head(30)

# %% [markdown]
# ## Naming choices over time
#
# Month by month, the share of each outlet's mentions of the pack's `naming.over_time` concepts (for the
# default pack, Kyiv and the war) that use the followed usage. Months with at least 10 mentions
# (`analysis.wording.tables.MIN_MENTIONS_PER_PERIOD`) are joined into a line; months with fewer are hollow
# points, whose share moves a lot with one mention. A change of house style shows as a step.

# %%
table, figure = figures.render("naming_over_time", inputs)
display(figure)

# %% [markdown]
# ## Labels, descriptors, hedges, scare quotes and loaded wording per 1,000 words
#
# Rates per 1,000 words by outlet with 95% intervals from a bootstrap over articles (an article that
# repeats a label many times counts as one draw). Full articles and headline-only rows (RUWA) are
# kept apart; the figure shows the content type covering the most outlets, the table both. Every outlet is
# drawn; a rate from fewer than 10 articles is a hollow point without an interval.

# %%
table, figure = figures.render("wording_rates", inputs)
display(figure)
table[["outlet", "content_type", "kind", "category", "mentions", "rate_per_1000", "ci_low", "ci_high",
       "example"]]

# %% [markdown]
# ## Scare quotes
#
# One to four quoted words that quote no speaker: the sentence has no reporting verb and no colon
# introduces the quote. Check the examples: some are metalinguistic ("defines 'regime' as ...").

# %%
tables.examples(found[found["kind"] == "scare_quote"], per_group=3, by=("outlet",))

# %% [markdown]
# ## Terms that distinguish each outlet
#
# Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008) of
# unigrams to trigrams, each outlet against all other outlets, on full articles. Bars are z-scores;
# grey bars are terms whose sign does not hold in 97.5% of bootstrap draws over articles, that is,
# terms carried by a few articles. Each row of the table has an example sentence. Outlets with at least
# 20 full articles (`analysis.wording.tables.MIN_ARTICLES_FOR_KEYNESS`) are compared; when fewer than two
# outlets have that many (the seeds), every outlet is, a term may come from a single article, and every bar
# is grey: stability cannot be resampled from fewer than 10 articles.
#
# Read these as differences in *what the collections contain* before differences in wording: the
# corpora were gathered differently (rt_thesis by searches on Soros, Clinton and McFaul; PPN by site;
# Al Jazeera and BBC around February 2023), so topic terms dominate. Wording comparisons on the same
# events (RUWA's `event` column) avoid that confound.

# %%
table, figure = figures.render("distinctive_terms", inputs)
display(figure)
table[["outlet", "term", "count", "articles_with_term", "z", "sign_share", "example"]]

# %% [markdown]
# ## A term in context
#
# Keyword in context for `TERM`, by outlet.

# %%
keyness.kwic(articles, TERM, limit=5)

# %% [markdown]
# ## The lexicons
#
# Every entry with its category, variant, terms, note and the source that documents the usage.
# Accuracy of the loaded-language output on annotated data is measured by `make evaluate`
# (see the README).

# %%
lexicon.for_topic(inputs.topic).table()
