// The overview page: polls GET /state and updates its tables in place (no reload). Rows are keyed, and a
// row is replaced only when its content changed, so a selection or a hover survives a refresh. Every text
// goes through textContent: nothing from the master is ever parsed as HTML.
'use strict';
(() => {
  const PERIOD_MS = 1500;
  const CHANGES_SHOWN = 50;

  const number = (value, digits = 3) =>
    Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits }) : '';
  const percent = value => `${number(value * 100, 1)} %`;
  const seconds = value => (Number.isFinite(value) ? value.toFixed(1) : '');

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cell(text, className) {
    return element('td', className, text);
  }

  // A cell with a text over a bar filled to ratio (0..1).
  function bar(text, ratio) {
    const td = element('td', 'meter-cell');
    td.append(element('span', 'meter-text', text));
    const track = element('span', 'meter');
    const fill = element('span', ratio > 0.9 ? 'fill high' : 'fill');
    fill.style.width = `${(Math.max(0, Math.min(1, ratio)) * 100).toFixed(1)}%`;
    track.append(fill);
    td.append(track);
    return td;
  }

  const meter = (used, total, digits) =>
    bar(`${number(used, digits)} / ${number(total, digits)}`, total > 0 ? used / total : 0);

  function badge(text, kind) {
    const td = element('td');
    td.append(element('span', `badge ${kind}`, text));
    return td;
  }

  // Resources as the master writes them ("cpus:1;mem:512"), a dash for none ("{}").
  const resources = text => (!text || text === '{}' ? '—' : text);

  // A task's id, marked when it runs on revocable resources (the agent may evict it).
  function task(change) {
    const td = cell(change.id, 'name');
    if (change.revocable) td.append(element('span', 'badge revocable', 'revocable'));
    return td;
  }

  const stateKind = state => ({
    active: 'ok', waiting: 'idle', silent: 'warn',
    STAGING: 'idle', RUNNING: 'ok', FINISHED: 'done', FAILED: 'bad', KILLED: 'warn', LOST: 'bad',
  })[state] ?? 'idle';

  // Brings tbody's rows to one per item, in order, rebuilding only rows whose content changed.
  function sync(table, items, keyOf, cellsOf, empty) {
    const tbody = document.querySelector(`#${table} tbody`);
    const existing = new Map([...tbody.rows].filter(r => r.dataset.key !== undefined).map(r => [r.dataset.key, r]));
    const seen = new Map();
    const rows = items.map(item => {
      // Two items with one key (a task reporting the same state twice in one instant) stay two rows.
      const base = String(keyOf(item));
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const key = count === 1 ? base : `${base}#${count}`;
      const fresh = element('tr');
      fresh.dataset.key = key;
      fresh.append(...cellsOf(item));
      const old = existing.get(key);
      return old && old.innerHTML === fresh.innerHTML ? old : fresh;
    });
    if (rows.length === 0) {
      const td = cell(empty, 'empty');
      td.colSpan = document.querySelectorAll(`#${table} thead th`).length;
      const tr = element('tr');
      tr.append(td);
      rows.push(tr);
    }
    rows.forEach((row, i) => {
      if (tbody.rows[i] !== row) tbody.insertBefore(row, tbody.rows[i] ?? null);
    });
    while (tbody.rows.length > rows.length) tbody.deleteRow(rows.length);
  }

  function render(state) {
    const agents = state.agents ?? [];
    const frameworks = state.frameworks ?? [];
    const sum = (list, pick) => list.reduce((total, item) => total + (pick(item) ?? 0), 0);
    const registered = agents.filter(a => a.state !== 'waiting');

    document.getElementById('clock').textContent =
      `t = ${seconds(state.timeSeconds)} s · time scale ×${number(state.timeScale)}`;
    document.getElementById('sum-agents').textContent =
      `${agents.filter(a => a.state === 'active').length} active / ${agents.length}`;
    document.getElementById('sum-cpus').textContent =
      `${number(sum(registered, a => a.usedCpus))} / ${number(sum(registered, a => a.cpus))}`;
    document.getElementById('sum-mem').textContent =
      `${number(sum(registered, a => a.usedMem), 0)} / ${number(sum(registered, a => a.mem), 0)}`;
    document.getElementById('sum-revocable').textContent =
      `${number(sum(registered, a => a.usedCpusRevocable))} / ${number(sum(registered, a => a.cpusRevocable))}`;
    document.getElementById('sum-frameworks').textContent = String(frameworks.length);
    document.getElementById('sum-tasks').textContent = String(sum(frameworks, f => f.runningTasks));
    document.getElementById('sum-offers').textContent = String((state.offers ?? []).length);

    sync('agents', agents, a => a.name, a => {
      const name = cell(a.name, 'name');
      name.append(element('span', 'sub', a.url));
      return [name, badge(a.state, stateKind(a.state)), meter(a.usedCpus, a.cpus, 3), meter(a.usedMem, a.mem, 0),
        a.cpusRevocable || a.usedCpusRevocable ? meter(a.usedCpusRevocable, a.cpusRevocable, 3) : cell('—'),
        cell(String(a.tasks), 'num'), cell(`${seconds(a.secondsSinceHeard)} s ago`, 'num')];
    }, 'No agent has registered yet.');

    sync('roles', state.roles ?? [], r => r.name, r => [
      cell(r.name, 'name'), cell(number(r.weight), 'num'), cell(r.guarantee || '—'), cell(r.limit || '—'),
      cell(r.allocated), bar(percent(r.dominantShare), r.dominantShare), cell(resources(r.allocatedRevocable)),
    ], 'No role has a framework yet.');

    sync('frameworks', frameworks, f => f.id, f => [
      cell(f.name, 'name'), cell(f.principal ?? '—'), cell((f.roles ?? []).join(', ')),
      badge(f.active ? 'active' : 'inactive', f.active ? 'ok' : 'warn'), cell(percent(f.share), 'num'),
      cell(String(f.runningTasks), 'num'), cell(String(f.offers), 'num'), cell(resources(f.allocatedRevocable)),
    ], 'No framework has subscribed yet.');

    // A change has no id of its own: task, state and instant tell one from another.
    const changes = (state.recentChanges ?? []).slice(0, CHANGES_SHOWN);
    sync('changes', changes, c => `${c.framework}/${c.id}/${c.state}/${c.since}`, c => [
      cell(seconds(c.since), 'num'), cell(c.framework), task(c), cell(c.agent),
      badge(c.state, stateKind(c.state)), cell(c.reason ?? ''),
    ], 'No task has changed state yet.');
  }

  function setStatus(status, text) {
    const node = document.getElementById('status');
    node.dataset.status = status;
    node.textContent = text;
  }

  async function refresh() {
    try {
      const response = await fetch('/state', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (response.status === 401) {
        // The session ended (signed out elsewhere, or the master restarted): sign in again.
        window.location.assign('/login');
        return;
      }
      if (!response.ok) throw new Error(`GET /state answered ${response.status}`);
      render(await response.json());
      setStatus('live', `live · updated ${new Date().toLocaleTimeString('en-GB')}`);
    } catch (error) {
      setStatus('offline', `not updating: ${error.message}`);
    }
    window.setTimeout(refresh, PERIOD_MS);
  }

  const initial = document.getElementById('initial-state');
  if (initial && initial.textContent.trim().length > 0) render(JSON.parse(initial.textContent));
  window.setTimeout(refresh, PERIOD_MS);
})();
