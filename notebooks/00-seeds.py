# %% [markdown]
# # 00 · Start here: two articles, every finding in its place
#
# The project began with two short articles that report the same story, Ukraine's bid to join NATO: one
# from RT (11 June 2023), one from TASS (5 December 2023), shipped in `data/seeds/`. This notebook shows
# them side by side with everything the analysis finds in them highlighted in the text itself, and says
# what each kind of finding is and why it matters. The later notebooks count the same findings over
# thousands of articles; this one shows what a single finding looks like, so that every bar in them can be
# read as "this many sentences like these".
#
# Reads the seeds, and two articles of `CORPUS` when it is another corpus (one from each of the two
# outlets with the most articles: the one with the most kinds of finding). `TOPIC` is the topic pack
# whose vocabulary and side colours are used. Writes nothing; `python -m analysis annotate PATH [PATH2]
# -o FILE.html` writes the same view of any articles as a standalone page.
#
# **How to read the view.** Hover over any word of the text to see a note for every finding that covers
# it; the list under each article gives the same notes, numbered in the order of the text. Attributed
# content is tinted in the colour of the speaker's side, the source is underlined in that colour, and the
# reporting verb is boxed with its class after it. The legend above the articles explains every style.

# %% tags=["parameters"]
CORPUS = "seeds"
TOPIC = "ukraine_war"
OUTLETS = "all"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import HTML, display

from analysis import annotate, corpus, figures, mentions, plots

pd.set_option("display.max_colwidth", 120)
seeds = figures.Inputs(corpus.load("seeds"), topic=TOPIC)
seed_findings = pd.concat([seeds.mentions(name) for name in mentions.FAMILIES], ignore_index=True)
print(f"topic pack: {seeds.topic.title} ({seeds.topic.reference}); "
      f"{len(seed_findings)} findings in {len(seeds.corpus.articles)} seed articles")

# %%
display(HTML(annotate.fragment(seeds.corpus.articles, topic=seeds.topic, mentions=seed_findings)))

# %% [markdown]
# ## What each finding is, and why it matters
#
# **Naming variants** (underlined in the variant's colour). Where a place, a person or an event has
# competing names, the choice tells the reader whose point of view the text takes. Both seeds write
# "Kiev", the transliteration from Russian, where Ukrainian usage and most western outlets since 2019 write
# "Kyiv"; RT writes "Vladimir Zelensky"; TASS reports Moscow's "special military operation", while RT says
# "its military operation" in its own voice. One spelling proves nothing; the share of each variant over
# thousands of articles does (notebook 02).
#
# **Labels, loaded words and descriptors.** A label such as "regime" or "neo-Nazis" judges what it names; a
# descriptor replaces a name with a description ("the US-led military bloc" for NATO, twice in RT). The
# pack's lexicons find the ones it lists; a tagger trained on annotated propaganda finds loaded wording
# beyond them (with a score, so its uncertain finds can be told apart).
#
# **Hedges and scare quotes.** "According to his claims", "so-called", "alleged": words that put distance
# between the outlet and what it reports. A scare quote puts a short phrase in quotation marks without
# anyone being quoted, inviting the reader to doubt it; a quotation with a speaker is not one.
#
# **Designations.** TASS introduces the Ukrainian MP Alexey Goncharenko as "(designated as terrorist and
# extremist in Russia)": a notice Russian law requires for people on Rosfinmonitoring's list. The view
# marks the designation, the entity it is attached to (dotted box) and, in the note, the authority named
# ("Russia") and whether the outlet applies the label in its own voice or reports someone else's
# (notebook 03).
#
# **Who is quoted, with which verb.** Every attribution has a source, a cue and content. The side of the
# source (from the speaker's role and name, `unknown` when the text does not tell) colours the content;
# the cue's class says how the verb frames what it reports. Most cues are neutral ("said", "wrote");
# the framing is in the exceptions. In TASS, the Ukrainian lawmaker "claims" (a distancing verb, that casts
# doubt) while a few paragraphs later Russia's foreign ministry spokeswoman "has repeatedly stressed" (an
# emphatic, endorsing one). RT's cues are mostly neutral ("says", "wrote on Facebook", "told Politico"),
# with one endorsing "pointed out" for the US envoy. The channel ("wrote on Telegram", "told Politico") and unnamed sources ("several sources in Washington",
# relayed by a named one) are in the notes (notebook 04).
#
# Findings are made by rules, lexicons and a trained tagger; each family's measured error rates are in
# the README ("Measured"). The view is the place to check them: a wrong highlight is a wrong row in a
# figure.

# %% [markdown]
# The same findings as tables: counts by family and kind per outlet, then every attribution with its
# speaker, side, cue verb and class.

# %%
pd.crosstab([seed_findings["family"], seed_findings["kind"]], seed_findings["outlet"])

# %%
attributions = seed_findings[seed_findings["family"] == "sourcing"]
attributions[["outlet", "kind", "speaker", "side", "term", "verb_class", "channel", "sentence"]]

# %% [markdown]
# ## The same findings, counted
#
# The highlights of each article counted by style and detail: naming variants by variant, designations by
# type, attributions by the class of their cue. This is what the later notebooks count over whole
# outlets; with one article per outlet it shows what the two articles do, not what the outlets do.

# %%
findings_table = annotate.table_findings(seed_findings)
display(plots.fig_findings(findings_table))

# %% [markdown]
# ## Two articles of the corpus
#
# When `CORPUS` is not the seeds: one article from each of the two outlets with the most articles, the one
# with the most kinds of finding (preferring articles under 900 words, so the view stays readable).

# %%
if CORPUS != "seeds":
    inputs = figures.Inputs(corpus.load(CORPUS).select(outlets=OUTLETS), topic=TOPIC)
    found = pd.concat([inputs.mentions(name) for name in mentions.FAMILIES], ignore_index=True)
    chosen = annotate.examples(inputs.corpus.articles, found)
    print(f"{CORPUS}: {len(inputs.corpus.articles):,} articles, {len(found):,} findings; showing "
          f"{', '.join(chosen['article_id'])}")
    display(HTML(annotate.fragment(chosen, topic=inputs.topic, mentions=found)))
    display(plots.fig_findings(annotate.table_findings(found[found["article_id"].isin(chosen["article_id"])])))
else:
    print("CORPUS is the seeds, shown above.")
