"""The command line: arguments in, the library called, an exit code out.

- `main`: `kimsite …` and its handlers; `args`, `publish_args`: the argument parser.

The top floor: nothing imports it; the library below never calls `exit`.
"""
