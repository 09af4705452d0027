"""Compare how news outlets frame the same world: corpus, wording, designations and sourcing.

One module per question: ``corpus`` (what is in the corpus), ``cleaning`` (which part of a page is the
article), ``ingest`` (what articles are in these files), ``metadata`` (who published it and when),
``dedup`` (which articles are the same), ``language``, ``datasets`` (which public corpora we read);
``topic`` and ``schema`` (which topic pack, and is a vocabulary file well formed); ``text``, ``quotes``
and ``cues`` (sentences, quotations and reporting verbs, shared by every family); the families
``wording``, ``designations`` and ``sourcing`` and the ``tagger``; ``mentions`` (one table for every
family); ``cache`` and ``outputs`` (is a stored result valid, where a run's output goes); ``plots`` and
``figures`` (every figure from its table), ``report`` (rendered notebooks).
"""

__version__ = "0.1.0"
