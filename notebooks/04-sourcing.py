# %% [markdown]
# # 04 · Sourcing: who is quoted, with which verb, through which channel, for which side
#
# Reads the corpus named by `CORPUS` and every attribution in it: direct quotations, paraphrases and
# mixed forms ("Goncharenko claims that Washington "has sent a clear message""), each with its cue
# (said, claims, stressed, according to, заявил, по словам), its source, resolved to a full name and
# role where the article gives one ("he" → "Igor Zhovkva, the deputy head of Vladimir Zelensky's
# office"), the channel (Telegram, an interview with Politico, a press conference), whether the source
# is unnamed, the source's type and the side it speaks for. English and Russian texts are read;
# articles in other languages are skipped.
#
# Writes nothing: `make figures` writes the figures shown here to `figures/` with their CSV twins, and
# `make evaluate` measures the extractor (PolNeAR for English news, a hand-labelled set for the Russian
# and pro-Russian outlets). The figures count what the extractor found; read them with its error rates
# in mind (README, "Measured"), especially the share of speakers whose side it could not tell.

# %% tags=["parameters"]
CORPUS = "default"
TOPIC = "ukraine_war"
OUTLETS = "all"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from analysis import corpus, figures, sourcing
from analysis.sourcing import tables

pd.set_option("display.max_colwidth", 160)
loaded = corpus.load(CORPUS).select(outlets=OUTLETS)
inputs = figures.Inputs(loaded, topic=TOPIC)
attributions = inputs.mentions(sourcing.FAMILY)
print(f"{len(attributions):,} attributions in {attributions['article_id'].nunique():,} of "
      f"{len(loaded.articles):,} articles")

# %% [markdown]
# ## What the extractor finds
#
# One row per attribution. `verb` is the cue's lemma and `verb_class` its class from
# `analysis/lexicons/reporting_verbs.yaml`; `kind` says whether the content is a quotation (`direct`),
# contains one (`mixed`) or is a paraphrase (`indirect`); `side` and `source_type` come from the
# speaker's role and name (`unknown` when the article does not say). The sentence is the cue's.

# %%
tables.examples(attributions, per_outlet=3)

# %% [markdown]
# ## Who is quoted: speaker side and source type
#
# Each bar is one outlet's attributions (n = attributions), split by the side the speaker speaks for
# (left) and the kind of source (right). Grey is `unknown`: a speaker whose role or name does not tell
# a side, or a pronoun the extractor could not resolve; compare outlets on the coloured part, and
# treat a large grey part as a large uncertainty rather than as neutral sourcing. Outlets whose rows
# are headlines only (RUWA) are compared on headlines, which quote differently from full articles.
#
# Thresholds in this notebook: a share's 95% interval needs at least 10 articles behind it
# (`analysis.stats.MIN_ARTICLES_FOR_INTERVAL`). For a share from fewer than 10 articles the CSV twin leaves
# `ci_low` and `ci_high` empty and the figures draw a hollow point with a note, since a bootstrap over one
# article would give an interval of zero width, as if the share were certain.

# %%
table, figure = figures.render("sourcing_sides_types", inputs)
display(figure)

# %% [markdown]
# ### Why the grey part is grey
#
# Every attribution carries `side_reason`: where its side came from (`role`, `known_person`,
# `source_phrase`, `name`, `outlet_country`) or why it has none: `person_not_in_pack` (a named person
# outside the topic pack whose role names no country), `description_without_side` ("the analyst"),
# `unresolved_reference` (a pronoun with nobody to go to), `outlet_without_country`, `no_source`
# (agentless). First the share without a side per outlet, then, among those, the share of each reason
# with its article-bootstrap interval and an example sentence. `python -m analysis sourcing-unknown`
# lists the most-quoted speakers without a side: what the pack's `sources.yaml` should learn next.

# %%
display(tables.unknown_share(attributions))
unknown = attributions[attributions["side"].fillna("unknown").eq("unknown")]
tables.shares(unknown, by=["outlet"], column="side_reason")[
    ["outlet", "value", "count", "attributions", "share", "ci_low", "ci_high", "example"]]

# %% [markdown]
# The most quoted speakers of each outlet, with the verb class used most often for them and the
# share of their attributions with a distancing verb (claimed, alleged, insisted):

# %%
tables.top_speakers(attributions, per_outlet=5)

# %% [markdown]
# ## Through which channel
#
# The share of each outlet's attributions whose sentence names a channel: a platform (Telegram,
# X/Twitter, Facebook), words told to or an interview with a named outlet (`interview`), an outlet
# cited as the source (`media`), or a setting (press conference, briefing, video address, statement).
# Most attributions name no channel (last column); the colour scale is for the named ones.

# %%
table, figure = figures.render("sourcing_channels", inputs)
display(figure)

# %% [markdown]
# ## Unnamed sources
#
# Left: the share of attributions to sources that withhold a name ("a senior Ukrainian official",
# "sources in Washington", "источники"). Right: named sources who pass on unnamed ones ("Several
# sources in Washington have confirmed to me ..."). The bars are 95% intervals from resampling each
# outlet's articles, so an outlet with few articles gets a wide interval; intervals that overlap do not
# show a difference.

# %%
table, figure = figures.render("sourcing_anonymity", inputs)
display(figure)

# %% [markdown]
# ## Does an outlet write "claimed" for one side and "stressed" for the other?
#
# Within each outlet (row), each dot is the share of attributions to one side's speakers that use a
# verb of the panel's class: distancing (claimed, alleged, insisted), endorsing (stressed, noted,
# pointed out, confirmed), conceding (admitted, acknowledged) or accusing (accused, blamed). A framing
# asymmetry shows as dots of different colours far apart in the same row, with intervals that do not
# overlap. Only outlet-side groups with at least 10 attributions are drawn
# (`analysis.plots.sourcing.MIN_ATTRIBUTIONS`), unless no group has that many: then every group is drawn,
# as hollow points. The CSV twin has them all, with an example sentence per row to check what the verbs were.

# %%
table, figure = figures.render("sourcing_verbs_by_side", inputs)
display(figure)

# %%
table[(table["value"].isin(["distancing", "endorsing"])) & (table["count"] > 0)].sort_values(
    ["outlet", "value", "side"])[["outlet", "side", "value", "count", "attributions", "share", "ci_low", "ci_high",
                                  "example"]]

# %% [markdown]
# Distancing verbs in context, a few per outlet, to read what "claimed" is attached to:

# %%
tables.examples(attributions, per_outlet=3, verb_class="distancing")
