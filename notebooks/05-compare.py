# %% [markdown]
# # 05 · Compare: is the difference between outlets real?
#
# Notebooks 02 to 04 estimate rates and shares per outlet, each with an interval. This one asks the
# question those figures invite: when two outlets differ, is the difference larger than what the
# sample of articles could produce by chance? And three questions of framing: do outlets differ on
# any rate or share of the earlier tables; within an outlet, does the reporting verb ("claimed",
# "stressed", "admitted", "accused") depend on the side the speaker speaks for; and when did an
# outlet's name for a place or for the war change?
#
# **Method.** Findings cluster in articles: one article that says "claimed" ten times is one writer's
# choice, not ten. So the article is the unit of every estimate here (`analysis/compare.py`):
#
# * *intervals*: a bootstrap over articles. Each outlet's articles are drawn with replacement
#   (1,000 draws), the rate or share is recomputed, and the 2.5th and 97.5th percentiles of the
#   difference are its 95% interval;
# * *p-values*: a permutation test over articles. The outlet labels of the pooled articles are
#   reshuffled 2,000 times, group sizes kept; p is the share of shuffles whose difference is at least
#   as large as the observed one, counting the observed one, so the smallest possible p is 1/2,001;
# * *q-values*: Benjamini-Hochberg over every test in one table. A row with q < 0.05 belongs to a set of
#   rows in which about 5% or fewer are expected to be false discoveries.
#
# Comparisons with fewer than 10 articles on either side keep their values but get no interval and no
# test: the figures draw them as hollow diamonds without a bar. Everything is seeded, so tables are
# byte-stable from run to run.
#
# Writes nothing: `make figures` writes `figures/outlet_differences`, `attribution_asymmetry` and
# `naming_adoption` (PNG with CSV twin), and `python -m analysis trace NAME --row N` prints the
# sentences behind any row.

# %% tags=["parameters"]
CORPUS = "default"
TOPIC = "ukraine_war"
OUTLETS = "all"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from analysis import compare, corpus, figures
from analysis.wording.tables import wording_articles

pd.set_option("display.max_colwidth", 120)
inputs = figures.Inputs(corpus.load(CORPUS).select(outlets=OUTLETS), topic=TOPIC)
attributions = inputs.mentions("sourcing")
english = wording_articles(inputs)
naming = inputs.mentions("wording")
naming = naming[naming["article_id"].isin(set(english["article_id"]))]
print(f"topic pack: {inputs.topic.title}; {len(inputs.corpus.articles):,} articles, "
      f"{inputs.corpus.articles['outlet'].nunique()} outlets, {len(attributions):,} attributions")

# %% [markdown]
# ## Where outlets differ: each outlet against all the others
#
# Every rate and share of notebooks 02 to 04, one outlet against the pooled articles of all other
# outlets, within each content type (headlines are compared with headlines): wording per 1,000 words
# (English texts), designations per 1,000 articles, and the share of attributions by the speaker's
# side, unnamed sources, and verb class. Each panel is one measure; a point is the outlet's value minus
# the others', with its 95% interval; filled points have q < 0.05 within their family's table. Panels
# are the measures on which most outlets differ.
#
# Read "the others" with care: they are pooled articles, so the largest outlets dominate them, and an
# outlet is compared with a different "rest" from its neighbour. The CSV twin has every measure and
# outlet; `compare.differences(..., against="pairs")` gives every pair of outlets instead.

# %%
table, figure = figures.render("outlet_differences", inputs)
display(figure)

# %% [markdown]
# The differences that pass q < 0.05, largest first within each family (per 1,000 words, per 1,000
# articles, or points of share):

# %%
significant = table[table["q_value"] < 0.05].assign(size=lambda t: t["difference"].abs())
significant.sort_values(["family", "size"], ascending=[True, False]).groupby("family").head(8)[
    ["family", "content_type", "measure", "outlet_a", "value_a", "value_b", "difference", "ci_low", "ci_high",
     "q_value", "articles_a", "articles_b"]]

# %% [markdown]
# ## Attribution asymmetry: does the verb depend on the speaker's side?
#
# Within one outlet, the share of attributions to one side's speakers whose verb is distancing
# ("claimed", "alleged", "insisted"), endorsing ("stressed", "noted", "confirmed"), conceding
# ("admitted", "acknowledged") or accusing ("accused", "blamed"), minus the same share for another
# side. Each row is an outlet and a pair of the pack's compared sides; the colour is the side that gets
# the class more often; filled points have q < 0.05 over the whole table (every outlet, class and pair).
#
# The unit is an article's block of attributions to one side. The interval draws whole articles, so an
# article that quotes both sides brings both blocks along; the test reshuffles the side labels of
# whole blocks within the outlet. Shuffling single attributions would treat an article that says
# "claimed" twenty times as twenty observations. The figure draws the three pairs of sides with the
# most attributions; the table has every pair.

