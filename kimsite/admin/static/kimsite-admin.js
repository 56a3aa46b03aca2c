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

  // Decap's editor is laid out for 800 px and more (its toolbar and editor container;
  // `target` class names of Decap 3.16.3, pinned with it). On a phone: the form alone,
  // the toolbar scrolling sideways, the preview one tap away (the eye button).
  var narrow = window.matchMedia("(max-width: 799px)").matches;
  if (narrow && window.localStorage.getItem("cms.right-pane") === null) {
    window.localStorage.setItem("cms.right-pane", "none");
  }
  var phone = document.createElement("style");
  phone.textContent = "@media (max-width: 799px) {" +
    ".e1nx103k5, .e1d2l9mo22 { min-width: 0 !important; }" +
    ".e1d2l9mo22 { overflow-x: auto; }" +
    "}";
  document.head.appendChild(phone);

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
