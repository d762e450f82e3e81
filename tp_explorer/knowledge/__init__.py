"""tp_explorer.knowledge layer (see DESIGN.md)."""
