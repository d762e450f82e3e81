"""The benchmark's figures, one field each; the JSON keys are stable so versions compare."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BenchResult:
    """The figures; the JSON keys are stable so versions can be compared.

    Mutable on purpose: the run fills it in as each measurement finishes.
    """

    renderer: str = ""
    machine: str = ""
    multi_samples: int = 0  # the window's MSAA, chosen by renderer; the bare plotter uses the same
    window_size: tuple[int, int] = (0, 0)
    cold_start_s: float = 0.0
    cold_start_runs_s: list[float] = field(default_factory=list)
    # a plain pyvistaqt window drawing the same anatomy (no knowledge, panels or highlight)
    bare_cold_start_s: float = 0.0
    cold_start_ratio: float = 0.0
    knowledge_load_s: float = 0.0
    asset_load_s: float = 0.0
    window_build_s: float = 0.0
    frame_ms: float = 0.0
    frame_p95_ms: float = 0.0
    frame_render_ms: float = 0.0  # the VTK render alone, without the Qt paint that shows it
    frame_selected_ms: float = 0.0  # a frame of a selected site: zones, labels, markers shown
    frame_front_ms: float = 0.0  # the default scene from the front, the view selections redraw
    # the default scene's turntable frames taken between the blocks of selections
    frame_interleaved_ms: float = 0.0
    # the default scene's frames and the bare plotter's, in alternating blocks (same minute)
    frame_paired_ms: float = 0.0
    bare_frame_ms: float = 0.0
    bare_frame_p95_ms: float = 0.0
    frame_ratio: float = 0.0  # the median of the alternating rounds' ratios
    frame_ratio_p25: float = 0.0  # ... and its spread over the rounds
    frame_ratio_p75: float = 0.0
    selection_ms: float = 0.0
    selection_p95_ms: float = 0.0
    selection_ratio: float = 0.0
    selection_ratio_p25: float = 0.0  # the ratio's spread over the blocks of selections
    selection_ratio_p75: float = 0.0
    selection_ratio_selected_frame: float = 0.0
    selection_ratio_front_frame: float = 0.0
    selection_apply_ms: float = 0.0
    selection_with_panels_ms: float = 0.0
    # median ms of each step of a selection, up to the repainted frame (controller.last_spans):
    # highlight, apply, framing, render (of which labels: their layout), repaint
    selection_breakdown_ms: dict[str, float] = field(default_factory=dict)
    rss_mb: float = 0.0  # steady: after 200 selections and the idle second that follows
    rss_peak_mb: float = 0.0
    rss_after_200_selections_mb: float = 0.0  # at once, before the window has been idle
    bare_rss_mb: float = 0.0  # a plain pyvistaqt window, same triangles and size, own process
    rss_ratio: float = 0.0
    actors: int = 0
    actors_after_selections: int = 0
    triangles: int = 0


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``: the nearest sample, never an interpolation."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]
