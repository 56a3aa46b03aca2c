"""`kimsite serve`: the preview on 127.0.0.1 that rebuilds what an edit changed.

- `preview`: the server and the rebuilds; `watching`: which files are watched;
- `changes`: what a change means (what to redo) and a save storm as one rebuild;
- `live`: the livereload server, fitted to the preview.

Beside the build: it calls `build`, nothing imports it but the command line.
"""
