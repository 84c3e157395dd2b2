"""Packed strings read back exactly what went in: Vietnamese text, empty strings and None."""

from __future__ import annotations

import sys

from graph.read.cache.packed_strings import PackedStrings
from loaders.read import read_source
from tests.conftest import SAMPLES


def test_every_line_of_the_samples_reads_back() -> None:
    lines: list[str | None] = [None, ""]
    for path in sorted(SAMPLES.glob("*.txt")):
        lines += [item.text for item in read_source(path).items if hasattr(item, "text")]
    packed = PackedStrings(lines)
    assert len(packed) == len(lines) > 300
    assert [packed[k] for k in range(len(lines))] == lines
    assert packed[0] is None and packed[1] == ""
    # Vietnamese text packed takes well under what the str objects take
    assert packed.nbytes < 0.7 * sum(sys.getsizeof(line) for line in lines if line is not None)
