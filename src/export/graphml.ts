// Graph rows → GraphML for Gephi and yEd. Every attribute is a declared <key> with attr.type,
// so Gephi builds typed columns (it reads `label` as the node label and `weight` as the edge
// weight); the yFiles node and edge graphics make yEd show names, colours and relation types
// without a properties mapping, and the other tools ignore them.
import type { EntityType } from '../ontology.js';
import type { GraphSnapshot } from './types.js';

type AttrType = 'string' | 'int' | 'double' | 'boolean';
interface Key {
  id: string;
  for: 'node' | 'edge';
  type: AttrType;
}

const ATTR_TYPES: readonly AttrType[] = ['string', 'int', 'double', 'boolean'];

/** The declared <key>s of one kind of element, in GraphML's order: `name` is a string, `name:type` another type. */
function keysOf(element: Key['for'], spec: string): Key[] {
  return spec.split(' ').map((entry) => {
    const [id, type = 'string'] = entry.split(':') as [string, AttrType?];
    if (!ATTR_TYPES.includes(type)) throw new Error(`GraphML key ${id}: unknown attr.type ${type}`);
    return { id, for: element, type };
  });
}

const NODE_KEYS = keysOf('node', 'label type kind iso3 role date aliases mentionCount:int articleCount:int firstSeen lastSeen origin');
// weight is Gephi's edge weight: a typed relation's confidence, ASSOCIATED_WITH's shared sentences.
const EDGE_KEYS = keysOf('edge', 'relation relationId weight:double confidence:double claim evidenceCount:int status firstSeen lastSeen origin evidence');

const COLOURS: Record<EntityType, string> = {
  Actor: '#4E79A7',
  State: '#E15759',
  Group: '#F28E2B',
  Case: '#76B7B2',
  Place: '#59A14F',
};

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(value: string): string {
  return value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function data(keyPrefix: 'n' | 'e', values: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    out.push(`<data key="${keyPrefix}_${key}">${xmlEscape(String(value))}</data>`);
  }
  return out.join('');
}

export function toGraphML(snapshot: GraphSnapshot): string {
  const ids = new Set(snapshot.entities.map((e) => e.id));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xmlns:y="http://www.yworks.com/xml/graphml"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">',
    ...[...NODE_KEYS, ...EDGE_KEYS].map((k) => `  <key id="${k.for[0]}_${k.id}" for="${k.for}" attr.name="${k.id}" attr.type="${k.type}"/>`),
    '  <key id="n_graphics" for="node" yfiles.type="nodegraphics"/>',
    '  <key id="e_graphics" for="edge" yfiles.type="edgegraphics"/>',
    '  <graph id="threatgraph" edgedefault="directed">',
  ];
  for (const e of [...snapshot.entities].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const graphics =
      `<data key="n_graphics"><y:ShapeNode><y:Geometry width="${Math.max(60, e.name.length * 7)}" height="30"/>` +
      `<y:Fill color="${COLOURS[e.type]}"/><y:NodeLabel>${xmlEscape(e.name)}</y:NodeLabel>` +
      `<y:Shape type="${e.type === 'Case' ? 'diamond' : e.type === 'Actor' ? 'ellipse' : 'roundrectangle'}"/></y:ShapeNode></data>`;
    lines.push(
      `    <node id="${xmlEscape(e.id)}">${data('n', {
        label: e.name,
        type: e.type,
        kind: e.kind,
        iso3: e.iso3,
        role: e.role,
        date: e.date,
        aliases: e.aliases.join(' | '),
        mentionCount: e.mentionCount,
        articleCount: e.articleCount,
        firstSeen: e.firstSeen,
        lastSeen: e.lastSeen,
        origin: e.origin,
      })}${graphics}</node>`,
    );
  }
  for (const r of [...snapshot.relations].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!ids.has(r.sourceId) || !ids.has(r.targetId)) continue;
    const graphics =
      `<data key="e_graphics"><y:PolyLineEdge><y:Arrows source="none" target="standard"/>` +
      `<y:EdgeLabel>${xmlEscape(r.type)}</y:EdgeLabel></y:PolyLineEdge></data>`;
    lines.push(
      `    <edge id="${xmlEscape(r.id)}" source="${xmlEscape(r.sourceId)}" target="${xmlEscape(r.targetId)}">${data('e', {
        relation: r.type,
        relationId: r.id,
        weight: r.type === 'ASSOCIATED_WITH' ? (r.weight ?? 1) : (r.confidence ?? 0),
        confidence: r.confidence,
        claim: r.claim,
        evidenceCount: r.evidenceCount,
        status: r.status,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
        origin: r.origin,
        evidence: r.evidence[0]?.sentence,
      })}${graphics}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
