// Shows each <time datetime="…"> in the browser's time zone, keeping the ISO time on hover. Runs on load and
// after every htmx swap, so rows that poll themselves are shown the same way.
(function () {
  var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (element) {
      var when = new Date(element.getAttribute("datetime"));
      if (!isNaN(when)) {
        element.textContent = format.format(when);
        element.title = element.getAttribute("datetime");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { localTimes(document); });
  document.addEventListener("htmx:afterSwap", function (event) { localTimes(event.target.parentNode || document); });
})();
