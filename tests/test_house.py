"""The house rules of ``architecture.md``, held by the tests: imports point one way with no
cycle (imports inside functions count), a module stays under 400 lines, a folder holds about
a dozen modules at most, and no folder names a family of files by a shared prefix.

Layering between the top-level packages is import-linter's job (``lint-imports`` in the test
command); cycles inside a package, which import-linter does not report, are found here.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("ontology", "loaders", "graph", "api", "bench")
MAX_LINES = 400
MAX_MODULES = 12
FAMILY = 3


def _modules(root: Path = REPO) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """Every project module ``module`` imports, at any depth of its code."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                yield name


def import_graph(root: Path = REPO) -> nx.DiGraph:
    known = _modules(root)
    graph = nx.DiGraph()
    for module, path in known.items():
        graph.add_node(module)
        for target in _imported(module, path, known):
            # a package's __init__ importing its own submodules is how a package exposes them
            if not (path.name == "__init__.py" and target.startswith(module + ".")):
                graph.add_edge(module, target)
    return graph


def test_the_import_graph_is_read_whole() -> None:
    graph = import_graph()
    # the reader follows imports inside functions: the CLI imports its handlers lazily
    assert graph.number_of_nodes() > 150
    assert graph.has_edge("api.cli.main", "graph.ingest.run") or any(
        "graph.ingest.run" in nx.descendants(graph, node) for node in graph if node.startswith("api.cli")
    )


def cycles(root: Path = REPO) -> list[str]:
    return [" → ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(import_graph(root))]


def long_modules(root: Path = REPO) -> dict[str, int]:
    return {
        str(path.relative_to(root)): n
        for path in _modules(root).values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }


def _folders(root: Path) -> dict[Path, list[Path]]:
    folders: dict[Path, list[Path]] = {}
    for path in _modules(root).values():
        if path.name != "__init__.py":
            folders.setdefault(path.parent, []).append(path)
    return folders


def crowded_folders(root: Path = REPO) -> dict[str, int]:
    return {str(f.relative_to(root)): len(m) for f, m in _folders(root).items() if len(m) > MAX_MODULES}


def families(root: Path = REPO) -> dict[str, list[str]]:
    found = {}
    for folder, modules in _folders(root).items():
        prefixes = Counter(path.stem.split("_")[0] for path in modules)
        shared = sorted(prefix for prefix, n in prefixes.items() if n >= FAMILY)
        if shared:
            found[str(folder.relative_to(root))] = shared
    return found


def test_no_module_imports_itself_back() -> None:
    assert cycles() == []


def test_a_module_stays_under_400_lines() -> None:
    assert long_modules() == {}


def test_a_folder_holds_about_a_dozen_modules() -> None:
    assert crowded_folders() == {}


def test_no_family_of_files_named_by_a_shared_prefix() -> None:
    assert families() == {}


def test_the_rules_catch_what_they_forbid(tmp_path: Path) -> None:
    """A tree that breaks each rule is caught, an import inside a function included."""
    store = tmp_path / "graph" / "store"
    store.mkdir(parents=True)
    (tmp_path / "graph" / "__init__.py").write_text("")
    (store / "__init__.py").write_text("")
    (store / "store_a.py").write_text("from graph.store import store_b\n")
    (store / "store_b.py").write_text("def late() -> None:\n    from graph.store.store_a import x\n")
    (store / "store_c.py").write_text("x = 1\n" * (MAX_LINES + 1))
    for n in range(MAX_MODULES):
        (store / f"m{n}.py").write_text("")
    assert cycles(tmp_path) == ["graph.store.store_a → graph.store.store_b → graph.store.store_a"] or cycles(
        tmp_path
    ) == ["graph.store.store_b → graph.store.store_a → graph.store.store_b"]
    assert long_modules(tmp_path) == {"graph/store/store_c.py": MAX_LINES + 1}
    assert crowded_folders(tmp_path) == {"graph/store": MAX_MODULES + 3}
    assert families(tmp_path) == {"graph/store": ["store"]}
