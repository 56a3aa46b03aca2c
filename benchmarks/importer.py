"""`kimsite import wordpress` on big exports: time and peak memory at 1,000 and 5,000 posts.

    python -m benchmarks.importer [--posts 1000 5000]

The export is generated (benchmarks/corpus.py's village news, 250–500 words each, as HTML
with Gutenberg block comments, a category pair and tags), imported into a fresh KIM by the
command line in its own process, timed, and its peak resident memory read from the
kernel. Memory that stays flat while posts grow fivefold is the streaming at work.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

import markdown

from benchmarks.corpus import articles

HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
    "<channel><title>KIM</title><link>https://kimdesa.wordpress.com</link>"
    "<wp:author><wp:author_login>admin</wp:author_login><wp:author_display_name>Admin Desa"
    "</wp:author_display_name></wp:author>\n"
)


def write_export(path: Path, posts: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(HEAD)
        for n, (_kim, a) in enumerate(articles(1, posts, seed=7), start=1):
            body = "\n".join(
                f"<!-- wp:paragraph -->\n{block}\n<!-- /wp:paragraph -->"
                for block in markdown.markdown(a.body, extensions=["tables"]).split("\n\n")
            )
            tags = "".join(
                f'<category domain="post_tag" nicename="{t}"><![CDATA[{t}]]></category>'
                for t in a.tags
            )
            f.write(
                f"<item><title>{escape(a.title)}</title>"
                f"<link>https://kimdesa.wordpress.com/{a.day:%Y/%m}/{a.slug}/</link>"
                "<dc:creator>admin</dc:creator>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[{a.summary}]]></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id><wp:post_date>{a.day} 08:00:00</wp:post_date>"
                f"<wp:post_date_gmt>{a.day} 01:00:00</wp:post_date_gmt>"
                f"<wp:post_name>{a.slug}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
                f'<category domain="category" nicename="{a.category}"><![CDATA[{a.category}]]>'
                f"</category>{tags}</item>\n"
            )
        f.write("</channel></rss>\n")


def one(posts: int, work: Path) -> tuple[float, float, float]:
    root = work / f"p{posts}"
    (root / "content/kim-desa").mkdir(parents=True)
    (root / "config.yaml").write_text('provinsi: "33"\ndomain_indeks: kim.jatengprov.go.id\n')
    (root / "content/kim-desa/kim.yaml").write_text(
        'nama: KIM Desa\nkode_wilayah: "33.01.01.2001"\n'
    )
    export = work / f"ekspor-{posts}.xml"
    write_export(export, posts)
    size_mb = export.stat().st_size / 1e6
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kimsite", "import", "wordpress", str(export), "--kim", "kim-desa"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    shutil.rmtree(root)
    return seconds, max(peak, before) / 1024, size_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    print("| posts | export MB | import s | peak MB (the import's process) |")
    print("| ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for posts in sorted(args.posts):
            seconds, peak, size = one(posts, Path(tmp))
            print(f"| {posts} | {size:.1f} | {seconds:.2f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
