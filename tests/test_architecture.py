"""The house's rules, read from the source (ast): imports run one way, no module over 300 lines, an import
inside a function says why, no private attribute of a framework. CONTRIBUTING.md draws the same map."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "boutique"
MAX_LINES = 300

# Layers, lowest first. A module may import its own layer and the ones below it, never above.
GROUND = ("core", "config")                  # boutique/core/**, config.py
WEB = ("web", "extensions")                  # boutique/web/**, extensions.py (the Flask extensions, Babel among them)
ASSEMBLY = ("(root)", "models", "menu", "cli", "demo")  # the app factory and what only it and the CLI use

# `obj._name` on a framework object is someone else's internals. These are the ones left, each with why.
PRIVATE_ALLOWED = {
    "_get_current_object": "Werkzeug's documented way to unwrap a LocalProxy (current_user)",
    "_login_user": "Flask-Login keeps the request's user in g._login_user; a token call sets it there",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for name, path in MODULES.items()}


def _node(module: str) -> str:
    """The package a module belongs to: ``boutique.sales.services.selling`` is ``sales``; the ground and
    web layers' modules are nodes of their own (``core.db``), so a cycle inside them is named exactly."""
    parts = module.split(".")[1:]
    if not parts:
        return "(root)"
    if parts[0] in ("core", "web") and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def _layer(node: str) -> str:
    head = node.split(".")[0]
    if head in GROUND:
        return "ground"
    if head in WEB:
        return "web"
    if node in ASSEMBLY:
        return "assembly"
    return "feature"


def _imports(module: str):
    """(imported module, line, inside a function, statement node) for every boutique import of a module,
    at module level, in functions and under TYPE_CHECKING alike."""
    is_package = MODULES[module].name == "__init__.py"

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, in_function
            else:
                yield from walk(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    for statement, in_function in walk(TREES[module], False):
        if isinstance(statement, ast.Import):
            names = [alias.name for alias in statement.names]
        else:
            base = statement.module or ""
            if statement.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join(anchor[: len(anchor) - statement.level + 1] + ([base] if base else []))
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                     for alias in statement.names]
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                yield name, statement.lineno, in_function, statement


EDGES = [(module, target, line, in_function, statement)
         for module in MODULES for target, line, in_function, statement in _imports(module)]


def _package_graph() -> dict[str, set[str]]:
    graph = defaultdict(set)
    for module, target, *_ in EDGES:
        a, b = _node(module), _node(target)
        if a != b and b != "(root)":
            graph[a].add(b)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for child in sorted(graph.get(node, ())):
            if child not in index:
                visit(child)
                low[node] = min(low[node], low[child])
            elif child in on_stack:
                low[node] = min(low[node], index[child])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(set(graph) | {n for targets in graph.values() for n in targets}):
        if node not in index:
            visit(node)
    return found


def _where(module: str, line: int) -> str:
    return f"{MODULES[module].relative_to(ROOT)}:{line}"


def test_no_import_cycle_between_packages():
    graph = _package_graph()
    cycles = _cycles(graph)
    explained = []
    for cycle in cycles:
        members = set(cycle)
        explained.append(" ↔ ".join(cycle) + ":\n" + "\n".join(
            f"    {_where(m, line)} {_node(m)} -> {_node(t)}" for m, t, line, *_ in EDGES
            if _node(m) in members and _node(t) in members and _node(m) != _node(t)))
    assert not cycles, "packages import each other in a circle:\n" + "\n".join(explained)


@pytest.mark.parametrize(("layer", "may_not_import"), [
    ("ground", {"web", "feature", "assembly"}),
    ("web", {"feature", "assembly"}),
    ("feature", {"assembly"}),
])
def test_imports_run_down_the_layers(layer, may_not_import):
    wrong = [f"{_where(m, line)} {m} imports {t}" for m, t, line, *_ in EDGES
             if _layer(_node(m)) == layer and _layer(_node(t)) in may_not_import]
    assert not wrong, f"{layer} imports from above it:\n" + "\n".join(wrong)


def _said_why(module: str) -> set[int]:
    """Lines of imports inside functions that have a comment on their line or just above them; a comment
    above a run of imports (one after the other in a body) covers the run."""
    lines = MODULES[module].read_text(encoding="utf-8").splitlines()
    covered = set()
    for node in ast.walk(TREES[module]):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        run_covered = False
        for statement in node.body:
            if not isinstance(statement, ast.Import | ast.ImportFrom):
                run_covered = False
                continue
            text = " ".join(lines[statement.lineno - 1: statement.end_lineno])
            above = lines[statement.lineno - 2].strip() if statement.lineno > 1 else ""
            run_covered = run_covered or "#" in text or above.startswith("#")
            if run_covered:
                covered.add(statement.lineno)
    return covered


def test_an_import_inside_a_function_says_why():
    bare = []
    for module, _target, line, in_function, statement in EDGES:
        if in_function and statement.lineno not in _said_why(module):
            bare.append(f"{_where(module, line)}: {ast.unparse(statement)}")
    assert not bare, "imports inside functions without a comment saying why:\n" + "\n".join(sorted(set(bare)))


def test_no_module_over_300_lines():
    long = {str(path.relative_to(ROOT)): count for path in MODULES.values()
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these along a seam (at most {MAX_LINES} lines): {long}"


def test_no_private_attribute_of_a_framework():
    """``x._name`` only on our own objects (``self``, ``cls``) or a module's own private names."""
    found = []
    for module, tree in TREES.items():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")):
                continue
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            if node.attr in PRIVATE_ALLOWED:
                continue
            found.append(f"{_where(module, node.lineno)}: {ast.unparse(node)}")
    assert not found, "private attributes of other code (use its public API):\n" + "\n".join(found)
