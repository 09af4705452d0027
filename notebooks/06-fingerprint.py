# %% [markdown]
# # 06 · Fingerprint: can the outlet be told from its framing alone, and by what?
#
# If outlets frame the same events differently, a reader who sees only *how* an article frames (which
# names it uses, how it attributes, whom it labels what) and none of its words should still be able to
# guess the outlet. This notebook asks a classifier to do exactly that, and measures how far it gets
# against one that reads every word.
#
# Reads the Article table of `CORPUS` and the mentions of the three families (wording, designations,
# sourcing) under `TOPIC`. Writes nothing: `make figures` writes `figures/fingerprint_scores`,
# `figures/fingerprint_confusion` and `figures/fingerprint_features` (PNG with CSV twin), and
# `python -m analysis trace fingerprint_features --row N` prints the mentions behind a row.
#
# **Method.** Each article becomes a row of framing features computed from its mentions only, never from its
# words (`analysis.fingerprint.features`): wording rates per 1,000 words (labels, descriptors, hedges,
# scare quotes, loaded language) and, for each naming concept with competing forms, the share of each form
# ("Kyiv" or "Kiev", "invasion" or "special military operation"); sourcing shares (reporting-verb class,
# verb class for each side's speakers, speakers' sides and types, channel, quotation form, unnamed and
# relayed sources) and attributions per 1,000 words; designations per 1,000 words by type, authority and
# voice. A share is undefined for an article with nothing to share out (no attribution, no mention of the
# concept) and the model fills it with the training mean, so an article is not read as choosing what it
# never had to choose. A logistic regression (balanced class weights, standardised features, features
# non-zero in at least 20 training articles) predicts the outlet.
#
# **Why grouped folds.** Outlets cover different stories at different times. A model tested on articles
# from the same news as its training articles can recognise an outlet by the story ("this week's
# shelling") rather than by its framing. So every article of one *group* is held out together: the RUWA
# event where the source labels it (all RUWA rows are), else the month of publication; undated articles
# form one group. Each model is therefore always tested on news it did not train on. The same folds score
# a bag of words (tf-idf of the text with every outlet's name blanked, same classifier), which sees the
# topic, the style and the framing words at once, and chance (predicting at the class shares).
#
# **Like with like.** Full articles and RUWA's headline rows (a headline and its first lines, ~36 words)
# carry very different amounts of framing, so each content type is fitted and reported on its own.
# Only English texts of 10+ words are used (the wording lexicons and the tagger read English), from
# outlets with 50+ such texts of the content type.

# %% tags=["parameters"]
CORPUS = "default"
TOPIC = "ukraine_war"
OUTLETS = "all"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from analysis import corpus, figures, fingerprint

pd.set_option("display.max_colwidth", 140)
inputs = figures.Inputs(corpus.load(CORPUS).select(outlets=OUTLETS), topic=TOPIC)
results = fingerprint.of_inputs(inputs)
print(fingerprint.summary(results))

# %% [markdown]
# ## Which texts are compared
#
# Per content type and outlet: its texts, those in English, those long enough, and whether the outlet is
# classified. An outlet left out here appears in no figure below.

# %%
fingerprint.coverage(inputs.corpus.articles)

# %% [markdown]
# ## How well framing alone tells the outlets apart
#
# Each dot is a model's macro-F1 out of fold (the mean over outlets of each outlet's F1, so a small outlet
# counts as much as a large one), with its 95% interval from resampling each outlet's articles. Chance is
# the level of a guess at the class shares. Framing well above chance means the outlets frame
# recognisably differently even on news the model never saw; the gap to the bag of words is what the
# words add: the topics an outlet covers, its house style and boilerplate, and the framing words
# themselves. A content type that cannot be fitted says why.

# %%
scores, figure = figures.render("fingerprint_scores", inputs)
display(figure)
scores

# %% [markdown]
# `minus_words` is framing's macro-F1 minus the bag of words' with an interval from the same resamples
# (paired); `fold_min` and `fold_max` are the lowest and highest macro-F1 of a single fold, which shows how
# much the score depends on which news is held out.

# %% [markdown]
# ## Whom each outlet is taken for
#
# Rows are the outlets, columns what the models took their articles for, out of fold; each cell the share
# of the row's articles (and their number). A confusion that the framing model makes and the bag of words
# does not is a pair of outlets that frame alike while writing about different things, or in different
# words.

# %%
confusion, figure = figures.render("fingerprint_confusion", inputs)
display(figure)

# %% [markdown]
# Per outlet: precision (of the articles taken for the outlet, the share that are its own), recall (of its
# own articles, the share recognised) and F1, for each model:

# %%
outlets = fingerprint.table_fingerprint_outlets(results)
outlets.pivot_table(index=["content_type", "outlet"], columns="model", values="f1").round(2) if len(outlets) \
    else outlets

# %% [markdown]
# ## What carries each outlet
#
# The framing model refitted on every article of a content type; a cell is an outlet's coefficient on a
# feature: how much one standard deviation more of the feature raises (red) or lowers (blue) the odds of
# that outlet. Each outlet's five highest are framed, and every outlet's coefficient on those features is
# shown so a feature can be read across outlets. Coefficients are conditional on all other features, and
# the shares of one concept's forms sum to one, so read a concept's forms together.

# %%
features, figure = figures.render("fingerprint_features", inputs)
display(figure)

# %% [markdown]
# Each outlet's top features with the raw numbers behind them: the feature's mean in the outlet's texts and
# in the other outlets' (a rate per 1,000 words or a share), the mentions it counts in the outlet and the
# first of them in its sentence. `python -m analysis trace fingerprint_features --row N` lists them all.

# %%
top = features[features["rank"].notna()] if len(features) else features
top[["content_type", "outlet", "rank", "label", "coefficient", "outlet_mean", "others_mean", "mentions",
     "example"]].round(3)

# %% [markdown]
# ## Limits
#
# * The features are what the extractors find, with their errors (README, "Measured"): a feature can mark
#   an outlet because the extractor reads its prose differently (an unresolved speaker counts as side
#   `unknown`), not only because the outlet frames differently.
# * Outlet and collection are confounded. Each dataset gathered one outlet's texts on its own themes and
#   period (in the default corpus, RT's full articles span 2007-2023, the others 2022-2023), so even with
#   months held out a feature can mark an outlet because of its era (for instance a name that changed
#   spelling); RUWA's headline rows, all on the same nine events, are the like-with-like comparison.
# * The bag of words is not "topic" alone: it also reads style, boilerplate and the framing words
#   themselves; only outlet names are blanked. It bounds from above what the words tell.
# * Intervals resample articles within outlets and hold the folds fixed: they do not include the
#   variation from which news happens to be held out (see `fold_min`/`fold_max`), nor that of refitting.
# * Coefficients describe one model fitted on all articles; with correlated features a feature's weight
#   can move to its neighbour. A coefficient says the feature helps tell the outlet apart, not that the
#   outlet uses it much: read `outlet_mean` against `others_mean` and the example sentences.
