// outline report: clicking a tree node or a finding highlights its source
// lines (class `hl`) and scrolls the source pane to them; the ▾ buttons fold
// the tree. Without this script the links still jump to the lines.
(function () {
  'use strict';

  function linesOf(file, start, end) {
    var found = [];
    for (var n = start; n <= end; n++) {
      var line = document.getElementById(file.id + '-L' + n);
      if (line) found.push(line);
    }
    return found;
  }

  // Scroll the source pane so that `line` stands in its upper quarter;
  // scroll the page only when the line is still out of the window.
  function reveal(file, line) {
    var pane = file.querySelector('.source');
    if (!pane) return;
    var top = line.offsetTop - Math.round(pane.clientHeight / 4);
    pane.scrollTop = Math.max(0, top);
    var box = line.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      pane.scrollIntoView({ block: 'nearest' });
    }
  }

  function select(target) {
    var file = target.closest('.file');
    if (!file) return;
    var start = parseInt(target.getAttribute('data-start'), 10);
    var end = parseInt(target.getAttribute('data-end'), 10);
    if (isNaN(start)) return;
    if (isNaN(end) || end < start) end = start;
    file.querySelectorAll('.line.hl').forEach(function (el) { el.classList.remove('hl'); });
    file.querySelectorAll('.label.selected').forEach(function (el) { el.classList.remove('selected'); });
    var found = linesOf(file, start, end);
    found.forEach(function (el) { el.classList.add('hl'); });
    if (target.classList.contains('label')) target.classList.add('selected');
    if (found.length) reveal(file, found[0]);
    if (history.replaceState) history.replaceState(null, '', '#' + file.id + '-L' + start);
  }

  function fold(node, collapsed) {
    node.classList.toggle('collapsed', collapsed);
    var button = node.querySelector(':scope > .row > button.toggle');
    if (button) {
      button.setAttribute('aria-expanded', String(!collapsed));
      button.setAttribute('aria-label', collapsed ? 'unfold' : 'fold');
    }
  }

  document.addEventListener('click', function (event) {
    var el = event.target;
    if (!(el instanceof Element)) return;
    var toggle = el.closest('button.toggle');
    if (toggle) {
      var node = toggle.closest('.node');
      fold(node, !node.classList.contains('collapsed'));
      return;
    }
    var all = el.closest('.expand-all, .collapse-all');
    if (all) {
      var collapse = all.classList.contains('collapse-all');
      all.closest('.outline').querySelectorAll('.node').forEach(function (node) {
        if (node.querySelector(':scope > ul')) fold(node, collapse);
      });
      return;
    }
    var jump = el.closest('a.label, a.jump');
    if (jump) {
      event.preventDefault();
      select(jump);
    }
  });

  // A link to a line (#f1-L17) highlights it on load.
  var match = /^#(f\d+)-L(\d+)$/.exec(location.hash);
  if (match) {
    var file = document.getElementById(match[1]);
    var line = document.getElementById(match[1] + '-L' + match[2]);
    if (file && line) {
      line.classList.add('hl');
      reveal(file, line);
    }
  }
})();
