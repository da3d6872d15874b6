"""The backup file: gzip-compressed JSON Lines, one node or relationship a line, a manifest last.

Line 1 is the header (`format`, `version`, versions, database); then one `{"schema": …}` line
per constraint or index, then `{"n": id, "l": labels, "p": props}` per node and
`{"r": id, "t": type, "s": start, "e": end, "p": props}` per relationship; the last line is
`{"manifest": {…}, "sha256": …}`, the digest of every byte before it. Property values that
JSON cannot hold exactly are tagged `{"$": kind, "v": text}` (see `encode`).
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

FORMAT = "lianxin-backup"
VERSION = 1
MASK = (1 << 128) - 1


class BackupRefused(Exception):
    """A file that cannot be restored; the message is one sentence for an operator, in Chinese."""


def encode(value: Any) -> Any:
    """A property value as JSON: plain values as they are, the rest tagged by kind."""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, bytes | bytearray):
        return {"$": "bytes", "v": base64.b64encode(value).decode()}
    if isinstance(value, Point):
        coordinates = dict(zip(("x", "y", "z"), value, strict=False))
        return {"$": "point", "v": {"srid": value.srid, **coordinates}}
    if isinstance(value, Duration):
        parts = ("months", "days", "seconds", "nanoseconds")
        return {"$": "duration", "v": {part: getattr(value, part) for part in parts}}
    return _temporal(value)


def _temporal(value: Any) -> dict[str, Any]:
    if isinstance(value, dt.datetime):
        value = DateTime.from_native(value)
    elif isinstance(value, dt.date):
        value = Date.from_native(value)
    elif isinstance(value, dt.time):
        value = Time.from_native(value)
    if isinstance(value, DateTime):
        if value.tzinfo is None:
            return {"$": "localdatetime", "v": value.iso_format()}
        zone = getattr(value.tzinfo, "key", None) or getattr(value.tzinfo, "zone", None)
        text = value.iso_format()
        # The driver reads offset 0 and the zone UTC alike; the offset is what both mean.
        named = zone is not None and zone != "UTC"
        return {"$": "datetime", "v": f"{text}[{zone}]" if named else text}
    if isinstance(value, Date):
        return {"$": "date", "v": value.iso_format()}
    if isinstance(value, Time):
        kind = "localtime" if value.tzinfo is None else "time"
        return {"$": kind, "v": value.iso_format()}
    raise TypeError(f"a property of type {type(value).__name__} cannot be backed up")


def scanned(props: list[list[Any]]) -> dict[str, Any]:
    """Properties as a scan returns them ([name, kind, value]), encoded for the file."""
    found: dict[str, Any] = {}
    for name, kind, value in props:
        if kind is None:
            found[name] = encode(value)
        elif kind.endswith("[]"):
            found[name] = [{"$": kind[:-2], "v": item} for item in value]
        else:
            found[name] = {"$": kind, "v": value}
    return found


def plain_and_typed(props: Mapping[str, Any]) -> tuple[dict[str, Any], list[list[Any]]]:
    """A line's properties split for the restore: plain ones, and [name, kind, value] triples."""
    plain: dict[str, Any] = {}
    typed: list[list[Any]] = []
    for name, value in props.items():
        if isinstance(value, dict):
            typed.append([name, value["$"], _argument(value)])
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            typed.append([name, value[0]["$"] + "[]", [_argument(item) for item in value]])
        else:
            plain[name] = value
    return plain, typed


def _argument(tagged: Mapping[str, Any]) -> Any:
    return base64.b64decode(tagged["v"]) if tagged["$"] == "bytes" else tagged["v"]


def canonical(value: Any) -> bytes:
    """One byte string per value, whatever the order of its keys."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _sha(data: bytes) -> int:
    # An entity's 128-bit digest; a graph's checksum is their sum, so order does not matter.
    return int.from_bytes(hashlib.sha256(data).digest()[:16], "big")


@dataclass
class Tally:
    """Counts and checksums per label and per relationship type, as a scan or a file adds up."""

    labels: dict[str, list[int]] = field(default_factory=dict)
    types: dict[str, list[int]] = field(default_factory=dict)

    def node(self, labels: list[str], body: bytes) -> None:
        """Count one node, its properties given as their canonical JSON, under each label."""
        entry = _sha(canonical(sorted(labels)) + body)
        for label in labels:
            counted = self.labels.setdefault(label, [0, 0])
            counted[0] += 1
            counted[1] = (counted[1] + entry) & MASK

    def relationship(self, kind: str, body: bytes, start: Any, end: Any) -> None:
        """Count one relationship, named with its endpoints' names."""
        counted = self.types.setdefault(kind, [0, 0])
        counted[0] += 1
        counted[1] = (counted[1] + _sha(canonical([kind, start, end]) + body)) & MASK

    def as_manifest(self) -> dict[str, Any]:
        """Counts and hex checksums, sorted by name."""
        return {
            "labels": {
                k: {"count": c, "checksum": f"{s:032x}"}
                for k, (c, s) in sorted(self.labels.items())
            },
            "types": {
                k: {"count": c, "checksum": f"{s:032x}"} for k, (c, s) in sorted(self.types.items())
            },
        }


