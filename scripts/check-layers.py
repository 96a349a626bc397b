#!/usr/bin/env python3
"""The library's modules import one way: each only from the layers below it.

Reads every `crate::…` path in the code of src/ (the library; main.rs and cli/ are the
binary), leaving out comments, string literals and test code (`tests.rs` files and
everything after `#[cfg(test)]`), and fails when a module imports one at its own layer or
above. ARCHITECTURE.md states the same order as its first invariant; a cycle between
modules is impossible when every import goes down.

    scripts/check-layers.py          # exit 0, or 1 with every import that goes up
    scripts/check-layers.py --graph  # print the import graph too
"""
import pathlib
import re
import sys

# Lowest first. A module may import the modules of lower layers only.
LAYERS = [
    ["model", "error"],
    ["config"],
    ["lexicon"],
    ["text"],
    ["input"],
    ["extract"],
    ["attribute"],
    ["audit"],
    ["report", "explain"],
    ["pipeline"],
]
RANK = {m: i for i, layer in enumerate(LAYERS) for m in layer}
SRC = pathlib.Path(__file__).resolve().parent.parent / "src"


def code_of(text):
    """The text without test code, comments and string literals."""
    cut = text.find("#[cfg(test)]")
    if cut >= 0:
        text = text[:cut]
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    return text


def imports(code):
    """Top-level modules named by `crate::x` and `crate::{x, y::z}` paths."""
    found = set(re.findall(r"\bcrate::(\w+)", code))
    for group in re.findall(r"\bcrate::\{([^}]*)\}", code):
        for item in group.split(","):
            name = item.strip().split("::")[0].strip()
            if name and name != "self":
                found.add(name)
    return found


def reexports():
    """Names lib.rs re-exports at the root (`crate::Pipeline`), mapped to their module."""
    names = {}
    lib = code_of((SRC / "lib.rs").read_text())
    for module, group in re.findall(r"pub use (\w+)(?:::\w+)*::\{([^}]*)\}", lib):
        for item in group.split(","):
            if item.strip():
                names[item.strip().split(" as ")[-1].strip()] = module
    for module, name in re.findall(r"pub use (\w+)(?:::\w+)*::(\w+);", lib):
        names[name] = module
    return names


def module_of(path):
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".rs")


def main():
    graph = {}
    root = reexports()
    for path in sorted(SRC.rglob("*.rs")):
        module = module_of(path)
        if module in ("main", "cli", "lib") or path.name == "tests.rs":
            continue
        if module not in RANK:
            print(f"{path}: module `{module}` has no layer in scripts/check-layers.py")
            return 1
        for target in imports(code_of(path.read_text())):
            target = root.get(target, target)
            if target in RANK and target != module:
                graph.setdefault(module, {}).setdefault(target, set()).add(path)
    bad = []
    for module, targets in sorted(graph.items()):
        for target, files in sorted(targets.items()):
            if RANK[target] >= RANK[module]:
                for f in sorted(files):
                    bad.append(f"{f.relative_to(SRC.parent)}: {module} imports {target}, "
                               f"which is not below it")
    if "--graph" in sys.argv:
        for module in sorted(graph, key=RANK.get):
            print(f"{module} -> {', '.join(sorted(graph[module], key=RANK.get))}")
    for line in bad:
        print(line)
    if not bad:
        print(f"layers: {len(RANK)} modules, "
              f"{sum(len(t) for t in graph.values())} import edges, all downward, no cycle")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
