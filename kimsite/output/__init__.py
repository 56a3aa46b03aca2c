"""Bytes → the build folder: the one writer, and what it stands on.

- `writer`: commits a site's files together (staged, renamed into place, unchanged bytes
  kept), removes what the site no longer has, keeps the manifest;
- `staging`, `atomic`, `compress`, `digest`: staging folder, atomic replace, `.gz`/`.br`
  copies, the one content digest;
- `lock`: one build at a time per build folder and cache.

It imports `render` (what a site is), `model` and nothing above.
"""
