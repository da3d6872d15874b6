"""Keyset paging for connection fields: the Relay arguments declared once, checked once."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.annotation import StrawberryAnnotation
from strawberry.extensions import FieldExtension
from strawberry.extensions.field_extension import AsyncExtensionResolver
from strawberry.types import Info
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.field import StrawberryField

from resolvers.paging import PageRequest
from schema.context import Context

PAGE = "page"
"""The resolver parameter that receives the PageRequest and marks where the arguments go."""

_FORWARD: tuple[tuple[str, type], ...] = (("first", int), ("after", str))
_BACKWARD: tuple[tuple[str, type], ...] = (("last", int), ("before", str))


def page_request(
    info: Info[Context, None],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> PageRequest:
    """Validate Relay arguments against the service's page-size limits."""
    settings = info.context.settings
    return PageRequest.from_args(
        first,
        after,
        last,
        before,
        default=settings.default_page_size,
        maximum=settings.max_page_size,
    )


class KeysetPaging(FieldExtension):
    """Put `first`/`after` (and `last`/`before`) where the resolver's `page` parameter stands.

    The resolver receives them as one validated PageRequest, so a connection field declares
    only its own arguments (filter, order) beside `page: PageRequest`.
    """

    def __init__(self, *, backward: bool = True) -> None:
        self.backward = backward

    def apply(self, field: StrawberryField) -> None:
        names = [argument.python_name for argument in field.arguments]
        if PAGE not in names:
            # A schema built twice applies the extension to the same field twice.
            if "first" in names:
                return
            raise TypeError(f"{field.python_name} is paged but takes no `{PAGE}` parameter")
        at = names.index(PAGE)
        field.arguments = [*field.arguments[:at], *self._arguments(), *field.arguments[at + 1 :]]

    def _arguments(self) -> list[StrawberryArgument]:
        declared = _FORWARD + _BACKWARD if self.backward else _FORWARD
        return [
            StrawberryArgument(
                python_name=name,
                graphql_name=None,
                type_annotation=StrawberryAnnotation(kind | None),
                default=None,
            )
            for name, kind in declared
        ]

    async def resolve_async(
        self,
        next_: AsyncExtensionResolver,
        source: Any,
        info: Info[Any, Any],
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        **kwargs: Any,
    ) -> Any:
        page = page_request(info, first, after, last, before)
        return await next_(source, info, **{PAGE: page}, **kwargs)


def paged(description: str, *, backward: bool = True) -> Any:
    """A connection field, as `strawberry.field` with the paging arguments added."""
    return strawberry.field(description=description, extensions=[KeysetPaging(backward=backward)])


def page_size(info: Info[Context, None], first: int) -> int:
    """A plain list's `first`, checked against the same page-size limit as a connection's."""
    return page_request(info, first, None, None, None).size
