"""A KIM folder and the province's `config.yaml` → the model, every mistake collected.

- `files`: which files of a KIM folder may be read at all (the one place that decides);
- `yaml_text`, `yaml_fields`: a writer's YAML as nodes that remember their line, read by type;
- `contract`: every key a writer may write, shared with the browser editor;
- `config`: the province's settings; `hosts`: which host each KIM gets; `profiles`:
  `kim.yaml`; `kim_folder`: one whole KIM (profile, articles, pages, media); `redirects`:
  `pengalihan.yaml`.

It reads, never renders or writes: it imports `model`, `i18n`, `indonesia` only.
"""
