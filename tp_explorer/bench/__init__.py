"""The speed and memory benchmark of the real window (``tp-explorer bench``).

It sits above the window it measures: it imports ui/, nothing in the program imports it. The
package imports nothing itself, so the fresh processes it starts (``python -m
tp_explorer.bench.child_...``) load only what they measure.
"""
