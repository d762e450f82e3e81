"""tp_explorer.anatomy layer (see DESIGN.md)."""
