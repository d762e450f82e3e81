"""The validated-knowledge cache: found by the file's bytes, never trusted when unreadable, and
never needed: every load gives what validating the file gives."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tp_explorer.knowledge import KnowledgeError, load_knowledge, loader
from tp_explorer.knowledge.cache import ENV_CACHE_DIR, KEEP, SUFFIX, cache_dir, cache_key

from .conftest import BROKEN, MINIMAL, REGIONS


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    monkeypatch.setenv(ENV_CACHE_DIR, str(tmp_path / "cache"))
    return cache_dir()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []


def no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("validated although the cache had the file")

    monkeypatch.setattr(loader, "validate", refuse)


def copy_of(path: Path, folder: Path, name: str = "regions.yaml") -> Path:
    target = folder / name
    target.write_bytes(path.read_bytes())
    return target


def test_second_load_comes_from_the_cache_and_equals_the_first(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_knowledge(REGIONS)
    assert len(entries(cache)) == 1
    no_validation(monkeypatch)
    again = load_knowledge(REGIONS)
    assert again == first
    assert again.sites == first.sites and again.muscles == first.muscles
    elsewhere = load_knowledge(copy_of(REGIONS, tmp_path, "mine.yaml"))
    assert elsewhere.source == tmp_path / "mine.yaml"  # the path asked for, not the cached one


def test_a_changed_file_is_validated_again(cache: Path, tmp_path: Path) -> None:
    path = copy_of(MINIMAL, tmp_path)
    load_knowledge(path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Soleus", "name: Soleus muscle"),
        encoding="utf-8",
    )
    assert load_knowledge(path).muscle("soleus").name == "Soleus muscle"
    assert len(entries(cache)) == 2


def test_a_corrupt_entry_is_ignored_and_replaced(cache: Path) -> None:
    expected = load_knowledge(MINIMAL)
    (entry,) = entries(cache)
    for junk in (b"", b"not a pickle", entry.read_bytes()[:50]):
        entry.write_bytes(junk)
        assert load_knowledge(MINIMAL) == expected
        assert entry.read_bytes() != junk


def test_an_entry_of_another_type_is_ignored(cache: Path) -> None:
    expected = load_knowledge(MINIMAL)
    (entry,) = entries(cache)
    entry.write_bytes(pickle.dumps({"not": "knowledge"}))
    assert load_knowledge(MINIMAL) == expected


def test_a_refused_file_is_never_cached(cache: Path) -> None:
    for _ in range(2):
        with pytest.raises(KnowledgeError, match="unknown muscle 'nobody'"):
            load_knowledge(BROKEN / "many_problems.yaml")
    assert entries(cache) == []


def test_an_unwritable_cache_does_not_stop_a_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(ENV_CACHE_DIR, str(blocker))
    assert load_knowledge(MINIMAL).summary().startswith("1 sites")


def test_only_the_newest_entries_are_kept(cache: Path, tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    for i in range(KEEP + 3):
        path = tmp_path / f"v{i}.yaml"
        path.write_text(text.replace("name: Soleus", f"name: Soleus {i}"), encoding="utf-8")
        load_knowledge(path)
    kept = entries(cache)
    assert len(kept) == KEEP
    newest = (tmp_path / f"v{KEEP + 2}.yaml").read_bytes()
    assert cache / f"{cache_key(newest)}{SUFFIX}" in kept


def test_a_cached_load_imports_neither_yaml_nor_pydantic(tmp_path: Path) -> None:
    """Behaviour, not timing: the two imports are most of what an uncached load costs."""
    code = (
        "import sys\n"
        "from tp_explorer.knowledge import load_knowledge\n"
        f"load_knowledge({str(REGIONS)!r})\n"
        "print(sorted(m for m in ('yaml', 'pydantic') if m in sys.modules))\n"
    )
    env = dict(os.environ, **{ENV_CACHE_DIR: str(tmp_path / "cache")})
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["['pydantic', 'yaml']", "[]"]
