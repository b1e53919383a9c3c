/** The report's only stylesheet, inline: the file must open from disk with nothing else. */
export const REPORT_CSS = `
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0; color: #1b1b1b; background: #f7f7f5; }
main { max-width: 1440px; margin: 0 auto; padding: 24px 24px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; border-bottom: 2px solid #d7d7d2; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 22px 0 8px; }
p.lede { color: #555; margin: 0 0 16px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure svg { display: block; max-width: 100%; height: auto; }
figure { box-sizing: border-box; margin: 0; flex: 0 1 654px; background: #fff; border: 1px solid #e2e2dd; border-radius: 4px; padding: 6px; }
figcaption { font-size: 12px; color: #555; max-width: 640px; padding: 4px 4px 2px; }
table { border-collapse: collapse; background: #fff; margin: 6px 0 14px; font-size: 13px; }
caption { text-align: left; font-size: 12px; color: #555; padding: 4px 0; }
th, td { border: 1px solid #e2e2dd; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #efefea; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
pre { background: #fff; border: 1px solid #e2e2dd; padding: 10px; overflow-x: auto; font-size: 12px; }
details { margin: 8px 0; }
summary { cursor: pointer; font-weight: bold; }
.ci { color: #666; font-size: 11px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; vertical-align: baseline; }
nav a { margin-right: 14px; }
`;
