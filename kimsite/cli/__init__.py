"""The command line: arguments in, the library called, an exit code out.

- `main`: `kimsite …`, assembled from one module per command, each holding its arguments
  beside its handler: `build` (and `index`), `check`, `foto`, `new`, `wilayah`, `serve`,
  `admin`, `deploy`, `importing` (`kimsite import`);
- `options`: what the commands share (their words in the reader's language, `--config`,
  `--format`, `--lang`, how problems are printed).

The top floor: nothing imports it; the library below never calls `exit`.
"""
