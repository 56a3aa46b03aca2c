"""Bringing a KIM's existing site in: `kimsite import wordpress|blogger`.

A subpackage beside the build: it reads an export (treated as hostile: parsed with
defusedxml, every name made safe, every piece of HTML sanitised as writers' HTML is) and
writes ordinary content into one KIM's folder: Markdown articles and pages, media, and
`pengalihan.yaml` (old addresses → new pages), nowhere else. The build then reads them as it
reads anything a writer typed.
"""
