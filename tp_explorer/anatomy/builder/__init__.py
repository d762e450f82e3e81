"""The build step that turns the MyoLeg/MyoTorso models into assets/ (needs the build extra).

Run ``python -m tp_explorer.anatomy.build``. Nothing here is imported by the running program.
"""
