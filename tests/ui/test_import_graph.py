"""ui/ modules import each other one way only: no module is reached again from what it imports."""

from __future__ import annotations

import pytest

grimp = pytest.importorskip("grimp")  # comes with import-linter, the dev tool for the contracts


def test_no_import_cycles_inside_ui() -> None:
    graph = grimp.build_graph("tp_explorer")
    modules = sorted(m for m in graph.modules if m.startswith("tp_explorer.ui."))
    cycles = [
        (a, b)
        for i, a in enumerate(modules)
        for b in modules[i + 1 :]
        if graph.find_shortest_chain(a, b) and graph.find_shortest_chain(b, a)
    ]
    assert cycles == []
