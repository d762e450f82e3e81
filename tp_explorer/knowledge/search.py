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
# Words about an injury or an emergency: a search holding one shows the red flags first.
ALARM_WORDS = frozenset(
    [
        "broken",
        "break",
        "fracture",
        "fractured",
        "fall",
        "fell",
        "fallen",
        "injury",
        "injured",
        "accident",
        "crash",
        "sprain",
        "sprained",
        "twist",
        "twisted",
        "torn",
        "tear",
        "rupture",
        "ruptured",
        "snap",
        "snapped",
        "pop",
        "popped",
        "emergency",
        "urgent",
        "ambulance",
        "collapse",
        "collapsed",
        "faint",
        "fainted",
        "bleeding",
        "blood",
        "clot",
        "dvt",
        "numb",
        "numbness",
        "weakness",
        "paralysis",
        "incontinence",
        "cauda",
        "equina",
        "fever",
        "infection",
        "infected",
        "swollen",
        "swelling",
        "locked",
        "locking",
        "aneurysm",
        "torsion",
        "appendicitis",
        "pregnant",
        "pregnancy",
        "breathless",
        "chest",
    ]
)


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


EMERGENCY_WORDS = frozenset(
    {"emergency", "emergencies", "urgent", "ambulance", "999", "112", "911"}
)


def asks_for_emergency(query: str) -> bool:
    """True where the query asks for emergencies as such ("emergency", "ambulance", ...)."""
    return any(word in EMERGENCY_WORDS for word in normalise(query).split())


def is_alarm(query: str) -> bool:
    """True where the query holds a word about an injury or an emergency (ALARM_WORDS)."""
    return any(word in ALARM_WORDS for word in normalise(query).split())


SIGN_SCORE = 0.8  # every query word in a red flag's sign or action: a match, below a term's


def words_in(query: str, text: str) -> float:
    """SIGN_SCORE where every word of ``query`` (three letters or more) starts a word of
    ``text``, else 0: a sign is a sentence, so it is searched word by word."""
    q_words = [w for w in normalise(query).split() if len(w) >= 3]
    t_words = normalise(text).split()
    if not q_words:
        return 0.0
    found = all(
        any(t.startswith(q) or (q.startswith(t) and len(t) >= 4) for t in t_words) for q in q_words
    )
    return SIGN_SCORE if found else 0.0


def best_score(query: str, candidates: Iterable[str]) -> float:
    q = normalise(query)
    return max((score(q, normalise(c)) for c in candidates), default=0.0)
