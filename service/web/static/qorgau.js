// Auto-refresh: a section with id="live" and data-refresh="on" is re-fetched every 2 s and swapped in
// place, until the server renders it with data-refresh="off" (batch finished).
(function () {
  "use strict";
  const INTERVAL_MS = 2000;

  async function refresh() {
    const live = document.getElementById("live");
    if (!live || live.dataset.refresh !== "on") return;
    try {
      const response = await fetch(window.location.href, {
        headers: { "X-Qorgau-Refresh": "1" }, credentials: "same-origin", cache: "no-store",
      });
      if (response.ok) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.getElementById("live");
        if (fresh) live.replaceWith(fresh);
      }
    } catch (error) {
      // The server may be restarting; try again at the next tick.
    }
    window.setTimeout(refresh, INTERVAL_MS);
  }

  window.setTimeout(refresh, INTERVAL_MS);
})();
