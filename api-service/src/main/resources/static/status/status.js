// Syncplane status page: reads /v1 JSON with the caller's API key; the HTML carries no data.
// The key comes from the URL fragment (#key=..., never sent to a server) or the form, and is kept in sessionStorage.
'use strict';

(() => {
  const KEY = 'syncplane.status.key';
  const PICKED_USER = 'syncplane.status.user';
  const REFRESH_MS = 5000;
  const SOURCE_NAMES = { gmail: 'Gmail', calendar: 'Calendar', contacts: 'Contacts', tasks: 'Tasks' };
  const BADGE_LABELS = { active: 'Active', degraded: 'Degraded', disconnected: 'Disconnected' };

  const $ = (id) => document.getElementById(id);
  let session = null;
  let timer = null;
  let skewMs = 0; // local clock minus the server's, so "2 min ago" is measured on the server's clock
  const actionNotes = new Map(); // "connectionId/source" -> note shown next to the button until the next action

  // ---- the key --------------------------------------------------------------------------------------------------

  function takeKeyFromFragment() {
    if (!location.hash || location.hash.length < 2) {
      return;
    }
    const params = new URLSearchParams(location.hash.slice(1));
    const key = params.get('key');
    if (key) {
      sessionStorage.setItem(KEY, key);
    }
    params.delete('key');
    const rest = params.toString();
    // the key leaves the address bar (and the history entry) at once
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
  }

  function apiKey() {
    return sessionStorage.getItem(KEY);
  }

  function forgetKey(message) {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(PICKED_USER);
    session = null;
    stopRefresh();
    $('operator').hidden = true;
    $('user').hidden = true;
    $('forget-key').hidden = true;
    $('who').textContent = '';
    showKeyForm();
    if (message) {
      showMessage(message);
    }
  }

  function showKeyForm() {
    $('key-form').hidden = false;
    $('key-input').value = '';
    $('key-input').focus();
  }

  // ---- talking to the API --------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    const key = apiKey();
    if (!key) {
      throw new ApiError(401, 'No API key.');
    }
    const headers = { Authorization: 'Bearer ' + key, Accept: 'application/json, application/problem+json' };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, { method: options.method || 'GET', headers, body: options.body,
        cache: 'no-store', credentials: 'omit', redirect: 'error' });
    } catch (e) {
      throw new ApiError(0, 'Syncplane cannot be reached right now. The page keeps trying.');
    }
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      const detail = body && (body.detail || body.title);
      throw new ApiError(response.status, detail || ('The API answered ' + response.status + '.'));
    }
    return body;
  }

  function explain(error) {
    if (error.status === 401) {
      forgetKey('This API key was not accepted (missing, unknown or revoked). Enter a valid key.');
      return null;
    }
    if (error.status === 403) {
      return 'This key may not see that: ' + error.message;
    }
    if (error.status === 404) {
      return 'Not found: ' + error.message;
    }
    return error.message;
  }

  // ---- time -----------------------------------------------------------------------------------------------------

  function relative(iso) {
    const seconds = Math.round((Date.parse(iso) - (Date.now() - skewMs)) / 1000);
    const future = seconds > 0;
    const s = Math.abs(seconds);
    if (s < 10) {
      return future ? 'in a few seconds' : 'just now';
    }
    let text;
    if (s < 60) {
      text = s + ' s';
    } else if (s < 3600) {
      text = Math.round(s / 60) + ' min';
    } else if (s < 86400) {
      text = Math.round(s / 3600) + ' h';
    } else {
      text = Math.round(s / 86400) + ' d';
    }
    return future ? 'in ' + text : text + ' ago';
  }

  function timeElement(iso, className) {
    if (!iso) {
      const never = el('span', className, 'never');
      never.dataset.datetime = '';
      return never;
    }
    const time = el('time', className, relative(iso));
    time.dateTime = iso;
    time.title = new Date(iso).toLocaleString() + ' (' + iso + ')';
    return time;
  }

  // ---- DOM helpers (textContent only: nothing from the API is parsed as HTML) -----------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function badge(id) {
    const node = el('span', 'badge badge-' + id, BADGE_LABELS[id] || id);
    node.dataset.badge = id;
    return node;
  }

  function showMessage(text, info) {
    const box = $('message');
    box.textContent = text;
    box.classList.toggle('info', Boolean(info));
    box.hidden = !text;
  }

  function counts(container, badges) {
    container.replaceChildren();
    for (const [id, n] of Object.entries(badges)) {
      const item = el('span', null);
      item.append(badge(id), document.createTextNode(' ' + n));
      container.append(item);
    }
  }

  function table(headers, rows) {
    if (rows.length === 0) {
      return el('p', 'empty', 'None.');
    }
    const t = el('table');
    const head = el('tr');
    headers.forEach((h) => {
      const th = el('th', null, h);
      th.scope = 'col';
      head.append(th);
    });
    t.append(el('thead'), el('tbody'));
    t.tHead.append(head);
    rows.forEach((cells) => {
      const tr = el('tr');
      cells.forEach((cell) => {
        const td = el('td');
        td.append(cell instanceof Node ? cell : document.createTextNode(cell === null || cell === undefined ? '' : String(cell)));
        tr.append(td);
      });
      t.tBodies[0].append(tr);
    });
    return t;
  }

  /** Re-rendering replaces nodes; give focus back to the control that had it. */
  function keepingFocus(render) {
    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.focusKey : undefined;
    render();
    if (focused) {
      const again = document.querySelector('[data-focus-key="' + CSS.escape(focused) + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  // ---- the user's accounts --------------------------------------------------------------------------------------

  function renderUser(status) {
    $('user').hidden = false;
    $('user-title').textContent = session.scope === 'operator'
      ? 'Accounts of user ' + status.userId + ' (' + status.externalId + ')' : 'Your accounts';
    $('fallback-banner').hidden = !status.pollingFallback;
    counts($('user-counts'), status.badges);
    const accounts = $('accounts');
    keepingFocus(() => {
      accounts.replaceChildren();
      if (status.connections.length === 0) {
        accounts.append(el('p', 'empty', 'No Google account is linked yet.'));
      }
      status.connections.forEach((account) => accounts.append(renderAccount(account)));
    });
    renderWrites($('user-writes'), status.writes, false);
  }

  /** Changes sent to Google: what waits, what failed, and the newest conflicts with who won. */
  function renderWrites(container, writes, withUser) {
    const decisions = { google_won: 'Google\'s copy kept', application_won: 'Your change applied' };
    const summary = el('p', null, writes.waiting + ' waiting to be sent · ' + writes.failed + ' failed · '
      + writes.conflicts + ' conflicts in the last ' + writes.windowHours + ' hours');
    summary.dataset.writes = 'summary';
    const headers = (withUser ? ['User'] : []).concat(['Source', 'Item', 'Outcome', 'Why', 'When']);
    const rows = writes.recentConflicts.map((c) => (withUser ? [c.userId] : []).concat([
      SOURCE_NAMES[c.source] || c.source, c.itemId, decisions[c.decision] || c.decision, c.reason,
      timeElement(c.detectedAt)]));
    container.replaceChildren(summary, table(headers, rows));
  }

  function renderAccount(account) {
    const box = el('article', 'account');
    box.dataset.connection = account.connectionId;
    const title = el('h3');
    title.append(el('span', null, account.accountEmail), badge(account.badge));
    box.append(title);
    if (account.needsReconnect) {
      const p = el('p');
      if (account.reconnectUrl) {
        p.append(document.createTextNode('Google no longer accepts Syncplane\'s access to this account. '));
        const link = el('a', 'button reconnect', 'Reconnect');
        link.href = account.reconnectUrl;
        link.dataset.focusKey = 'reconnect/' + account.connectionId;
        link.setAttribute('aria-label', 'Reconnect ' + account.accountEmail);
        p.append(link);
      } else {
        p.textContent = 'This account needs to be reconnected, but linking is not configured on this server.';
      }
      box.append(p);
    }
    const list = el('ul', 'sources');
    account.sources.forEach((source) => list.append(renderSource(account, source)));
    box.append(list);
    return box;
  }

  function renderSource(account, source) {
    const key = account.connectionId + '/' + source.source;
    const item = el('li', 'source');
    item.dataset.connection = account.connectionId;
    item.dataset.source = source.source;
    const heading = el('h4');
    heading.append(el('span', null, SOURCE_NAMES[source.source] || source.source), badge(source.badge));
    item.append(heading);

    const facts = el('dl');
    const fact = (label, value) => {
      facts.append(el('dt', null, label));
      const dd = el('dd');
      dd.append(value instanceof Node ? value : document.createTextNode(value));
      facts.append(dd);
    };
    fact('Last sync', timeElement(source.lastSyncAt, 'last-sync'));
    if (source.syncing) {
      fact('Now', 'syncing…');
    } else if (source.nextSyncAt) {
      fact('Next check', timeElement(source.nextSyncAt, 'next-sync'));
    }
    fact('Items', source.itemsTotal.toLocaleString());
    item.append(facts);

    if (source.fullSyncProgress) {
      const p = source.fullSyncProgress;
      const label = el('label', null, p.estimatedTotal
        ? 'First full sync: ' + p.itemsDone.toLocaleString() + ' of about ' + p.estimatedTotal.toLocaleString() + ' items'
        : 'Full sync: ' + p.itemsDone.toLocaleString() + ' items so far');
      const bar = el('progress');
      bar.id = 'progress-' + account.connectionId + '-' + source.source;
      label.htmlFor = bar.id;
      if (p.percent !== null && p.percent !== undefined) {
        bar.max = 100;
        bar.value = p.percent;
      }
      item.append(label, bar);
    }
    if (source.lastError) {
      const problem = el('p', 'problem', source.lastError.message);
      problem.dataset.kind = source.lastError.kind;
      if (source.lastError.retryAt && source.badge === 'degraded') {
        problem.append(document.createTextNode(' Next try '));
        problem.append(timeElement(source.lastError.retryAt, 'retry-at'));
        problem.append(document.createTextNode('.'));
      }
      item.append(problem);
    }
    if (source.pollingFallback) {
      item.append(el('p', 'polling', 'Checked by polling until live updates recover.'));
    }
    const actions = el('p');
    const button = el('button', 'sync-now', 'Sync now');
    button.type = 'button';
    button.disabled = !source.canSyncNow;
    button.dataset.focusKey = 'sync/' + key;
    button.setAttribute('aria-label', 'Sync ' + (SOURCE_NAMES[source.source] || source.source) + ' of '
      + account.accountEmail + ' now');
    button.addEventListener('click', () => syncNow(key, source.syncUrl, button));
    const note = el('span', 'action-result', actionNotes.get(key) || '');
    note.setAttribute('role', 'status');
    actions.append(button, note);
    item.append(actions);
    return item;
  }

  async function syncNow(key, url, button) {
    button.disabled = true;
    actionNotes.set(key, 'Requesting…');
    try {
      await api(url, { method: 'POST', body: '{}' });
      actionNotes.set(key, 'Sync requested.');
    } catch (e) {
      const text = explain(e);
      actionNotes.set(key, text ? 'Not started: ' + text : '');
    }
    refresh();
  }

  // ---- operators ------------------------------------------------------------------------------------------------

  function renderOverview(overview) {
    $('operator').hidden = false;
    const jobrunr = $('jobrunr');
    jobrunr.replaceChildren();
    if (overview.jobrunrDashboardUrl) {
      const link = el('a', null, 'Open the JobRunr dashboard');
      link.href = overview.jobrunrDashboardUrl;
      link.rel = 'noopener noreferrer';
      link.id = 'jobrunr-link';
      jobrunr.append(link);
    }
    counts($('overview-counts'), overview.badges);
    const statusLine = el('p', 'empty', 'By ledger status: ' + Object.entries(overview.byStatus)
      .map(([status, n]) => status + ' ' + n).join(', '));
    $('overview-counts').append(statusLine);

    keepingFocus(() => {
      $('worst').replaceChildren(table(['User', 'Account', 'Source', 'Badge', 'Errors in a row', 'Problem',
        'Last sync', 'Overdue'], overview.worstSources.map((w) => {
        const user = el('button', null, String(w.userId));
        user.type = 'button';
        user.dataset.focusKey = 'pick/' + w.userId + '/' + w.connectionId + '/' + w.source;
        user.setAttribute('aria-label', 'Show user ' + w.userId);
        user.addEventListener('click', () => pickUser(w.userId));
        const problem = el('span', null, w.lastError ? w.lastError.message : '');
        if (w.detail) {
          problem.title = w.detail;
        }
        return [user, w.accountEmail, SOURCE_NAMES[w.source] || w.source, badge(w.badge), w.consecutiveErrors,
          problem, timeElement(w.lastSyncAt), w.overdueSeconds === null ? '' : formatSeconds(w.overdueSeconds)];
      })));

      const dead = overview.deadLetters;
      const rows = dead.items.map((d) => {
        const redrive = el('button', null, 'Re-drive');
        redrive.type = 'button';
        redrive.dataset.focusKey = 'redrive/' + d.connectionId + '/' + d.source;
        redrive.setAttribute('aria-label', 'Re-drive ' + d.source + ' of connection ' + d.connectionId);
        redrive.addEventListener('click', () => redriveLetter(d.redriveUrl, redrive));
        const problem = el('span', null, d.lastError.message);
        if (d.detail) {
          problem.title = d.detail;
        }
        return [d.connectionId, SOURCE_NAMES[d.source] || d.source, d.failures, problem, timeElement(d.deadSince),
          redrive];
      });
      const holder = $('dead');
      holder.replaceChildren(el('p', null, dead.total + ' dead-lettered in total' + (dead.total > rows.length
        ? ', newest ' + rows.length + ' shown' : '') + '.'),
      table(['Connection', 'Source', 'Failures', 'Last error', 'Dead since', ''], rows));
    });
    renderWrites($('overview-writes'), overview.writes, true);
  }

  function formatSeconds(seconds) {
    if (seconds < 60) {
      return Math.round(seconds) + ' s';
    }
    if (seconds < 3600) {
      return Math.round(seconds / 60) + ' min';
    }
    return Math.round(seconds / 3600) + ' h';
  }

  async function redriveLetter(url, button) {
    button.disabled = true;
    try {
      await api(url, { method: 'POST' });
      showMessage('Put back in the queue, due now.', true);
    } catch (e) {
      const text = explain(e);
      if (text) {
        showMessage('Re-drive failed: ' + text);
      }
    }
    refresh();
  }

  function pickUser(userId) {
    sessionStorage.setItem(PICKED_USER, String(userId));
    $('user-id').value = String(userId);
    refresh();
  }

  // ---- the loop -------------------------------------------------------------------------------------------------

  async function refresh() {
    if (!apiKey()) {
      return;
    }
    try {
      if (!session) {
        session = await api('/v1/status');
        $('key-form').hidden = true;
        $('forget-key').hidden = false;
        $('who').textContent = session.scope === 'operator' ? 'Signed in with an operator key'
          : 'Signed in as user ' + session.userId;
      }
      let message = '';
      if (session.scope === 'operator') {
        const overview = await api('/v1/status/overview');
        skewMs = Date.now() - Date.parse(overview.generatedAt);
        renderOverview(overview);
      }
      const userId = session.scope === 'operator' ? sessionStorage.getItem(PICKED_USER) : session.userId;
      if (userId) {
        try {
          const returnTo = location.origin + location.pathname;
          const status = await api('/v1/users/' + encodeURIComponent(userId) + '/status?returnTo='
            + encodeURIComponent(returnTo));
          skewMs = Date.now() - Date.parse(status.generatedAt);
          renderUser(status);
        } catch (e) {
          if (e.status === 404 && session && session.scope === 'operator') {
            $('user').hidden = true;
            message = 'There is no user ' + userId + '.';
          } else {
            throw e;
          }
        }
      } else {
        $('user').hidden = true;
      }
      showMessage(message);
      $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      const text = explain(e);
      if (text) {
        showMessage(text);
      }
    }
    scheduleRefresh();
  }

  function scheduleRefresh() {
    stopRefresh();
    if (apiKey()) {
      timer = setTimeout(() => (document.hidden ? scheduleRefresh() : refresh()), REFRESH_MS);
    }
  }

  function stopRefresh() {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  }

  function reportReturnFromGoogle() {
    const query = new URLSearchParams(location.search);
    if (!query.has('error') && !query.has('connectionId')) {
      return;
    }
    if (query.has('error')) {
      showMessage('Reconnecting the account did not work (' + query.get('error') + '). Try again.');
    } else {
      showMessage('The account is connected again; syncing resumes shortly.', true);
    }
    history.replaceState(null, '', location.pathname + location.hash);
  }

  document.addEventListener('DOMContentLoaded', () => {
    takeKeyFromFragment();
    reportReturnFromGoogle();
    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const key = $('key-input').value.trim();
      if (key) {
        sessionStorage.setItem(KEY, key);
        $('key-input').value = '';
        session = null;
        showMessage('');
        refresh();
      }
    });
    $('user-picker').addEventListener('submit', (event) => {
      event.preventDefault();
      pickUser($('user-id').value);
    });
    $('forget-key').addEventListener('click', () => forgetKey(''));
    window.addEventListener('hashchange', () => {
      takeKeyFromFragment();
      session = null;
      refresh();
    });
    if (apiKey()) {
      const picked = sessionStorage.getItem(PICKED_USER);
      if (picked) {
        $('user-id').value = picked;
      }
      refresh();
    } else {
      showKeyForm();
      showMessage('No API key given: enter one below, or open this page as /status#key=YOUR_KEY.', true);
    }
  });
})();
