// figures.mjs: the HTML edition shows exactly the figures of the text
// edition (svreport --text), which tests/e2e/test_disclosure.sh holds to the
// PDF. Compared in document order, both ways:
//   - every table: caption, column headers, group rows and every cell;
//   - every chart: its data table against the series values, intervals and
//     comparisons in the text edition (the HTML adds the unit, a true minus
//     sign and the suppression marker where the text edition says NA);
//   - every headline tile: label and value.
//
//   node tests/browser/figures.mjs FILE.html FILE.txt
//
// Exit status: 0 when they match, 1 with the differences listed.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [htmlPath, textPath] = process.argv.slice(2);
if (!htmlPath || !textPath) {
  console.error('usage: node figures.mjs FILE.html FILE.txt');
  process.exit(2);
}
const html = readFileSync(htmlPath, 'utf8');
const text = readFileSync(textPath, 'utf8').split('\n');
const problems = [];
const problem = (msg) => { if (problems.length < 40) problems.push(msg); };

// ---- the HTML ---------------------------------------------------------------

// Visible text of a fragment, as the tree had it: screen-reader-only words
// and decorative marks (which repeat a shading in words) are not part of it.
function cellText(fragment) {
  return fragment
    .replace(/<span class="vh">[\s\S]*?<\/span>/g, '')
    .replace(/ ?<span class="mark[^"]*" aria-hidden="true">[\s\S]*?<\/span>/g, '')
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function htmlTables() {
  const out = [];
  for (const m of html.matchAll(/<table( class="data")?[^>]*>([\s\S]*?)<\/table>/g)) {
    const body = m[2];
    const caption = cellText((body.match(/<caption[^>]*>([\s\S]*?)<\/caption>/) || [])[1] || '');
    const head = (body.match(/<thead>([\s\S]*?)<\/thead>/) || [])[1] || '';
    const headers = [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((h) => cellText(h[1]));
    const rows = [];
    for (const r of body.replace(/<thead>[\s\S]*?<\/thead>/, '').matchAll(/<tr([^>]*)>([\s\S]*?)<\/tr>/g)) {
      const kind = /group/.test(r[1]) ? '#' : /total/.test(r[1]) ? '=' : '|';
      const cells = [...r[2].matchAll(/<(t[hd])[^>]*>([\s\S]*?)<\/\1>/g)].map((c) => cellText(c[2]));
      rows.push({ kind, cells });
    }
    out.push({ data: Boolean(m[1]), caption, headers, rows });
  }
  return out;
}

function htmlTiles() {
  return [...html.matchAll(/<li class="tile[^"]*">([\s\S]*?)<\/li>/g)].map((m) => ({
    label: cellText((m[1].match(/<p class="label">([\s\S]*?)<\/p>/) || [])[1] || ''),
    value: cellText((m[1].match(/<p class="value">([\s\S]*?)<\/p>/) || [])[1] || ''),
  }));
}

// ---- the text edition -------------------------------------------------------

function splitCells(line) {
  // "    | a | b |": cells between " |" separators.
  return line.slice(5).split(' |').slice(0, -1).map((c) => c.replace(/^ /, ''));
}

