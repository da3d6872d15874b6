"""Observations: every quoted figure as a node, with its qualifier and source, about its subject."""

from __future__ import annotations

from demo.article_figures import ARTICLE_FIGURES
from demo.figures import Figure
from demo.report_figures import REPORT_FIGURES
from demo.world import World
from graph.model import Label, Rel

FIGURES: tuple[Figure, ...] = (*REPORT_FIGURES, *ARTICLE_FIGURES)


def build(w: World) -> None:
    """Add one observation per quoted figure."""
    for figure in FIGURES:
        if w.b.labels.get(figure.about_key) is not figure.about_label:
            raise ValueError(f"{figure.indicator} is about a missing {figure.about_key}")
        observation = w.b.node(
            Label.OBSERVATION,
            figure.indicator.replace("_", "-"),
            indicator=figure.indicator,
            label=figure.label,
            value=float(figure.value),
            qualifier=figure.qualifier.value,
            unit=figure.unit,
            source=figure.source,
        )
        w.b.link(Rel.ABOUT, observation, figure.about_key)
