"use strict";
(function () {
  var REFRESH_MILLIS = 10000;
  var KEY = "healthmonitor.token";
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 1000;
  // The page asks for at most this many samples per check: a sparkline has no room for more.
  var SPARKLINE_SAMPLES = 200;
  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("token")) {
    sessionStorage.setItem(KEY, hash.get("token"));
    history.replaceState(null, "", location.pathname + location.search);
  }
  function $(id) { return document.getElementById(id); }
  function el(name, text, className) {
    var e = document.createElement(name);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }
  function svg(name, attributes, title) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { e.setAttribute(key, String(attributes[key])); });
    if (title) { e.appendChild(svg("title", {})).textContent = title; }
    return e;
  }
  function value(v) {
    return (v !== null && typeof v === "object") ? JSON.stringify(v) : String(v);
  }
  // The page's own address without a trailing slash: the router answers /health/ui/ 404, but a proxy
  // in front may serve the page there, and relative to it "detailed" would be /health/ui/detailed.
  var HERE = new URL(location.pathname.replace(/\/+$/, "") || "/", location);
  function get(path) {
    var headers = { Accept: "application/json" };
    var token = sessionStorage.getItem(KEY);
    if (token) { headers.Authorization = "Bearer " + token; }
    return fetch(new URL(path, HERE), { cache: "no-store", headers: headers });
  }
  function details(check) {
    var list = el("dl");
    var d = check.details || {};
    Object.keys(d).forEach(function (key) {
      list.appendChild(el("dt", key));
      list.appendChild(el("dd", value(d[key])));
    });
    if (check.error) {
      list.appendChild(el("dt", "error"));
      list.appendChild(el("dd", check.error));
    }
    return list;
  }
  function overall(status) {
    var o = $("overall");
    o.textContent = status;
    o.className = status;
    document.title = status + " - health";
  }

  // The time the history covers: its window, from the monitor's first record on; by the server's clock.
  function rangeOf(h) {
    var to = Date.parse(h.asOf);
    var from = to - h.windowSeconds * 1000;
    if (h.overall.length > 0) { from = Math.max(from, Date.parse(h.overall[0].at)); }
    return { from: Math.min(from, to - 1000), to: to };
  }
  function xOf(range, time) {
    return Math.max(0, Math.min(WIDTH, (time - range.from) / (range.to - range.from) * WIDTH));
  }
  // One coloured bar per status, from each change to the next; grey before the first.
  function timeline(changes, range, className, height) {
    var box = svg("svg", { "class": className, viewBox: "0 0 " + WIDTH + " " + height, preserveAspectRatio: "none" });
    var first = changes.length > 0 ? Date.parse(changes[0].at) : range.to;
    if (first > range.from) {
      box.appendChild(svg("rect", { "class": "unknown", x: 0, y: 0, width: xOf(range, first), height: height },
          "no result yet"));
    }
    changes.forEach(function (change, i) {
      var start = Date.parse(change.at);
      var end = i + 1 < changes.length ? Date.parse(changes[i + 1].at) : range.to;
      var x = xOf(range, start);
      var width = Math.max(xOf(range, end) - x, 2);
      var title = change.to + " since " + change.at + (change.message ? ": " + change.message : "");
      box.appendChild(svg("rect", { "class": change.to, x: x.toFixed(1), y: 0, width: width.toFixed(1), height: height },
          title));
    });
    return box;
  }
  // The response times as a line, scaled to the 95th percentile (a cold start's first, slow run
  // would flatten the rest; slower samples touch the top); a mark for each sample that was not healthy.
  function sparkline(samples, range) {
    var height = 30;
    var box = svg("svg", { "class": "sparkline", viewBox: "0 0 " + WIDTH + " " + height, preserveAspectRatio: "none" });
    if (samples.length === 0) { return box; }
    var times = samples.map(function (s) { return s.responseTime; }).sort(function (a, b) { return a - b; });
    var top = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
    var scale = top > 0 ? (height - 4) / top : 0;
    var points = new Array(samples.length);
    samples.forEach(function (s, i) {
      var x = xOf(range, Date.parse(s.at));
      var y = height - 2 - Math.min(s.responseTime, top) * scale;
      points[i] = x.toFixed(1) + "," + y.toFixed(1);
      if (s.status !== "healthy") {
        box.appendChild(svg("rect", { "class": s.status, x: (x - 4).toFixed(1), y: 0, width: 8, height: height },
            s.status + " at " + s.at + ", " + s.responseTime.toFixed(1) + " ms"));
      }
    });
    box.insertBefore(svg("polyline", { points: points.join(" "), "vector-effect": "non-scaling-stroke" },
        samples.length + " samples; scale up to " + top.toFixed(1) + " ms, slowest " + times[times.length - 1].toFixed(1)
        + " ms"), box.firstChild);
    return box;
  }
  function showHistory(h, cells) {
    var range = rangeOf(h);
    $("overall-timeline").replaceChildren(timeline(h.overall, range, "overall-timeline", 20));
    $("history-from").textContent = new Date(range.from).toISOString();
    $("history-to").textContent = new Date(range.to).toISOString();
    $("overall-history").hidden = false;
    h.checks.forEach(function (check) {
      var cell = cells.get(check.name);
      if (cell) {
        cell.replaceChildren(timeline(check.changes, range, "timeline", 12), sparkline(check.samples, range));
      }
    });
  }
  function showReport(report, h) {
    overall(report.overallStatus);
    var cells = new Map();
    var rows = document.createDocumentFragment();
    report.checks.forEach(function (check) {
      var row = el("tr", null, check.status);
      row.setAttribute("data-check", check.name);
      row.appendChild(el("td", check.name, "name"));
      row.appendChild(el("td", check.status, "status"));
      row.appendChild(el("td", check.critical ? "yes" : "no", "critical"));
      row.appendChild(el("td", Number(check.responseTime).toFixed(1), "number response-time"));
      cells.set(check.name, row.appendChild(el("td", null, "history")));
      row.appendChild(el("td", check.message || "", "message"));
      row.appendChild(el("td", null, "details")).appendChild(details(check));
      rows.appendChild(row);
    });
    $("rows").replaceChildren(rows);
    if (h) { showHistory(h, cells); } else { $("overall-history").hidden = true; }
    $("checks").hidden = false;
    $("login").hidden = true;
    $("notice").textContent = "";
  }
  function showSummaryOnly(status) {
    $("rows").replaceChildren();
    $("checks").hidden = true;
    $("overall-history").hidden = true;
    $("login").hidden = false;
    $("notice").textContent = status === 401 ? "Details need a token." : "Details are not available to you.";
    return fetch(new URL("../health", HERE), { cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (summary) { overall(summary.status); });
  }
  function readHistory() {
    return get("history?samples=" + SPARKLINE_SAMPLES)
      .then(function (r) { return r.status === 200 ? r.json() : null; })
      .catch(function () { return null; });
  }

  function showFleet(view) {
    if (!view || !Array.isArray(view.services)) { throw new Error("not a fleet view"); }
    var services = document.createDocumentFragment();
    view.services.forEach(function (service) {
      var box = el("div", null, "service");
      box.setAttribute("data-service", service.name);
      var heading = box.appendChild(el("h3", service.name));
      heading.appendChild(el("span", service.status, service.status));
      var table = box.appendChild(el("table"));
      var head = table.appendChild(el("thead")).appendChild(el("tr"));
      ["Instance", "Status", "Age (s)", "Checks"].forEach(function (name) { head.appendChild(el("th", name)); });
      var body = table.appendChild(el("tbody"));
      (service.instances || []).forEach(function (instance) {
        var row = body.appendChild(el("tr", null, instance.status));
        row.setAttribute("data-instance", instance.id);
        row.appendChild(el("td", instance.id, "name"));
        row.appendChild(el("td", instance.status, "status"));
        row.appendChild(el("td", Number(instance.ageSeconds).toFixed(1), "number"));
        var checks = instance.checks || {};
        row.appendChild(el("td", Object.keys(checks).map(function (name) {
          return name + ": " + checks[name];
        }).join(", "), "checks"));
      });
      services.appendChild(box);
    });
    $("services").replaceChildren(services);
    $("fleet-error").textContent = "";
    $("fleet").hidden = false;
  }
  function fleetFailed(message) {
    $("services").replaceChildren();
    $("fleet-error").textContent = "Cannot read the fleet view: " + message;
    $("fleet").hidden = false;
  }
  // Shown only where a fleet view is served: 404 means this service has none.
  function refreshFleet() {
    return get("fleet")
      .then(function (r) {
        if (r.status === 404) { $("fleet").hidden = true; return null; }
        if (r.status !== 200) { return fleetFailed("HTTP " + r.status); }
        return r.json().then(showFleet);
      })
      .catch(function (e) { fleetFailed(e.message); });
  }

  function refresh() {
    var report = get("detailed")
      .then(function (r) {
        if (r.status === 401 || r.status === 403) { return showSummaryOnly(r.status); }
        if (r.status !== 200 && r.status !== 503) { throw new Error("HTTP " + r.status); }
        return Promise.all([r.json(), readHistory()]).then(function (both) { showReport(both[0], both[1]); });
      })
      .then(function () {
        $("updated").textContent = new Date().toISOString();
      })
      .catch(function (e) {
        overall("unreachable");
        $("notice").textContent = "Cannot read the health report: " + e.message;
      });
    Promise.all([report, refreshFleet()]).finally(function () { setTimeout(refresh, REFRESH_MILLIS); });
  }
  $("login").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = $("token");
    if (input.value) { sessionStorage.setItem(KEY, input.value.trim()); }
    input.value = "";
    refresh();
  });
  refresh();
})();
