"""Typo-tolerant search over site names, conditions and muscle names and synonyms.

Small and dependency-free: exact and prefix matches score highest, then per-word similarity
(difflib), so "peronues", "shin splint" and "glute med" all find what a therapist meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

MIN_SCORE = 0.72
_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lowercase words only: "Runner's-knee" -> "runner s knee"."""
    return " ".join(_WORD.findall(text.lower()))


def _word_score(query_word: str, words: list[str]) -> float:
    best = 0.0
    for w in words:
        if w == query_word:
            return 1.0
        if len(query_word) >= 3 and w.startswith(query_word):
            best = max(best, 0.95)
            continue
        best = max(best, SequenceMatcher(None, query_word, w).ratio())
    return best


def score(query: str, candidate: str) -> float:
    """How well ``candidate`` matches ``query``, 0..1 (both already normalised)."""
    if not query or not candidate:
        return 0.0
    if query == candidate:
        return 1.0
    if candidate.startswith(query):
        return 0.95
    if f" {query}" in f" {candidate}":
        return 0.9
    q_words, c_words = query.split(), candidate.split()
    per_word = sum(_word_score(w, c_words) for w in q_words) / len(q_words)
    # Penalise long candidates that only share one word with a multi-word query.
    whole = SequenceMatcher(None, query, candidate).ratio()
    return (
        max(per_word * 0.9 if len(q_words) > 1 or per_word < 1 else 0.85, whole)
        if per_word >= 0.8
        else whole
    )


def best_score(query: str, candidates: Iterable[str]) -> float:
    q = normalise(query)
    return max((score(q, normalise(c)) for c in candidates), default=0.0)
