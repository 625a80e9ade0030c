// The Selene dashboard: the live twin's stream, the cluster, the fault feed and the review queue, from the
// service's own API. The token travels in an HttpOnly cookie; changes carry the header the service asks of them.
'use strict';

const svgNs = 'http://www.w3.org/2000/svg';
const state = { twin: null, scenario: null, power: null, clusterNodes: [], lastFault: 0, faultCount: -1, user: null, stream: null };

async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...options,
    headers: { 'X-Selene-Dashboard': '1', ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...(options.headers || {}) },
  });
  if (response.status === 401) {
    say('Not signed in: open /dashboard/?token=YOUR_TOKEN');
    throw new Error('401');
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((body && (body.detail || body.title)) || response.statusText);
  }
  return body;
}

function say(text) {
  document.getElementById('message').textContent = text;
}

function element(name, attributes = {}, text) {
  const node = name.startsWith('svg:') ? document.createElementNS(svgNs, name.slice(4)) : document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function fixed(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

// Earth–Moon view: not to scale; Earth's sites by orthographic projection about their mean longitude, the lunar
// sites as seen from Earth; each link drawn from Earth to its site, solid while up, dashed while down.
function drawView() {
  const svg = document.getElementById('view');
  svg.replaceChildren();
  const earth = { x: 140, y: 130, r: 95 };
  const moon = { x: 540, y: 130, r: 55 };
  svg.append(element('svg:circle', { cx: earth.x, cy: earth.y, r: earth.r, fill: '#1f4e79', stroke: '#58a6ff' }));
  svg.append(element('svg:circle', { cx: moon.x, cy: moon.y, r: moon.r, fill: '#6e7681', stroke: '#c9d1d9' }));
  svg.append(element('svg:text', { x: earth.x, y: 250, fill: '#8b949e', 'text-anchor': 'middle' }, 'Earth'));
  svg.append(element('svg:text', { x: moon.x, y: 250, fill: '#8b949e', 'text-anchor': 'middle' }, 'Moon (not to scale)'));
  const sites = state.twin ? state.twin.sites : [];
  const earthSites = sites.filter(s => s.location === 'earth');
  const lon0 = earthSites.length ? earthSites.reduce((sum, s) => sum + s.longitudeDegrees, 0) / earthSites.length : 0;
  const project = (body, site, centre) => {
    const lat = site.latitudeDegrees * Math.PI / 180;
    const lon = (site.longitudeDegrees - centre) * Math.PI / 180;
    return { x: body.x + body.r * Math.cos(lat) * Math.sin(lon), y: body.y - body.r * Math.sin(lat) };
  };
  for (const site of sites) {
    const onMoon = site.location === 'moon';
    const at = onMoon ? project(moon, site, 0) : project(earth, site, lon0);
    if (site.link) {
      const up = site.link.up;
      svg.append(element('svg:line', {
        x1: earth.x + earth.r, y1: earth.y, x2: at.x, y2: at.y, stroke: up ? '#3fb950' : '#f85149',
        'stroke-width': 2, 'stroke-dasharray': up ? '' : '6 5', 'data-link': site.name,
      }));
      const label = up ? `${fixed(site.link.lightTimeSeconds, 3)} s light time` : 'link down';
      svg.append(element('svg:text', { x: (earth.x + earth.r + at.x) / 2, y: earth.y - 12, fill: up ? '#3fb950' : '#f85149', 'text-anchor': 'middle' }, `${site.name}: ${label}`));
    }
    svg.append(element('svg:circle', { cx: at.x, cy: at.y, r: 5, fill: '#f2cc60', 'data-site': site.name }));
    svg.append(element('svg:text', { x: at.x + 7, y: at.y - 6, fill: '#e6edf3', 'font-size': 11 }, site.name));
  }
}

function drawSites() {
  const rows = document.getElementById('site-rows');
  rows.replaceChildren();
  for (const site of state.twin ? state.twin.sites : []) {
    const link = site.link ? (site.link.up ? `up, ${fixed(site.link.lightTimeSeconds, 3)} s` : 'down') : 'on Earth';
    const row = element('tr', { 'data-site': site.name });
    row.append(element('td', {}, site.name), element('td', {}, `${site.busy} / ${site.gpus}`), element('td', {}, String(site.queued)),
      element('td', {}, site.served.toLocaleString('en')), element('td', { class: site.link ? (site.link.up ? 'up' : 'down') : 'muted' }, link));
    rows.append(row);
  }
}

// State of charge (left axis, %) and solar power (right axis, kW) of each lunar site over the run (days along the
// bottom), with now marked.
function drawPower() {
  const svg = document.getElementById('power-chart');
  svg.replaceChildren();
  const left = 44, right = 584, top = 10, bottom = 186;
  svg.append(element('svg:rect', { x: left, y: top, width: right - left, height: bottom - top, fill: 'none', stroke: '#30363d' }));
  for (const fraction of [0, 0.5, 1]) {
    const y = bottom - fraction * (bottom - top);
    svg.append(element('svg:text', { x: left - 6, y: y + 4, fill: '#8b949e', 'text-anchor': 'end', 'font-size': 11 }, `${fraction * 100}%`));
  }
  if (!state.power || state.power.length === 0) {
    svg.append(element('svg:text', { x: (left + right) / 2, y: (top + bottom) / 2, fill: '#8b949e', 'text-anchor': 'middle' }, 'no power system in this scenario'));
    return;
  }
  const duration = state.scenario ? state.scenario.durationSeconds : 1;
  const days = duration / 86400;
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const x = left + fraction * (right - left);
    svg.append(element('svg:line', { x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: '#8b949e' }));
    svg.append(element('svg:text', { x, y: bottom + 16, fill: '#8b949e', 'text-anchor': 'middle', 'font-size': 11, 'data-axis': 'days' }, `${fixed(fraction * days, days < 4 ? 1 : 0)} d`));
  }
  const peak = Math.max(1, ...state.power.flatMap(site => site.solarWatts));
  for (const fraction of [0, 0.5, 1]) {
    const y = bottom - fraction * (bottom - top);
    svg.append(element('svg:text', { x: right + 6, y: y + 4, fill: '#d29922', 'text-anchor': 'start', 'font-size': 11, 'data-axis': 'kW' }, `${fixed(fraction * peak / 1000, 1)} kW`));
  }
  const colours = ['#58a6ff', '#a371f7', '#3fb950'];
  state.power.forEach((site, index) => {
    const x = i => left + (i + 1) * site.binSeconds / duration * (right - left);
    const soc = site.stateOfCharge.map((v, i) => `${fixed(x(i), 1)},${fixed(bottom - v * (bottom - top), 1)}`).join(' ');
    svg.append(element('svg:polyline', { points: soc, fill: 'none', stroke: colours[index % colours.length], 'stroke-width': 1.5, 'data-series': `soc-${site.site}` }));
    const solar = site.solarWatts.map((v, i) => `${fixed(x(i), 1)},${fixed(bottom - v / peak * (bottom - top), 1)}`).join(' ');
    svg.append(element('svg:polyline', { points: solar, fill: 'none', stroke: '#d29922', 'stroke-width': 1, 'stroke-opacity': 0.6 }));
    svg.append(element('svg:text', { x: left + 6, y: top + 14 + 14 * index, fill: colours[index % colours.length], 'font-size': 11 }, `${site.site} state of charge (${site.policy}, left); solar power in amber (right)`));
  });
  if (state.twin) {
    const x = left + state.twin.seconds / duration * (right - left);
    svg.append(element('svg:line', { x1: x, y1: top, x2: x, y2: bottom, stroke: '#e6edf3', 'stroke-dasharray': '3 3' }));
  }
}

function drawPowerNow() {
  const parts = (state.twin ? state.twin.sites : []).filter(s => s.power).map(s =>
    `${s.name}: ${fixed(s.power.stateOfCharge * 100, 1)}% charged, solar ${fixed(s.power.solarWatts / 1000, 1)} kW, drawing ${fixed(s.power.usedWatts / 1000, 1)} kW`);
  document.getElementById('power-now').textContent = parts.join(' · ');
}

// One row per node: the cluster's (labels, taints, bound pods) joined with the twin's (GPUs, queue, cosmic taints).
function drawNodes() {
  const rows = document.getElementById('node-rows');
  rows.replaceChildren();
  const twinNodes = new Map((state.twin ? state.twin.nodes : []).map(n => [n.name, n]));
  const cluster = new Map(state.clusterNodes.map(n => [n.name, n]));
  const names = [...new Set([...cluster.keys(), ...twinNodes.keys()])].sort();
  for (const name of names) {
    const live = twinNodes.get(name);
    const known = cluster.get(name);
    const taints = new Set();
    for (const t of known ? known.taints : []) {
      taints.add(`${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`);
    }
    for (const t of live ? live.taints : []) {
      taints.add(t);
    }
    const row = element('tr', { 'data-node': name });
    const site = live ? live.site : (known && known.labels.location) || '';
    const gpus = live ? (live.lost ? 'lost' : `${live.busy} / ${live.gpus}`) : '';
    const taintCell = element('td');
    for (const taint of taints) {
      taintCell.append(element('span', { class: taint.startsWith('selene.io/cosmic-event') ? 'taint cosmic' : 'taint' }, taint));
    }
    const pods = [];
    if (live && !live.lost) {
      pods.push(`${live.busy} running`);
    }
    for (const pod of known ? known.pods : []) {
      pods.push(pod);
    }
    row.append(element('td', {}, name), element('td', {}, site), element('td', { class: live && live.lost ? 'lost' : '' }, gpus),
      element('td', {}, live ? String(live.queued) : ''), taintCell, element('td', {}, pods.join(', ')));
    rows.append(row);
  }
}

async function refreshFaults() {
  const faults = await api(`/api/faults?after=${state.lastFault}&limit=200`);
  const feed = document.getElementById('fault-feed');
  for (const fault of faults) {
    state.lastFault = Math.max(state.lastFault, fault.id);
    const where = fault.node || `link/${fault.site}`;
    const item = element('li', { class: fault.severity, 'data-fault': String(fault.id) },
      `${fault.time.slice(0, 19).replace('T', ' ')} ${fault.type} on ${where} (${fault.severity}, ${fault.source})`);
    feed.prepend(item);
  }
  while (feed.children.length > 200) {
    feed.lastElementChild.remove();
  }
}

async function refreshCluster() {
  state.clusterNodes = await api('/api/nodes');
  drawNodes();
}

async function refreshReview() {
  const rows = document.getElementById('review-rows');
  let items;
  try {
    items = await api('/review');
  } catch (error) {
    rows.replaceChildren(element('tr', {}, ''));
    rows.firstChild.append(element('td', { colspan: 5, class: 'muted' }, 'no review queue on this service'));
    return;
  }
  const canDecide = state.user && (state.user.role === 'Reviewer' || state.user.role === 'Admin');
  rows.replaceChildren();
  for (const item of items) {
    const row = element('tr', { 'data-review': String(item.id), 'data-item': item.item });
    const actions = element('td');
    for (const [label, action, style] of [['Approve', 'allow', 'approve'], ['Reject', 'block', 'reject']]) {
      const button = element('button', { class: style, type: 'button' }, label);
      button.disabled = !canDecide;
      button.title = canDecide ? `${label} ${item.item}` : 'only reviewers decide';
      button.addEventListener('click', () => decide(item, action, label));
      actions.append(button);
    }
    row.append(element('td', {}, item.item), element('td', {}, item.rule || ''), element('td', {}, item.queued.slice(0, 19).replace('T', ' ')),
      element('td', {}, item.deadline.slice(0, 19).replace('T', ' ')), actions);
    rows.append(row);
  }
  if (items.length === 0) {
    const row = element('tr');
    row.append(element('td', { colspan: 5, class: 'muted' }, 'nothing waiting for review'));
    rows.append(row);
  }
}

async function decide(item, action, label) {
  const status = document.getElementById('review-status');
  try {
    const record = await api(`/review/${item.id}/decision`, { method: 'POST', body: JSON.stringify({ action }) });
    status.textContent = `${item.item}: ${label === 'Approve' ? 'approved' : 'rejected'} by ${state.user.name}, audit record ${record.sequence}`;
  } catch (error) {
    status.textContent = `${item.item}: ${error.message}`;
  }
  await refreshReview();
}

function onState(twin) {
  state.twin = twin;
  document.getElementById('clock').textContent =
    `${twin.time.slice(0, 16).replace('T', ' ')} UTC, day ${fixed(twin.seconds / 86400, 2)} of ${fixed(twin.durationSeconds / 86400, 0)}`;
  drawView();
  drawSites();
  drawNodes();
  drawPower();
  drawPowerNow();
  if (twin.seconds >= twin.durationSeconds && state.stream) {
    // The twin stops at its scenario's end; reconnecting would only fetch the last state again.
    state.stream.close();
    say('the twin has reached the end of its scenario');
  }
  if (twin.faultCount !== state.faultCount) {
    state.faultCount = twin.faultCount;
    refreshFaults().catch(error => say(error.message));
  }
}

async function start() {
  state.user = await api('/api/whoami');
  document.getElementById('user').textContent = `${state.user.name} (${state.user.role.toLowerCase()})`;
  await Promise.all([refreshCluster(), refreshReview(), refreshFaults()]);
  try {
    state.scenario = await api('/api/scenarios/current');
    document.getElementById('scenario').textContent = `${state.scenario.name}, seed ${state.scenario.seed}`;
    state.power = await api('/api/twin/power');
    drawPower();
    state.stream = new EventSource('/api/twin/stream');
    state.stream.addEventListener('state', event => onState(JSON.parse(event.data)));
    state.stream.onerror = () => say('the twin stream was interrupted; retrying');
  } catch (error) {
    drawView();
    drawPower();
  }
  setInterval(() => refreshCluster().catch(error => say(error.message)), 2000);
  // Operators' reports reach the feed without the twin: it is read on a timer as well.
  setInterval(() => refreshFaults().catch(error => say(error.message)), 2000);
  setInterval(() => refreshReview().catch(error => say(error.message)), 2000);
}

start().catch(error => say(error.message));
