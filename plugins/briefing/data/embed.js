/* Briefing card loader. Include it once on a page that embeds actor cards:
     <script src="https://SITE/embed.js" async></script>
   A card (actors/<slug>/card.html) posts {type: "briefing:card-height", height} to its
   parent. A message counts only when it comes from our origin (derived from this script's
   own URL) and from the window of one of our card iframes; only that iframe is resized.
   No dependencies; it never parses HTML. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src || typeof URL !== "function") return;
  var here = new URL(me.src, location.href);
  var origin = here.origin;
  var base = here.href.slice(0, here.href.lastIndexOf("/") + 1); // SITEURL + "/"
  var flag = "__briefingEmbed " + base;
  if (window[flag]) return; // included more than once
  window[flag] = true;
  // On our own pages, in-site cards are sandboxed without allow-same-origin, so their
  // messages carry the opaque origin "null"; the event.source check still ties each message
  // to one of our card frames.
  var ownPage = location.origin === origin;
  var MIN = 60, MAX = 5000;

  function isCard(frame) {
    var u;
    try { u = new URL(frame.src); } catch (e) { return false; } // resolved against <base> too
    return u.origin === origin && u.href.indexOf(base + "actors/") === 0 && /\/card\.html$/.test(u.pathname);
  }

  function cards() {
    var out = [], all = document.getElementsByTagName("iframe");
    for (var i = 0; i < all.length; i++) if (isCard(all[i])) out.push(all[i]);
    return out;
  }

  function fallbackLink(frame) { // the plain-link <blockquote> of the embed code
    var prev = frame.previousElementSibling;
    return prev && prev.tagName === "BLOCKQUOTE" && prev.classList.contains("briefing-embed") ? prev : null;
  }

  function resize(frame, h) {
    frame.style.height = Math.max(MIN, Math.min(MAX, Math.ceil(h))) + "px";
    var q = fallbackLink(frame);
    if (q) q.hidden = true;
  }

  function ping(frame) { // ask a card that loaded before this script to report again
    var w = frame.contentWindow;
    if (w) w.postMessage({ type: "briefing:card-ping" }, "*");
  }

  window.addEventListener("message", function (e) {
    if (e.origin !== origin && !(ownPage && e.origin === "null")) return;
    var d = e.data;
    if (!d || typeof d !== "object" || d.type !== "briefing:card-height") return;
    if (typeof d.height !== "number" || !isFinite(d.height) || d.height <= 0) return;
    var list = cards();
    for (var i = 0; i < list.length; i++) {
      if (list[i].contentWindow === e.source) { resize(list[i], d.height); return; }
    }
  });

  function setup() {
    var list = cards();
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      f.style.border = "0";
      if (!f.style.maxWidth) f.style.maxWidth = "100%";
      if (!f.hasAttribute("data-briefing-embed")) {
        f.setAttribute("data-briefing-embed", "");
        f.addEventListener("load", ping.bind(null, f));
      }
      ping(f);
    }
  }
  setup();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
})();
