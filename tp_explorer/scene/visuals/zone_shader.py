"""The skin's zone shader: VTK's own lit surface shader with a few lines added that paint the
referral zones from the per-point levels of ``scene.zones``.

Why a shader: a zone's edge is where its interpolated level passes 0.5, so it runs smoothly
through the triangles (per-cell colours drew every triangle's staircase); its outline is a
band a fixed number of pixels wide inside that edge (``fwidth`` turns the level's change per
pixel into a distance); the spillover's stripes are a 3D pattern of the surface point, so
they lie on the skin from every side and fade to their mean colour before they shimmer.
Settings are uniforms: a selection or a layer change sets numbers. A half without zones
draws with VTK's plain shader (its lines taken out, not skipped by a uniform: llvmpipe runs
both sides of a branch, so a skipped branch still cost every skin fragment its lines); VTK
keeps both programs compiled, so painting or clearing a half only switches between them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyvista as pv
from vtkmodules.vtkCommonDataModel import vtkDataObject
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper

from tp_explorer import palette
from tp_explorer.scene.zones import LEVELS

STRIPE_PERIOD_M = 0.014  # one dark and one light spillover stripe
STRIPE_DUTY = 0.45  # the dark stripe's share of a period
OUTLINE_PX = 1.6  # the zones' outline, inside their edge
# a zone's light: facing the camera it shows its palette colour, turning away it darkens
ZONE_AMBIENT = 0.3
ZONE_DIFFUSE = 0.7

_VERTEX_DEC = """//VTK::Normal::Dec
in vec2 zoneLevels;
out vec2 zoneLevelsVC;
out vec3 zonePointMC;
"""
_VERTEX_IMPL = """//VTK::Normal::Impl
zoneLevelsVC = zoneLevels;
zonePointMC = vertexMC.xyz;
"""
_FRAGMENT_DEC = """//VTK::Normal::Dec
in vec2 zoneLevelsVC;
in vec3 zonePointMC;
float zonePixels(float level)
{
  return (level - 0.5) / max(fwidth(level), 1e-6);
}
"""
# After VTK's colour step: diffuseColor, ambientColor and opacity are the skin's; the zones
# replace them where they lie. Distances are in pixels, positive inside the edge.
_FRAGMENT_IMPL = """//VTK::Color::Impl
{
  float dz = zonePixels(zoneLevelsVC.y);
  float de = zonePixels(zoneLevelsVC.x);
  float inZone = clamp(dz + 0.5, 0.0, 1.0);
  float inEssential = clamp(de + 0.5, 0.0, 1.0);
  float phase = dot(zonePointMC, vec3(0.57735)) / zoneStripePeriod;
  float blur = fwidth(phase);
  float wave = abs(fract(phase) - 0.5) * 2.0;
  float stripe = 1.0 - smoothstep(zoneStripeDuty - blur, zoneStripeDuty + blur, wave);
  stripe = mix(stripe, zoneStripeDuty, clamp(blur * 3.0 - 0.5, 0.0, 1.0));
  vec3 colour = mix(zoneLight, zoneStrong, stripe);
  float alpha = mix(zoneLightAlpha, zoneAlpha, stripe);
  colour = mix(colour, zoneStrong, inEssential);
  alpha = mix(alpha, zoneAlpha, inEssential);
  float edge = inZone * (1.0 - clamp(dz - zoneOutlinePx, 0.0, 1.0));
  edge = max(edge, inEssential * (1.0 - clamp(de - zoneOutlinePx, 0.0, 1.0)));
  colour = mix(colour, zoneOutline, edge);
  alpha = mix(alpha, 1.0, edge);
  diffuseColor = mix(diffuseColor, colour * zoneDiffuse, inZone);
  ambientColor = mix(ambientColor, colour * zoneAmbient, inZone);
  opacity = mix(zoneSkinAlpha, alpha, inZone);
}
"""


@dataclass(frozen=True)
class ZoneLook:
    """The shader's settings for one way of drawing the skin."""

    skin_alpha: float  # the plain skin (0: not drawn, only the zones)
    zone_alpha: float  # essential zones, stripes and outlines
    light_alpha: float  # the spillover's light ground


def install(mapper: vtkPolyDataMapper, actor: pv.Actor) -> None:
    """Feed the half's level array to the shader and set the zone painting's uniforms (its
    lines go in with the first zone, ``set_painted``)."""
    mapper.MapDataArrayToVertexAttribute(
        "zoneLevels", LEVELS, vtkDataObject.FIELD_ASSOCIATION_POINTS, -1
    )
    shader = actor.GetShaderProperty()
    uniforms = shader.GetFragmentCustomUniforms()
    for name, colour in (
        ("zoneStrong", palette.ESSENTIAL),
        ("zoneLight", palette.SPILLOVER_LIGHT),
        ("zoneOutline", palette.ZONE_OUTLINE),
    ):
        uniforms.SetUniform3f(name, list(palette.rgb_float(colour)))
    for name, value in (
        ("zoneStripePeriod", STRIPE_PERIOD_M),
        ("zoneStripeDuty", STRIPE_DUTY),
        ("zoneOutlinePx", OUTLINE_PX),
        ("zoneAmbient", ZONE_AMBIENT),
        ("zoneDiffuse", ZONE_DIFFUSE),
    ):
        uniforms.SetUniformf(name, value)
    set_look(actor, ZoneLook(palette.SKIN_OPACITY, 1.0, 1.0))
    set_painted(actor, False)


def set_painted(actor: pv.Actor, painted: bool) -> None:
    """Whether the half shows any zone: the zones' lines go into its shader or come out (a
    skin without zones costs a frame what plain skin does)."""
    shader = actor.GetShaderProperty()
    if painted == is_painted(actor):
        return  # a replacement changed, even to the same text, rebuilds the shader's source
    if not painted:
        shader.ClearAllShaderReplacements()
        return
    shader.AddVertexShaderReplacement("//VTK::Normal::Dec", True, _VERTEX_DEC, False)
    shader.AddVertexShaderReplacement("//VTK::Normal::Impl", True, _VERTEX_IMPL, False)
    shader.AddFragmentShaderReplacement("//VTK::Normal::Dec", True, _FRAGMENT_DEC, False)
    shader.AddFragmentShaderReplacement("//VTK::Color::Impl", True, _FRAGMENT_IMPL, False)


def is_painted(actor: pv.Actor) -> bool:
    """Whether the half's shader paints zones now."""
    return bool(actor.GetShaderProperty().GetNumberOfShaderReplacements())


def set_look(actor: pv.Actor, look: ZoneLook) -> None:
    """The uniforms of one way of drawing (cheap: no shader is rebuilt)."""
    uniforms = actor.GetShaderProperty().GetFragmentCustomUniforms()
    uniforms.SetUniformf("zoneSkinAlpha", look.skin_alpha)
    uniforms.SetUniformf("zoneAlpha", look.zone_alpha)
    uniforms.SetUniformf("zoneLightAlpha", look.light_alpha)
