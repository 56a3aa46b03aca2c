"""The model → the bytes of a site, in memory: nothing here writes to the build folder.

- `markup` (with `markdown_patch`): a writer's Markdown, sanitised, to HTML;
- `themes`, `views`: Jinja themes (the sandbox for a KIM's own templates) and what a
  template may see;
- `pages`: each page of a site through its template (`PageWriter`), page type by type;
- `kim_site` (with `site_files`): one KIM's whole site; `index_site`: the province's index;
- `feeds`, `jsonld`, `images`, `search`: the feed, JSON-LD, photo variants, Pagefind.

It imports `source`, `model`, `i18n`, `indonesia`: never `output` or `build`.
"""