function textItems() {
  const tables = [];
  const charts = [];
  const tiles = [];
  let table = null;
  let chart = null;
  for (const line of text) {
    if (line.startsWith('  table: ')) {
      table = { caption: line.slice(9), headers: null, rows: [] };
      tables.push(table);
      chart = null;
    } else if (table && /^ {4}[|#=]/.test(line)) {
      if (!table.headers) table.headers = splitCells(line);
      else table.rows.push({ kind: line[4], cells: splitCells(line) });
    } else if (line.startsWith('  chart ')) {
      chart = { title: line.slice(line.indexOf(': ') + 2), series: [] };
      charts.push(chart);
      table = null;
    } else if (chart && line.startsWith('    series ')) {
      chart.series.push(line);
    } else if (line.startsWith('  tile ')) {
      tiles.push(line);
    } else if (!line.startsWith('    ')) {
      table = null;
      chart = null;
    }
  }
  return { tables, charts, tiles };
}

// ---- comparison -------------------------------------------------------------

const SIG = { 'Not compared': 'not-compared', Similar: 'similar',
  'Significantly higher': 'higher', 'Significantly lower': 'lower' };

// An HTML chart value as the text edition prints it: no unit, ASCII minus,
// no grouping commas (1,064 is 1064), NA for the marker (missing or
// suppressed).
function plain(v) {
  const s = v.trim().replace(/\u2212/g, '-');
  const m = s.match(/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?/);
  return m ? m[0].replace(/,/g, '') : 'NA';
}

// The text edition prints -0.0 where the HTML (like the PDF) prints 0.0.
const noNegZero = (s) => s.replace(/([=(-])-(0(?:\.0+)?)(?![0-9.])/g, '$1$2');

const H = htmlTables();
const T = textItems();
const docTables = H.filter((t) => !t.data);
const dataTables = H.filter((t) => t.data);
let cells = 0;

if (docTables.length !== T.tables.length)
  problem(`${docTables.length} tables in the HTML, ${T.tables.length} in the text edition`);
for (let i = 0; i < Math.min(docTables.length, T.tables.length); i++) {
  const h = docTables[i];
  const t = T.tables[i];
  const where = `table "${t.caption}"`;
  if (h.caption !== t.caption && !(t.caption === '' && h.caption === 'Table'))
    problem(`${where}: HTML caption "${h.caption}"`);
  if (JSON.stringify(h.headers) !== JSON.stringify(t.headers || []))
    problem(`${where}: headers ${JSON.stringify(h.headers)} vs ${JSON.stringify(t.headers)}`);
  if (h.rows.length !== t.rows.length)
    problem(`${where}: ${h.rows.length} rows in the HTML, ${t.rows.length} in the text`);
  for (let r = 0; r < Math.min(h.rows.length, t.rows.length); r++) {
    const a = h.rows[r];
    const b = t.rows[r];
    if (a.kind !== b.kind) problem(`${where}, row ${r + 1}: kind ${a.kind} vs ${b.kind}`);
    if (a.cells.length !== b.cells.length) {
      problem(`${where}, row ${r + 1}: ${a.cells.length} cells vs ${b.cells.length}`);
      continue;
    }
    for (let c = 0; c < a.cells.length; c++) {
      cells++;
      if (a.cells[c] !== b.cells[c])
        problem(`${where}, row ${r + 1}, column ${c + 1}: HTML "${a.cells[c]}", text "${b.cells[c]}"`);
    }
  }
}

if (dataTables.length !== T.charts.length)
  problem(`${dataTables.length} chart data tables in the HTML, ${T.charts.length} charts in the text`);
let values = 0;
for (let i = 0; i < Math.min(dataTables.length, T.charts.length); i++) {
  const h = dataTables[i];
  const t = T.charts[i];
  const where = `chart "${t.title}"`;
  if (h.caption !== `Data: ${t.title}`) problem(`${where}: HTML data caption "${h.caption}"`);
  const iv = h.headers[2] === 'Lower limit';
  const sig = h.headers[h.headers.length - 1].startsWith('Compared with');
  const nseries = h.headers.length - 1 - (iv ? 2 : 0) - (sig ? 1 : 0);
  if (nseries !== t.series.length) {
    problem(`${where}: ${nseries} series in the HTML, ${t.series.length} in the text`);
    continue;
  }
  for (let s = 0; s < nseries; s++) {
    const col = s === 0 ? 1 : s + 1 + (iv ? 2 : 0);
    const name = t.series[s].slice(11, t.series[s].indexOf(':', 11));
    let want = `    series ${name}:`;
    for (const row of h.rows) {
      want += ` ${row.cells[0]}=${plain(row.cells[col])}`;
      if (iv && s === 0) want += `(${plain(row.cells[2])}-${plain(row.cells[3])})`;
      if (sig && s === 0) want += `[${SIG[row.cells[row.cells.length - 1]] || '?'}]`;
      values++;
    }
    if (name && h.headers[col] !== name) problem(`${where}: series header "${h.headers[col]}"`);
    if (noNegZero(t.series[s]) !== want)
      problem(`${where}, series ${s + 1}:\n      text ${t.series[s]}\n      html ${want}`);
  }
}

const tiles = htmlTiles();
if (tiles.length !== T.tiles.length)
  problem(`${tiles.length} tiles in the HTML, ${T.tiles.length} in the text edition`);
for (let i = 0; i < Math.min(tiles.length, T.tiles.length); i++) {
  const want = `  tile ${tiles[i].label}: ${tiles[i].value}`;
  const line = T.tiles[i];
  if (!(line === want || line.startsWith(`${want} `) || line.startsWith(`${want};`)))
    problem(`tile ${i + 1}: HTML "${tiles[i].label}: ${tiles[i].value}", text "${line.trim()}"`);
}

const name = basename(htmlPath);
if (problems.length) {
  console.log(`FAIL ${name}: the HTML and the text edition differ`);
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
console.log(`PASS ${name}: ${docTables.length} tables (${cells} cells), ${dataTables.length} ` +
  `charts (${values} values), ${tiles.length} tiles as in the text edition`);
