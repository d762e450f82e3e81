"""VTK's numpy bridge, named once with types: the functions carry no annotations, so every
call site would otherwise be an untyped call."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from vtkmodules.util import numpy_support
from vtkmodules.vtkCommonCore import vtkDataArray

# numpy_to_vtk(array, deep=False, array_type=None) -> a VTK array over the same numbers
numpy_to_vtk: Callable[..., vtkDataArray] = numpy_support.numpy_to_vtk
vtk_to_numpy: Callable[[vtkDataArray], np.ndarray] = numpy_support.vtk_to_numpy
