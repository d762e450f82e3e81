"""tp_explorer.state layer (see DESIGN.md)."""
