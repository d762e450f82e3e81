"""The scene's geometry in plain numpy: projection, framing, label placement, the occluder
search and what is measured once from the meshes.

No VTK, pyvista, scipy or Qt here (an import contract in pyproject.toml holds it), so each
decision the scene makes about where things go is tested in milliseconds without a render
window; the scene's visuals only hand these functions arrays and draw what they return.
"""
