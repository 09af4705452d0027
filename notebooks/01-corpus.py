# %% [markdown]
# # 01 · The corpus: what went in, what came out
#
# Reads the corpus named by `CORPUS` (the shipped seeds, registered datasets, or paths) and shows the
# Article table that every later notebook stands on: articles per outlet and language, when they were
# published, how long they are, and the ingestion report, so that nothing is lost silently: every
# skipped file or row with its reason, every merged duplicate with the copy it duplicates, every byte
# of a damaged encoding that was repaired, and every line removed as page furniture.
#
# Writes nothing: `make figures` writes the figures shown here to `figures/` with their CSV twins.
# The Article table's columns are documented in `data/README.md`.

# %% tags=["parameters"]
CORPUS = "default"
OUTLETS = "all"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from analysis import corpus, figures

pd.set_option("display.max_colwidth", 120)
loaded = corpus.load(CORPUS).select(outlets=OUTLETS)
articles = loaded.articles
print(loaded.summary().split("\n\n")[0])

# %% [markdown]
# ## Articles per outlet and language
#
# `median_words` counts the cleaned text including the headline. Headline-only rows (RUWA) are
# short by design; `content_type` tells them apart from full articles.

# %%
corpus.overview(articles)

# %%
articles.groupby(["dataset", "outlet", "content_type"]).size().rename("articles").reset_index()

# %% [markdown]
# ## When the articles were published
#
# One row per outlet, articles per month (the axis counts whole articles). Dates come from the strongest
# evidence available; `published_from` says which (a metadata column,
# a date line or dateline in the text, the URL, the file name, or a year-less dateline completed with
# the page's copyright year). Dates that precede the outlet's existence are rejected as metadata errors.

# %%
table, figure = figures.render("articles_over_time", loaded)
display(figure)

# %%
articles.groupby(["outlet", articles["published_from"].fillna("undated")]).size().unstack(fill_value=0)

# %% [markdown]
# ## How long the articles are
#
# A box per outlet and content type (quartiles, whiskers at the 5th and 95th percentiles). An outlet with
# fewer than 10 articles (`analysis.stats.MIN_ARTICLES_FOR_INTERVAL`) is drawn as a dot at its median, too
# few for a box; the article counts on the left say how many stand behind each row.

# %%
table, figure = figures.render("article_length", loaded)
display(figure)
table

# %% [markdown]
# ## The ingestion report
#
# Every item read is accounted for: items read = articles + duplicates merged + items dropped after
# reading. Files and rows skipped while reading (unsupported files, rows without text, malformed rows)
# are listed by reason.

# %%
loaded.accounting()

# %% [markdown]
# The same account per file: `seen` is every item the reader met in the file, and it equals the articles
# kept, the copies merged into another article, the items dropped after reading and the items skipped while
# reading (`adds_up`). Files that do not add up, or had items skipped, come first.

# %%
corpus.files_summary(loaded.file_accounting())

# %%
corpus.skipped_by_reason(loaded)

# %% [markdown]
# ### Numeric dates
#
# How each column's numeric dates (`04/03/2024`) were read: day first or month first, decided by a value
# whose day is above 12, else by the dates in the rows' URLs, else month first by default (`note` then says
# so; `--dayfirst`, or `DAYFIRST=1` with make, reads them day first).

# %%
loaded.dates.drop(columns="note")

# %% [markdown]
# ### Duplicates
#
# Duplicates are merged within an outlet only. `match` says how a copy was recognised: `exact`,
# `punctuation` (same letters and digits), `same_url` (same URL, near-identical text) or `near`
# (word 5-gram Jaccard of at least 0.8). The copy kept is the most complete one.

# %%
loaded.duplicates.groupby(["outlet", "match"]).size().rename("copies dropped").reset_index()

# %%
loaded.duplicates.head(10)

# %% [markdown]
# ### Encodings and repairs
#
# Files that were not clean UTF-8: `repaired_bytes` are bytes recovered from stripped or mixed
# encodings, `replaced_bytes` could not be interpreted and became U+FFFD.

# %%
files = loaded.files
files[(files["encoding"] != "utf-8") | (files["replaced_bytes"] > 0)].sort_values("source")

# %% [markdown]
# ### Page furniture removed
#
# How often each cleaning rule fired, and the short lines learned as boilerplate because they repeat
# across many articles of one outlet.

# %%
loaded.cleaning

# %%
loaded.boilerplate

# %% [markdown]
# ## A look at the articles
#
# A few articles per outlet with the start of their cleaned text, to check by eye that the text
# starts at the headline and carries no navigation.

# %%
corpus.examples(articles, per_outlet=2)
