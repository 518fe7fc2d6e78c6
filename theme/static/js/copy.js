/* Copy buttons: <button type="button" data-copy="ID" hidden> copies the text of the element
   with that id (a <textarea> or any element) and reports in the nearest .copy-status.
   Buttons stay hidden without JavaScript; the text can still be selected by hand. */
(function () {
  "use strict";
  function report(button, text) {
    var box = button.parentNode && button.parentNode.querySelector(".copy-status");
    if (box) box.textContent = text;
  }
  function selectCopy(target) {
    if (typeof target.select !== "function") return false;
    target.focus();
    target.select();
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }
  function wire(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target || button.hasAttribute("data-copy-ready")) return;
    button.setAttribute("data-copy-ready", "");
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = "value" in target ? target.value : target.textContent;
      var done = function () { report(button, "Copied."); };
      var fallback = function () { report(button, selectCopy(target) ? "Copied." : "Press Ctrl+C to copy."); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    });
  }
  function setup() {
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) wire(buttons[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
