// The console's pages: fetch + polling, no framework, no build step. Served from 'self' under a strict CSP (no
// inline script or style): every element is made with the DOM API and text is set as text, never as HTML.
'use strict';

(function () {
  const meta = (name) => (document.querySelector('meta[name="' + name + '"]') || {}).content;
  const csrfHeader = meta('_csrf_header');
  const csrfToken = meta('_csrf');

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) return;
      if (name === 'class') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    });
    children.flat().forEach((child) => {
      if (child === null || child === undefined) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  // An action's result stays until the next action: a poll clears only what a poll said. A page with a
  // refresh-error element shows the polls' failures there, apart from the actions' results.
  let noticeFromPoll = false;

  function show(box, text) {
    if (!box) return;
    box.textContent = text || '';
    box.hidden = !text;
  }

  function notice(text) {
    noticeFromPoll = false;
    show(document.querySelector('[data-testid=notice]'), text);
  }

  function refreshNotice(text) {
    const own = document.querySelector('[data-testid=refresh-error]');
    if (own) { show(own, text); return; }
    if (!text && !noticeFromPoll) return;
    show(document.querySelector('[data-testid=notice]'), text);
    noticeFromPoll = Boolean(text);
  }

  async function call(method, url, body) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (method !== 'GET' && csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      window.location.assign('/console/login?expired');
      throw new Error('session ended');
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (notJson) { data = null; }
    if (!response.ok) {
      const detail = data && data.detail ? data.detail : 'HTTP ' + response.status;
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  /** Polls now and every `millis`, one request at a time; a failure is shown and the polling goes on. */
  function poll(millis, task) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await task();
        refreshNotice('');
      } catch (error) {
        if (error.message !== 'session ended') refreshNotice('Refresh failed: ' + error.message);
      }
      finally { running = false; }
    };
    tick();
    return window.setInterval(tick, millis);
  }

  /** The child of `parent` keyed `key`, made by `make` the first time: kept across refreshes (focus, typing). */
  function keyed(parent, key, make) {
    let node = Array.from(parent.children).find((child) => child.dataset.key === key);
    if (!node) {
      node = make();
      node.dataset.key = key;
      parent.append(node);
    }
    return node;
  }

  function setText(node, text) {
    const value = text === null || text === undefined ? '' : String(text);
    if (node.textContent !== value) node.textContent = value;
  }

  function age(iso) {
    if (!iso) return '';
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (seconds < 90) return seconds + ' s ago';
    if (seconds < 5400) return Math.round(seconds / 60) + ' min ago';
    if (seconds < 129600) return Math.round(seconds / 3600) + ' h ago';
    return Math.round(seconds / 86400) + ' days ago';
  }

  // ---- overview: health of every service and dependency
  function overview() {
    const root = document.getElementById('health');
    poll(5000, async () => {
      const services = await call('GET', '/console/api/health');
      root.replaceChildren(...services.map((service) => el('section', {
        class: 'card ' + (service.up ? 'up' : 'down'), 'data-testid': 'health-' + service.service,
      },
      el('h2', {}, service.service, ' ', el('span', { class: 'state', 'data-testid': 'health-status-' + service.service },
        service.up ? 'UP' : 'DOWN')),
      el('ul', {}, service.instances.map((instance) => el('li', { class: instance.up ? 'up' : 'down' },
        el('code', {}, instance.url), ' ', instance.up ? 'UP' : 'DOWN', ' (', instance.status, ')',
        Object.entries(instance.dependencies || {}).map(([name, state]) => el('span', { class: 'dependency' }, ' ' + name + ': ' + state)),
        instance.error ? el('div', { class: 'error' }, instance.error) : null))))));
    });
  }

  // ---- processors: every instance, segments, lag, replay with live progress
  const watchedReplays = new Set();

  function processors() {
    const root = document.getElementById('processors');
    root.replaceChildren();
    poll(2000, async () => {
      const services = await call('GET', '/console/api/processors');
      services.forEach((service) => renderService(root, service));
    });
  }

  function renderService(root, service) {
    const section = keyed(root, service.service, () => el('section', { class: 'service', 'data-testid': 'service-' + service.service },
      el('h2', {}, service.service), el('ul', { class: 'instances' }), el('p', { class: 'note' }),
      el('table', { class: 'processors' }, el('thead', {}, el('tr', {},
        ['Processor', 'Instances', 'Segments (holder)', 'Position', 'Head', 'Lag', 'Events/s', 'Errors', 'Replay'].map((h) => el('th', {}, h)))),
      el('tbody'))));
    section.querySelector('.instances').replaceChildren(...service.instances.map((instance) => el('li', {
      class: instance.up ? 'up' : 'down', 'data-testid': 'instance-' + service.service,
    }, el('code', {}, instance.url), ' ', instance.up ? 'UP' : 'DOWN' + (instance.error ? ': ' + instance.error : ''))));
    const note = section.querySelector('.note');
    setText(note, service.note);
    note.hidden = !service.note;
    const table = section.querySelector('table');
    table.hidden = service.processors.length === 0;
    const body = table.querySelector('tbody');
    service.processors.forEach((processor) => renderProcessor(body, service.service, processor));
    Array.from(body.children).forEach((row) => {
      if (!service.processors.some((p) => p.name === row.dataset.key)) row.remove();
    });
  }

  function renderProcessor(body, service, processor) {
    const key = service + '-' + processor.name;
    const row = keyed(body, processor.name, () => {
      const button = el('button', { type: 'button', class: 'replay', 'data-testid': 'replay-' + key }, 'Replay');
      button.addEventListener('click', () => replay(service, processor.name, button));
      const bar = el('div', { class: 'progress', 'data-testid': 'progress-' + key, role: 'progressbar', hidden: true },
        el('div', { class: 'fill' }), el('span', { class: 'percent' }));
      return el('tr', { 'data-testid': 'processor-' + key },
        el('td', { class: 'name' }, processor.name), el('td', { class: 'on' }), el('td', { class: 'segments' }),
        el('td', { class: 'position' }), el('td', { class: 'head' }), el('td', { class: 'lag' }),
        el('td', { class: 'rate', 'data-testid': 'rate-' + key }), el('td', { class: 'errors' }),
        el('td', { class: 'actions' }, button, bar));
    });
    setText(row.querySelector('.on'), processor.instances.map((i) =>
      i.url + (i.running ? ' running' : ' stopped') + (i.replaying ? ', replaying' : '')).join('; '));
    setText(row.querySelector('.segments'), processor.segments.map((s) =>
      '#' + s.segment + ': ' + (s.owner || 'unclaimed') + (s.claimed_by ? ' @ ' + s.claimed_by : '')
      + (s.position === null || s.position === undefined ? '' : ' pos ' + s.position)
      + (s.replaying ? ' (replaying)' : '')).join('\n'));
    setText(row.querySelector('.position'), processor.position ?? '—');
    setText(row.querySelector('.head'), processor.head ?? '—');
    setText(row.querySelector('.lag'), processor.lag ?? '—');
    setText(row.querySelector('.rate'), processor.events_per_second === null || processor.events_per_second === undefined
      ? '— events/s' : processor.events_per_second + ' events/s');
    const errors = row.querySelector('.errors');
    setText(errors, processor.errors.length ? processor.errors.join('\n') : 'none');
    errors.classList.toggle('error', processor.errors.length > 0);
    const button = row.querySelector('button.replay');
    if (!processor.replayable) {
      // the reason on the disabled button itself: its title and its text
      button.disabled = true;
      button.title = processor.not_replayable_because;
      setText(button, 'Not replayable: ' + processor.not_replayable_because);
      button.classList.add('never');
    } else {
      button.disabled = processor.replaying || button.dataset.busy === 'true';
      button.title = processor.replaying ? 'A replay is running' : 'Rebuild the read model from the first event';
      setText(button, processor.replaying ? 'Replaying…' : 'Replay');
    }
    const bar = row.querySelector('.progress');
    let percent = null;
    if (processor.replaying) {
      watchedReplays.add(key);
      percent = processor.progress_percent ?? 0;
    } else if (watchedReplays.has(key)) {
      percent = 100;
    }
    if (percent !== null) {
      bar.hidden = false;
      bar.dataset.progress = String(percent);
      bar.setAttribute('aria-valuenow', String(percent));
      // CSSOM, which the CSP allows (an inline style attribute it would not)
      bar.querySelector('.fill').style.width = percent + '%';
      setText(bar.querySelector('.percent'), percent + '%');
    }
  }

  async function replay(service, name, button) {
    button.disabled = true;
    button.dataset.busy = 'true';
    notice('Starting the replay of ' + service + ' ' + name + '…');
    try {
      await call('POST', '/console/api/processors/' + encodeURIComponent(service) + '/' + encodeURIComponent(name) + '/replay');
      watchedReplays.add(service + '-' + name);
      notice('Replay of ' + service + ' ' + name + ' started');
    } catch (error) {
      notice('Replay of ' + service + ' ' + name + ' refused: ' + error.message);
    } finally {
      button.dataset.busy = 'false';
    }
  }

  // ---- dead letters: drained queues, retry, discard with a reason, live (the page's hint says every 1.5 s)
  function deadLetters() {
    const root = document.getElementById('dead-letters');
    root.replaceChildren();
    poll(1500, async () => {
      const data = await call('GET', '/console/api/dead-letters');
      data.queues.forEach((queue) => renderQueue(root, queue));
      Array.from(root.children).forEach((section) => {
        if (!data.queues.some((queue) => queue.queue === section.dataset.key)) section.remove();
      });
    });
  }

  function retriedAll(queue, outcome) {
    return outcome.retried + ' of ' + queue + ' retried'
      + (outcome.failed ? ', ' + outcome.failed + ' failed' : '')
      + (outcome.left ? ', ' + outcome.left + ' more left' : '')
      + (outcome.stopped ? '; stopped' : '')
      + (outcome.first_failure ? ' (first failure: ' + outcome.first_failure + ')' : '');
  }

  function renderQueue(root, queue) {
    const section = keyed(root, queue.queue, () => {
      const retryAll = el('button', { type: 'button', 'data-testid': 'retry-all-' + queue.queue }, 'Retry all');
      retryAll.addEventListener('click', () => act(retryAll, 'POST',
        '/console/api/dead-letter-queues/' + encodeURIComponent(queue.queue) + '/retry-all', undefined,
        (outcome) => retriedAll(queue.queue, outcome)));
      return el('section', { class: 'queue', 'data-testid': 'dlq-' + queue.queue },
        el('h2', {}, el('code', {}, queue.queue), ' ', el('span', { class: 'count', 'data-testid': 'dlq-count-' + queue.queue }), ' dead ', retryAll),
        el('ol', { class: 'letters' }));
    });
    setText(section.querySelector('.count'), queue.count);
    const retryAll = section.querySelector('[data-testid^=retry-all]');
    if (retryAll.dataset.busy !== 'true') retryAll.disabled = queue.count === 0;
    const list = section.querySelector('.letters');
    // the answer holds the newest messages only: one no longer in it leaves the page
    const shown = new Set(queue.messages.map((message) => String(message.id)));
    Array.from(list.children).forEach((item) => { if (!shown.has(item.dataset.key)) item.remove(); });
    // newest first: a new message goes before the ones already shown
    queue.messages.slice().reverse().forEach((message) => {
      const key = String(message.id);
      let item = Array.from(list.children).find((child) => child.dataset.key === key);
      if (!item) {
        item = letter(message);
        item.dataset.key = key;
        list.prepend(item);
      }
      updateLetter(item, message);
    });
  }

  function letter(message) {
    const name = message.message_id || message.id;
    const retry = el('button', { type: 'button', 'data-testid': 'retry' }, 'Retry');
    const discard = el('button', { type: 'button', 'data-testid': 'discard' }, 'Discard');
    const reason = el('input', { type: 'text', 'data-testid': 'discard-reason', placeholder: 'why (kept with it)', maxlength: 1000 });
    const confirm = el('button', { type: 'button', 'data-testid': 'discard-confirm' }, 'Discard it');
    const ask = el('span', { class: 'ask', hidden: true }, reason, confirm);
    const body = el('pre', { 'data-testid': 'dead-letter-body' }, message.body);
    // a long body comes cut to its first 2 KB: the whole one is fetched when asked for
    const whole = el('button', { type: 'button', class: 'whole', 'data-testid': 'dead-letter-whole-body', hidden: !message.body_truncated },
      'Show the whole body (' + message.body_size + ' bytes)');
    const item = el('li', { class: 'letter', 'data-testid': 'dead-letter', 'data-message-id': message.message_id, 'data-id': message.id },
      el('div', { class: 'meta' },
        el('span', { class: 'status', 'data-testid': 'dead-letter-status' }),
        ' message ', el('code', {}, message.message_id),
        ' from ', el('code', { 'data-testid': 'original-queue' }, message.original_queue || '?'),
        ' ', el('span', { class: 'age', 'data-testid': 'dead-letter-age' })),
      el('div', { class: 'reason', 'data-testid': 'dead-letter-reason' }, 'Reason: ' + (message.reason || 'unknown')),
      el('details', { open: true }, el('summary', {}, 'Body'), body, whole),
      el('details', { open: true }, el('summary', {}, 'Headers'), el('pre', { 'data-testid': 'dead-letter-headers' },
        JSON.stringify(message.headers, null, 2))),
      el('div', { class: 'acted', 'data-testid': 'dead-letter-acted' }),
      el('div', { class: 'buttons' }, retry, discard, ask));
    whole.addEventListener('click', async () => {
      whole.disabled = true;
      try {
        const full = await call('GET', '/console/api/dead-letters/' + message.id);
        setText(body, full.body);
        whole.remove();
      } catch (error) {
        notice('The whole body of message ' + name + ' could not be read: ' + error.message);
        whole.disabled = false;
      }
    });
    retry.addEventListener('click', () => {
      // one whose last retry was not confirmed may have been delivered: sent again only when the operator says so
      const unconfirmed = item.dataset.status === 'unconfirmed';
      if (unconfirmed && !window.confirm('Message ' + name + ' may have been delivered already. '
        + 'Retry it anyway (its consumer ignores a message id it has handled)?')) return;
      act(retry, 'POST', '/console/api/dead-letters/' + message.id + '/retry' + (unconfirmed ? '?unconfirmed=true' : ''),
        undefined, () => 'Message ' + name + ' sent back to ' + message.original_queue);
    });
    discard.addEventListener('click', () => { ask.hidden = false; reason.focus(); });
    confirm.addEventListener('click', () => {
      if (!reason.value.trim()) { notice('Say why it is discarded'); reason.focus(); return; }
      act(confirm, 'POST', '/console/api/dead-letters/' + message.id + '/discard', { reason: reason.value.trim() },
        () => { ask.hidden = true; return 'Message ' + name + ' discarded'; });
    });
    return item;
  }

  function updateLetter(item, message) {
    const status = message.status;
    setText(item.querySelector('.status'), status === 'retrying' ? 'retrying since ' + age(message.acted_at) : status);
    item.dataset.status = status;
    setText(item.querySelector('.age'), 'dead-lettered ' + age(message.dead_lettered_at || message.received_at));
    const open = status === 'dead' || status === 'unconfirmed';
    item.querySelectorAll('.buttons button').forEach((button) => { if (button.dataset.busy !== 'true') button.disabled = !open; });
    if (!open) item.querySelector('.ask').hidden = true;
    const retry = item.querySelector('[data-testid=retry]');
    setText(retry, status === 'unconfirmed' ? 'Retry anyway' : 'Retry');
    retry.title = status === 'unconfirmed' ? message.retry_detail || '' : '';
    let acted;
    if (status === 'dead') acted = message.retry_detail ? 'Last retry failed: ' + message.retry_detail : '';
    else if (status === 'retrying') acted = 'being retried by ' + message.acted_by;
    else if (status === 'unconfirmed') acted = 'retried by ' + message.acted_by + ' ' + age(message.acted_at) + ', not confirmed: '
      + (message.retry_detail || 'it may have been delivered; check before retrying');
    else acted = status + ' by ' + message.acted_by + ' ' + age(message.acted_at) + (message.discard_reason ? ': ' + message.discard_reason : '');
    setText(item.querySelector('.acted'), acted);
  }

  async function act(button, method, url, body, said) {
    button.disabled = true;
    button.dataset.busy = 'true';
    try {
      const answer = await call(method, url, body);
      notice(said(answer));
    } catch (error) {
      notice('Refused: ' + error.message);
    } finally {
      button.dataset.busy = 'false';
    }
  }

  const pages = { overview, processors, 'dead-letters': deadLetters };
  document.addEventListener('DOMContentLoaded', () => {
    const page = pages[document.body.dataset.page];
    if (page) page();
  });
})();
