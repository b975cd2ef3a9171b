// Exports of what the canvas shows: an SVG picture (positions, shapes, colours, the labels
// drawn, a legend and a title) and an HTML report an analyst can send: the picture, then every
// link shown with its confidence, claim, evidence sentences and their sources.
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { ENTITY_TYPES, type EntityType } from '../../ontology.js';
import type { ArticleRef, Claim } from './documents.js';
import { isLabelled } from './labels.js';
import { TYPE_STYLE } from './style.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function shapePath(shape: string, x: number, y: number, r: number): string {
  const pts = (list: [number, number][]) => `<polygon points="${list.map(([a, b]) => `${(x + a * r).toFixed(1)},${(y + b * r).toFixed(1)}`).join(' ')}"`;
  if (shape === 'hexagon')
    return pts([
      [-0.5, -0.87],
      [0.5, -0.87],
      [1, 0],
      [0.5, 0.87],
      [-0.5, 0.87],
      [-1, 0],
    ]);
  if (shape === 'diamond')
    return pts([
      [0, -1],
      [1, 0],
      [0, 1],
      [-1, 0],
    ]);
  if (shape === 'triangle')
    return pts([
      [0, -1],
      [1, 0.8],
      [-1, 0.8],
    ]);
  if (shape === 'round-rectangle')
    return `<rect x="${(x - r).toFixed(1)}" y="${(y - r * 0.8).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${(1.6 * r).toFixed(1)}" rx="${(r / 4).toFixed(1)}"`;
  return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}"`;
}

/** The shown part of the canvas as a standalone SVG document. */
export function canvasSvg(cy: Core, title: string): string {
  const nodes = cy.nodes().filter((n) => n.visible());
  const edges = cy.edges().filter((e) => e.visible());
  const box = nodes.boundingBox({ includeLabels: false });
  const pad = 60;
  const legendWidth = 230;
  const scale = Math.min(1, 1400 / Math.max(1, box.w));
  const width = box.w * scale + 2 * pad + legendWidth;
  const height = Math.max(box.h * scale + 2 * pad + 40, 260);
  const at = (p: { x: number; y: number }) => ({ x: (p.x - box.x1) * scale + pad, y: (p.y - box.y1) * scale + pad + 40 });
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width.toFixed(0)}" height="${height.toFixed(0)}" viewBox="0 0 ${width.toFixed(0)} ${height.toFixed(0)}" font-family="sans-serif" role="img" aria-label="${escapeXml(title)}">`,
  );
  out.push(
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8395a7"/></marker></defs>`,
  );
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="${pad}" y="32" font-size="20" font-weight="bold" fill="#1c2833">${escapeXml(title)}</text>`);
  out.push('<g class="edges">');
  edges.forEach((edge: EdgeSingular) => {
    const a = at(edge.source().position());
    const b = at(edge.target().position());
    const claim = edge.data('claim') as Claim | null;
    const status = edge.data('status') as string | undefined;
    const colour = edge.hasClass('path') ? '#f39c12' : status === 'CONFIRMED' ? '#1e8449' : edge.hasClass('fold') ? '#aab7c4' : '#8395a7';
    const dash = edge.hasClass('fold') || claim === 'ALLEGED' ? ' stroke-dasharray="6 4"' : claim === 'SUSPECTED' ? ' stroke-dasharray="2 4"' : '';
    const arrow = edge.hasClass('fold') || edge.data('type') === 'ASSOCIATED_WITH' ? '' : ' marker-end="url(#arrow)"';
    const w = Math.min(6, 1 + Number(edge.data('width') ?? 1) * 0.5);
    out.push(
      `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${colour}" stroke-width="${w.toFixed(1)}"${dash}${arrow}><title>${escapeXml(String(edge.data('type') ?? ''))}</title></line>`,
    );
  });
  out.push('</g><g class="nodes">');
  nodes.forEach((node: NodeSingular) => {
    const p = at(node.position());
    const r = Math.max(6, (node.width() / 2) * scale);
    const fold = node.hasClass('fold');
    const style = TYPE_STYLE[node.data('type') as EntityType];
    const fill = fold ? '#eaf0f6' : (style?.colour ?? '#999999');
    const shape = fold ? 'round-rectangle' : (style?.shape ?? 'ellipse');
    const stroke = node.hasClass('path') ? ' stroke="#f1c40f" stroke-width="3"' : fold ? ' stroke="#5d6d7e" stroke-dasharray="4 3"' : ' stroke="#ffffff"';
    out.push(
      `${shapePath(shape, p.x, p.y, r)} fill="${fill}"${stroke}><title>${escapeXml(String(node.data('name')))}</title>${shape === 'ellipse' ? '</circle>' : shape === 'round-rectangle' ? '</rect>' : '</polygon>'}`,
    );
    if (isLabelled(node) || fold) {
      out.push(
        `<text x="${p.x.toFixed(1)}" y="${(p.y + r + 12).toFixed(1)}" font-size="11" text-anchor="middle" fill="#1c2833" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(String(node.data('name')))}</text>`,
      );
    }
  });
  out.push('</g>');
  // Legend, at the right.
  const lx = width - legendWidth + 10;
  let ly = 60;
  out.push(`<g class="legend"><text x="${lx}" y="${ly}" font-size="13" font-weight="bold">Legend</text>`);
  for (const type of ENTITY_TYPES) {
    ly += 22;
    out.push(
      `${shapePath(TYPE_STYLE[type].shape, lx + 8, ly - 4, 7)} fill="${TYPE_STYLE[type].colour}">${TYPE_STYLE[type].shape === 'ellipse' ? '</circle>' : TYPE_STYLE[type].shape === 'round-rectangle' ? '</rect>' : '</polygon>'}<text x="${lx + 22}" y="${ly}" font-size="12">${escapeXml(TYPE_STYLE[type].label)}</text>`,
    );
  }
  for (const [dash, colour, label] of [
    ['', '#8395a7', 'asserted'],
    ['6 4', '#8395a7', 'alleged'],
    ['2 4', '#8395a7', 'suspected'],
    ['', '#1e8449', 'confirmed by an analyst'],
    ['', '#f39c12', 'on the highlighted path'],
  ] as const) {
    ly += 20;
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 16}" y2="${ly - 4}" stroke="${colour}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/><text x="${lx + 22}" y="${ly}" font-size="12">${label}</text>`,
    );
  }
  out.push('</g></svg>');
  return out.join('\n');
}

export interface ReportLink {
  id: string;
  type: string;
  source: string;
  target: string;
  confidence: number;
  claim: Claim | null;
  status: string;
  note: string | null;
  evidenceTotal: number;
  evidence: { sentence: string; rule: string; confidence: number; article: Pick<ArticleRef, 'title' | 'url' | 'published' | 'source'> | null }[];
}

export interface ReportInput {
  title: string;
  svg: string;
  link: string;
  filters: string;
  entityCount: number;
  links: ReportLink[];
  notes: { on: string; text: string }[];
}

/** A self-contained HTML report (no script, no external resource). */
export function reportHtml(input: ReportInput): string {
  const e = escapeXml;
  const rows = input.links
    .map(
      (l, i) => `
  <section class="link" id="link-${i + 1}">
    <h3>${i + 1}. ${e(l.source)} <span class="type">${e(l.type)}</span> ${e(l.target)}</h3>
    <p class="facts">confidence ${l.confidence.toFixed(2)} · ${e((l.claim ?? 'asserted').toLowerCase())} · ${e(l.status.toLowerCase())} · ${l.evidenceTotal} evidence sentence${l.evidenceTotal === 1 ? '' : 's'}${l.evidence.length < l.evidenceTotal ? ` (the ${l.evidence.length} strongest shown)` : ''}${l.note ? ` · analyst's note: ${e(l.note)}` : ''}</p>
    ${
      l.evidence.length
        ? `<ol class="evidence">${l.evidence
            .map(
              (ev) => `
      <li><blockquote>${e(ev.sentence)}</blockquote>
        <cite>${ev.article?.url ? `<a href="${e(ev.article.url)}">${e(ev.article.title ?? ev.article.url)}</a>` : e(ev.article?.title ?? 'unknown article')}${ev.article?.published ? `, ${e(ev.article.published)}` : ''}${ev.article?.source ? `, ${e(ev.article.source)}` : ''} · rule ${e(ev.rule)} · confidence ${ev.confidence.toFixed(2)}</cite></li>`,
            )
            .join('')}
    </ol>`
        : '<p class="muted">No evidence sentence (a link added by an analyst or from co-occurrence).</p>'
    }
  </section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(input.title)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; color: #1c2833; max-width: 1100px; margin: 2em auto; padding: 0 1em; }
