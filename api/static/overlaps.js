/* The ranked list of overlaps: a clause (or a whole task) hidden by the user stays hidden on
   every list of this browser tab (sessionStorage), until "show hidden" is pressed. */
(function () {
  "use strict";
  var KEY = "policykg.hiddenClauses";
  var config = JSON.parse(document.getElementById("overlaps-config").textContent);
  var note = document.getElementById("hidden-note");
  var count = document.getElementById("hidden-count");

  function hidden() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY) || "[]"); } catch (_) { return []; }
  }

  function save(list) { window.sessionStorage.setItem(KEY, JSON.stringify(list)); }

  function apply() {
    var keys = hidden();
    var n = 0;
    document.querySelectorAll("#pairs > li.pair").forEach(function (card) {
      var a = card.getAttribute("data-a"), b = card.getAttribute("data-b");
      var hide = keys.some(function (key) { return a.indexOf(key) >= 0 || b.indexOf(key) >= 0; });
      card.hidden = hide;
      if (hide) n += 1;
    });
    note.hidden = n === 0;
    count.textContent = config.hiddenCount.replace("{count}", String(n));
  }

  document.querySelectorAll("button.hide-clause").forEach(function (button) {
    button.addEventListener("click", function () {
      var list = hidden();
      var key = button.getAttribute("data-key");
      if (list.indexOf(key) < 0) list.push(key);
      save(list);
      apply();
    });
  });
  document.getElementById("show-hidden").addEventListener("click", function () {
    save([]);
    apply();
  });
  apply();
})();
