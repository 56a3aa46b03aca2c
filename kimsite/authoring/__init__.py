"""Writers' tools on a KIM folder: `kimsite new` (`scaffold`: a documented starting profile
or article) and `kimsite foto` (`photos`: phone photos kept small in the repository).

Beside the build: they write into one KIM's folder, never into the build folder.
"""
