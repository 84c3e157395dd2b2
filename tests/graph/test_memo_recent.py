"""Results kept per key (one agency's mandates) stay bounded and follow the store's writes."""

from __future__ import annotations

from graph.read.cache.memo import memoized_recent
from graph.store.embedded import PolicyStore


def test_only_the_most_recent_keys_are_kept_and_a_write_clears_them() -> None:
    store = PolicyStore.open(":memory:")
    computed: list[str] = []

    def compute(key: str) -> str:
        computed.append(key)
        return key.upper()

    for key in ["a", "b", "c", "a"]:
        assert memoized_recent(store, "test", key, lambda key=key: compute(key), keep=2) == key.upper()
    # "a" was pushed out by "b" and "c" (keep=2), so it is computed again
    assert computed == ["a", "b", "c", "a"]
    assert memoized_recent(store, "test", "c", lambda: compute("c"), keep=2) == "C"
    assert computed == ["a", "b", "c", "a"]
    store.update('INSERT DATA { <urn:x> <urn:p> "v" }')
    assert memoized_recent(store, "test", "c", lambda: compute("c"), keep=2) == "C"
    assert computed == ["a", "b", "c", "a", "c"]
    store.close()
