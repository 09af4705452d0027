# %% [markdown]
# # 07 · Same event: how each outlet covers one event, side by side
#
# **Question.** When several outlets report the same event, which names, labels and designations does
# each choose, whom does it quote, and with which verbs? Comparing outlets over a whole corpus mixes
# different news; comparing them on *one* event holds the news fixed and leaves the framing.
#
# **Method.** Reads the Article table of `CORPUS` and groups its articles into events
# (`analysis/events.py`): two articles can be the same event when their dates are at most three days
# apart (an undated article joins the event of the dated article its text is closest to), and a group is
# kept together while the mean similarity of its articles' leads (TF-IDF of the first 120 words) is at
# least 0.02. Articles are compared within a language only. Then, for one event (`EVENT`, or the one
# covered by most outlets), it lays out each outlet's headlines, naming, charged labels, designations,
# sources by side, unnamed sources and reporting verbs, each with an example sentence and its article,
# from the mention tables of notebooks 02 to 04.
#
# **How good is the grouping?** `make evaluate` (`python -m analysis evaluate --only events
# --only events_fulltext`) measures it on RUWA's event labels and on 290 full articles we read and
# labelled (ids and labels in `tests/data/events_fulltext.csv`); the README quotes the numbers. In
# short: events are rarely mixed (precision 0.99 against RUWA's labels), but on a busy week of
# intertwined news (an anniversary with speeches, visits and votes on the same days) the grouping joins
# distinct events, and RUWA's labels are much coarser than our events. Read an event's article list
# before reading its side-by-side table.
#
# Writes nothing: `make figures` writes `figures/events_coverage` (PNG with its CSV twin).

# %% tags=["parameters"]
CORPUS = "default"
TOPIC = "ukraine_war"
OUTLETS = "all"
EVENT = ""

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

from analysis import corpus, events, figures, plots

pd.set_option("display.max_colwidth", 200)
inputs = figures.Inputs(corpus.load(CORPUS).select(outlets=OUTLETS), topic=TOPIC)
articles = inputs.corpus.articles
found = events.group(articles)
listed = events.table_events(articles, found)
shared = listed[listed["outlets"] >= 2]
print(f"{len(articles):,} articles in {len(listed):,} events; {len(shared):,} events are covered by two or more "
      f"outlets ({int(shared['articles'].sum()):,} articles)")

# %% [markdown]
# ## The events covered by most outlets
#
# One row per event: its first and last date, its articles and outlets, and the headline of its most
# central article (the one closest to the event's mean). A long date range or a very large event is a
# hint that distinct stories were joined.

# %%
listed.head(15)

# %% [markdown]
# Which outlets covered each of these events, and with how many articles (dot area and number):

# %%
coverage = events.table_event_coverage(articles, found)
display(plots.fig_events_coverage(coverage))

# %% [markdown]
# ## One event, outlet by outlet
#
# The event is `EVENT` when given (an id such as `e0123` from the table above), else the event covered
# by most outlets. Its articles first, to check that they do report one event:

# %%
chosen = events.choose_event(articles, found, EVENT)
members = articles[(found == chosen).to_numpy()].assign(event=chosen)
print(f"event {chosen}: {len(members)} articles from {members['outlet'].nunique()} outlets")
members.sort_values(["published", "outlet"], na_position="last")[["article_id", "outlet", "published", "title"]]

# %% [markdown]
# Side by side: one column per outlet, one row per aspect. Each cell lists the outlet's most frequent
# choices with their counts (`×n`); `(none found)` means the extractors found nothing, which can also be
# a miss. Naming shows the variant in brackets (which side's name for a place, a war, a person); sources
# and verbs are prefixed by the speaker's side from the topic pack (`unknown` when the text does not
# say).

# %%
side_by_side = events.side_by_side(members, inputs, topic=inputs.topic)
events.wide(side_by_side)

# %% [markdown]
# Every cell with the sentence that shows its most frequent choice, and the article it comes from:

# %%
side_by_side[side_by_side["mentions"] > 0][["aspect", "outlet", "choices", "example_article_id", "example_sentence"]]

# %% [markdown]
# ## The event's articles, annotated
#
# One article from each of the two outlets with the most articles in the event, side by side, with every
# finding marked in the text as in `00-seeds` (hover over a word for its notes).

# %%
from IPython.display import HTML

from analysis import annotate

largest = members["outlet"].value_counts().index[:2]
pair = members[members["outlet"].isin(largest)].sort_values("published").drop_duplicates("outlet")
display(HTML(annotate.fragment(pair, topic=inputs.topic)))

# %% [markdown]
# ## Choose another event (JupyterLab)
#
# In JupyterLab, the menu redraws the side-by-side table for any event covered by two or more outlets. A
# rendered report shows the tables above, for the `EVENT` parameter, instead.

# %%
from analysis import interactive


def show(event: str) -> pd.DataFrame:
    chosen_members = articles[(found == event).to_numpy()].assign(event=event)
    return events.wide(events.side_by_side(chosen_members, inputs, topic=inputs.topic))


interactive.event_picker(shared if len(shared) else listed, show, value=chosen)

# %% [markdown]
# ## What to look for
#
# * **Naming.** Does one outlet write a place or the war by one side's name and another by the other's?
#   The bracket after each name is its variant in the naming lexicon.
# * **Labels and designations.** Which outlet calls whom "regime", "terrorist", "Kremlin-backed",
#   "self-proclaimed", and does it say so in its own voice?
# * **Sources.** Whose statements carry each outlet's report: one side's officials, the other's,
#   third parties, unnamed sources? A lopsided list on the same event is a choice of the outlet.
# * **Verbs.** "Said" for one side and "claimed" for the other is a framing asymmetry; the example
#   sentence shows it in context.
#
# ## Limits
#
# * The grouping is measured, and not perfect: on RUWA's labels its precision is high and its recall
#   low (RUWA's labels are coarse), and on our labelled full articles it separates events well on an
#   ordinary fortnight but merges the distinct events of a crowded week. Check the article list above.
# * Articles are compared within a language: the Russian version of an article is not grouped with the
#   English one. Undated articles are placed by text alone, so an undated feature can join an event it
#   only resembles.
# * Outlets whose rows are headlines and sub-headings only (RUWA) contribute a line each, not an article:
#   their cells are short by nature, not by choice.
# * The cells count what the extractors found; read them with the extractors' measured error rates
#   (README, "Measured"), especially for speakers whose side the text does not give.
