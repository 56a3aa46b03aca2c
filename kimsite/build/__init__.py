"""The pipeline, orchestrated: which KIMs to build, each inside its own boundary, then the
index, each published by the one publish step.

- `pipeline`: `build()`, the whole run as it reads: config → plan → KIMs → index → state;
- `kim`, `index`: one KIM's build and the index's (load, render, publish);
- `workers`: processes one KIM cannot take down (memory, time, C code included);
- `cache`: what the last build read, rendered and wrote, as data.

It imports every stage below it; nothing below imports it.
"""
