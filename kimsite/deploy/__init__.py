"""Putting built sites in front of readers: a web server's configuration (`nginx`) and
atomic, rollback-able releases of the build folder (`sync`).

A subpackage beside the build, not part of it: it reads what the build wrote (the build
folder) and what the province decided (`config.yaml`, the KIM folders' names and their
redirect files), and never renders anything.
"""
