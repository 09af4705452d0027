"""How does each table look as a figure? One module per question, all re-exported here.

Figure functions take a table (from a question's module) and return a matplotlib Figure: no file
input or output and no statistics, so a figure can always be rebuilt from its CSV twin. Figures are
built with the object-oriented API (``matplotlib.figure.Figure``), which needs no backend and keeps
no global state; outlet colours and names come from ``rules/outlets.yaml``, the style from
``house.mplstyle`` (:data:`STYLE`).
"""

from analysis.plots.annotate import fig_findings  # noqa: F401
from analysis.plots.compare import (  # noqa: F401
    fig_attribution_asymmetry,
    fig_naming_adoption,
    fig_outlet_differences,
)
from analysis.plots.corpus import fig_article_length, fig_articles_over_time  # noqa: F401
from analysis.plots.designations import fig_designated_entities, fig_designation_rates  # noqa: F401
from analysis.plots.events import fig_events_coverage  # noqa: F401
from analysis.plots.fingerprint import (  # noqa: F401
    fig_fingerprint_confusion,
    fig_fingerprint_features,
    fig_fingerprint_scores,
)
from analysis.plots.sourcing import (  # noqa: F401
    fig_sourcing_anonymity,
    fig_sourcing_channels,
    fig_sourcing_sides_types,
    fig_sourcing_verbs_by_side,
)
from analysis.plots.wording import (  # noqa: F401
    fig_distinctive_terms,
    fig_naming_over_time,
    fig_naming_shares,
    fig_wording_rates,
)
