"""The ``>>>`` examples in the docstrings of the project's modules run, and say what is true.

Small pure functions carry an example of their use in their docstring; this runs every one
of them (as ``doctest`` does), so an example that drifts from the code fails here.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("ontology", "loaders", "graph", "api")


def _module_names() -> list[str]:
    names: list[str] = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        names.append(package)
        names += [info.name for info in pkgutil.walk_packages(root.__path__, package + ".")]
    return sorted(n for n in names if not n.endswith("__main__"))


def _examples(name: str) -> list[doctest.DocTest]:
    return [t for t in doctest.DocTestFinder().find(importlib.import_module(name)) if t.examples]


MODULES_WITH_EXAMPLES = [name for name in _module_names() if _examples(name)]


def test_the_packages_carry_examples() -> None:
    total = sum(len(t.examples) for name in MODULES_WITH_EXAMPLES for t in _examples(name))
    assert len(MODULES_WITH_EXAMPLES) >= 10 and total >= 30, (len(MODULES_WITH_EXAMPLES), total)


@pytest.mark.parametrize("name", MODULES_WITH_EXAMPLES)
def test_the_examples_of_a_module_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} fail (run it with -v)"
