// The live inbox: the page of GET /messages, then Socket.IO pushes; a form that
// sends through client-a and follows each message's status. No build step.
(() => {
  const params = new URLSearchParams(location.search);
  // client-a's address: ?sender=<url>, else the same host on port 3000.
  const sender = params.get('sender') || `${location.protocol}//${location.hostname}:3000`;
  const inbox = document.getElementById('inbox');
  const sent = document.getElementById('sent');
  const connection = document.getElementById('connection');
  const shown = new Set();
  const FINAL = ['delivered', 'ignored', 'dead-lettered'];

  // A private inbox (INBOX_TOKEN, always in production) is opened once as /#token=<it>: a URL's
  // fragment never leaves the browser (no request line, no access log, no Referer). The page
  // keeps the token for this tab only and takes it out of the address bar, so it is neither
  // bookmarked nor shared with the URL. It travels as a bearer header and in Socket.IO's auth.
  const TOKEN_KEY = 'client-b.inbox-token';
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('token')) {
    sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  const authHeaders = token ? { authorization: `Bearer ${token}` } : {};
  const DENIED = 'This inbox needs its token: open the page as /#token=<INBOX_TOKEN>';

  function show(message, atTop) {
    if (shown.has(message.messageId)) return; // a message is shown once, however it arrives
    shown.add(message.messageId);
    const item = document.createElement('li');
    item.dataset.messageId = message.messageId;
    const text = document.createElement('div');
    text.textContent = message.message;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `from ${message.from} · ${new Date(message.receivedAt).toLocaleTimeString()}`;
    item.append(text, meta);
    if (atTop) inbox.prepend(item);
    else inbox.append(item);
  }

  async function loadPage() {
    const response = await fetch('/messages?limit=50', { headers: authHeaders });
    if (response.status === 401 || response.status === 403) return setConnection('denied', DENIED);
    const page = await response.json();
    page.messages.forEach((message) => show(message, false));
  }

  function setConnection(state, label) {
    connection.dataset.state = state;
    connection.textContent = label;
  }

  const socket = io('/inbox', { transports: ['websocket'], auth: token ? { token } : {} });
  // Refused at the handshake, Socket.IO does not try again by itself: without the right token
  // that is final; when the instance is full, the page tries again when it was told to.
  socket.on('connect_error', (error) => {
    const code = error.data && error.data.code;
    if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN') return setConnection('denied', DENIED);
    if (code !== 'UNAVAILABLE') return;
    const seconds = Number(error.data.retryAfterSeconds) || 5;
    setConnection('offline', `The inbox is busy: trying again in ${seconds} s`);
    setTimeout(() => socket.connect(), seconds * 1000);
  });
  socket.on('connect', () => {
    setConnection('live', 'Live');
    loadPage().catch(() => setConnection('offline', 'Could not load the inbox'));
  });
  socket.on('disconnect', () => setConnection('offline', 'Reconnecting…'));
  socket.on('message', (message) => show(message, true));

  function trackSent(messageId, text, status) {
    const item = document.createElement('li');
    item.dataset.messageId = messageId;
    const body = document.createElement('span');
    body.textContent = `${text} — `;
    const state = document.createElement('span');
    state.className = 'status';
    state.textContent = status;
    item.append(body, state);
    sent.prepend(item);
    return state;
  }

  // The status as client-a records it: sent once Kafka has it, then client-b's receipt.
  async function follow(messageId, state) {
    for (let attempt = 0; attempt < 120 && !FINAL.includes(state.textContent); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const response = await fetch(`${sender}/messages/${messageId}`);
      if (response.ok) state.textContent = (await response.json()).status;
    }
  }

  document.getElementById('send-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const error = document.getElementById('send-error');
    error.textContent = '';
    const body = { from: form.from.value, to: form.to.value, message: form.message.value };
    const state = trackSent('', body.message, 'pending');
    try {
      const response = await fetch(`${sender}/send-message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (!answer.messageId) throw new Error(answer.message || `HTTP ${response.status}`);
      state.parentElement.dataset.messageId = answer.messageId;
      state.textContent = answer.status;
      form.message.value = '';
      form.message.focus();
      void follow(answer.messageId, state);
    } catch (failure) {
      state.parentElement.remove();
      error.textContent = `Not sent: ${failure.message}`;
    }
  });
})();
