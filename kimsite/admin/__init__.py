"""The browser editor: Decap CMS at `/admin/` of every KIM site, generated, never written.

- `decap`: the editor's configuration for one KIM, from the content contract
  (`kimsite.source.contract`) and `penyunting:` in config.yaml;
- `page`: the small `/admin/` page each KIM host gets, and the one shared script;
- `bundle`: Decap's 5 MB bundle, fetched once from npm at a pinned version and digest and
  published once per province (on the index host), never once per KIM;
- `local`: `decap-server` for `kimsite serve KIM --admin`, the same editor on one laptop;
- `codeowners`: which maintainers review which KIM folder.

Nothing here reads a KIM's files: a KIM's writers change what the editor edits, never the
editor itself.
"""
