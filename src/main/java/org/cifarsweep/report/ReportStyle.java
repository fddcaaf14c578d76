package org.cifarsweep.report;

/** The page's CSS, inlined so that report.html is one file that opens from disk with no request. */
final class ReportStyle {
    private ReportStyle() { }

    static final String CSS = """
            :root { --ink: #222; --muted: #666; --line: #ddd; --head: #f3f5f8; --hover: #eef4ff; --accent: #1f77b4; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: var(--ink); background: #fff; }
            header { padding: 18px 28px 10px; border-bottom: 1px solid var(--line); background: #fafbfc; }
            h1 { margin: 0 0 4px; font-size: 22px; }
            h2 { margin: 28px 0 10px; font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            h3 { margin: 0; font-size: 16px; }
            main { padding: 0 28px 40px; }
            nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
            .meta { color: var(--muted); margin: 2px 0 8px; }
            .counts span { display: inline-block; margin-right: 10px; }
            .notes { background: #fff8e1; border: 1px solid #f0d98c; padding: 8px 14px; margin-top: 16px; border-radius: 4px; }
            .notes ul { margin: 4px 0; padding-left: 20px; }
            .hint { color: var(--muted); margin: 4px 0 8px; }
            .toolbar { display: flex; gap: 12px; align-items: center; margin-bottom: 8px; }
            .toolbar input { padding: 4px 8px; width: 320px; font: inherit; }
            .scroll { overflow-x: auto; }
            .pager { display: inline-flex; gap: 6px; align-items: center; margin-left: auto; color: var(--muted); }
            .pager[hidden] { display: none; }
            .pager button { font: inherit; padding: 1px 8px; cursor: pointer; }
            .pager button:disabled { cursor: default; opacity: 0.4; }
            .pager select { font: inherit; }
            svg.drawn { border: 1px solid var(--line); display: block; }
            table.results { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; }
            table.results th, table.results td { padding: 4px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; }
            table.results td.num { text-align: right; }
            table.results thead th { background: var(--head); position: sticky; top: 0; z-index: 1; }
            table.results thead th button { all: unset; cursor: pointer; font-weight: 600; }
            table.results thead th button:focus-visible { outline: 2px solid var(--accent); }
            table.results thead th[aria-sort=ascending] button::after { content: " ▲"; font-size: 10px; }
            table.results thead th[aria-sort=descending] button::after { content: " ▼"; font-size: 10px; }
            table.results tbody tr.trial { cursor: pointer; }
            table.results tbody tr.trial:hover, table.results tbody tr.trial:focus { background: var(--hover); outline: none; }
            table.results tbody tr.trial.open { background: #dde9fb; }
            table.results tbody tr.detail > td { background: #f9fafc; padding: 12px 16px; white-space: normal; }
            td.trial-name { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
            .status { padding: 1px 7px; border-radius: 9px; font-size: 12px; font-weight: 600; }
            .status.ok { background: #e3f4e6; color: #1e6b2d; }
            .status.diverged { background: #fde7d9; color: #a13d00; }
            .status.failed { background: #fbe0e0; color: #a11a1a; }
            .best { font-weight: 700; }
            .detail-head { display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 8px; }
            .detail-head button { font: inherit; padding: 2px 10px; cursor: pointer; }
            .reason { color: #a11a1a; margin: 4px 0 10px; }
            .missing { color: var(--muted); font-style: italic; }
            .figures { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
            figure { margin: 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid var(--line); display: block; }
            figcaption { color: var(--muted); font-size: 12px; max-width: 640px; margin-top: 4px; }
            table.kv { border-collapse: collapse; }
            table.kv th { text-align: left; vertical-align: top; padding: 2px 12px 2px 0; color: #444; font-weight: 600; white-space: nowrap; }
            table.kv td { padding: 2px 0; vertical-align: top; }
            table.kv table.kv th { font-weight: 500; }
            table.provenance > tbody > tr > th, table.provenance > tr > th { padding-top: 8px; }
            table.records { border-collapse: collapse; margin: 2px 0; }
            table.records th, table.records td { border: 1px solid var(--line); padding: 2px 8px; text-align: left; }
            .values { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 2px 18px;
                      margin: 0 0 12px; font-size: 12px; }
            .values div { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
            .values .k { color: var(--muted); }
            .reference { margin: 4px 0 10px; }
            table.compare { border-collapse: collapse; font-variant-numeric: tabular-nums; }
            table.compare th, table.compare td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: right; }
            table.compare th:first-child, table.compare td:first-child { text-align: left; }
            .unit { color: var(--muted); }
            code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
            details pre { background: #f6f8fa; padding: 10px; overflow: auto; max-height: 480px; font-size: 12px; }
            """;
}
