// remedy operator UI: the little the server cannot do. Everything works without it but the
// confirmations, the countdowns and the self-refreshing sections (htmx).
(function () {
  "use strict";

  // A form with data-confirm asks before it posts (kill switch, dry-run, cancel).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  // Refresh a live section only while the user is not typing in it.
  window.remedyIdle = function (section) {
    var active = document.activeElement;
    return !(active && section.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
  };

  // Approval deadlines count down every second.
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var left = Math.round((Number(el.getAttribute("data-deadline")) - now) / 1000);
      if (left <= 0) {
        el.textContent = "deadline passed";
        return;
      }
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      el.textContent = (h > 0 ? h + "h " : "") + (h > 0 || m > 0 ? m + "m " : "") + s + "s left";
    });
  }
  tick();
  setInterval(tick, 1000);

  // A refresh that lands on the sign-in page (the session ended) reloads the whole page.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && xhr.responseURL.indexOf("/ui/login") >= 0) {
      event.detail.shouldSwap = false;
      window.location.reload();
    }
  });
})();
