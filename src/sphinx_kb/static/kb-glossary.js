/* sphinx-kb glossary tips: what CSS cannot do for WCAG 1.4.13 (content on hover
 * or focus).  Escape dismisses the tip; it is kept inside the window; on touch
 * screens a first tap on a term shows its tip and a second tap follows the link.
 * Without this script the tips still show on hover and focus. */
(function () {
  "use strict";
  var MARGIN = 8;
  var lastPointer = "mouse";

  function place(term) {
    var tip = term.querySelector(":scope > .kb-term-tip");
    if (!tip) return;
    tip.style.left = "";
    tip.classList.remove("kb-tip-above");
    var box = tip.getBoundingClientRect();
    if (!box.width) return;
    var width = document.documentElement.clientWidth;
    var shift = 0;
    if (box.right > width - MARGIN) shift = width - MARGIN - box.right;
    if (box.left + shift < MARGIN) shift = MARGIN - box.left;
    if (shift) tip.style.left = shift + "px";
    var height = document.documentElement.clientHeight;
    if (box.bottom > height && box.top - box.height - term.offsetHeight > 0) {
      tip.classList.add("kb-tip-above");
    }
  }

  function closeAll(except) {
    document.querySelectorAll(".kb-term.kb-tip-open").forEach(function (term) {
      if (term !== except) term.classList.remove("kb-tip-open");
    });
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (!event.target.closest || !event.target.closest(".kb-term")) closeAll(null);
  }, true);

  function termOf(event) {
    return event.target.closest ? event.target.closest(".kb-term") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var term = termOf(event);
    if (term && !term.contains(event.relatedTarget)) place(term);
  });
  document.addEventListener("mouseout", function (event) {
    var term = termOf(event);
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("kb-tip-dismissed");
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event);
    if (term) place(term);
  });
  document.addEventListener("focusout", function (event) {
    var term = termOf(event);
    if (term && !term.contains(event.relatedTarget)) {
      term.classList.remove("kb-tip-dismissed", "kb-tip-open");
    }
  });

  document.addEventListener("click", function (event) {
    var term = termOf(event);
    if (!term || lastPointer !== "touch" || !event.target.closest("a.kb-term-link")) return;
    if (term.classList.contains("kb-tip-open")) return; // second tap: follow the link
    event.preventDefault();
    closeAll(term);
    term.classList.remove("kb-tip-dismissed");
    term.classList.add("kb-tip-open");
    place(term);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".kb-term").forEach(function (term) {
      if (term.matches(":hover, :focus-within, .kb-tip-open")) {
        term.classList.add("kb-tip-dismissed");
        term.classList.remove("kb-tip-open");
      }
    });
  });
})();
