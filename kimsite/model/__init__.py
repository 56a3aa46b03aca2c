"""What a province's content is, once read: immutable values every stage shares.

- `content`: KIM profiles, articles, pages, media, the summary the index keeps;
- `problems`: a writer's mistake as a value with a place (file, line), never an exception;
- `publishing`: which articles a build publishes (drafts, future-dated, its clock);
- `routes`: every URL kimsite publishes and the one function from a URL to a file;
- `json_form`: the model as plain JSON and back, checked (the cache holds data, never code).

It imports only `i18n` and `indonesia`: every stage above may import it.
"""
