"""The intake's secrets: signed link codes, status secrets and their digests, and QR codes.

Both keys are derived from the service's signing secret under their own purpose label, so an
intake code is never a bearer token (nor a status secret), and no token is an intake code.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import io
import re
import secrets
from dataclasses import dataclass

import segno

from resolvers.access.tokens import signing_secret
from settings import Settings

LINK_PREFIX = "intake/"
_LINK_PURPOSE = b"lianxin intake-link code v1"
_STATUS_PURPOSE = b"lianxin intake status secret v1"
# A link key's random tail: 96 bits in hex; then 128 bits of the code's MAC, in hex.
_TAIL_CHARS = 24
_MAC_BYTES = 16
_CODE = re.compile(rf"[0-9a-f]{{{_TAIL_CHARS + 2 * _MAC_BYTES}}}")
# Receipt characters a resident reads out on the phone without mixing up 0/O or 1/I.
_RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_RECEIPT_LENGTH = 6


@dataclass(frozen=True)
class IntakeCodes:
    """Signs and checks link codes, and derives the status secret of a submitted report."""

    link_key: bytes
    status_key: bytes

    @classmethod
    def of(cls, settings: Settings) -> IntakeCodes:
        """The codes of this service, keyed by its signing secret."""
        secret = signing_secret(settings).encode()
        return cls(_derive(secret, _LINK_PURPOSE), _derive(secret, _STATUS_PURPOSE))

    def code(self, key: str) -> str:
        """The code a link's QR carries: its key's random tail, then a MAC over it, in hex.

        Hex only, with no dot: the console serves /r/<code> as a page, not as a file name.
        """
        tail = key.removeprefix(LINK_PREFIX)
        return tail + self._mac(tail)

    def key(self, code: str) -> str | None:
        """The link key a code names, or None when the code was not made here (tampered)."""
        if not _CODE.fullmatch(code):
            return None
        tail, mac = code[:_TAIL_CHARS], code[_TAIL_CHARS:]
        if not hmac.compare_digest(mac.encode(), self._mac(tail).encode()):
            return None
        return LINK_PREFIX + tail

    def status_secret(self, link: str, client_request_id: str) -> str:
        """A report's status secret (256 bits): the same for a resubmission of the same report."""
        message = f"{link}\x1f{client_request_id}".encode()
        return _b64(hmac.new(self.status_key, message, hashlib.sha256).digest())

    def _mac(self, tail: str) -> str:
        mac = hmac.new(self.link_key, tail.encode(), hashlib.sha256).digest()
        return mac[:_MAC_BYTES].hex()


def new_link_key() -> str:
    """A fresh, unguessable link key."""
    return LINK_PREFIX + secrets.token_hex(12)


def digest(secret: str) -> str:
    """What the issue stores of its status secret: the secret itself is never kept."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_receipt(now: dt.datetime) -> str:
    """A receipt number a resident can read out: QR, the day, and six random characters."""
    tail = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(_RECEIPT_LENGTH))
    return f"QR{now:%Y%m%d}-{tail}"


def link_path(code: str) -> str:
    """The console's page for a link's code."""
    return f"/r/{code}"


def status_path(secret: str) -> str:
    """The console's page for a report's status."""
    return f"/s/{secret}"


def qr_svg(url: str) -> str:
    """An SVG document of a QR code (error correction M) for `url`."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", xmldecl=False, nl=False, scale=4, border=2)
    return out.getvalue().decode()


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return hmac.new(secret, purpose, hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
