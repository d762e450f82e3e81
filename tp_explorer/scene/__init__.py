"""tp_explorer.scene layer (see DESIGN.md)."""
