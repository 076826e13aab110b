// Bina: progressive enhancement only. Every page works without this file;
// it folds the header into a menu on phones, narrows the desa list to the
// chosen kecamatan, widens the KBLI suggestions to the whole catalogue,
// checks an upload's size, follows a running import, asks before
// archiving, and moves focus to a form's list of problems.
(function () {
  "use strict";

  function each(sel, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(sel), fn);
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
  }

  // The desa select follows the kecamatan select. The page lists the desa
  // grouped by kecamatan (optgroup data-kecamatan); a kecamatan whose
  // group the page did not carry is fetched from the API.
  each("select[data-desa]", function (kec) {
    var desa = document.getElementById(kec.getAttribute("data-desa"));
    if (!desa) return;
    var blank = desa.options[0] ? desa.options[0].cloneNode(true) : null;
    var groups = {};
    var order = [];
    Array.prototype.forEach.call(desa.querySelectorAll("optgroup[data-kecamatan]"), function (g) {
      var code = g.getAttribute("data-kecamatan");
      groups[code] = g.cloneNode(true);
      order.push(code);
    });

    function show(codes) {
      var keep = desa.value;
      desa.textContent = "";
      if (blank) desa.appendChild(blank.cloneNode(true));
      codes.forEach(function (c) {
        if (groups[c]) desa.appendChild(groups[c].cloneNode(true));
      });
      desa.value = keep;
      if (desa.value !== keep) desa.value = "";
    }

    kec.addEventListener("change", function () {
      var code = kec.value;
      if (!code) {
        show(order);
        return;
      }
      if (groups[code]) {
        show([code]);
        return;
      }
      getJSON("/api/v1/regions?parent=" + encodeURIComponent(code)).then(function (data) {
        var g = document.createElement("optgroup");
        g.label = "Kec. " + kec.options[kec.selectedIndex].text;
        g.setAttribute("data-kecamatan", code);
        (data.items || []).forEach(function (v) {
          var o = document.createElement("option");
          o.value = v.code;
          o.textContent = v.name;
          g.appendChild(o);
        });
        groups[code] = g;
        order.push(code);
        if (kec.value === code) show([code]);
      }).catch(function () { /* keep the list the page gave */ });
    });
  });

  // KBLI: the page's datalist holds the codes common for UMKM; typing a
  // word or code adds matches from the whole catalogue.
  each("input[list='kbli-list']", function (input) {
    var list = document.getElementById("kbli-list");
    if (!list) return;
    var timer = null;
    var seen = {};
    Array.prototype.forEach.call(list.options, function (o) { seen[o.value.slice(0, 5)] = true; });
    input.addEventListener("input", function () {
      var q = input.value.trim();
      clearTimeout(timer);
      if (q.length < 3 || /^\d{5}\s/.test(q)) return;
      timer = setTimeout(function () {
        getJSON("/api/v1/kbli?q=" + encodeURIComponent(q)).then(function (data) {
          (data.items || []).forEach(function (e) {
            if (seen[e.code]) return;
            seen[e.code] = true;
            var o = document.createElement("option");
            o.value = e.code + " " + e.title;
            list.appendChild(o);
          });
        }).catch(function () {});
      }, 250);
    });
  });

  // An upload larger than the server takes is refused before it is sent.
  each("input[type=file][data-max-bytes]", function (input) {
    var maxBytes = parseInt(input.getAttribute("data-max-bytes"), 10);
    input.addEventListener("change", function () {
      var f = input.files && input.files[0];
      input.setCustomValidity(f && f.size > maxBytes ? input.getAttribute("data-too-large") : "");
      input.reportValidity();
    });
  });

  // A running import's progress: the page asks the API every two seconds
  // and shows the report once the import has ended. Without JavaScript the
  // page reloads itself (a <noscript> refresh).
  each("[data-import-status]", function (box) {
    var url = box.getAttribute("data-import-status");
    var bar = box.querySelector("progress");
    var announced = -1;
    var announcedRebuild = false;
    function set(name, value) {
      var el = box.querySelector("[data-field='" + name + "']");
      if (el) el.textContent = value;
    }
    function num(n) {
      return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    }
    function poll() {
      getJSON(url).then(function (j) {
        var rebuild = false;
        if (j.state === "done" || j.state === "failed") {
          window.location.reload();
          return;
        }
        if (j.state === "running" && box.getAttribute("data-label-running")) {
          // A first load with every row written is putting the register's
          // indexes, search and counts back: say so, not just 100 %.
          rebuild = j.first_load && j.total > 0 && j.done >= j.total;
          set("state", box.getAttribute(rebuild ? "data-label-rebuild" : "data-label-running"));
        }
        if (bar) bar.value = j.progress;
        set("progress", j.progress);
        set("done", num(j.done));
        set("total", j.total ? num(j.total) : "…");
        Object.keys(j.counts || {}).forEach(function (k) {
          var el = box.querySelector("[data-count='" + k + "']");
          if (el) el.textContent = num(j.counts[k]);
        });
        // Screen readers hear every quarter, not every poll.
        var quarter = Math.floor(j.progress / 25);
        if (quarter !== announced) {
          announced = quarter;
          set("announce", j.progress + "%");
        }
        if (rebuild && !announcedRebuild) {
          announcedRebuild = true;
          set("announce", box.getAttribute("data-label-rebuild"));
        }
        setTimeout(poll, 2000);
      }).catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 2000);
  });

  // A rakor report being made: each row asks the API every second and a
  // half, moves its progress bar, and reloads the page once the job has
  // ended so that the downloads show (without JavaScript the page
  // reloads itself).
  each("[data-report-status]", function (row) {
    var url = row.getAttribute("data-report-status");
    var bar = row.querySelector("progress");
    function poll() {
      getJSON(url).then(function (r) {
        if (r.state === "done" || r.state === "failed") {
          window.location.reload();
          return;
        }
        if (bar) bar.value = r.progress;
        var pct = row.querySelector("[data-field='progress']");
        if (pct) pct.textContent = r.progress;
        var st = row.querySelector("[data-field='state']");
        if (st && st.getAttribute("data-state") !== r.state) {
          st.setAttribute("data-state", r.state);
          if (r.state === "running") st.textContent = row.getAttribute("data-label-running");
        }
        setTimeout(poll, 1500);
      }).catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 1000);
  });

  // Ask before archiving; the form itself still needs a reason.
  each("form[data-confirm]", function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm(form.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });

  // On a phone the header folds the navigation behind a menu button.
  // Without this script the button stays hidden and the menu open.
  each("button.menu-button[aria-controls]", function (button) {
    var top = button.closest("header");
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!top || !menu) return;
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      top.classList.toggle("menu-open", open);
    }
    top.classList.add("has-menu");
    button.hidden = false;
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
  });

  // Bring keyboard and screen-reader users to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) {
    var details = summary.closest("details");
    if (details) details.open = true;
    summary.focus();
  }
})();

// Dashboards: a printed page shows the tables folded under the charts.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details.chart-data").forEach((d) => { d.open = true; });
});
