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

  // A picker marked data-autosubmit (year, unit) shows its choice at once.
  document.addEventListener("change", function (event) {
    if (event.target.hasAttribute("data-autosubmit") && event.target.form) { event.target.form.submit(); }
  });

  // A file field shows the names chosen.
  document.addEventListener("change", function (event) {
    if (!event.target.classList.contains("fz-file-input")) { return; }
    var names = Array.prototype.map.call(event.target.files, function (file) { return file.name; });
    event.target.closest(".fz-file").querySelector(".fz-file-names").textContent =
      names.length ? names.join("、") : "未选择文件";
  });

  // A dropdown of checkboxes says what is ticked in its summary.
  document.addEventListener("change", function (event) {
    var box = event.target.closest(".fz-multi");
    if (!box) { return; }
    var names = Array.prototype.map.call(box.querySelectorAll("input:checked"), function (input) {
      return input.closest("label").textContent.trim();
    });
    box.querySelector("summary").textContent = names.length ? names.join("、") : "（无）";
  });

  // htmx keeps the address bar in step with the filters; export exactly what is shown.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-export]");
    if (!link) { return; }
    var params = new URLSearchParams(window.location.search);
    params.delete("page");
    params.set("_export", link.dataset.export);
    link.href = window.location.pathname + "?" + params.toString();
  });

  // Chart options by data-chart: "bar"/"line" take [[month, n], …]; "stacked" and "units" take
  // {labels, series: [{name, colour, values}]}; "month" takes {months, series: [{name, unit, colour, values}]} and draws the one data-series names;
  // "yoy" takes {year, rows: [{area, name, unit, last, this, percent}]}; "pie" takes [{name, value, colour}].
  // data-key picks one entry of a json_script object that feeds several charts.
  var builders = {
    bar: monthly, line: monthly,
    month: function (data, el) {  // one series of {months, series}, chosen by data-series
      var s = data.series[Number(el.dataset.series || 0)];
      return {
        grid: { left: 8, right: 8, top: 12, bottom: 4, containLabel: true },
        tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + s.unit; } },
        xAxis: { type: "category", data: data.months, axisTick: { alignWithLabel: true },
                 axisLabel: { interval: 0, formatter: function (m) { return m.replace("月", ""); } } },
        yAxis: { type: "value", minInterval: 1, splitNumber: 3 },
        series: [{ name: s.name, type: "bar", data: s.values, barMaxWidth: 18, itemStyle: { color: s.colour,
                   borderRadius: [3, 3, 0, 0] } }]
      };
    },
    units: function (data) {
      var s = data.series[0];
      return {
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "value", minInterval: 1, splitNumber: 3 },
        yAxis: { type: "category", inverse: true, data: data.labels,
                 axisLabel: { width: 110, overflow: "truncate" } },
        series: [{ name: s.name, type: "bar", data: s.values, itemStyle: { color: s.colour }, barMaxWidth: 18,
                   label: { show: true, position: "right" } }]
      };
    },
    yoy: function (data) {
      // Each area's first count, as the change on the year before: the counts differ too much in size
      // to share one axis; the tooltip gives both years' figures.
      var rows = data.rows;
      var none = rows.every(function (r) { return r.percent === null; });
      return {
        title: none ? { text: (data.year - 1) + "年没有可比较的记录", left: "center", top: "middle",
                        textStyle: { color: "#667382", fontSize: 13, fontWeight: "normal" } } : undefined,
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: "item", formatter: function (p) {
          var r = rows[p.dataIndex];
          return r.name + "<br>" + (data.year - 1) + "年：" + fmt(r.last) + r.unit + "<br>" + data.year + "年：" +
            fmt(r.this) + r.unit + "<br>变化：" + (r.percent === null ? "上年为零，无法比较" : r.percent + "%");
        } },
        xAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.area; }) },
        series: [{ type: "bar", barMaxWidth: 16, data: rows.map(function (r) {
          return { value: r.percent, itemStyle: { color: r.percent < 0 ? "#d63939" : "#2fb344" } };
        }), label: { show: true, position: "right", formatter: function (p) {
          return p.value === null || p.value === undefined ? "—" : (p.value > 0 ? "+" : "") + p.value + "%";
        } } }]
      };
    },
    stacked: function (data) {
      return {
        legend: { top: 0 },
        grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", inverse: true, data: data.labels,
                 axisLabel: { width: 180, overflow: "truncate" } },
        series: data.series.map(function (s) {
          return { name: s.name, type: "bar", stack: "total", data: s.values, itemStyle: { color: s.colour },
                   barMaxWidth: 22 };
        })
      };
    },
    pie: function (data) {
      return {
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["45%", "70%"], label: { formatter: "{b}\n{c}" },
                   data: data.filter(function (d) { return d.value > 0; }).map(function (d) {
                     return { name: d.name, value: d.value, itemStyle: { color: d.colour } };
                   }) }]
      };
    }
  };

  function fmt(n) { return n === null || n === undefined ? "—" : Number(n).toLocaleString("zh-CN"); }

  function monthly(rows, el) {
    return {
      color: ["#0b4f9c"],
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: rows.map(function (r) { return r[0] + "月"; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: el.dataset.label || "", type: el.dataset.chart, data: rows.map(function (r) { return r[1]; }),
                 barMaxWidth: 28, itemStyle: { borderRadius: [3, 3, 0, 0] } }]
    };
  }

  function drawCharts(root) {
    if (!window.echarts) { return; }
    root.querySelectorAll(".fz-chart[data-source]").forEach(function (el) {
      var source = document.getElementById(el.dataset.source);
      var build = builders[el.dataset.chart || "bar"];
      if (!source || !build) { return; }
      var data = JSON.parse(source.textContent);
      if (el.dataset.key) { data = data[el.dataset.key]; }
      if (el.dataset.chart === "stacked" || el.dataset.chart === "units") {  // one bar per label: grow with the list
        el.style.height = Math.max(el.dataset.chart === "units" ? 140 : 220, 60 + 32 * data.labels.length) + "px";
      }
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(build(data, el));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  drawCharts(document);
  document.body.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
})();
