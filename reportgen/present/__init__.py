"""present: what a reader sees, independent of the output format.

The view of a briefing (`view`), its charts (`charts`), how numbers and figures are written out in Arabic
(`display`), the sandboxed Jinja environment (`render`), the bundled fonts (`fonts`) and text preparation
for renderers that do not shape Arabic (`textprep`).
"""
