/** The report's only stylesheet; its hash is what the CSP allows, so no other style can apply. */
export const REPORT_CSS = `
:root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --manual: #0969da; --na: #6e7781; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0 auto; padding: 24px; max-width: 1400px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
.sub { color: #57606a; margin: 0 0 16px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.meta dt { font-weight: 600; color: #57606a; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 16px; min-width: 140px; }
.card .n { font-size: 22px; font-weight: 600; display: block; }
.card .l { color: #57606a; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { overflow-wrap: anywhere; word-break: break-word; }
tr.section th { background: #eaeef2; }
.scroll { overflow-x: auto; }
.st { font-weight: 600; white-space: nowrap; }
.PASS { color: var(--pass); }
.FAIL { color: var(--fail); }
.ERROR { color: var(--error); }
.MANUAL { color: var(--manual); }
.NOT_APPLICABLE { color: var(--na); }
td.st.FAIL { background: #ffebe9; }
td.st.PASS { background: #dafbe1; }
td.st.ERROR { background: #fff8c5; }
.badge { font-weight: 600; padding: 1px 8px; border-radius: 10px; border: 1px solid currentColor; }
meter { width: 90px; vertical-align: middle; }
small { color: #57606a; }
footer { margin-top: 40px; color: #57606a; font-size: 12px; }
@media print { body { padding: 0; } .scroll { overflow: visible; } }
`;
