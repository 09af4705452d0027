"""How does a reader choose an event, an outlet or a speaker in JupyterLab without editing a cell?

Each function returns an ipywidgets control wired to a table function of the package, for the notebooks'
"choose another" cells. Rendered reports show the static output of the parameters instead (papermill runs
headless; a widget has no state to draw there), so nothing here computes a finding of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd


def picker(options: Sequence[str], show: Callable[[str], object], *, description: str, value: str | None = None):
    """A dropdown of ``options`` that clears its output area and calls ``show(choice)`` on every change.

    Returns:
        An ``ipywidgets.VBox`` holding the dropdown and the output area (display it as a cell's last value).
    """
    import ipywidgets as widgets
    from IPython.display import display

    options = list(options)
    menu = widgets.Dropdown(options=options, value=value if value in options else (options[0] if options else None),
                            description=description, layout=widgets.Layout(width="90%"))
    output = widgets.Output()

    def redraw(change: dict | None = None) -> None:
        output.clear_output(wait=True)
        with output:
            if menu.value is not None:
                display(show(menu.value))

    menu.observe(redraw, names="value")
    redraw()
    return widgets.VBox([menu, output])


def event_picker(listed: pd.DataFrame, show: Callable[[str], object], *, value: str | None = None):
    """A dropdown of the events in :func:`analysis.events.table_events` order, labelled by date, outlets and
    headline, calling ``show(event_id)``."""
    labels = {f"{row.event} · {_day(row.first)} · {row.outlets} outlets · {str(row.title)[:80]}": row.event
              for row in listed.itertuples()}
    by_label = {event: label for label, event in labels.items()}
    return picker(list(labels), lambda label: show(labels[label]), description="event",
                  value=by_label.get(value))


def _day(value: object) -> str:
    """A date as YYYY-MM-DD, or "undated"."""
    return "undated" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")
