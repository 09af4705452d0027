"""Who is labelled what, and on whose authority? Designations that outlets attach to people and organisations.

A *designation* is a label that puts a person, organisation, state, outlet or group into a status: the
legal notices of Russian media ("Alexey Goncharenko (designated as terrorist and extremist in Russia)",
"Meta (признана экстремистской и запрещена в РФ)", "«Мемориал»*" with its footnote), designations
reported from an authority ("Washington designated the Wagner Group as a transnational criminal
organisation"), and the affiliation and legitimacy labels of western and Ukrainian media ("Russian
state media", "Kremlin-backed", "pro-Russian separatists", "Russian-installed officials",
"self-proclaimed Donetsk People's Republic"). Each mention records:

``designation`` (also the mentions table's ``category``)
    the type, one of ``types`` in ``analysis/lexicons/designations.yaml``: terrorist, extremist, foreign_agent,
    undesirable, banned, criminal (legal and official statuses); state_media, state_affiliated,
    aligned, installed, self_proclaimed (labels). A label that gives two types ("terrorist and
    extremist", "признана экстремистской и запрещена") is **one row per type with the same spans**,
    so that counts by type work; a label attached to several entities ("the criminal organizations DPR
    and LPR") is one row per entity.
``entity``, ``entity_start``, ``entity_end``
    what the label attaches to: a proper name where there is one ("Alexey Goncharenko", "Meta",
    "Мемориал", "RT"), else the noun phrase or pronoun ("separatists", "The organization", "их").
``authority``
    who designates, normalised ("Russia", "United States", "EU", "Ukraine", ...), only where the text
    names it ("in Russia", "by the US State Department", "Minsk has branded"); None otherwise,
    including for every label an outlet applies itself.
``voice``
    ``own`` when the outlet applies the label, ``reported`` when it reports someone else's
    designation: a designating act or agent ("was banned in 2015", "by the EU", "Russia designates"),
    a direct quotation, or scare quotes around the label.
``form``
    ``parenthetical`` "(banned in Russia)"; ``appositive`` ", which is outlawed in Russia," /
    ", a terrorist group recognised by the EU," / "terrorist organisations: X and Y";
    ``clause`` "X was designated ...", "Russia designates X a 'terrorist' group", "Russia is a
    terrorist state"; ``attributive`` a pre-nominal label "Kremlin-backed broadcaster RT", "the
    terrorist organization DNR"; ``footnote`` a ``*`` marker whose footnote gives the status.

``term`` is the label as it stands and ``start``/``end`` its span (for a footnote, the footnote's
text); ``canonical`` normalises it ("state sponsor of terrorism", "Kremlin-backed", "pro-Russian").

Not designations (see the annotation guideline in ``data/annotations/designations.jsonl``): calls,
proposals, conditionals and negations ("must be recognised as", "once the group is recognised",
"is not state-owned"); classes instead of actors ("banned groups", "the law on foreign agents");
things that are not actors ("banned weapons", "pro-Russian views", "Russian-controlled territory");
bans on doing something ("banned from entering"); platform bans; private patrons ("Soros-backed").

The finder is a small grammar over the vocabulary (``analysis/lexicons/designations.yaml`` and the pack's
``designations.yaml``). It is cheap: one
pass of plain substring checks (the ``triggers``) rejects articles without any status word or label,
and only the sentences around a trigger are parsed. Accuracy is measured by
:func:`evaluate_designations` on real sentences labelled by hand (``make evaluate``).

Modules: :mod:`~analysis.designations.lexicon` (the vocabulary as data: the package's generic forms and
the topic pack's authorities, patrons and labels, validated), :mod:`~analysis.designations.grammar`
(regular expressions built once per pack from it), :mod:`~analysis.designations.finder` (:func:`extract`:
which parsers run in which window), :mod:`~analysis.designations.windows` (trigger windows), one module
per form (:mod:`~analysis.designations.parenthetical`, :mod:`~analysis.designations.appositive`,
:mod:`~analysis.designations.clause`, :mod:`~analysis.designations.attributive`,
:mod:`~analysis.designations.footnote`, each in English and Russian), :mod:`~analysis.designations.entities`
(what a label attaches to), :mod:`~analysis.designations.cues` (statuses, authority, quotation and irrealis
around a label), :mod:`~analysis.designations.context` (what the parsers share),
:mod:`~analysis.designations.resolve` (one finding per label, by form precedence),
:mod:`~analysis.designations.evaluation` (``make evaluate``) and :mod:`~analysis.designations.tables`
(figures, notebook 03). Importing this package loads extraction only.
"""

from __future__ import annotations

from analysis.designations.finder import (  # noqa: F401
    FAMILY,
    FORMS,
    JSON_FIELDS,
    VOICES,
    extract,
    json_record,
    prepare,
)
