// How the canvas looks: one colour and one shape per entity type (the legend draws the same),
// edge width by evidence count, dashed edges for alleged and dotted for suspected claims.
import type { StylesheetJson } from 'cytoscape';
import { ENTITY_TYPES, type EntityType } from '../../ontology.js';
import { h } from './dom.js';

export const TYPE_STYLE: Record<EntityType, { colour: string; shape: 'ellipse' | 'hexagon' | 'round-rectangle' | 'diamond' | 'triangle'; label: string }> = {
  Actor: { colour: '#3b6fb6', shape: 'ellipse', label: 'Actor (person)' },
  State: { colour: '#c0392b', shape: 'hexagon', label: 'State' },
  Group: { colour: '#9a5b00', shape: 'round-rectangle', label: 'Group (organisation)' },
  Case: { colour: '#7d3c98', shape: 'diamond', label: 'Case (incident)' },
  Place: { colour: '#1e8449', shape: 'triangle', label: 'Place' },
};

export const stylesheet: StylesheetJson = [
  {
    selector: 'node',
    style: {
      // Labels are decluttered and drawn over the canvas (labels.ts), not by cytoscape.
      label: '',
      'font-size': 11,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '120px',
      color: '#1c2833',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      width: 'mapData(size, 1, 80, 22, 56)',
      height: 'mapData(size, 1, 80, 22, 56)',
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  ...ENTITY_TYPES.map((type) => ({
    selector: `node[type = "${type}"]`,
    style: { 'background-color': TYPE_STYLE[type].colour, shape: TYPE_STYLE[type].shape },
  })),
  // Only while a PNG is made (canvas.ts), which cytoscape draws without the label layer. Sizes in
  // model units from data: cytoscape's types know data() mappers for fewer properties than it reads.
  {
    selector: 'node.export-label',
    style: { label: 'data(name)', 'font-size': 'data(fs)', 'text-outline-width': 'data(ow)', 'text-margin-y': 'data(ow)', 'text-wrap': 'none' },
  } as unknown as StylesheetJson[number],
  { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1c2833' } },
  { selector: 'node.pinned', style: { 'border-width': 5, 'border-style': 'double', 'border-color': '#1c2833' } },
  {
    selector: 'node.fold',
    style: {
      shape: 'round-rectangle',
      'background-color': '#eaf0f6',
      'border-width': 2,
      'border-style': 'dashed',
      'border-color': '#5d6d7e',
      width: 'mapData(size, 10, 80, 26, 70)',
      height: 'mapData(size, 10, 80, 18, 40)',
      color: '#1c2833',
      'font-weight': 'bold',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 'mapData(width, 1, 12, 1.5, 8)',
      'line-color': '#8395a7',
      'target-arrow-color': '#8395a7',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      // Straight unless another link joins the same two entities (canvas.ts marks those
      // `parallel`): bundling every edge as a bezier looks up each pair's parallel edges on
      // every redraw, which at a hub of 250 links cost about 200 ms a frame.
      'curve-style': 'straight',
      label: 'data(type)',
      'font-size': 8,
      'min-zoomed-font-size': 9,
      'text-rotation': 'autorotate',
      color: '#34495e',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
    },
  },
  { selector: 'edge.parallel', style: { 'curve-style': 'bezier' } },
  { selector: 'edge[claim = "ALLEGED"]', style: { 'line-style': 'dashed' } },
  { selector: 'edge[claim = "SUSPECTED"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [2, 4] } },
  { selector: 'edge[type = "ASSOCIATED_WITH"]', style: { 'target-arrow-shape': 'none', 'line-color': '#c8d1da' } },
  { selector: 'edge[status = "CONFIRMED"]', style: { 'line-color': '#1e8449', 'target-arrow-color': '#1e8449' } },
  { selector: 'edge[status = "REJECTED"]', style: { 'line-color': '#e6b0aa', 'target-arrow-color': '#e6b0aa', opacity: 0.6 } },
  { selector: 'edge.fold', style: { 'line-style': 'dashed', 'line-color': '#aab7c4', 'target-arrow-shape': 'none', label: '', width: 2 } },
  { selector: '.filtered, .folded, .busy-hidden', style: { display: 'none' } },
  { selector: '.dimmed', style: { opacity: 0.3 } },
  { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#f1c40f', opacity: 1 } },
  { selector: 'edge.path', style: { 'line-color': '#f39c12', 'target-arrow-color': '#f39c12', width: 6, opacity: 1, 'z-index': 10 } },
  { selector: 'node:selected', style: { 'overlay-color': '#2e86c1', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
  { selector: 'edge:selected', style: { 'overlay-color': '#2e86c1', 'overlay-opacity': 0.15, 'overlay-padding': 3 } },
];

/** The legend: each type's shape and colour as the canvas draws them, then the edge styles. */
export function legend(): HTMLElement {
  const svgNs = 'http://www.w3.org/2000/svg';
  const shapeSvg = (type: EntityType) => {
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', '0 0 20 20');
    svg.setAttribute('width', '18');
    svg.setAttribute('height', '18');
    svg.setAttribute('aria-hidden', 'true');
    const { colour, shape } = TYPE_STYLE[type];
    const points: Record<string, string> = {
      hexagon: '5,2 15,2 19,10 15,18 5,18 1,10',
      diamond: '10,1 19,10 10,19 1,10',
      triangle: '10,2 19,18 1,18',
    };
    let element: SVGElement;
    if (shape === 'ellipse') {
      element = document.createElementNS(svgNs, 'circle');
      element.setAttribute('cx', '10');
      element.setAttribute('cy', '10');
      element.setAttribute('r', '8');
    } else if (shape === 'round-rectangle') {
      element = document.createElementNS(svgNs, 'rect');
      element.setAttribute('x', '2');
      element.setAttribute('y', '3');
      element.setAttribute('width', '16');
      element.setAttribute('height', '14');
      element.setAttribute('rx', '4');
    } else {
      element = document.createElementNS(svgNs, 'polygon');
      element.setAttribute('points', points[shape] ?? '');
    }
    element.setAttribute('fill', colour);
    svg.appendChild(element);
    return svg;
  };
  const line = (dash: string, colour = '#8395a7') => {
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', '0 0 30 10');
    svg.setAttribute('width', '30');
    svg.setAttribute('height', '10');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(svgNs, 'line');
    path.setAttribute('x1', '1');
    path.setAttribute('y1', '5');
    path.setAttribute('x2', '29');
    path.setAttribute('y2', '5');
    path.setAttribute('stroke', colour);
    path.setAttribute('stroke-width', '3');
    if (dash) path.setAttribute('stroke-dasharray', dash);
    svg.appendChild(path);
    return svg;
  };
  return h(
    'ul',
    { class: 'legend' },
    ...ENTITY_TYPES.map((type) => h('li', {}, shapeSvg(type), ' ', TYPE_STYLE[type].label)),
    h('li', {}, line(''), ' asserted (wider = more evidence)'),
    h('li', {}, line('6 4'), ' alleged'),
    h('li', {}, line('2 4'), ' suspected'),
    h(
      'li',
      {},
      'Zoomed out on a big canvas (over 300 links, at half size or less), links are drawn solid without arrowheads: zoom in for claims and direction',
    ),
    h('li', {}, line('', '#1e8449'), ' confirmed by an analyst'),
    h('li', {}, line('', '#f39c12'), ' on the highlighted path'),
    h('li', {}, line('6 4', '#aab7c4'), ' folded leaves ("23 Cases of Russia": click to open)'),
  );
}

export function typeBadge(type: EntityType): HTMLElement {
  return h('span', { class: 'type-badge', style: `background:${TYPE_STYLE[type].colour}` }, type);
}