figure { margin: 0; border: 1px solid #d5dbe1; } figure svg { max-width: 100%; height: auto; display: block; }
.type { font: 600 12px monospace; background: #eef2f6; padding: 1px 5px; border-radius: 3px; }
blockquote { margin: .3em 0; padding-left: .8em; border-left: 3px solid #8395a7; }
cite { font-size: 13px; color: #4a5a6a; font-style: normal; } .muted, .facts { color: #4a5a6a; font-size: 13px; }
section.link { border-top: 1px solid #d5dbe1; padding-top: .4em; }
/* Printed (the explorer's PDF button, or the browser's Print → Save as PDF): A4, the picture on
   its own, a link's heading kept with its facts, no evidence sentence split across pages, and
   each source's address written out since paper has no links. */
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  figure { border: 0; break-inside: avoid; } figure svg { max-height: 24cm; }
  h2, section.link h3 { break-after: avoid; }
  .evidence li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  cite a::after { content: " <" attr(href) ">"; font-size: 8.5pt; word-break: break-all; }
}
</style></head>
<body>
<h1>${e(input.title)}</h1>
<p class="muted">ThreatGraph report, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${input.entityCount} entities and ${input.links.length} links as shown on the canvas · filters: ${e(input.filters)} · <a href="${e(input.link)}">open this view in the explorer</a></p>
<figure>${input.svg}</figure>
${input.notes.length ? `<h2>Notes</h2><ul>${input.notes.map((n) => `<li><strong>${e(n.on)}</strong>: ${e(n.text)}</li>`).join('')}</ul>` : ''}
<h2>Links and their evidence</h2>
${rows || '<p class="muted">No link is shown.</p>'}
</body></html>
`;
}
