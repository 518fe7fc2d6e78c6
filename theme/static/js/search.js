/* Site search (issue 5). Without JavaScript the search box is a plain GET form to
   /search/. With it, the Pagefind bundle (pagefind/pagefind.js + its WebAssembly) is
   imported the first time a reader types, never before, and the other shards of the index
   listed in pagefind/shards.json are merged into it (plugins/briefing/search); results are built with DOM
   methods and textContent, never innerHTML. */
(function () {
  "use strict";
  var loading = null;

  function basePath(siteurl) {
    return new URL((siteurl || "") + "/", window.location.href).pathname;
  }

  function pagefind(siteurl) {
    if (!loading) {
      var base = basePath(siteurl);
      var bundle = base + "pagefind/";
      var listing = fetch(bundle + "shards.json", { cache: "no-cache" }).then(function (res) {
        return res.ok ? res.json() : { shards: [] };
      });
      loading = Promise.all([import(bundle + "pagefind.js"), listing]).then(function (got) {
        var pf = got[0], list = got[1] || {};
        var opts = { baseUrl: base };
        if (typeof list.tag === "string" && /^[0-9a-f]{1,64}$/.test(list.tag)) opts.metaCacheTag = list.tag;
        // the other shards of the index share the primary bundle's WebAssembly
        var dirs = (list.shards || []).filter(function (d) { return /^s[0-9]+\/$/.test(d); });
        return Promise.resolve(pf.options(opts)).then(function () {
          return Promise.all(dirs.map(function (d) { return pf.mergeIndex(bundle + d, opts); }));
        }).then(function () { return pf; });
      });
    }
    return loading;
  }

  function plain(html) {
    var t = document.createElement("template");
    t.innerHTML = html || "";
    return t.content.textContent;
  }

  function render(box, term, data) {
    box.textContent = "";
    if (!term) { box.hidden = true; return; }
    var p = document.createElement("p");
    p.className = "search-count";
    p.textContent = data.length ? data.length + (data.length === 1 ? " result" : " results") + " for \u201c" + term + "\u201d"
      : "No results for \u201c" + term + "\u201d";
    box.appendChild(p);
    if (data.length) {
      var ol = document.createElement("ol");
      data.forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url;
        a.textContent = (d.meta && d.meta.title) || d.url;
        li.appendChild(a);
        if (d.meta && d.meta.kind) {
          var kind = document.createElement("span");
          kind.className = "search-kind";
          kind.textContent = " " + d.meta.kind;
          li.appendChild(kind);
        }
        var ex = document.createElement("p");
        ex.className = "excerpt";
        ex.textContent = plain(d.excerpt);
        li.appendChild(ex);
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    box.hidden = false;
  }

  function runner(input, box, siteurl, limit) {
    var seq = 0;
    return function () {
      var term = input.value.trim();
      var mine = ++seq;
      if (term.length < 2) { render(box, "", []); return; }
      pagefind(siteurl).then(function (pf) {
        return pf.search(term);
      }).then(function (res) {
        if (!res) return [];
        return Promise.all(res.results.slice(0, limit).map(function (r) { return r.data(); }));
      }).then(function (data) {
        if (mine === seq) render(box, term, data);
      }).catch(function () {
        if (mine === seq) {
          box.textContent = "Search is unavailable here; press Enter for the search page.";
          box.hidden = false;
        }
      });
    };
  }

  function attach(form, input, box, limit, delay) {
    var siteurl = form.getAttribute("data-siteurl") || "";
    var run = runner(input, box, siteurl, limit);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, delay);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { box.hidden = true; }
    });
    document.addEventListener("click", function (e) {
      if (box.classList.contains("search-page-results") || form.contains(e.target)) return;
      box.hidden = true;
    });
    return run;
  }

  function init() {
    var form = document.querySelector("form.search-box");
    if (form) {
      attach(form, form.querySelector("input[name=q]"), form.querySelector(".search-results"), 8, 150);
    }
    var page = document.querySelector("form.search-page");
    var pageResults = document.getElementById("search-page-results");
    if (page && pageResults) {
      var input = page.querySelector("input[name=q]");
      var run = attach(page, input, pageResults, 30, 150);
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) { input.value = q; run(); }
      page.addEventListener("submit", function (e) {
        e.preventDefault();
        var url = new URL(window.location.href);
        url.searchParams.set("q", input.value.trim());
        window.history.replaceState(null, "", url.pathname + url.search);
        run();
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
