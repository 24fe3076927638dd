// Actor network: a small force layout (repulsion + springs + centring) drawn in SVG.
// Data comes from <script type="application/json" id="network-data"> so no inline script runs.
(function () {
  "use strict";
  var svg = document.getElementById("network");
  var holder = document.getElementById("network-data");
  if (!svg || !holder) return;
  var data = JSON.parse(holder.textContent);
  var NS = "http://www.w3.org/2000/svg", W = 900, H = 600;
  var nodes = data.nodes.map(function (n, i) {
    var a = 2 * Math.PI * i / Math.max(1, data.nodes.length);
    return { id: n.id, weight: n.weight, x: W / 2 + 200 * Math.cos(a), y: H / 2 + 200 * Math.sin(a), vx: 0, vy: 0 };
  });
  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; });
  var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target] && e.source !== e.target; })
    .map(function (e) { return { s: byId[e.source], t: byId[e.target], w: e.weight, types: e.types }; });

  function step(alpha) {
    var i, j, a, b, dx, dy, d2, d, f;
    for (i = 0; i < nodes.length; i++) {
      for (j = i + 1; j < nodes.length; j++) {
        a = nodes[i]; b = nodes[j]; dx = b.x - a.x; dy = b.y - a.y;
        d2 = dx * dx + dy * dy + 0.01; f = 15000 * alpha / d2; d = Math.sqrt(d2);
        a.vx -= f * dx / d; a.vy -= f * dy / d; b.vx += f * dx / d; b.vy += f * dy / d;
      }
    }
    edges.forEach(function (e) {
      dx = e.t.x - e.s.x; dy = e.t.y - e.s.y; d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      f = (d - 160) * 0.04 * alpha; e.s.vx += f * dx / d; e.s.vy += f * dy / d; e.t.vx -= f * dx / d; e.t.vy -= f * dy / d;
    });
    nodes.forEach(function (n) {
      n.vx += (W / 2 - n.x) * 0.01 * alpha; n.vy += (H / 2 - n.y) * 0.01 * alpha;
      n.x += n.vx; n.y += n.vy; n.vx *= 0.6; n.vy *= 0.6;
      n.x = Math.max(20, Math.min(W - 20, n.x)); n.y = Math.max(20, Math.min(H - 20, n.y));
    });
  }
  for (var k = 0; k < 300; k++) step(1 - k / 300);

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (key) { e.setAttribute(key, attrs[key]); });
    parent.appendChild(e);
    return e;
  }
  var defs = el("defs", {}, svg);
  var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "10", markerHeight: "10", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
  el("path", { d: "M0,0L10,5L0,10z", fill: "#7c8a96" }, marker);
  var maxW = Math.max.apply(null, edges.map(function (e) { return e.w; }).concat([1]));
  edges.forEach(function (e) {
    var r = radius(e.t), dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    var line = el("line", { x1: e.s.x, y1: e.s.y, x2: e.t.x - dx / d * r, y2: e.t.y - dy / d * r,
      "stroke-width": 1 + 5 * e.w / maxW, "marker-end": "url(#arrow)" }, svg);
    el("title", {}, line).textContent = e.s.id + " → " + e.t.id + ": " + e.w + " (" + e.types.join(", ") + ")";
  });
  function radius(n) { return 5 + Math.min(14, Math.sqrt(n.weight) * 2); }
  nodes.forEach(function (n) {
    var g = el("g", { "class": "node", "data-name": n.id }, svg);
    var c = el("circle", { cx: n.x, cy: n.y, r: radius(n) }, g);
    el("title", {}, c).textContent = n.id + " (" + n.weight + " events)";
    el("text", { x: n.x + radius(n) + 2, y: n.y + 4 }, g).textContent = n.id;
    g.addEventListener("click", function () { window.location.href = "/actors/" + encodeURIComponent(n.id); });
  });
})();
