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

# Referral zones painted on the skin: one strongly saturated reddish purple (Okabe-Ito's hue,
# deepened so it stands out from skin, muscle and background alike: CIELAB difference >= 30),
# solid for the essential zone; spillover in the same family, lighter, with stripes of it.
# #B4007A (L* 40, chroma 70) rather than #C0267F: over the translucent skin of the atlas view,
# where the chain's vermillion and blue muscles mix beneath it, it stays 30 or more from the
# skin next to it in every measured case (benchmarks/zone_contrast.py), and under simulated
# protan, deutan and tritan vision it is further from the muscle colours than #C0267F was.
ESSENTIAL = "#B4007A"  # solid
SPILLOVER = "#B4007A"  # the stripes of a spillover zone
SPILLOVER_LIGHT = "#EBB5D6"  # between the stripes
ZONE_OUTLINE = "#5A0B3B"  # a thin line along each zone's edge, so its shape reads at once

# Body.
BONE = "#E9E3D3"
SKIN = "#E3BFA3"
CHART_SKIN = "#E6E2DC"  # the chart view's opaque, matte skin: a light neutral, not pink
FOCUS_OUTLINE = "#00513B"  # the chart view's outline of the focused muscle over the skin
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
# Zones are painted mostly opaque on that skin, with an opaque outline, so they read as on the
# skin, not on the muscle seen through it; the chain's muscles still show through them. (The
# chart view paints them fully opaque on an opaque skin.)
ZONE_OPACITY = 0.8  # essential zones and spillover stripes (at 0.55 a muscle tinted them grey)
SPILLOVER_LIGHT_OPACITY = 0.42  # between the spillover stripes: a veil, so they lie on the skin

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


def lab(hex_colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' (sRGB) -> CIELAB (L*, a*, b*) under D65: how far apart two colours look."""

    def linear(channel: int) -> float:
        c = channel / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(hex_colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: str, second: str) -> float:
    """CIE76 colour difference of two '#RRGGBB' colours (about 2.3 is just noticeable)."""
    return float(sum((p - q) ** 2 for p, q in zip(lab(first), lab(second), strict=True)) ** 0.5)


def blend(top: str, alpha: float, under: str) -> str:
    """'#RRGGBB' of ``top`` drawn at ``alpha`` over ``under`` (as the renderer blends them)."""
    mixed = (round(t * alpha + u * (1 - alpha)) for t, u in zip(rgb(top), rgb(under), strict=True))
    return "#{:02X}{:02X}{:02X}".format(*mixed)
