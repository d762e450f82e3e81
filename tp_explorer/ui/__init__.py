"""tp_explorer.ui: the window, the only layer that imports Qt (see docs/architecture.md)."""
