"""Comparing two muscles: the overlap is named, each side keeps its own zones."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tp_explorer.state.compare import compare_muscles


def _kb():
    def m(mid, ess, spill):
        return SimpleNamespace(
            id=mid, name=mid.replace("_", " ").capitalize(), essential=ess, spillover=spill
        )

    ms = [
        m("gluteus_minimus", ("buttock", "lateral_thigh"), ("calf", "posterior_thigh")),
        m("piriformis", ("sacroiliac", "buttock"), ("posterior_thigh",)),
        m("soleus", ("heel",), ("calf",)),
        m("rectus_femoris", ("anterior_knee",), ()),
    ]
    return SimpleNamespace(muscles={x.id: x for x in ms})


def test_overlap_of_gluteus_minimus_and_piriformis_is_named():
    c = compare_muscles(_kb(), "gluteus_minimus", "piriformis")
    assert c.shared == ("buttock", "posterior_thigh")
    assert c.first_only == ("lateral_thigh", "calf")
    assert c.second_only == ("sacroiliac",)
    assert c.overlap_text == "Overlap of Gluteus minimus and Piriformis: buttock, posterior thigh."


def test_no_overlap_is_said_plainly():
    c = compare_muscles(_kb(), "soleus", "rectus_femoris")
    assert c.shared == ()
    assert "no body area in common" in c.overlap_text


def test_same_or_unknown_muscle_is_refused():
    with pytest.raises(ValueError):
        compare_muscles(_kb(), "soleus", "soleus")
    with pytest.raises(ValueError, match="unknown muscle"):
        compare_muscles(_kb(), "soleus", "bicep")
