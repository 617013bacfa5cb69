"""A memo for what pages build from the warehouse (figures, HTML, formatted tables): one per
warehouse version and key, shared by every rerun and every session, least recently used out
first. Build only what depends on nothing but the key, and never change a stored object: the
pages pass them on as they are (export_buttons(frozen=True))."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from situation.queries import common as queries
from situation.queries.warehouse import per_version, version

T = TypeVar("T")
_CACHE_MAX = 64  # entries (a map ~0.3 MB, a figure or table less); live mode adds a few a minute
_lock = threading.Lock()
_cache: OrderedDict[tuple, Any] = OrderedDict()


def memo(key: tuple, build: Callable[[], T]) -> T:
    """build() once per (warehouse version, key); later calls return the same object."""
    key = (version(), *key)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = build()  # outside the lock: a slow build must not stall other sessions' hits
    with _lock:
        _cache[key] = value
        while len(_cache) > _CACHE_MAX:
            _cache.popitem(last=False)  # the least recently used: an older moment or version
    return value


def names() -> dict[str, dict]:
    """ISO3 → the countries table's row (names in each language), one per version, read-only."""
    return per_version("country_names", lambda v: queries.countries_table().set_index("iso3").to_dict("index"))
