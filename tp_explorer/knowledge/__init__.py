"""tp_explorer.knowledge: the clinic's knowledge (regions.yaml), validated and queryable.

Pure Python (PyYAML only): no numpy, Qt or VTK. See docs/interfaces.md.
"""

from tp_explorer.knowledge.loader import load_knowledge
from tp_explorer.knowledge.model import (
    Adjunct,
    ChainLink,
    Citation,
    Condition,
    Estim,
    Muscle,
    PointReferral,
    RedFlag,
    Referral,
    ReferringPoint,
    SearchHit,
    Site,
    Study,
    TriggerPoint,
)
from tp_explorer.knowledge.problems import KnowledgeError, Problem, UnknownNameError
from tp_explorer.knowledge.queries import Knowledge

__all__ = [
    "Adjunct",
    "ChainLink",
    "Citation",
    "Condition",
    "Estim",
    "Knowledge",
    "KnowledgeError",
    "Muscle",
    "PointReferral",
    "Problem",
    "RedFlag",
    "Referral",
    "ReferringPoint",
    "SearchHit",
    "Site",
    "Study",
    "TriggerPoint",
    "UnknownNameError",
    "load_knowledge",
]
