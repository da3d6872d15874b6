"""The redactor of text shown to the public: phone and identity numbers and reporters' names go."""

from __future__ import annotations

import re
from collections.abc import Iterable

PHONE = "[电话]"
IDENTITY = "[身份证号]"
NAME = "[姓名]"

# Full-width digits and punctuation read as their ASCII twins. Each maps one character to one,
# so a match in the folded text has the same span in the original.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
        "Ｘ": "X",
        "ｘ": "x",
        "＋": "+",
        "－": "-",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
        "（": "(",
        "）": ")",
        "＊": "*",
        "\u3000": " ",
    }
)

# One optional space or hyphen between groups of digits.
_SEP = r"[ \-]?"
# Not inside a longer run of digits.
_ALONE = r"(?<![0-9])(?:{})(?![0-9])"
_COUNTRY = r"(?:(?:\+|00)86|\(\+?86\)|86)"
# Area codes: 010, 02x, then four digits starting 03 to 09; local numbers start 2 to 9.
_AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"
_LOCAL = r"[2-9][0-9]{2,3}" + _SEP + r"[0-9]{4}"

_IDENTITY = re.compile(
    _ALONE.format(r"[1-9][0-9]{5}" + _SEP + r"[0-9]{8}" + _SEP + r"[0-9]{3}[0-9Xx]"), re.ASCII
)
_MOBILE = re.compile(
    _ALONE.format(rf"(?:{_COUNTRY}{_SEP})?1[3-9][0-9](?:{_SEP}[0-9]{{4}}){{2}}"), re.ASCII
)
_LANDLINE = re.compile(
    _ALONE.format(
        rf"(?:{_COUNTRY}{_SEP}(?:\(0\))?{_AREA}|\( ?0{_AREA} ?\)|0{_AREA}){_SEP}{_LOCAL}"
    ),
    re.ASCII,
)
# A local number without its area code is a phone only where the text says so; a date
# written as eight digits (20230115) is not one.
_DATE = r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
_CALLED_LOCAL = re.compile(
    r"(?:电话|座机|手机|联系方式|tel|phone)[^0-9\n]{0,5}?"
    + rf"(?<![0-9])(?!{_DATE})({_LOCAL})(?![0-9])",
    re.ASCII | re.IGNORECASE,
)

# How a Chinese name is written masked: the surname, then stars or 某 (or x), optionally the
# name's last character; or the surname with 先生/女士.
_MASKS = r"[*×xX某〇○]{1,3}"


def redact(text: str, names: Iterable[str] = ()) -> str:
    """`text` with phone numbers, identity numbers and the given names replaced by markers."""
    folded = text.translate(_FOLD)
    spans: list[tuple[int, int, str]] = []
    for pattern, marker in ((_IDENTITY, IDENTITY), (_MOBILE, PHONE), (_LANDLINE, PHONE)):
        spans.extend((m.start(), m.end(), marker) for m in pattern.finditer(folded))
    spans.extend((m.start(1), m.end(1), PHONE) for m in _CALLED_LOCAL.finditer(folded))
    for pattern in _name_patterns(names):
        spans.extend((m.start(), m.end(), NAME) for m in pattern.finditer(folded))
    return _replace(text, spans)


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    patterns = []
    for raw in names:
        name = raw.strip().translate(_FOLD)
        # One character matches too much to take out; it would not say who reported anyway.
        if len(name) < 2:
            continue
        forms = [re.escape(name)]
        if _is_han(name[0]):
            last = re.escape(name[-1])
            forms.append(rf"{re.escape(name[0])}(?:{_MASKS}(?:{last})?|先生|女士)")
        patterns.append(re.compile("|".join(forms)))
    return patterns


def _is_han(character: str) -> bool:
    return "\u3400" <= character <= "\u9fff" or "\uf900" <= character <= "\ufaff"


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Replace each span by its marker; overlapping spans merge under the first one's marker."""
    pieces: list[str] = []
    cursor = 0
    for start, end, marker in sorted(spans):
        if start < cursor:
            if end > cursor:
                cursor = end
            continue
        pieces.extend((text[cursor:start], marker))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