# %%
table, figure = figures.render("attribution_asymmetry", inputs)
display(figure)

# %% [markdown]
# The asymmetries that pass q < 0.05, with the articles and attributions behind each side and a
# sentence for each side to check what the verbs were (`python -m analysis trace attribution_asymmetry
# --row N` prints them all):

# %%
table[table["q_value"] < 0.05].sort_values(["verb_class", "outlet"])[
    ["outlet", "verb_class", "side_a", "side_b", "share_a", "share_b", "difference", "ci_low", "ci_high", "q_value",
     "articles_a", "articles_b", "example_a", "example_b"]]

# %% [markdown]
# ## One side, or one speaker, across outlets
#
# The same verb classes for the speakers of one side, compared between outlets (each outlet against
# the others): is a side's spokesperson "stressing" in one outlet and "claiming" in another? First the
# pack's first compared side, then its most quoted speaker. Single speakers are rarely quoted in ten
# articles of one outlet, so most of their rows are untested: the values are there, the evidence is thin.

# %%
side = inputs.topic.compared_sides[0] if inputs.topic.compared_sides else None
by_side = compare.verb_class_across_outlets(attributions, side=side)
print(f"side: {side}")
by_side[["verb_class", "outlet_a", "share_a", "share_b", "difference", "ci_low", "ci_high", "q_value", "articles_a",
         "attributions_a"]]

# %%
speakers = compare.quoted_speakers(attributions, side=side, top=5)
display(speakers)
speaker = speakers["name"].iloc[0] if len(speakers) else None
by_speaker = compare.verb_class_across_outlets(attributions, speaker=speaker) if speaker else by_side.iloc[:0]
print(f"speaker: {speaker}")
by_speaker[["verb_class", "outlet_a", "share_a", "share_b", "difference", "ci_low", "ci_high", "q_value",
            "articles_a", "attributions_a", "example_a"]]

# %% [markdown]
# ## Naming adoption: which name, month by month, and when did it change?
#
# For each concept the pack follows over time (for the default pack: the capital's spelling and the
# name of the war), the share of each variant in an outlet's mentions per month, with a 95% interval
# from resampling that month's articles (none where fewer than 10 articles name the concept). The
# dashed line marks the month the outlet's dominant name switched, by this rule
# (`compare.naming_switches`): only months with at least 5 mentions count; the switch is the split of
# those months into a *before* and an *after* (each of at least 2 months and 20 mentions) whose pooled
# dominant names differ, each with more than half of its part's mentions, that agrees with at least
# three quarters of the months; the month is the first one after the split. An outlet that flips back
# and forth has no switch.

# %%
table, figure = figures.render("naming_adoption", inputs)
display(figure)

# %%
switches = compare.naming_switches(compare.naming_adoption(naming, english, topic=inputs.topic))
switches[["concept", "outlet", "status", "month", "from_variant", "to_variant", "share_before", "share_after",
          "months_before", "months_after", "months_agreeing", "example_before", "example_after"]]

# %% [markdown]
# ## Limits
#
# * The tests are about the *articles collected*, not about everything an outlet published: the corpora
#   were gathered differently (by search terms, by site, by period), and a difference between two
#   collections can come from what was collected rather than from how it was written. Comparing
#   within content type removes one such difference; comparing on the same events (RUWA's `event`) would
#   remove more.
# * Every count comes from an extractor with measured errors (README, "Measured"): a verb read as the
#   wrong class or a speaker put on the wrong side moves a share. The example sentences are there to
#   check.
# * Intervals and tests need 10 articles on each side; below that, values are shown without them. The
#   bootstrap and the permutation test answer slightly different questions and can disagree near the
#   5% boundary; trust neither alone for a borderline row. When one side has no mention at all, its
#   bootstrap has no spread and the interval is too narrow (it reflects the other side only): there,
#   read the p-value.
# * A q-value controls false discoveries within one table; reading across tables (or across notebooks)
#   multiplies the chances of a chance finding.
# * The block permutation of the asymmetry test treats an article's two sides as independent; they share
#   the article's style, which makes the test cautious rather than lenient.
