"""The built-in schematic body: built from the MyoLeg/MyoTorso models into assets/ and loaded
from there.

The running program imports load.py only. Every other module here is the build step
(``python -m tp_explorer.anatomy.build``, which needs the build extra): source.py reads the
models, catalog.py and authored.py say which parts and landmarks make each muscle, bellies.py
sweeps them, skin.py wraps them, pipeline.py runs it all and writer.py writes the file.
"""
