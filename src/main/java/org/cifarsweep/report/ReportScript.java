package org.cifarsweep.report;

/**
 * The page's behaviour, plain JavaScript inlined in report.html: sort the table by any column (click a header; again
 * to reverse; empty values always last), filter it, and open a trial's curves and templates under its row. Each
 * trial's pictures wait in an inert {@code <template>} until first opened, so a 48-trial page stays quick.
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
              var details = {};

              function trialRows() {
                return Array.prototype.slice.call(tbody.querySelectorAll('tr.trial'));
              }

              function cellValue(row, column) {
                return row.cells[column].getAttribute('data-v') || '';
              }

              function compare(column, numeric, direction) {
                return function (a, b) {
                  var va = cellValue(a, column), vb = cellValue(b, column), result;
                  if (numeric) {
                    var x = parseFloat(va), y = parseFloat(vb);
                    var xMissing = !isFinite(x), yMissing = !isFinite(y);
                    if (xMissing || yMissing) {
                      result = xMissing === yMissing ? 0 : (xMissing ? 1 : -1);
                      return result || (a.getAttribute('data-rank') - b.getAttribute('data-rank'));
                    }
                    result = direction * (x - y);
                  } else {
                    if (!va || !vb) {
                      result = !va === !vb ? 0 : (!va ? 1 : -1);
                      return result || (a.getAttribute('data-rank') - b.getAttribute('data-rank'));
                    }
                    // Plain code-unit order: predictable, and 0.01 sorts before 0.1 in names (a numeric collation ties them).
                    result = direction * (va < vb ? -1 : (va > vb ? 1 : 0));
                  }
                  return result || (a.getAttribute('data-rank') - b.getAttribute('data-rank'));
                };
              }

              function place(rows) {
                rows.forEach(function (row) {
                  tbody.appendChild(row);
                  var detail = details[row.getAttribute('data-rank')];
                  if (detail && detail.parentNode) { tbody.appendChild(detail); }
                });
              }

              function sortBy(th) {
                var column = headers.indexOf(th);
                var direction = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
                headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
                th.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
                place(trialRows().sort(compare(column, th.getAttribute('data-type') === 'num', direction)));
              }

              headers.forEach(function (th) {
                th.addEventListener('click', function () { sortBy(th); });
              });

              function toggle(row) {
                var rank = row.getAttribute('data-rank');
                var detail = details[rank];
                if (detail && detail.parentNode) {
                  detail.parentNode.removeChild(detail);
                  row.classList.remove('open');
                  row.setAttribute('aria-expanded', 'false');
                  try {
                    history.replaceState(null, '', location.pathname + location.search);
                  } catch (ignored) { /* as below */ }
                  return;
                }
                if (!detail) {
                  var template = document.getElementById('detail-' + rank);
                  detail = document.createElement('tr');
                  detail.className = 'detail';
                  var cell = document.createElement('td');
                  cell.colSpan = headers.length;
                  cell.appendChild(document.importNode(template.content, true));
                  detail.appendChild(cell);
                  var close = cell.querySelector('button.close');
                  if (close) { close.addEventListener('click', function () { toggle(row); row.focus(); }); }
                  details[rank] = detail;
                }
                row.parentNode.insertBefore(detail, row.nextSibling);
                detail.hidden = row.hidden;
                row.classList.add('open');
                row.setAttribute('aria-expanded', 'true');
                // A link to this page with #trial=NAME opens this trial again.
                try {
                  history.replaceState(null, '', '#trial=' + encodeURIComponent(row.getAttribute('data-trial')));
                } catch (ignored) { /* some browsers refuse history on file: URLs; the link is a convenience */ }
              }

              trialRows().forEach(function (row) {
                row.addEventListener('click', function () { toggle(row); });
                row.addEventListener('keydown', function (event) {
                  if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(row); }
                });
              });

              var wanted = /^#trial=(.+)$/.exec(location.hash);
              if (!wanted && trialRows().length === 1) {
                toggle(trialRows()[0]);   // a train run: its one trial is the whole story
              } else if (wanted) {
                var name = decodeURIComponent(wanted[1]);
                trialRows().forEach(function (row) {
                  if (row.getAttribute('data-trial') === name) { toggle(row); row.scrollIntoView(); }
                });
              }

              var filter = document.getElementById('filter');
              var shown = document.getElementById('shown');
              if (filter) {
                filter.addEventListener('input', function () {
                  var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
                  var count = 0;
                  trialRows().forEach(function (row) {
                    var text = row.getAttribute('data-search');
                    var hide = words.some(function (w) { return text.indexOf(w) < 0; });
                    row.hidden = hide;
                    var detail = details[row.getAttribute('data-rank')];
                    if (detail) { detail.hidden = hide; }
                    if (!hide) { count++; }
                  });
                  shown.textContent = count === trialRows().length ? '' : count + ' of ' + trialRows().length + ' trials shown';
                });
              }
            })();
            """;
}
