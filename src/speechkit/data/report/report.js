// speechkit report: link highlights and table rows, filter by kind. Vanilla JS, no network.
(function () {
  "use strict";
  var doc = document;
  function marks(id) { return doc.querySelectorAll('mark.hl[data-id="' + id + '"]'); }
  function row(id) { return doc.getElementById("r-" + id); }
  function light(id, on) {
    var ms = marks(id);
    for (var i = 0; i < ms.length; i++) ms[i].classList.toggle("on", on);
    var r = row(id);
    if (r) r.classList.toggle("on", on);
  }
  function innermost(target) {
    return target && target.closest ? target.closest("mark.hl") : null;
  }
  var text = doc.getElementById("text");
  var current = null;
  if (text) {
    text.addEventListener("mouseover", function (e) {
      var m = innermost(e.target);
      var id = m ? m.getAttribute("data-id") : null;
      if (id === current) return;
      if (current) light(current, false);
      current = id;
      if (id) light(id, true);
    });
    text.addEventListener("mouseleave", function () {
      if (current) light(current, false);
      current = null;
    });
    function go(m) {
      var r = row(m.getAttribute("data-id"));
      if (!r) return;
      if (r.offsetParent === null) {
        // the row is filtered out: show its kind again
        var box = doc.querySelector('.filters input[value="' + m.getAttribute("data-kind") + '"]');
        if (box) { box.checked = true; box.dispatchEvent(new Event("change")); }
      }
      history.replaceState(null, "", "#r-" + m.getAttribute("data-id"));
      r.scrollIntoView({ block: "center" });
      flash(r);
    }
    text.addEventListener("click", function (e) {
      var m = innermost(e.target);
      if (m) go(m);
    });
    text.addEventListener("keydown", function (e) {
      var m = innermost(e.target);
      if (m && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); go(m); }
    });
  }
  function flash(el) {
    el.classList.add("on");
    setTimeout(function () { el.classList.remove("on"); }, 1600);
  }
  var rows = doc.querySelectorAll("table.items tbody tr");
  for (var i = 0; i < rows.length; i++) {
    (function (r) {
      var id = r.getAttribute("data-id");
      r.addEventListener("mouseenter", function () { light(id, true); });
      r.addEventListener("mouseleave", function () { light(id, false); });
      var a = r.querySelector("a.to-text");
      if (a) a.addEventListener("click", function () {
        var ms = marks(id);
        for (var j = 0; j < ms.length; j++) flash(ms[j]);
      });
    })(rows[i]);
  }
  var boxes = doc.querySelectorAll('.filters input[type="checkbox"]');
  for (var k = 0; k < boxes.length; k++) {
    boxes[k].addEventListener("change", function (e) {
      doc.body.classList.toggle("hide-" + e.target.value, !e.target.checked);
    });
  }
})();
