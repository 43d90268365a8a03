// The operator page: dead letters with a replay button, the consumer's lag, fault injection and
// recent failures, all from client-b's admin API. No build step. Every value from the API is
// shown with textContent: a dead letter's payload is whatever someone wrote to the topic.
(() => {
  const TOKEN_KEY = 'client-b.admin-token';
  const REFRESH_MS = 3000;
  const PAGE_SIZE = 50;
  const $ = (id) => document.getElementById(id);
  const state = $('admin-state');
  let token = sessionStorage.getItem(TOKEN_KEY);
  let errorClass = '';
  let cursors = [null]; // the cursor of each page visited; the last is the page shown
  let nextCursor = null;
  let timer;

  function setState(kind, text) {
    state.dataset.state = kind;
    state.textContent = text;
  }

  class Refused extends Error {}

  // One call to the admin API; a refused or missing token stops the refreshing and says why.
  async function api(path, init = {}) {
    const headers = { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) };
    const response = await fetch(path, { ...init, headers });
    const body = await response.json().catch(() => ({}));
    if (response.status === 401 || response.status === 403) {
      sessionStorage.removeItem(TOKEN_KEY);
      token = null;
      setState('refused', 'The admin token was refused: enter ADMIN_TOKEN again.');
      throw new Refused(body.message);
    }
    if (response.status === 503 && /ADMIN_TOKEN/.test(body.message ?? '')) {
      setState('off', body.message);
      throw new Refused(body.message);
    }
    if (!response.ok) throw new Error(body.message || `HTTP ${response.status}`);
    return body;
  }

  const cell = (text) => {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '—' : String(text);
    return td;
  };

  function stateOf(entry) {
    if (entry.storedAt) return ['delivered', 'delivered'];
    if (entry.replayedAt) return ['replayed', 'replayed'];
    return ['dead-letter', 'dead letter'];
  }

  function textOf(payload) {
    if (payload && typeof payload === 'object' && typeof payload.message === 'string') return payload.message;
    return typeof payload === 'string' ? payload : JSON.stringify(payload);
  }

  function deadLetterRow(entry) {
    const row = document.createElement('tr');
    const [kind, label] = stateOf(entry);
    row.dataset.position = entry.position;
    row.dataset.messageId = entry.messageId ?? '';
    row.dataset.state = kind;
    const error = cell(entry.errorClass);
    error.title = entry.errorMessage ?? '';
    const stateCell = cell(label);
    stateCell.className = 'state';
    const action = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Replay';
    button.setAttribute('aria-label', `Replay dead letter ${entry.position}`);
    button.disabled = kind !== 'dead-letter' || entry.payload === null;
    button.addEventListener('click', () => replay(entry, button, stateCell));
    action.append(button);
    row.append(
      cell(entry.position),
      cell(entry.deadLetteredAt === null ? '?' : new Date(entry.deadLetteredAt).toLocaleString()),
      error,
      cell(entry.retries),
      cell(textOf(entry.payload)),
      stateCell,
      action,
    );
    return row;
  }

  async function replay(entry, button, stateCell) {
    button.disabled = true;
    try {
      const outcome = await api('/dead-letters/replay', {
        method: 'POST',
        body: JSON.stringify({ partition: entry.partition, offset: entry.offset }),
      });
      stateCell.textContent =
        outcome.replayed === 1 ? 'replayed' : outcome.alreadyReplayed === 1 ? 'already replayed' : 'not found';
      stateCell.parentElement.dataset.state = 'replayed';
    } catch (failure) {
      if (!(failure instanceof Refused)) stateCell.textContent = `replay failed: ${failure.message}`;
      button.disabled = false;
    }
  }

  async function loadDeadLetters() {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (errorClass) query.set('errorClass', errorClass);
    const cursor = cursors[cursors.length - 1];
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/dead-letters?${query}`);
    $('dead-letters').replaceChildren(...page.deadLetters.map(deadLetterRow));
    $('dead-letters-empty').hidden = page.deadLetters.length > 0;
    nextCursor = page.nextCursor;
    $('next-page').disabled = nextCursor === null;
    $('previous-page').disabled = cursors.length === 1;
  }

  async function loadConsumer() {
    const consumer = await api('/admin/consumer');
    $('group-id').textContent = consumer.groupId;
    $('total-lag').textContent = String(consumer.lag);
    $('held-retries').textContent = String(consumer.heldRetryRecords);
    const rows = consumer.topics.flatMap(({ topic, partitions }) =>
      partitions.map(({ partition, committed, end, lag }) => {
        const row = document.createElement('tr');
        row.append(cell(topic), cell(partition), cell(committed), cell(end), cell(lag));
        return row;
      }),
    );
    $('lag').replaceChildren(...rows);
    const { replayed, alreadyReplayed, notFound, notReplayable } = consumer.replays;
    $('replays').textContent =
      `Replays asked of this instance: ${replayed} replayed, ${alreadyReplayed} already replayed, ${notFound} not found, ${notReplayable} not replayable.`;
  }

  async function loadFaults() {
    const { match } = await api('/admin/fault-injection');
    $('fault-current').textContent = match === null ? 'off' : `"${match}"`;
  }

  async function loadFailures() {
    const { failures } = await api('/admin/failures?limit=20');
    $('failures').replaceChildren(
      ...failures.map((failure) => {
        const item = document.createElement('li');
        const where =
          failure.outcome === 'retry' ? `retry #${failure.retries}` : `dead letter after ${failure.retries} retries`;
        item.textContent = `${new Date(failure.at).toLocaleTimeString()} · ${failure.messageId ?? failure.record} · ${failure.errorClass}: ${failure.errorMessage} → ${where}`;
        return item;
      }),
    );
  }

  async function refresh() {
    clearTimeout(timer);
    if (!token) return;
    try {
      await Promise.all([loadDeadLetters(), loadConsumer(), loadFaults(), loadFailures()]);
      setState('ready', `Up to date at ${new Date().toLocaleTimeString()}.`);
    } catch (failure) {
      if (failure instanceof Refused) return;
      setState('error', `Could not refresh: ${failure.message}`);
    }
    timer = setTimeout(() => void refresh(), REFRESH_MS);
  }

  async function setFault(match) {
    try {
      await api('/admin/fault-injection', { method: 'PUT', body: JSON.stringify({ match }) });
      await refresh();
    } catch (failure) {
      if (!(failure instanceof Refused)) setState('error', `Could not change fault injection: ${failure.message}`);
    }
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = $('admin-token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, token);
    $('admin-token').value = '';
    setState('ready', 'Loading…');
    void refresh();
  });
  $('filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    errorClass = $('error-class').value.trim();
    cursors = [null];
    void refresh();
  });
  $('next-page').addEventListener('click', () => {
    cursors.push(nextCursor);
    void refresh();
  });
  $('previous-page').addEventListener('click', () => {
    cursors.pop();
    void refresh();
  });
  $('fault-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const match = $('fault-match').value;
    if (match) void setFault(match);
  });
  $('fault-off').addEventListener('click', () => void setFault(null));
  // A hidden tab does not poll; it catches up when it is shown again.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
    else clearTimeout(timer);
  });

  if (token) void refresh();
})();
