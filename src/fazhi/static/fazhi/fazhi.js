// Page behaviour without inline scripts (the CSP forbids them): charts, confirmations, htmx CSRF.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="csrf-token"]');
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (token) { event.detail.headers["X-CSRFToken"] = token.content; }
  });

  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  }, true);

  // htmx keeps the address bar in step with the filters; export exactly what is shown.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-export]");
    if (!link) { return; }
    var params = new URLSearchParams(window.location.search);
    params.delete("page");
    params.set("_export", link.dataset.export);
    link.href = window.location.pathname + "?" + params.toString();
  });

  function drawCharts(root) {
    if (!window.echarts) { return; }
    root.querySelectorAll(".fz-chart[data-source]").forEach(function (el) {
      var source = document.getElementById(el.dataset.source);
      if (!source) { return; }
      var rows = JSON.parse(source.textContent);
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        color: ["#0b4f9c"],
        grid: { left: 40, right: 16, top: 24, bottom: 28 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: rows.map(function (r) { return r[0] + "月"; }) },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ name: el.dataset.label || "", type: el.dataset.chart || "bar", data: rows.map(function (r) { return r[1]; }),
                   barMaxWidth: 28, itemStyle: { borderRadius: [3, 3, 0, 0] } }]
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  drawCharts(document);
  document.body.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
})();
