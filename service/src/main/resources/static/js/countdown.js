// Countdowns: each <span class="countdown" data-seconds="…" data-d="d" data-h="h" data-m="min"> counts down in place.
(function () {
  var started = Date.now();
  function render() {
    document.querySelectorAll('.countdown[data-seconds]').forEach(function (el) {
      var left = Math.max(0, parseInt(el.dataset.seconds, 10) - Math.floor((Date.now() - started) / 1000));
      var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60);
      el.textContent = (d > 0 ? d + ' ' + el.dataset.d + ' ' : '') + h + ' ' + el.dataset.h + ' ' + m + ' ' + el.dataset.m;
      el.classList.toggle('urgent', left < 6 * 3600);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { render(); setInterval(render, 20000); });
})();
