"""Writers' tools on a KIM folder, beside the build:

- `check`: `kimsite check`, everything a build would find (the same loading and rendering)
  and what a careful editor would add, with nothing written;
- `scaffold`: `kimsite new`, a documented starting profile or article;
- `photos`: `kimsite foto`, phone photos kept small in the repository itself.

They may call the build; they write into one KIM's folder at most, never into `build/`.
"""
