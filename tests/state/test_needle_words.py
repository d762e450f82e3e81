"""How the precautions text is read for the nerves a needle path passes near."""

from __future__ import annotations

import pytest

from tp_explorer.state.needle import mentions


@pytest.mark.parametrize(
    "text,named",
    [
        ("The femoral nerve lies deep to it.", True),
        ("The femoral vessels and nerve lie beneath it in the adductor canal.", True),
        ("The femoral and saphenous nerves run close.", True),
        ("The femoral vessels lie beneath it.", False),
    ],
)
def test_the_femoral_nerve_is_found_however_the_sentence_names_it(text: str, named: bool) -> None:
    assert mentions("femoral_nerve", (text,)) is named
