/* The header's menus are <details> disclosures, which open and close without script. With it, one menu is
   open at a time, and an open menu closes on Escape (focus back on its name) or on a click outside it. */
(function () {
  "use strict";
  function menus() {
    return Array.prototype.slice.call(document.querySelectorAll(".site-header details.site-menu"));
  }
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.classList.contains("site-menu") || !opened.open) {
      return;
    }
    menus().forEach(function (menu) {
      if (menu !== opened) { menu.open = false; }
    });
  }, true);
  document.addEventListener("click", function (event) {
    menus().forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    menus().forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        var summary = menu.querySelector("summary");
        if (summary) { summary.focus(); }
      }
    });
  });
})();
