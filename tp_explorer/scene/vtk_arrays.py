"""VTK's numpy bridge, named once with the types the type checker can hold to: the functions
themselves carry no annotations, so each call site would otherwise need an ignore."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from vtkmodules.util import numpy_support
from vtkmodules.vtkCommonCore import vtkDataArray, vtkIdTypeArray

numpy_to_vtk: Callable[..., vtkDataArray] = numpy_support.numpy_to_vtk
vtk_to_numpy: Callable[[vtkDataArray], np.ndarray] = numpy_support.vtk_to_numpy
numpy_to_vtk_ids: Callable[..., vtkIdTypeArray] = numpy_support.numpy_to_vtkIdTypeArray
