"""The scene's layers, one class each: muscles, bones, skin and zones, markers, context
structures and labels. Each makes its actors once and keeps the look it last gave them as a
typed value, so a selection changes only what differs from the last one.
"""
