"""The one palette: every colour the program paints with, by role.

Okabe–Ito colours (safe for the common colour-vision deficiencies). Colour is never the only
cue: roles are also named in text, and spillover zones are hatched, essential zones solid.
"""

from __future__ import annotations

import functools

# Muscles by role in the selected chain.
LOCAL = "#D55E00"  # vermillion: muscles at the pain site
REGIONAL = "#0072B2"  # blue: distal / regional chain muscles
FOCUS = "#009E73"  # bluish green: the one muscle in focus
CONTEXT = "#B8A49C"  # muted muscle colour: nothing selected, or ghosted (with GHOST_OPACITY)

# Referral zones painted on the skin.
ESSENTIAL = "#CC79A7"  # reddish purple, solid
SPILLOVER = "#CC79A7"  # same hue, drawn as stripes with SPILLOVER_LIGHT
SPILLOVER_LIGHT = "#F3DCEA"

# Body.
BONE = "#E9E3D3"
SKIN = "#E3BFA3"
BACKGROUND = "#F4F4F1"
MARKER = "#111111"
LABEL_TEXT = "#111111"
LABEL_BACKGROUND = "#FFFFFF"
# "When to see a doctor first": a calm, pale box (not an alarm colour) with a quiet border.
NOTICE_BACKGROUND = "#EEF2F6"
NOTICE_BORDER = "#7D8FA3"

# Reserved for features built on top of the explorer.
COMPARE_A = "#E69F00"  # orange
COMPARE_B = "#56B4E9"  # sky blue
NERVE = "#F0E442"  # yellow
VESSEL = "#882255"  # wine
ARTERY = "#B2403A"  # muted red: atlas arteries drawn for orientation
VEIN = "#6A7BA0"  # muted blue: atlas veins

GHOST_OPACITY = 0.12
# Skin and zones are one translucent surface; the chain's muscles must read clearly through it.
SKIN_OPACITY = 0.12
ZONE_OPACITY = 0.42  # essential cells and the dark spillover bands
SPILLOVER_LIGHT_OPACITY = 0.08  # the light spillover bands: nearly clear, so they read as hatching

ROLE_COLOURS: dict[str, str] = {
    "local": LOCAL,
    "regional": REGIONAL,
    "focus": FOCUS,
    "context": CONTEXT,
    "compare_a": COMPARE_A,
    "compare_b": COMPARE_B,
}

ROLE_LABELS: dict[str, str] = {
    "local": "Local muscle",
    "regional": "Regional (distal chain) muscle",
    "focus": "Muscle in focus",
    "context": "Other muscle",
    "compare_a": "Site A",
    "compare_b": "Site B",
}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' -> (r, g, b) in 0..255."""
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@functools.cache  # called per actor and selection; a handful of distinct colours
def rgb_float(hex_colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' -> (r, g, b) in 0..1, as VTK wants it."""
    r, g, b = rgb(hex_colour)
    return r / 255.0, g / 255.0, b / 255.0
