"""How far the essential zones' colour is from the skin next to them, from rendered pixels.

    xvfb-run -a python benchmarks/zone_contrast.py [--anatomy atlas|builtin] [--out DIR]

For each site's default view and a few focused muscles, in the atlas view and the chart view,
the scene is rendered (labels and markers hidden, the camera fixed by the selection) with all
zones, with only the essential zones, without zones, and without zones or skin. Essential
pixels are those the essential zones alone change (eroded past their outline); the skin next
to them is every pixel within a ring around them that no zone changes and the skin covers.
The table gives the CIELAB (CIE76) difference of the two medians (the issue aims at 30) and,
for the atlas view, the zone's "tint": its difference from the same zone in the chart view.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

from tp_explorer.bench.colour import delta_e

CASES = (
    *((site, None) for site in ("ankle_foot", "lower_leg", "knee", "hip", "pelvis", "lower_back")),
    ("lower_leg", "soleus"),
    ("hip", "gluteus_minimus"),
    ("lower_leg", "tibialis_anterior"),
)
SIZE = (1200, 900)
PAINTED_DE = 4.0  # a pixel a layer changes by more than this is painted by it
ERODE_PX = 3  # past the zones' outline
RING_PX = (3, 24)  # the skin "next to" a zone: this far from its pixels


def changed(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Pixels whose colour differs by more than ``PAINTED_DE``."""
    moved: np.ndarray = delta_e(first, second) > PAINTED_DE
    return moved


def grow(mask: np.ndarray, px: int) -> np.ndarray:
    """``mask`` dilated by a square of ``px`` pixels each way."""
    from scipy import ndimage

    return ndimage.binary_dilation(mask, iterations=px) if px else mask


def shrink(mask: np.ndarray, px: int) -> np.ndarray:
    from scipy import ndimage

    return ndimage.binary_erosion(mask, iterations=px) if px else mask


@dataclasses.dataclass(frozen=True)
class Contrast:
    essential_px: int
    ring_px: int
    essential_rgb: tuple[int, int, int]
    skin_rgb: tuple[int, int, int]
    delta_e: float


def rgb_of(values: np.ndarray) -> tuple[int, int, int]:
    return int(values[0]), int(values[1]), int(values[2])


def contrast(
    full: np.ndarray, essential: np.ndarray, bare: np.ndarray, no_skin: np.ndarray
) -> Contrast:
    """The essential zones' median colour against the unpainted skin around them."""
    ess = shrink(changed(essential, bare), ERODE_PX)
    painted = grow(changed(full, bare), 1)
    skin = changed(bare, no_skin)
    ring = grow(ess, RING_PX[1]) & ~grow(ess, RING_PX[0]) & ~painted & skin
    if not ess.any() or not ring.any():
        return Contrast(int(ess.sum()), int(ring.sum()), (0, 0, 0), (0, 0, 0), float("nan"))
    zone_rgb = np.median(full[ess], axis=0)
    skin_rgb = np.median(full[ring], axis=0)
    de = float(delta_e(zone_rgb, skin_rgb))
    return Contrast(
        int(ess.sum()),
        int(ring.sum()),
        rgb_of(zone_rgb),
        rgb_of(skin_rgb),
        de,
    )


def measure(anatomy_source: str, out: Path | None) -> list[tuple[str, str, str, Contrast]]:
    """Every case on one anatomy: (case, view, anatomy, contrast); the renders go to ``out``."""
    import pyvista as pv
    from PIL import Image

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.scene.body import BodyScene
    from tp_explorer.state import DEFAULT_LAYERS, Selection, make_highlight

    knowledge = load_knowledge()
    anatomy = load_anatomy(source=anatomy_source)
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    plotter.enable_anti_aliasing("ssaa")
    scene = BodyScene(plotter, anatomy)
    base = DEFAULT_LAYERS - {"labels", "markers"}
    rows = []
    for site, muscle in CASES:
        highlight = make_highlight(Selection(site=site, focus=muscle), knowledge)
        only_essential = dataclasses.replace(
            highlight, zones={k: v for k, v in highlight.zones.items() if v == "essential"}
        )
        for view_name, extra in (("atlas", set()), ("chart", {"chart"})):
            layers = frozenset(base | extra)
            scene.apply(highlight, layers, render=False)
            scene.frame(render=False)
            pose = scene.camera_pose
            shots = []
            for shown, lit in (
                (highlight, layers),
                (only_essential, layers),
                (highlight, layers - {"zones"}),
                (highlight, layers - {"zones", "skin"}),
            ):
                scene.apply(shown, lit, render=False)
                scene.set_camera(pose, render=False)
                plotter.render()  # a screenshot reads the last frame, it does not render one
                shots.append(np.asarray(plotter.screenshot(return_img=True))[..., :3])
            case = site if muscle is None else f"{site} / {muscle}"
            rows.append((case, view_name, anatomy_source, contrast(*shots)))
            if out is not None:
                name = f"{anatomy_source}_{view_name}_{site}{'_' + muscle if muscle else ''}.png"
                Image.fromarray(shots[0]).save(out / name)
    plotter.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anatomy", choices=("atlas", "builtin"), action="append")
    parser.add_argument("--out", type=Path, help="also save the zone renders here")
    args = parser.parse_args(argv)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    print(TABLE_HEAD)
    for source in args.anatomy or ["atlas", "builtin"]:
        for row in with_tint(measure(source, args.out)):
            print(row, flush=True)
    return 0


TABLE_HEAD = (
    "| case | view | anatomy | essential px | skin px | zone RGB | skin RGB | ΔE | tint |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def with_tint(rows: list[tuple[str, str, str, Contrast]]) -> list[str]:
    """The table's rows; "tint" is how far the atlas view's zone colour is from the same zone
    in the chart view (opaque, on opaque skin): what the muscle beneath has done to it."""
    chart = {case: c.essential_rgb for case, view, _a, c in rows if view == "chart"}
    lines = []
    for case, view, anatomy, c in rows:
        tint = float(delta_e(np.array(c.essential_rgb), np.array(chart[case])))
        lines.append(
            f"| {case} | {view} | {anatomy} | {c.essential_px} | {c.ring_px} | "
            f"{c.essential_rgb} | {c.skin_rgb} | {c.delta_e:.1f} | "
            f"{'' if view == 'chart' else f'{tint:.1f}'} |"
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
