package org.cifarsweep.report;

/**
 * The page's behaviour, plain JavaScript inlined in report.html (no library, no request).
 *
 * <ul>
 *   <li>The table: every trial is a row of the JSON in {@code #trial-data}; the script sorts them (click a header;
 *       again to reverse; empty values always last, ties in ranked order), filters them (every word typed must occur
 *       in the name, status or parameters) and shows one page of them at a time. Sorting 10,000 rows sorts an array
 *       of indices by keys computed once per column; only the rows of the page shown are ever made into elements,
 *       and an element, once made, is kept, so a row stays the same element whatever its place.</li>
 *   <li>A row opens its details under it: the trial's pictures, from an inert {@code <template>}, for the best N;
 *       for any other trial, its accuracy and cost per epoch drawn as SVG from {@code #curve-data}
 *       ({@link CurvesData}'s format), which is decoded on first use.</li>
 * </ul>
 */
final class ReportScript {
    private ReportScript() { }

    static final String JS = """
            (function () {
              'use strict';
              var table = document.getElementById('results');
              if (!table) { return; }
              var tbody = table.tBodies[0];
              var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
              var keys = headers.map(function (h) { return h.getAttribute('data-key'); });
              var numeric = headers.map(function (h) { return h.getAttribute('data-type') === 'num'; });
              var dataElement = document.getElementById('trial-data');
              var data = JSON.parse(dataElement.textContent);
              var rows = data.rows;              // [rank, params, search, reason, cell...], in ranked order
              var FIRST_CELL = 4;
              var n = rows.length;
              var trialColumn = keys.indexOf('trial');
              var statusColumn = keys.indexOf('status');
              var rowElements = new Array(n);    // made when first shown; the first page's come with the HTML
              var details = {};                  // rank -> its details row, once made
              var open = {};                     // rank -> whether its details are shown
              var sortKeys = {};
              var searchTexts = null;
              var order = [];
              for (var i = 0; i < n; i++) { order.push(i); }
              var shownRows = order.slice();
              var page = 0;
              var pageSize = data.pageRows;
              Array.prototype.forEach.call(tbody.querySelectorAll('tr.trial'), function (tr) {
                rowElements[Number(tr.getAttribute('data-rank')) - 1] = tr;
              });

              // ---- the rows ----

              var rankColumn = keys.indexOf('rank');
              var lossColumn = keys.indexOf('loss');
              var percent = headers.map(function (h) { return data.percent.indexOf(h.getAttribute('data-key')) >= 0; });
              /** A row's cell: a value, or [value, html(, class)]; the rank's is the row's first element. */
              function cell(i, column) {
                if (column === rankColumn) { return String(rows[i][0]); }
                return rows[i][FIRST_CELL + (rankColumn >= 0 && column > rankColumn ? column - 1 : column)];
              }
              function cellValue(i, column) {
                var c = cell(i, column);
                return typeof c === 'string' ? c : c[0];
              }
              /** The text a cell shows, as the report writes it. */
              function cellText(i, column) {
                var c = cell(i, column);
                if (typeof c !== 'string') { return c[1]; }
                if (percent[column]) { return c === '' ? '\u2014' : (100 * parseFloat(c)).toFixed(2) + '%'; }
                return c;
              }
              /** "η=0.01, λ=0.1, batch 100, 40 epochs": the trial's parameters, as the details' heading says them. */
              function params(i) {
                if (rows[i][1]) { return rows[i][1]; }
                var epochs = cellValue(i, keys.indexOf('n_epochs'));
                return '\u03b7=' + cellText(i, keys.indexOf('eta')) + ', \u03bb=' + cellText(i, keys.indexOf('lambda'))
                  + ', batch ' + cellValue(i, keys.indexOf('n_batch')) + ', ' + epochs + (epochs === '1' ? ' epoch' : ' epochs')
                  + (lossColumn >= 0 ? ', ' + cellValue(i, lossColumn) : '');
              }
              function defaultClass(column) {
                return column === trialColumn ? 'trial-name' : (numeric[column] ? 'num' : '');
              }

              function makeRow(i) {
                var tr = document.createElement('tr');
                tr.className = 'trial';
                tr.tabIndex = 0;
                tr.setAttribute('aria-expanded', 'false');
                tr.setAttribute('data-rank', String(rows[i][0]));
                tr.setAttribute('data-trial', cellValue(i, trialColumn));
                for (var column = 0; column < keys.length; column++) {
                  var c = cell(i, column);
                  var td = document.createElement('td');
                  var css = typeof c !== 'string' && c.length > 2 ? c[2] : defaultClass(column);
                  if (css) { td.className = css; }
                  td.setAttribute('data-v', cellValue(i, column));
                  if (column === statusColumn) {
                    var badge = document.createElement('span');
                    badge.className = 'status ' + c;
                    badge.textContent = c;
                    td.appendChild(badge);
                  } else if (typeof c === 'string') {
                    td.textContent = cellText(i, column);
                  } else {
                    td.innerHTML = c[1];        // written by the report, escaped as the table's own cells
                  }
                  tr.appendChild(td);
                }
                return tr;
              }

              function rowElement(i) {
                if (!rowElements[i]) { rowElements[i] = makeRow(i); }
                return rowElements[i];
              }

              // ---- paging ----

              var pager = document.getElementById('pager');
              var pageInfo = document.getElementById('page-info');
              var pageSizes = document.getElementById('page-size');
              var shown = document.getElementById('shown');

              function pages() { return Math.max(1, Math.ceil(shownRows.length / pageSize)); }

              function render() {
                page = Math.max(0, Math.min(page, pages() - 1));
                var from = page * pageSize;
                var to = Math.min(shownRows.length, from + pageSize);
                var fragment = document.createDocumentFragment();
                for (var k = from; k < to; k++) {
                  var i = shownRows[k];
                  fragment.appendChild(rowElement(i));
                  if (open[i + 1] && details[i + 1]) { fragment.appendChild(details[i + 1]); }
                }
                while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
                tbody.appendChild(fragment);
                if (pager) {
                  pager.hidden = n <= 25;
                  pageInfo.textContent = shownRows.length === 0 ? 'no rows'
                    : 'rows ' + (from + 1).toLocaleString('en') + '\\u2013' + to.toLocaleString('en') + ' of '
                      + shownRows.length.toLocaleString('en');
                  pager.querySelector('[data-go=first]').disabled = page === 0;
                  pager.querySelector('[data-go=prev]').disabled = page === 0;
                  pager.querySelector('[data-go=next]').disabled = page >= pages() - 1;
                  pager.querySelector('[data-go=last]').disabled = page >= pages() - 1;
                }
                if (shown) {
                  shown.textContent = shownRows.length === n ? ''
                    : shownRows.length.toLocaleString('en') + ' of ' + n.toLocaleString('en') + ' trials shown';
                }
              }

              if (pager) {
                pager.addEventListener('click', function (event) {
                  var button = event.target.closest('button[data-go]');
                  if (!button) { return; }
                  var go = button.getAttribute('data-go');
                  page = go === 'first' ? 0 : go === 'prev' ? page - 1 : go === 'next' ? page + 1 : pages() - 1;
                  render();
                });
                pageSizes.addEventListener('change', function () {
                  pageSize = Number(pageSizes.value);
                  page = 0;
                  render();
                });
              }

              // ---- sorting ----

              function keysOf(column) {
                if (!sortKeys[column]) {
                  var k = new Array(n);
                  for (var i = 0; i < n; i++) {
                    var v = cellValue(i, column);
                    k[i] = numeric[column] ? (v === '' ? NaN : parseFloat(v)) : v;
                  }
                  sortKeys[column] = k;
                }
                return sortKeys[column];
              }

              function compare(column, direction) {
                var k = keysOf(column);
                var num = numeric[column];
                // Indices are ranks - 1, so a - b breaks ties in ranked order.
                return function (a, b) {
                  var x = k[a], y = k[b], result;
                  if (num) {
                    var xMissing = !isFinite(x), yMissing = !isFinite(y);
                    if (xMissing || yMissing) {
                      result = xMissing === yMissing ? 0 : (xMissing ? 1 : -1);
                      return result || (a - b);
                    }
                    result = direction * (x - y);
                  } else {
                    if (!x || !y) {
                      result = !x === !y ? 0 : (!x ? 1 : -1);
                      return result || (a - b);
                    }
                    // Plain code-unit order: predictable, and 0.01 sorts before 0.1 in names (a numeric collation ties them).
                    result = direction * (x < y ? -1 : (x > y ? 1 : 0));
                  }
                  return result || (a - b);
                };
              }

              function sortBy(th) {
                var column = headers.indexOf(th);
                var direction = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
                headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
                th.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
                order.sort(compare(column, direction));
                applyFilter();
                page = 0;
                render();
              }

              headers.forEach(function (th) {
                th.addEventListener('click', function () { sortBy(th); });
              });

              // ---- filtering ----

              var filter = document.getElementById('filter');
              var words = [];

              function searchText(i) {
                if (!searchTexts) {
                  searchTexts = new Array(n);
                  for (var j = 0; j < n; j++) {
                    searchTexts[j] = (cellValue(j, trialColumn) + ' ' + cellValue(j, statusColumn) + ' '
                      + params(j) + rows[j][2]).toLowerCase();
                  }
                }
                return searchTexts[i];
              }

              function applyFilter() {
                shownRows = words.length === 0 ? order.slice() : order.filter(function (i) {
                  var text = searchText(i);
                  for (var w = 0; w < words.length; w++) { if (text.indexOf(words[w]) < 0) { return false; } }
                  return true;
                });
              }

              if (filter) {
                filter.addEventListener('input', function () {
                  words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
                  applyFilter();
                  page = 0;
                  render();
                });
              }

              // ---- one trial's details ----

              function escapeText(text) {
                return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
              }
              /** An SVG element as markup: the HTML parser gives <svg> and its children their namespace. */
              function svg(name, attributes, text) {
                var out = '<' + name;
                for (var a in attributes) { out += ' ' + a + '="' + escapeText(attributes[a]) + '"'; }
                return out + '>' + (text === undefined ? '' : escapeText(text)) + '</' + name + '>';
              }
              function html(name, className, text) {
                var e = document.createElement(name);
                if (className) { e.className = className; }
                if (text !== undefined) { e.textContent = text; }
                return e;
              }

              var curveIndex = null, curveView = null;
              function indexCurves() {
                curveIndex = {};
                var element = document.getElementById('curve-data');
                if (!element) { return; }
                var text = atob(element.textContent.replace(/\\s+/g, ''));
                var bytes = new Uint8Array(text.length);
                for (var k = 0; k < text.length; k++) { bytes[k] = text.charCodeAt(k); }
                curveView = new DataView(bytes.buffer);
                for (var at = 0; at + 10 <= bytes.length;) {
                  var row = curveView.getUint32(at, true);
                  var count = curveView.getUint16(at + 8, true);
                  (curveIndex[row] = curveIndex[row] || []).push(at);
                  at += 10 + 8 * count;
                }
              }
              function half(h) {
                var sign = h & 0x8000 ? -1 : 1, exponent = (h >> 10) & 31, mantissa = h & 1023;
                if (exponent === 0) { return sign * mantissa * Math.pow(2, -24); }
                if (exponent === 31) { return mantissa ? NaN : sign * Infinity; }
                return sign * (1 + mantissa / 1024) * Math.pow(2, exponent - 15);
              }
              function accuracy(v) { return v === 0xFFFF ? NaN : v / 10000; }
              /** The trial's epochs: {epoch, trainAcc, valAcc, trainCost, valCost}, a later record of an epoch winning. */
              function curvesOf(i) {
                if (!curveIndex) { indexCurves(); }
                var byEpoch = {};
                (curveIndex[i] || []).forEach(function (at) {
                  var first = curveView.getUint16(at + 4, true), step = curveView.getUint16(at + 6, true);
                  var count = curveView.getUint16(at + 8, true);
                  for (var k = 0; k < count; k++) {
                    var p = at + 10 + 8 * k;
                    byEpoch[first + k * step] = {epoch: first + k * step,
                      trainAcc: accuracy(curveView.getUint16(p, true)), valAcc: accuracy(curveView.getUint16(p + 2, true)),
                      trainCost: half(curveView.getUint16(p + 4, true)), valCost: half(curveView.getUint16(p + 6, true))};
                  }
                });
                return Object.keys(byEpoch).map(Number).sort(function (a, b) { return a - b; })
                  .map(function (e) { return byEpoch[e]; });
              }

              function ticks(lo, hi, count) {
                var raw = (hi - lo) / count, magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
                var f = raw / magnitude, step = magnitude * (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10);
                var out = [];
                for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) { out.push(t); }
                return {values: out, step: step};
              }

              /** A line chart of two series (training, validation) per epoch, as an SVG figure. */
              function chart(title, caption, epochs, trainOf, valOf, percent) {
                var W = 460, H = 290, L = 60, R = 16, T = 36, B = 42;
                var ys = [];
                epochs.forEach(function (p) { [trainOf(p), valOf(p)].forEach(function (v) { if (isFinite(v)) { ys.push(v); } }); });
                if (ys.length === 0) { return null; }
                var x0 = epochs[0].epoch, x1 = epochs[epochs.length - 1].epoch;
                if (x1 === x0) { x1 = x0 + 1; }
                var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
                var pad = (y1 - y0) * 0.06 || Math.abs(y0) * 0.05 || 0.01;
                y0 -= pad; y1 += pad;
                function sx(x) { return L + (x - x0) / (x1 - x0) * (W - L - R); }
                function sy(y) { return H - B - (y - y0) / (y1 - y0) * (H - T - B); }
                var parts = [];
                parts.push(svg('rect', {x: 0, y: 0, width: W, height: H, fill: '#fff'}));
                parts.push(svg('text', {x: W / 2, y: 16, 'text-anchor': 'middle', 'font-size': '14', 'font-weight': 'bold'}, title));
                var yTicks = ticks(y0, y1, 5);
                var decimals = Math.max(0, -Math.floor(Math.log10(yTicks.step * (percent ? 100 : 1))));
                yTicks.values.forEach(function (t) {
                  parts.push(svg('line', {x1: L, x2: W - R, y1: sy(t), y2: sy(t), stroke: '#ddd'}));
                  parts.push(svg('text', {x: L - 6, y: sy(t) + 4, 'text-anchor': 'end'},
                    percent ? (100 * t).toFixed(decimals) + '%' : t.toFixed(decimals)));
                });
                ticks(x0, x1, 6).values.filter(function (t) { return t === Math.round(t); }).forEach(function (t) {
                  parts.push(svg('line', {x1: sx(t), x2: sx(t), y1: H - B, y2: H - B + 4, stroke: '#666'}));
                  parts.push(svg('text', {x: sx(t), y: H - B + 16, 'text-anchor': 'middle'}, String(t)));
                });
                parts.push(svg('text', {x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle'}, 'epoch'));
                parts.push(svg('rect', {x: L, y: T, width: W - L - R, height: H - T - B, fill: 'none', stroke: '#999'}));
                [['training', '#1f77b4', trainOf], ['validation', '#d95f02', valOf]].forEach(function (s, k) {
                  var d = '', pen = 'M';
                  epochs.forEach(function (p) {
                    var v = s[2](p);
                    if (!isFinite(v)) { pen = 'M'; return; }
                    d += pen + sx(p.epoch).toFixed(1) + ' ' + sy(v).toFixed(1) + ' ';
                    pen = 'L';
                  });
                  if (d) {
                    parts.push(svg('path', {d: d, fill: 'none', stroke: s[1], 'stroke-width': 2, 'class': 'series-' + s[0]}));
                  }
                  parts.push(svg('line', {x1: W - R - 110, x2: W - R - 92, y1: T + 14 + 15 * k, y2: T + 14 + 15 * k,
                    stroke: s[1], 'stroke-width': 2}));
                  parts.push(svg('text', {x: W - R - 88, y: T + 18 + 15 * k}, s[0]));
                });
                var figure = html('figure');
                figure.innerHTML = svg('svg', {width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img',
                  'aria-label': title, 'class': 'drawn', 'font-family': 'sans-serif', 'font-size': '11'})
                  .replace('></svg>', '>' + parts.join('') + '</svg>');
                figure.appendChild(html('figcaption', '', caption));
                return figure;
              }

              /** The details of a trial without pictures: its values, and its curves drawn from the page's data. */
              function drawnDetail(i) {
                var d = rows[i];
                var name = cellValue(i, trialColumn), status = cellValue(i, statusColumn);
                var box = html('div', 'detail');
                var head = html('div', 'detail-head');
                var h3 = html('h3', '', name + ' ');
                h3.appendChild(html('span', 'unit', params(i)));
                head.appendChild(h3);
                var close = html('button', 'close', 'close');
                close.type = 'button';
                head.appendChild(close);
                box.appendChild(head);
                if (status !== 'ok' || d[3]) { box.appendChild(html('p', 'reason', status + (d[3] ? ': ' + d[3] : ''))); }
                var values = html('div', 'values');
                keys.forEach(function (key, column) {
                  var item = html('div');
                  item.appendChild(html('span', 'k', key));
                  item.appendChild(document.createTextNode(' '));
                  var v = html('span', 'v', cellValue(i, column));
                  item.title = key + ' = ' + cellValue(i, column);
                  item.appendChild(v);
                  values.appendChild(item);
                });
                box.appendChild(values);
                var epochs = curvesOf(i);
                var figures = html('div', 'figures');
                if (epochs.length > 0) {
                  [chart('Accuracy', 'Accuracy per epoch, training and validation (drawn from curves.csv).', epochs,
                     function (p) { return p.trainAcc; }, function (p) { return p.valAcc; }, true),
                   chart('Cost: loss + \\u03bb\\u2016W\\u2016\\u00b2', 'Cost per epoch, training and validation (3 significant digits).',
                     epochs, function (p) { return p.trainCost; }, function (p) { return p.valCost; }, false)]
                    .forEach(function (f) { if (f) { figures.appendChild(f); } });
                  box.appendChild(figures);
                } else {
                  box.appendChild(html('p', 'missing', 'No curves: curves.csv has no epochs for this trial.'));
                }
                var how = html('p', 'missing', 'Pictures (cost, loss and accuracy PNGs, and the W templates) are made for the best '
                  + data.top + ' trials; for this one, run ');
                how.appendChild(html('code', '', './submit.sh report ' + data.folder + ' --trial ' + name));
                box.appendChild(how);
                return box;
              }

              function toggle(row) {
                var rank = Number(row.getAttribute('data-rank'));
                if (open[rank]) {
                  var shownDetail = details[rank];
                  if (shownDetail.parentNode) { shownDetail.parentNode.removeChild(shownDetail); }
                  open[rank] = false;
                  row.classList.remove('open');
                  row.setAttribute('aria-expanded', 'false');
                  try {
                    history.replaceState(null, '', location.pathname + location.search);
                  } catch (ignored) { /* as below */ }
                  return;
                }
                var detail = details[rank];
                if (!detail) {
                  var template = document.getElementById('detail-' + rank);
                  detail = document.createElement('tr');
                  detail.className = 'detail';
                  var td = document.createElement('td');
                  td.colSpan = headers.length;
                  td.appendChild(template ? document.importNode(template.content, true) : drawnDetail(rank - 1));
                  detail.appendChild(td);
                  var close = td.querySelector('button.close');
                  if (close) {
                    close.addEventListener('click', function () {
                      var r = rowElement(rank - 1);
                      toggle(r);
                      r.focus();
                    });
                  }
                  details[rank] = detail;
                }
                row.parentNode.insertBefore(detail, row.nextSibling);
                open[rank] = true;
                row.classList.add('open');
                row.setAttribute('aria-expanded', 'true');
                // A link to this page with #trial=NAME opens this trial again.
                try {
                  history.replaceState(null, '', '#trial=' + encodeURIComponent(row.getAttribute('data-trial')));
                } catch (ignored) { /* some browsers refuse history on file: URLs; the link is a convenience */ }
              }

              tbody.addEventListener('click', function (event) {
                var row = event.target.closest('tr.trial');
                if (row && row.parentNode === tbody) { toggle(row); }
              });
              tbody.addEventListener('keydown', function (event) {
                var row = event.target;
                if (row.parentNode === tbody && row.classList.contains('trial') && (event.key === 'Enter' || event.key === ' ')) {
                  event.preventDefault();
                  toggle(row);
                }
              });

              render();
              var wanted = /^#trial=(.+)$/.exec(location.hash);
              if (!wanted && n === 1) {
                toggle(rowElement(0));   // a train run: its one trial is the whole story
              } else if (wanted) {
                var name = decodeURIComponent(wanted[1]);
                for (var w = 0; w < n; w++) {
                  if (cellValue(w, trialColumn) === name) {
                    page = Math.floor(shownRows.indexOf(w) / pageSize);
                    render();
                    toggle(rowElement(w));
                    rowElement(w).scrollIntoView();
                    break;
                  }
                }
              }
            })();
            """;
}
