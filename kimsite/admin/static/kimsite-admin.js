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
  // The KIM's zone (IANA name, and WIB/WITA/WIT): dates are the KIM's local time, written
  // "YYYY-MM-DD HH:mm" as kimsite reads them, whatever zone the browser is set to.
  var zone = me.getAttribute("data-zona") || "Asia/Jakarta";
  var zoneAbbr = me.getAttribute("data-zona-singkat") || "";

  // A phone photo (4–8 MB, sideways, with its GPS position) is made upright, no longer
  // than the province's `foto_maks_px` and without metadata before Decap uploads it: the
  // repository keeps every committed byte for ever. The file input's change is caught
  // before Decap's handler, its photo redrawn on a canvas, and the change sent on.
  var photoLimits = (me.getAttribute("data-foto") || "2560 85").split(" ").map(Number);
  var SHRINK = {"image/jpeg": "image/jpeg", "image/png": "image/png", "image/webp": "image/webp"};

  function shrunk(file) {
    var type = SHRINK[file.type];
    if (!type || !window.createImageBitmap) { return Promise.resolve(file); }
    return window.createImageBitmap(file, {imageOrientation: "from-image"}).then(function (bitmap) {
      var scale = Math.min(1, photoLimits[0] / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], file.name, {type: type}) : file);
        }, type, photoLimits[1] / 100);
      });
    }).catch(function () { return file; });
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.type !== "file" || input.dataset.kimsiteShrunk || !input.files.length) {
      return;
    }
    event.stopImmediatePropagation();
    Promise.all(Array.prototype.map.call(input.files, shrunk)).then(function (files) {
      var list = new DataTransfer();
      files.forEach(function (f) { list.items.add(f); });
      input.files = list.files;
      input.dataset.kimsiteShrunk = "1";
      input.dispatchEvent(new Event("change", {bubbles: true}));
      delete input.dataset.kimsiteShrunk;
    });
  }, true);

  function kimNow() {
    // sv-SE writes dates as ISO does: "2026-12-07 19:53".
    return new Intl.DateTimeFormat("sv-SE", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).format(new Date()).replace("T", " ").slice(0, 16);
  }

  function asText(value) {
    // A value read back from a file may be text or (YAML with seconds) a Date.
    if (!value) { return ""; }
    if (value instanceof Date) { return value.toISOString().slice(0, 16).replace("T", " "); }
    return String(value).replace("T", " ").slice(0, 16);
  }

  function dateControl() {
    return window.createClass({
      componentDidMount: function () {
        // A new article is dated now, in the KIM's zone (an optional date stays empty).
        if (!this.props.value && this.props.field.get("required") !== false) {
          this.props.onChange(kimNow());
        }
      },
      render: function () {
        var h = window.h, props = this.props, value = asText(props.value);
        return h("div", {className: props.classNameWrapper},
          h("input", {
            type: "datetime-local", id: props.forID, value: value.replace(" ", "T"),
            onChange: function (e) { props.onChange(e.target.value.replace("T", " ")); },
            onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle
          }),
          " ",
          h("button", {type: "button", onClick: function () { props.onChange(kimNow()); }},
            "Sekarang" + (zoneAbbr ? " (" + zoneAbbr + ")" : "")));
      }
    });
  }

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
    CMS.registerWidget("kimsite-tanggal", dateControl(), function (props) {
      return window.h("span", {}, asText(props.value));
    });
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
