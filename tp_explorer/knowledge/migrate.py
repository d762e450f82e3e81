"""A version 1 knowledge file brought to version 2, so the rest of the program sees one shape.

Version 1 gave one referral pattern per muscle, on the 29 coarse body areas. Each trigger point
now gets that whole pattern as its own chart: every coarse area becomes all the fine areas of
its group (skin_areas.areas_in_group), the sources are the tags the muscle's ``sources`` cites
(or that text itself), and the note says the chart came from an older file without per-point
charts. Nothing is invented: a v1 file's points all show what its muscle showed. Version 1
had no chapters: a muscle the shipped file also has gets its chapter there, any other "Other"
(chapters.v1_chapter).
"""

from __future__ import annotations

import re

from tp_explorer.knowledge import schema
from tp_explorer.knowledge.chapters import v1_chapter
from tp_explorer.knowledge.schema_v1 import KnowledgeFileV1, MuscleV1
from tp_explorer.knowledge.skin_areas import areas_in_group

OLDER_FILE_NOTE = (
    "From an older knowledge file (schema version 1) that gives one pattern for the whole "
    "muscle, not a chart per trigger point: this point shows all of it."
)
_TAG = re.compile(r"\[([A-Za-z]+[0-9]+)\]")


def fine_areas(coarse: tuple[str, ...]) -> tuple[str, ...]:
    """The fine areas of coarse body areas, each once, in the groups' order."""
    return tuple(dict.fromkeys(a for group in coarse for a in areas_in_group(group)))


def source_tags(text: str) -> tuple[str, ...]:
    """The source tags a muscle's sources text cites ("[S8][S9]; ..." -> ("S8", "S9")), or
    the text itself where it cites none."""
    tags = tuple(dict.fromkeys(_TAG.findall(text)))
    return tags or (text,)


def migrate_muscle(muscle: MuscleV1) -> schema.Muscle:
    """A version 1 muscle as version 2: each point charted with the muscle's pattern."""
    old = muscle.referral
    chart = schema.PointReferral(
        essential=fine_areas(old.essential),
        spillover=fine_areas(old.spillover),
        labelled=old.labelled,
        sources=source_tags(muscle.sources),
        note=OLDER_FILE_NOTE,
    )
    points = tuple(
        schema.TriggerPoint(id=p.id, location=p.location, placement=p.placement, referral=chart)
        for p in muscle.trigger_points
    )
    return schema.Muscle(
        id=muscle.id,
        name=muscle.name,
        chapter=v1_chapter(muscle.id),
        synonyms=muscle.synonyms,
        meshes=muscle.meshes,
        trigger_points=points,
        referral_note=old.note,
        complaints=muscle.complaints,
        precautions=muscle.precautions,
        sources=muscle.sources,
    )


def migrate(file: KnowledgeFileV1) -> schema.KnowledgeFile:
    """The version 2 file a checked version 1 file stands for."""
    fields = {name: getattr(file, name) for name in schema.KnowledgeFile.model_fields}
    fields["muscles"] = tuple(migrate_muscle(m) for m in file.muscles)
    fields["schema_version"] = schema.SCHEMA_VERSION
    return schema.KnowledgeFile.model_validate(fields)
