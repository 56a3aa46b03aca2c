// kimsite search page: asks the site's Pagefind bundle (/pagefind/) in the reader's browser.
// The page works without this script (it then lists where to browse instead).
const form = document.querySelector("form.cari");
const input = document.getElementById("q");
const status = document.getElementById("cari-status");
const list = document.getElementById("cari-hasil");
const fallback = document.getElementById("cari-tanpa-js");
const PER_PAGE = 10;

// Pagefind's excerpts are HTML with <mark> around the words found: keep only text and marks.
function excerpt(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const p = document.createElement("p");
  for (const node of doc.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else {
      p.append(document.createTextNode(node.textContent));
    }
  }
  return p;
}

function item(data) {
  const li = document.createElement("li");
  const h = document.createElement("h2");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  h.append(a);
  li.append(h);
  const where = [data.meta.kim, data.meta.tanggal].filter(Boolean).join(" · ");
  if (where) {
    const small = document.createElement("p");
    small.className = "tanggal";
    small.textContent = where;
    li.append(small);
  }
  li.append(excerpt(data.excerpt));
  return li;
}

async function run(query) {
  fallback.hidden = true;
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "";
    list.hidden = true;
    return;
  }
  status.textContent = "Mencari…";
  try {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({ excerptLength: 24 });
    const found = await pagefind.search(query);
    const shown = await Promise.all(found.results.slice(0, PER_PAGE).map((r) => r.data()));
    list.append(...shown.map(item));
    list.hidden = shown.length === 0;
    status.textContent = found.results.length
      ? `${found.results.length} hasil untuk “${query}”` +
        (found.results.length > PER_PAGE ? `, ${PER_PAGE} teratas ditampilkan.` : ".")
      : `Tidak ada hasil untuk “${query}”. Coba kata lain yang lebih umum.`;
  } catch (err) {
    status.textContent = "Pencarian tidak bisa dimuat. Periksa sambungan internet lalu coba lagi.";
    fallback.hidden = false;
  }
}

const query = new URLSearchParams(location.search).get("q") || "";
input.value = query;
if (query) run(query);
else fallback.hidden = true;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const q = input.value;
  history.replaceState(null, "", `?q=${encodeURIComponent(q)}`);
  run(q);
});
