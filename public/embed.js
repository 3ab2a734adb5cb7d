/*! Buurtkaart embed helper (MIT). Sizes Buurtkaart iframes to their content and lets the page
 * switch their theme. No styles, no globals except window.buurtkaart, safe to include twice.
 *
 * Listens for {type: "buurtkaart:height", height: <px>, id: "…"} from an iframe on this page
 * (matched by event.source, and by origin when the iframe's src has one) and sets its height.
 * window.buurtkaart.theme("dark" | "light" | "auto" [, iframe]) switches all (or one) embed(s).
 */
(function () {
  "use strict";
  if (window.buurtkaart && window.buurtkaart.version) return;

  function frames() {
    return Array.prototype.slice.call(document.getElementsByTagName("iframe"));
  }

  function originOf(frame) {
    try {
      return new URL(frame.src, location.href).origin;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (typeof data === "string") {
      if (data.length > 1024 || data.charAt(0) !== "{") return;
      try { data = JSON.parse(data); } catch (e) { return; }
    }
    if (!data || data.type !== "buurtkaart:height") return;
    var h = Number(data.height);
    if (!isFinite(h) || h <= 0 || h > 20000) return;
    frames().forEach(function (frame) {
      if (frame.contentWindow !== event.source) return;
      var origin = originOf(frame);
      // A sandboxed frame without allow-same-origin reports the origin "null".
      if (origin && event.origin !== "null" && origin !== event.origin) return;
      frame.style.height = Math.ceil(h) + "px";
    });
  });

  window.buurtkaart = {
    version: 1,
    /** Switches the theme of every Buurtkaart embed on the page, or only of `frame`. */
    theme: function (theme, frame) {
      if (theme !== "dark" && theme !== "light" && theme !== "auto") return;
      (frame ? [frame] : frames()).forEach(function (f) {
        if (!f.contentWindow || !/\/embed\//.test(f.src)) return;
        var origin = originOf(f) || "*";
        f.contentWindow.postMessage({ type: "buurtkaart:theme", theme: theme }, origin === "null" ? "*" : origin);
      });
    }
  };
})();
