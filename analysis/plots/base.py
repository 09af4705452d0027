"""What every figure module shares: the placeholder drawn when a table has nothing to show."""

from __future__ import annotations

from matplotlib.figure import Figure


def empty(fig: Figure, message: str) -> Figure:
    """Write ``message`` in the middle of an otherwise empty figure (an empty table still gets a figure)."""
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig
