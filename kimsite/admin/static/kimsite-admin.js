/* kimsite: starts Decap CMS in Indonesian, with the KIM's own stylesheet in the preview.
   Loaded before decap-cms.js (which then waits for CMS.init); its settings come from the
   data-* attributes of its own <script> tag, written by the build for each KIM. */
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;
  var me = document.currentScript;
  var LOCALE = /*LOCALE*/null;
  var styles = (me.getAttribute("data-gaya") || "").split(" ").filter(Boolean);
  var articles = me.getAttribute("data-artikel");
  var labels = JSON.parse(me.getAttribute("data-kategori") || "{}");
  // Pairs of fields the contract wants together (a photo and its description).
  var pairs = JSON.parse(me.getAttribute("data-pasangan") || "[]");

  function articlePreview() {
    return window.createClass({
      render: function () {
        var h = window.h, entry = this.props.entry;
        var get = function (key) { return entry.getIn(["data", key]); };
        var photo = get("gambar"), asset = photo ? this.props.getAsset(photo) : null;
        var kategori = get("kategori") || "berita";
        return h("main", {className: "wadah", id: "isi"},
          h("article", {className: "artikel"},
            h("header", {},
              h("p", {className: "label"}, labels[kategori] || kategori),
              h("h1", {}, get("judul") || ""),
              h("p", {className: "tanggal"}, [get("tanggal"), get("penulis") && "oleh " + get("penulis")]
                .filter(Boolean).join(" · "))),
            photo ? h("figure", {className: "utama"},
              h("img", {src: asset ? asset.toString() : "", alt: get("gambar_alt") || ""})) : null,
            h("div", {className: "isi"}, this.props.widgetFor("body"))));
      }
    });
  }

  window.addEventListener("DOMContentLoaded", function () {
    var CMS = window.CMS;
    if (!CMS) { return; }
    CMS.registerLocale("id", LOCALE);
    styles.forEach(function (url) { CMS.registerPreviewStyle(url); });
    if (articles) { CMS.registerPreviewTemplate(articles, articlePreview()); }
    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        var data = event.entry.get("data");
        pairs.forEach(function (pair) {
          if (data.get(pair[0]) && !data.get(pair[1])) {
            throw new Error(pair[2]);
          }
        });
      }
    });
    CMS.init();
  });
})();
