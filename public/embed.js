/*! Buurtkaart embed helper (MIT). Sizes Buurtkaart iframes to their content, lets the page
 * switch their theme and hear what readers do. No styles, no globals except window.buurtkaart,
 * safe to include twice.
 *
 * Listens for {type: "buurtkaart:height", height: <px>, id: "…"} from an iframe on this page
 * (matched by event.source, and by origin when the iframe's src has one) and sets its height.
 * window.buurtkaart.theme("dark" | "light" | "auto" [, iframe]) switches all (or one) embed(s).
 * window.buurtkaart.on("ready" | "select", fn) calls fn(event, iframe) when an embed is drawn
 * ({type, id}) or a reader chooses an area ({type, id, code, name, level}); "ready" also for
 * embeds drawn before. It returns a function that stops listening. Calls made before this
 * script loaded are kept by the stub
 *   window.buurtkaart = window.buurtkaart || {q: [], on: function () { this.q.push(arguments); }};
 */
(function () {
  "use strict";
  if (window.buurtkaart && window.buurtkaart.version) return;
  // Calls queued by the stub before this script arrived.
  var queued = (window.buurtkaart && window.buurtkaart.q) || [];
  var listeners = { ready: [], select: [] };
  var drawn = []; // [event, iframe] of the embeds that said "ready"

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

  /** The iframe of this page that sent `event`, if any. */
  function frameOf(event) {
    var found = null;
    frames().forEach(function (frame) {
      if (frame.contentWindow !== event.source) return;
      var origin = originOf(frame);
      // A sandboxed frame without allow-same-origin reports the origin "null".
      if (origin && event.origin !== "null" && origin !== event.origin) return;
      found = frame;
    });
    return found;
  }

  function short(s) {
    return typeof s === "string" && s.length <= 200;
  }

  function call(fn, detail, frame) {
    try {
      fn(detail, frame);
    } catch (e) {
      // One listener's error neither stops the others nor this script.
      setTimeout(function () { throw e; });
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (typeof data === "string") {
      if (data.length > 1024 || data.charAt(0) !== "{") return;
      try { data = JSON.parse(data); } catch (e) { return; }
    }
    if (!data || typeof data.type !== "string") return;
    var frame;
    if (data.type === "buurtkaart:height") {
      var h = Number(data.height);
      if (!isFinite(h) || h <= 0 || h > 20000) return;
      frame = frameOf(event);
      if (frame) frame.style.height = Math.ceil(h) + "px";
      return;
    }
    var name = data.type === "buurtkaart:ready" ? "ready" : data.type === "buurtkaart:select" ? "select" : null;
    if (!name || !short(data.id)) return;
    frame = frameOf(event);
    if (!frame) return;
    var detail = { type: data.type, id: data.id };
    if (name === "select") {
      if (!short(data.code) || !short(data.name) || !short(data.level)) return;
      detail.code = data.code;
      detail.name = data.name;
      detail.level = data.level;
    } else {
      drawn.push([detail, frame]);
    }
    listeners[name].slice().forEach(function (fn) { call(fn, detail, frame); });
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
    },
    /** Calls `fn(event, iframe)` on "ready" (also for embeds drawn before) or "select". */
    on: function (name, fn) {
      var list = listeners[name];
      if (!list || typeof fn !== "function") return function () {};
      list.push(fn);
      if (name === "ready") drawn.forEach(function (d) { call(fn, d[0], d[1]); });
      return function () {
        var i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
      };
    }
  };
  queued.forEach(function (args) { window.buurtkaart.on.apply(null, args); });
})();