def endpoint_name(name: list[Any]) -> list[Any]:
    """An endpoint's [labels, key-or-properties] in the form checksums use."""
    labels, identity = name
    return [
        sorted(labels),
        {k: encode(v) for k, v in identity.items()} if isinstance(identity, dict) else identity,
    ]


@dataclass(frozen=True)
class Contents:
    """A file checked whole: its header, schema statements, manifest and line counts."""

    header: dict[str, Any]
    schema: list[str]
    manifest: dict[str, Any]
    nodes: int
    relationships: int


def lines(path: Path) -> Iterator[dict[str, Any]]:
    """The file's lines as JSON objects, refusing what is not gzip-compressed JSON Lines."""
    try:
        with gzip.open(path, "rb") as stream:
            for raw in stream:
                yield json.loads(raw)
    except FileNotFoundError:
        raise BackupRefused(f"找不到备份文件 {path}，请检查路径。") from None
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError, ValueError) as error:
        raise BackupRefused(_damage(path, error)) from None


def _damage(path: Path, error: Exception) -> str:
    if isinstance(error, EOFError):
        return f"{path} 不完整（文件在中途被截断），不能恢复，请换一个完整的备份文件。"
    if isinstance(error, gzip.BadGzipFile) and "Not a gzipped" in str(error):
        return f"{path} 不是连心的备份文件（不是 gzip 压缩的 JSON Lines），不能恢复。"
    return f"{path} 已损坏（{type(error).__name__}），不能恢复，请换一个完整的备份文件。"


def check(path: Path) -> Contents:
    """Read the whole file once: its header, checksum and counts must agree, or it is refused."""
    sha = hashlib.sha256()
    header: dict[str, Any] | None = None
    schema: list[str] = []
    manifest: dict[str, Any] | None = None
    tally = Tally()
    nodes = relationships = 0
    try:
        with gzip.open(path, "rb") as stream:
            for number, raw in enumerate(stream):
                line = json.loads(raw)
                if number == 0:
                    if not isinstance(line, dict) or line.get("format") != FORMAT:
                        raise BackupRefused(
                            f"{path} 不是连心的备份文件（缺少备份文件头），不能恢复。"
                        )
                    if line.get("version") != VERSION:
                        raise BackupRefused(
                            f"{path} 是第 {line.get('version')} 版备份格式，"
                            f"本程序只能恢复第 {VERSION} 版。"
                        )
                    header = line
                elif manifest is not None:
                    raise BackupRefused(f"{path} 在清单之后还有内容，文件已损坏，不能恢复。")
                elif "manifest" in line:
                    if line.get("sha256") != sha.hexdigest():
                        raise BackupRefused(f"{path} 的校验和与内容不符，文件已损坏，不能恢复。")
                    manifest = line["manifest"]
                    continue
                elif "schema" in line:
                    schema.append(line["schema"])
                elif "n" in line:
                    nodes += 1
                    tally.node(line["l"], canonical(line["p"]))
                elif "r" in line:
                    relationships += 1
                    tally.relationship(line["t"], canonical(line["p"]), line["sn"], line["en"])
                sha.update(raw)
    except FileNotFoundError:
        raise BackupRefused(f"找不到备份文件 {path}，请检查路径。") from None
    except (
        EOFError,
        gzip.BadGzipFile,
        zlib.error,
        OSError,
        ValueError,
        KeyError,
        TypeError,
    ) as error:
        if header is not None or isinstance(error, EOFError | gzip.BadGzipFile):
            raise BackupRefused(_damage(path, error)) from None
        raise BackupRefused(
            f"{path} 不是连心的备份文件（第一行不是备份文件头），不能恢复。"
        ) from None
    if header is None:
        raise BackupRefused(f"{path} 是空文件，不是连心的备份文件，不能恢复。")
    if manifest is None:
        raise BackupRefused(f"{path} 不完整（缺少结尾的清单，文件可能被截断），不能恢复。")
    counted = tally.as_manifest()
    if counted["labels"] != manifest.get("labels") or counted["types"] != manifest.get("types"):
        raise BackupRefused(f"{path} 的内容与清单的计数或校验和不符，文件已损坏，不能恢复。")
    return Contents(header, schema, manifest, nodes, relationships)
