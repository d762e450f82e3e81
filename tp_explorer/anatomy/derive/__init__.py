"""What both anatomy sources share: the landmarks each finds on its own skeleton, the body areas
made from them by rule and the fine skin map that splits them (fine_map, with one rule module
per body segment), the polyline and ring-stack helpers their swept shapes use, and where a
trigger point sits in a muscle.

Nothing here reads a source's files: each source passes in its own meshes and landmarks.
"""
