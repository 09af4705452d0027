"""What every figure module shares: the placeholder drawn when a table has nothing to show, the note a figure
carries when some of its estimates come without an interval, integer ticks on count axes, and the look of a
point drawn without its interval.

A figure is never blank where its table has rows: an estimate from fewer than
:data:`analysis.stats.MIN_ARTICLES_FOR_INTERVAL` articles has no interval in its table (NaN), and is drawn as a
hollow point with a note on the figure that intervals need more articles, rather than left out or drawn with an
interval of zero width that would look certain.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.stats import MIN_ARTICLES_FOR_INTERVAL

#: Colour of the notes written under a figure, and how many of their characters fit in an inch (8 points).
NOTE_COLOUR = "#555555"
NOTE_CHARACTERS_PER_INCH = 15


def empty(fig: Figure, message: str) -> Figure:
    """Write ``message`` in the middle of an otherwise empty figure (an empty table still gets a figure)."""
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


def integer_ticks(*axes: Axis) -> None:
    """Ticks at whole numbers only, for axes that count (articles, mentions): no "0.5 articles"."""
    for axis in axes:
        axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))


def has_interval(low, high) -> np.ndarray:
    """Which estimates have an interval (both ends known); the others are drawn as points alone."""
    return np.isfinite(np.asarray(low, dtype=float)) & np.isfinite(np.asarray(high, dtype=float))


def hollow(colour: str) -> dict:
    """Marker options of a point drawn without its interval: the outlet's colour as an outline only."""
    return {"marker": "o", "markerfacecolor": "white", "markeredgecolor": colour, "markeredgewidth": 1.2,
            "linestyle": "none"}


def estimates(ax: Axes, estimate, position, low, high, *, colour: str, ecolor: str | None = None,
              markersize: float = 4.0, capsize: float = 0.0, elinewidth: float = 1.0, label: str | None = None) -> int:
    """Draw estimates along x at heights ``position``: a dot with its interval where both ends are known, a hollow
    point alone where they are not (NaN estimates are not drawn). Nothing empty is drawn (an empty artist
    outside the clip box would upset the layout).

    Returns:
        How many estimates were drawn without an interval.
    """
    estimate, position, low, high = (np.asarray(v, dtype=float) for v in (estimate, position, low, high))
    drawn = np.isfinite(estimate)
    known = drawn & has_interval(low, high)
    alone = drawn & ~known
    if known.any():
        xerr = np.clip([estimate[known] - low[known], high[known] - estimate[known]], 0, None)
        ax.errorbar(estimate[known], position[known], xerr=xerr, fmt="o", color=colour, ecolor=ecolor or colour,
                    elinewidth=elinewidth, capsize=capsize, markersize=markersize, label=label, clip_on=False,
                    zorder=3)
    if alone.any():
        ax.plot(estimate[alone], position[alone], markersize=markersize + 0.5, clip_on=False, zorder=3,
                label=None if known.any() else label, **hollow(colour))
    return int(alone.sum())


def no_interval_note(missing: int, shown: int, *, unit: str = "estimates") -> str:
    """The note for a figure where ``missing`` of ``shown`` estimates have no interval ('' when none is missing)."""
    if not missing:
        return ""
    which = "all" if missing == shown else f"{missing:,} of {shown:,}"
    return (f"Hollow points ({which} {unit}): fewer than {MIN_ARTICLES_FOR_INTERVAL} articles, so no interval is "
            "drawn; intervals need more articles.")


def note(fig: Figure, *lines: str) -> None:
    """Write notes under the figure (left-aligned, small, grey, wrapped to its width); empty lines are skipped."""
    width = max(40, int(fig.get_figwidth() * NOTE_CHARACTERS_PER_INCH))
    text = "\n".join(textwrap.fill(line, width) for line in lines if line)
    if text:
        fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color=NOTE_COLOUR)
