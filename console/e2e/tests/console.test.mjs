// The operations console in a real browser against the running system (issue 19, point 3): the console on
// CONSOLE_URL and the four services, as scripts/e2e.sh runs them. One scenario, in steps that build on each other;
// each step's name says what it shows. Run by scripts/console-e2e.sh (`make test` through scripts/e2e.sh).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { config } from '../lib/config.mjs';
import { until, sleep } from '../lib/wait.mjs';
import { call, login, newUser, createProduct, placeOrder, notificationsOf, orderHistory } from '../lib/api.mjs';
import { launch, newPage, byTestId, logIn, screenshot, centre, fetchInPage } from '../lib/browser.mjs';
import { orderCreatedBody, plantDeadLetter } from '../lib/amqp.mjs';
import { notificationsWithMessageId } from '../lib/db.mjs';

const SERVICES = ['user', 'catalog', 'ordering', 'notification', 'console'];
const STEP_MS = 120000;
// what the console's pages call; a few of its paths, and one it does not have (still closed to strangers)
const API_PATHS = ['/console/api/processors', '/console/api/dead-letters', '/console/api/health',
  '/console/api/no-such-thing'];

describe('operations console', { timeout: 15 * 60000 }, () => {
  let browser;
  let admin; // the admin's page, logged in by step 3
  const data = {}; // what the steps made: customer, product, order, planted message ids

  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('0. set-up through the services APIs: a customer, a product, an order and its notification', { timeout: STEP_MS }, async () => {
    const customer = await newUser();
    const product = await createProduct(customer.token, { name: `Console e2e lamp ${Date.now()}` });
    const order = await placeOrder(customer.token, product.id, 2);
    // the stock reservation answers (the order leaves pending) and the bridge's notification is recorded
    const settled = await until(`order ${order.id} confirmed or rejected`,
      async () => (await call(`${config.orderingUrl}/orders/${order.id}`, { token: customer.token })).body,
      (body) => body && body.status !== 'pending', { timeoutMs: 60000, intervalMs: 500 });
    await until(`the notification of order ${order.id}`,
      () => notificationsOf(customer.token), (list) => list.some((n) => n.order_id === order.id),
      { timeoutMs: 30000, intervalMs: 500 });
    Object.assign(data, { customer, product, order: { ...order, status: settled.status } });
    console.log(`customer ${customer.id} (${customer.username}), product ${product.id}, order ${order.id} (${settled.status})`);
  });

  it('1. without a session the pages lead to the login page and /console/api/** answers 401 problem+json', { timeout: STEP_MS }, async () => {
    for (const path of ['/console', '/console/processors', '/console/dead-letters', '/console/orders']) {
      const answer = await call(`${config.consoleUrl}${path}`);
      assert.ok([302, 303].includes(answer.status), `${path}: ${answer.status}`);
      assert.match(answer.headers.get('location') ?? '', /\/console\/login$/, `${path} redirects to the login page`);
    }
    for (const path of API_PATHS) {
      const answer = await call(`${config.consoleUrl}${path}`, { headers: { Accept: 'application/json' } });
      assert.equal(answer.status, 401, `GET ${path} without a session`);
      assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/, `${path} content type`);
    }
    // the same from a browser page that never logged in
    const page = await newPage(browser);
    try {
      await page.goto('/console/processors');
      assert.match(page.url(), /\/console\/login/);
      for (const path of API_PATHS) {
        assert.equal((await fetchInPage(page, path)).status, 401, `browser GET ${path} without a session`);
      }
    } finally {
      await page.context().close();
    }
  });

  it('2. a non-admin user cannot log in, and gets no session (the API answers 401, the pages the login page)', { timeout: STEP_MS }, async () => {
    const stranger = await newUser('console_e2e_user');
    // the console keeps sessions only: a bearer token, the user's or even the admin's, opens nothing
    const adminToken = await login(config.adminUsername, config.adminPassword);
    for (const token of [stranger.token, adminToken]) {
      const answer = await call(`${config.consoleUrl}/console/api/processors`, { token });
      assert.equal(answer.status, 401, 'a bearer token at /console/api/processors');
    }
    const page = await newPage(browser);
    try {
      const url = await logIn(page, stranger.username, stranger.password);
      assert.match(url, /\/console\/login/, 'stays on the login page');
      await page.waitForSelector(byTestId('login-error'), { state: 'visible' });
      assert.match(await page.textContent(byTestId('login-error')), /admin/i, 'says the console is for administrators');
      for (const path of API_PATHS) {
        const answer = await fetchInPage(page, path);
        assert.equal(answer.status, 401, `GET ${path} after the refused login (no session was opened)`);
        assert.match(answer.contentType ?? '', /application\/problem\+json/);
      }
      await page.goto('/console');
      assert.match(page.url(), /\/console\/login/, 'the overview leads back to the login page');
      // and a wrong password is refused the same way
      const wrong = await logIn(page, config.adminUsername, 'not-the-password');
      assert.match(wrong, /\/console\/login/);
      await page.waitForSelector(byTestId('login-error'), { state: 'visible' });
    } finally {
      await page.context().close();
    }
  });

  it('3. the admin logs in and lands on the overview', { timeout: STEP_MS }, async () => {
    admin = await newPage(browser);
    await admin.goto('/console/login');
    await admin.fill('input[name=username]', config.adminUsername);
    await screenshot(admin, 'login');
    const url = await logIn(admin, config.adminUsername, config.adminPassword);
    assert.match(url, /\/console\/?$/, `after the login: ${url}`);
    for (const nav of ['overview', 'processors', 'dead-letters', 'orders', 'products']) {
      await admin.waitForSelector(byTestId(`nav-${nav}`));
    }
    await admin.waitForSelector(byTestId('logout'));
    // the session cookie is HttpOnly and SameSite=Strict, and no token reaches the page
    const cookies = await admin.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'CONSOLE_SESSION') ?? cookies[0];
    assert.ok(session, 'a session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.doesNotMatch(await admin.content(), /eyJ[\w-]+\.eyJ[\w-]+\./, 'no JWT in the page');
  });

  it('4. the overview shows every service UP', { timeout: STEP_MS }, async () => {
    await admin.click(byTestId('nav-overview'));
    for (const service of SERVICES) {
      await until(`health-${service} UP`, () => admin.textContent(byTestId(`health-${service}`)),
        (text) => /\bUP\b/.test(text ?? ''), { timeout: 20000 });
    }
    await screenshot(admin, 'overview');
  });

  it('5. the processors page lists the services\' processors with their segments and positions', { timeout: STEP_MS }, async () => {
    await admin.click(byTestId('nav-processors'));
    await admin.waitForURL(/\/console\/processors/);
    for (const row of ['ordering-order-view', 'catalog-product-view', 'user-user-view']) {
      await admin.waitForSelector(byTestId(`processor-${row}`), { timeout: 20000 });
    }
    const rows = await admin.$$eval('[data-testid^="processor-"]', (elements) => elements.map((e) => e.dataset.testid));
    console.log(`processor rows: ${rows.join(', ')}`);
    // the bridge may never be replayed: its button says why
    const bridge = admin.locator(byTestId('replay-ordering-order-created-bridge'));
    if (await bridge.count()) {
      assert.equal(await bridge.isDisabled(), true, 'the order-created bridge cannot be replayed');
      assert.ok(((await bridge.getAttribute('title')) ?? '').length > 0, 'its title says why');
    }
  });

  it('6. a replay of ordering\'s order-view shows its progress bar reaching 100%', { timeout: STEP_MS }, async () => {
    const replay = byTestId('replay-ordering-order-view');
    const progress = byTestId('progress-ordering-order-view');
    await admin.waitForSelector(replay);
    assert.equal(await admin.isDisabled(replay), false, 'order-view can be replayed');
    let navigations = 0;
    const counted = () => navigations++;
    admin.on('framenavigated', counted);
    try {
      await admin.click(replay);
      await admin.waitForSelector(progress, { state: 'visible', timeout: 30000 });
      // the running screenshot once the bar has moved (a small event store is replayed before it does)
      const seen = await until('the replay\'s bar moving', () => admin.getAttribute(progress, 'data-progress'),
        (value) => Number(value) >= 10, { timeoutMs: 60000, intervalMs: 100 });
      await centre(admin, byTestId('processor-ordering-order-view'));
      await screenshot(admin, 'processors-replay-running');
      console.log(`replay screenshot taken at ${seen}%`);
      await until('the replay\'s bar at 100%', async () => ({
        value: await admin.getAttribute(progress, 'data-progress'),
        text: await admin.textContent(progress),
      }), ({ value, text }) => value === '100' && /100\s*%/.test(text), { timeoutMs: 90000, intervalMs: 300 });
      await centre(admin, byTestId('processor-ordering-order-view'));
      await screenshot(admin, 'processors-replay-done');
      assert.equal(navigations, 0, 'no reload during the replay');
    } finally {
      admin.off('framenavigated', counted);
    }
    // the service agrees: no longer replaying, at its head
    const token = await login(config.adminUsername, config.adminPassword);
    const status = await until('order-view replay finished on the service',
      async () => (await call(`${config.orderingUrl}/admin/processors/order-view`, { token })).body,
      (body) => body && body.replaying === false, { timeoutMs: 30000 });
    console.log(`order-view after the replay: position ${status.position}, head ${status.head}`);
    assert.match(await admin.textContent(byTestId('rate-ordering-order-view')), /\d|—/, 'its events/s');
    // the rebuilt read model still has the order of step 0, as it was
    if (data.order) {
      const order = (await call(`${config.orderingUrl}/orders/${data.order.id}`, { token: data.customer.token })).body;
      assert.equal(order?.status, data.order.status, `order ${data.order.id} after the replay`);
    }
  });

  /** Waits (no reload) for a planted message's row on the dead-letters page. */
  async function plantedRow(messageId) {
    const row = admin.locator(`${byTestId('dead-letter')}[data-message-id="${messageId}"]`);
    await row.waitFor({ state: 'visible', timeout: 15000 });
    return row;
  }

  it('7. a dead letter planted into order_notifications.dlq appears without a reload', { timeout: STEP_MS }, async () => {
    assert.ok(data.order, 'needs the order of step 0');
    await admin.click(byTestId('nav-dead-letters'));
    await admin.waitForURL(/\/console\/dead-letters/);
    await admin.waitForSelector(byTestId(`dlq-${config.notificationDlq}`));
    let navigations = 0;
    const counted = () => navigations++;
    admin.on('framenavigated', counted);
    try {
      data.retried = await plantDeadLetter(orderCreatedBody(data.order),
        { reason: 'planted by the browser tests: to be retried' });
      const row = await plantedRow(data.retried);
      assert.equal(navigations, 0, 'appeared without a reload');
      // (the body and headers may sit in collapsed <details>: their text counts, shown or not)
      const text = await row.textContent();
      assert.match(text, /to be retried/, 'shows the reason');
      assert.match(text, /order_notifications\b/, 'shows the original queue');
      assert.match(text, new RegExp(`"?order_id"?\\s*:\\s*${data.order.id}\\b`), 'shows the body');
      assert.match(await row.locator(byTestId('dead-letter-status')).innerText(), /dead/i);
      assert.match(await admin.textContent(byTestId(`dlq-count-${config.notificationDlq}`)), /\d/);
    } finally {
      admin.off('framenavigated', counted);
    }
    // the body unfolded for the screenshot, where the page folds it
    const body = admin.locator(`${byTestId('dead-letter')}[data-message-id="${data.retried}"] details`).first();
    if (await body.count()) await body.evaluate((details) => { details.open = true; });
    await screenshot(admin, 'dead-letters');
  });

  it('8. retrying it records its notification exactly once, and a second retry is refused', { timeout: STEP_MS }, async () => {
    assert.ok(data.retried, 'needs the dead letter of step 7');
    const row = await plantedRow(data.retried);
    const rowId = await row.getAttribute('data-id');
    assert.equal(await notificationsWithMessageId(data.retried), 0, 'no notification before the retry');
    await row.locator(byTestId('retry')).click();
    await until('the row marked retried', () => row.locator(byTestId('dead-letter-status')).innerText(),
      (text) => /retried/i.test(text), { timeoutMs: 15000 });
    await until(`the notification of message ${data.retried}`, () => notificationsWithMessageId(data.retried),
      (count) => count >= 1, { timeoutMs: 30000, intervalMs: 500 });
    // no second delivery comes later
    await sleep(3000);
    assert.equal(await notificationsWithMessageId(data.retried), 1, 'exactly one notification for the message id');
    const mine = (await notificationsOf(data.customer.token)).filter((n) => n.order_id === data.order.id);
    assert.equal(mine.length, 2, 'GET /notifications: the bridge\'s and the retried dead letter\'s, nothing more');
    // the page offers no second retry, and the API refuses one
    const again = row.locator(byTestId('retry'));
    assert.ok((await again.count()) === 0 || (await again.isDisabled()), 'no enabled retry button on a retried row');
    const answer = await fetchInPage(admin, `/console/api/dead-letters/${rowId}/retry`, { method: 'POST' });
    assert.equal(answer.status, 409, `a second retry: ${answer.text}`);
    assert.match(answer.contentType ?? '', /application\/problem\+json/);
    // a POST without the CSRF token is refused too
    const forged = await fetchInPage(admin, `/console/api/dead-letters/${rowId}/retry`, { method: 'POST', csrf: false });
    assert.equal(forged.status, 403, 'a POST without the CSRF token');
    await sleep(1000);
    assert.equal(await notificationsWithMessageId(data.retried), 1, 'still exactly one');
  });

  it('9. another planted dead letter is discarded with a reason and never delivered', { timeout: STEP_MS }, async () => {
    assert.ok(data.order, 'needs the order of step 0');
    data.discarded = await plantDeadLetter(orderCreatedBody(data.order),
      { reason: 'planted by the browser tests: to be discarded' });
    const row = await plantedRow(data.discarded);
    await row.locator(byTestId('discard')).click();
    const reason = `duplicate of an order already notified (${Date.now()})`;
    await admin.fill(byTestId('discard-reason'), reason);
    await admin.click(byTestId('discard-confirm'));
    await until('the row marked discarded', () => row.locator(byTestId('dead-letter-status')).innerText(),
      (text) => /discarded/i.test(text), { timeoutMs: 15000 });
    await until('the discard reason shown', () => row.innerText(), (text) => text.includes(reason), { timeoutMs: 5000 });
    const retry = row.locator(byTestId('retry'));
    assert.ok((await retry.count()) === 0 || (await retry.isDisabled()), 'a discarded row cannot be retried');
    await sleep(2000);
    assert.equal(await notificationsWithMessageId(data.discarded), 0, 'the discarded message was never delivered');
  });

  it('9b. a long dead letter shows its first 2 KB, and the whole body when asked for', { timeout: STEP_MS }, async () => {
    assert.ok(data.order, 'needs the order of step 0');
    const note = 'x'.repeat(6000);
    const long = await plantDeadLetter({ ...orderCreatedBody(data.order), note },
      { reason: 'planted by the browser tests: a long body' });
    const row = await plantedRow(long);
    const body = row.locator(byTestId('dead-letter-body'));
    const whole = row.locator(byTestId('dead-letter-whole-body'));
    assert.ok((await body.textContent()).length <= 2048, 'the list carries the first 2 KB only');
    assert.match(await whole.innerText(), /whole body \(\d{4,} bytes\)/);
    await whole.click();
    await until('the whole body shown', () => body.textContent(), (text) => text.includes(note), { timeoutMs: 10000 });
    assert.equal(JSON.parse(await body.textContent()).note, note, 'the whole body, as planted');
    // cleared away, so that it is neither delivered nor left waiting
    await row.locator(byTestId('discard')).click();
    await admin.fill(byTestId('discard-reason'), 'planted by the browser tests');
    await admin.click(byTestId('discard-confirm'));
    await until('the long one discarded', () => row.locator(byTestId('dead-letter-status')).innerText(),
      (text) => /discarded/i.test(text), { timeoutMs: 15000 });
  });

  it('9c. "Retry all" sends every dead letter of the queue back, each exactly once', { timeout: STEP_MS }, async () => {
    assert.ok(data.order, 'needs the order of step 0');
    const planted = [];
    for (const n of [1, 2]) {
      planted.push(await plantDeadLetter(orderCreatedBody(data.order), { reason: `planted by the browser tests: retry all ${n}` }));
    }
    const rows = [];
    for (const id of planted) rows.push(await plantedRow(id));
    await admin.click(byTestId(`retry-all-${config.notificationDlq}`));
    for (const row of rows) {
      await until('a row of the retried queue marked retried', () => row.locator(byTestId('dead-letter-status')).innerText(),
        (text) => /retried/i.test(text), { timeoutMs: 30000 });
    }
    for (const id of planted) {
      await until(`the notification of message ${id}`, () => notificationsWithMessageId(id),
        (count) => count >= 1, { timeoutMs: 30000, intervalMs: 500 });
    }
    await sleep(2000);
    for (const id of planted) assert.equal(await notificationsWithMessageId(id), 1, `exactly one notification for ${id}`);
    assert.equal(await notificationsWithMessageId(data.retried), 1, 'the letter retried in step 8 is not sent again');
  });

  it('10. an order is found by id and by customer; its page shows the history with trace links', { timeout: STEP_MS }, async () => {
    assert.ok(data.order, 'needs the order of step 0');
    const orderRow = `${byTestId('order-row')}[data-order-id="${data.order.id}"]`;
    await admin.click(byTestId('nav-orders'));
    await admin.waitForURL(/\/console\/orders/);
    await admin.fill(byTestId('order-search-id'), String(data.order.id));
    await Promise.all([admin.waitForLoadState('load'), admin.click(byTestId('order-search-submit'))]);
    // an id finds one order: its row, or (as the console does) its page at once
    const orderPage = new RegExp(`/console/orders/${data.order.id}$`);
    await until('the order found by its id', async () => orderPage.test(admin.url())
      || (await admin.locator(orderRow).count()) === 1, Boolean, { timeoutMs: 10000 });
    if (orderPage.test(admin.url())) {
      assert.equal(await admin.textContent(byTestId('order-status')) !== null, true, 'the order\'s page');
      await admin.click(byTestId('nav-orders'));
      await admin.waitForURL(/\/console\/orders$/);
    }

    await admin.fill(byTestId('order-search-id'), '');
    await admin.fill(byTestId('order-search-customer'), String(data.customer.id));
    await admin.click(byTestId('order-search-submit'));
    await admin.waitForSelector(orderRow);

    await Promise.all([admin.waitForURL(new RegExp(`/console/orders/${data.order.id}$`)),
      admin.locator(orderRow).locator('a').first().click()]);
    await until('the order\'s status', () => admin.textContent(byTestId('order-status')),
      (text) => (text ?? '').toLowerCase().includes(data.order.status), { timeoutMs: 10000 });
    const history = await orderHistory(await login(config.adminUsername, config.adminPassword), data.order.id);
    await until('the history entries', () => admin.locator(byTestId('history-entry')).count(),
      (count) => count === history.length, { timeoutMs: 10000 });
    const entries = await admin.locator(byTestId('history-entry')).allInnerTexts();
    assert.match(entries[0], /OrderPlaced|order.placed|placed/i, 'the first entry is the placing');
    const traced = history.filter((entry) => entry.trace_id);
    const links = await admin.locator(byTestId('trace-link')).evaluateAll((anchors) => anchors.map((a) => a.href));
    assert.equal(links.length, traced.length, 'a trace link for each traced entry');
    for (const entry of traced) {
      assert.ok(links.includes(`${config.jaegerUiUrl}/trace/${entry.trace_id}`), `the link to trace ${entry.trace_id}`);
    }
    console.log(`order ${data.order.id}: ${history.length} history entries, ${traced.length} traced`);
    await screenshot(admin, 'order');
  });

  it('11. a product\'s page lists its stock events', { timeout: STEP_MS }, async () => {
    assert.ok(data.product, 'needs the product of step 0');
    await admin.click(byTestId('nav-products'));
    await admin.waitForURL(/\/console\/products/);
    await admin.fill(byTestId('product-search-id'), String(data.product.id));
    await Promise.all([admin.waitForURL(new RegExp(`/console/products/${data.product.id}$`)),
      admin.click(byTestId('product-search-submit'))]);
    await admin.waitForSelector(byTestId('product-event'));
    const events = await admin.locator(byTestId('product-event')).allInnerTexts();
    assert.match(events.join('\n'), /ProductCreated|product.created/i, 'its creation');
    if (data.order.status === 'confirmed') {
      assert.match(events.join('\n'), /StockReserved|stock.reserved/i, 'the stock the order reserved');
    }
    await screenshot(admin, 'product-events');
    // its facts are catalog's: the stock left is what GET /products/{id} says
    const product = (await call(`${config.catalogUrl}/products/${data.product.id}`)).body;
    assert.equal((await admin.textContent(byTestId('product-name')))?.trim(), product.name);
    assert.equal((await admin.textContent(byTestId('product-stock')))?.trim(), String(product.quantity),
      'the stock shown');
    console.log(`product ${data.product.id}: ${events.length} events`);
  });

  it('12. logging out ends the session', { timeout: STEP_MS }, async () => {
    await Promise.all([admin.waitForURL(/\/console\/login/), admin.click(byTestId('logout'))]);
    assert.equal((await fetchInPage(admin, '/console/api/processors')).status, 401, 'the API after the logout');
    await admin.goto('/console');
    assert.match(admin.url(), /\/console\/login/);
    await admin.context().close();
  });
});
