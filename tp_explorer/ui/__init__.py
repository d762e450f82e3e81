"""tp_explorer.ui layer (see DESIGN.md)."""
