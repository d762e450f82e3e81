"""The broken-file corpus: every bad input is refused with exit 2, its file, line and problem.

Each committed file in broken/ states the message it must produce (``# expect: ...``) and marks
the offending line with ``# BAD``; a protection that is removed makes its case fail.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest

from tp_explorer.cli import main
from tp_explorer.knowledge import KnowledgeError, load_knowledge
from tp_explorer.knowledge.yaml_source import MAX_BYTES

from .conftest import BROKEN, MINIMAL, MINIMAL_V2

CASES = sorted(BROKEN.glob("*.yaml"))


def expectation(path: Path) -> tuple[str, int | None]:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    expect = re.search(r"^# expect: (.+)$", raw, re.MULTILINE)
    assert expect, f"{path.name} has no '# expect:' line"
    bad_line = next(
        (i for i, line in enumerate(raw.splitlines(), 1) if line.rstrip().endswith("# BAD")),
        None,
    )
    return expect.group(1), bad_line


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", [MINIMAL, MINIMAL_V2], ids=["version_1", "version_2"])
def test_minimal_file_is_valid(capsys, path: Path) -> None:
    code, out, _ = check(capsys, str(path))
    assert code == 0 and "OK" in out


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_broken_file_refused(path: Path, capsys) -> None:
    expected, bad_line = expectation(path)
    code, out, err = check(capsys, str(path))
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert expected in err
    first = next(line for line in err.splitlines() if expected in line)
    assert first.startswith(f"{path}:"), first
    if bad_line is not None:
        # A syntax error is found where the parser gives up; it then names where the
        # broken construct started.
        assert first.startswith(f"{path}:{bad_line}:") or f"at line {bad_line})" in first, first


def test_every_problem_is_reported_not_just_the_first() -> None:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(BROKEN / "many_problems.yaml")
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 3, messages
    assert str(info.value).count("\n") == 2  # one line per problem
    for p in info.value.problems:
        assert p.file.endswith("many_problems.yaml") and p.line > 1 and p.path


def test_problem_names_path_value_and_expectation() -> None:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(BROKEN / "unknown_area_in_zone.yaml")
    text = str(info.value)
    assert "muscles[0].referral.spillover[1]: unknown body area (got 'elbow'; expected" in text


def test_a_chart_problem_names_the_trigger_point_and_the_valid_areas() -> None:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(BROKEN / "v2_unknown_skin_area.yaml")
    text = str(info.value)
    assert "muscles[0].trigger_points[0].referral.spillover[1]: unknown skin area" in text
    assert "got 'elbow'" in text and "tp-explorer list areas" in text


def test_an_older_file_is_refused_in_its_own_shape() -> None:
    """A version 1 file's problems are said against version 1's records (a muscle's referral),
    never as the current version's missing per-point charts."""
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(BROKEN / "area_in_both_zones.yaml")
    assert [p.path for p in info.value.problems] == ["muscles[0].referral.spillover"]


def test_alias_bomb_refused_quickly() -> None:
    def too_slow(signum, frame):  # pragma: no cover - only runs if protection is gone
        raise AssertionError("alias bomb was not refused within 10 s")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(10)
    try:
        with pytest.raises(KnowledgeError, match="alias bomb"):
            load_knowledge(BROKEN / "alias_bomb.yaml")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_50_mb_file_refused_before_reading(tmp_path: Path, capsys) -> None:
    big = tmp_path / "huge.yaml"
    with open(big, "wb") as fh:  # sparse: 50 MB on paper, nearly nothing on disk
        fh.truncate(50 * 1024 * 1024)
    code, _, err = check(capsys, str(big))
    assert code == 2
    assert f"{big}:1:1:" in err and "too large" in err and str(MAX_BYTES) in err


def test_file_just_over_the_limit_refused(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    padded = tmp_path / "padded.yaml"
    padded.write_text(text + "#" * (MAX_BYTES - len(text.encode()) + 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="too large"):
        load_knowledge(padded)


def test_directory_refused(tmp_path: Path, capsys) -> None:
    code, _, err = check(capsys, str(tmp_path))
    assert code == 2 and f"{tmp_path}:1:1:" in err and "directory" in err


def test_missing_file_refused(tmp_path: Path, capsys) -> None:
    code, _, err = check(capsys, str(tmp_path / "nope.yaml"))
    assert code == 2 and "file not found" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(KnowledgeError, match="not a regular file"):
        load_knowledge(fifo)


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    bad = tmp_path / "tag.yaml"
    bad.write_text(
        MINIMAL.read_text(encoding="utf-8").replace(
            "disclaimer: An education tool, not a diagnosis.",
            f'disclaimer: !!python/object/apply:os.system ["touch {marker}"]',
        ),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="tag not allowed"):
        load_knowledge(bad)
    assert not marker.exists()


def test_unknown_key_message_lists_the_allowed_keys() -> None:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(BROKEN / "unknown_key.yaml")
    assert "expected one of: id, name, areas" in str(info.value)


def test_libyaml_and_pure_python_parsers_read_the_same(monkeypatch, capsys) -> None:
    """Where PyYAML lacks libyaml the pure-Python parser serves: the same values and positions
    for the real regions.yaml, and the same refusal (file, line, message) for every broken
    file except those whose wording is the parser's own (syntax errors: same line)."""
    from tp_explorer.knowledge import yaml_source
    from tp_explorer.resources import regions_path

    fast = yaml_source.load_yaml(regions_path())
    fast_errors = {path.name: check(capsys, str(path))[2] for path in CASES}
    monkeypatch.setattr(yaml_source, "_CountingLoader", yaml_source._CountingPureLoader)
    pure = yaml_source.load_yaml(regions_path())
    assert pure.data == fast.data
    assert pure.positions == fast.positions
    for path in CASES:
        expected, _bad = expectation(path)
        err = check(capsys, str(path))[2]
        assert expected in err, path.name
        first_fast = next(line for line in fast_errors[path.name].splitlines() if line)
        first_pure = next(line for line in err.splitlines() if line)
        assert first_pure.split(": ")[0] == first_fast.split(": ")[0], path.name  # file:line:col
        if "syntax error" not in first_fast and "tab" not in first_fast:
            assert err == fast_errors[path.name], path.name
