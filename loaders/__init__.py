"""Per-request DataLoaders over the store."""

from loaders.registry import Loaders

__all__ = ["Loaders"]
