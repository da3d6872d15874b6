"""Figures quoted by the source documents: the documents by file name, and what a figure holds."""

from __future__ import annotations

from typing import NamedTuple

from graph.model import Label, Qualifier

SOURCE_REPORT = "000_52f4ffdcf80e4271.txt"
SOURCE_NEWS = "001_274c8742b5dc7b26.txt"
SOURCE_UNION = "002_d7355ef3c7634b2c.txt"
SOURCE_RAILWAY = "003_49c322c2136ed9ce.txt"
SOURCE_BRANCH = "004_c35094e2c36e0db5.txt"


class Figure(NamedTuple):
    """A figure quoted by a document, and the node it is about."""

    indicator: str
    label: str
    value: float
    qualifier: Qualifier
    unit: str
    source: str
    about_label: Label
    about_key: str


# What a figure is about: a label and a key of the demo graph; the center is quoted most.
ABOUT_CENTER = (Label.ORGANIZATION, "org/center")
