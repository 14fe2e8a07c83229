// The services' own HTTP APIs, to set up data (a user, a product, an order) and to check effects.
import { randomBytes } from 'node:crypto';
import { config } from './config.mjs';

const TIMEOUT_MS = 10000;

/** fetch with a bound; answers {status, headers, body (parsed JSON when JSON), text}. */
export async function call(url, { method = 'GET', token, json, form, headers = {}, redirect = 'manual' } = {}) {
  const init = { method, redirect, headers: { ...headers }, signal: AbortSignal.timeout(TIMEOUT_MS) };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = new URLSearchParams(form);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let body;
  if (/json/.test(response.headers.get('content-type') ?? '')) {
    try { body = JSON.parse(text); } catch { body = undefined; }
  }
  return { status: response.status, headers: response.headers, body, text };
}

function expectStatus(answer, expected, what) {
  if (answer.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  return answer.body;
}

export async function login(username, password) {
  const answer = await call(`${config.userUrl}/login`, { method: 'POST', form: { username, password } });
  return expectStatus(answer, 200, `login of ${username}`).access_token;
}

/** A fresh (non-admin) user: {id, username, password, token}. */
export async function newUser(prefix = 'console_e2e') {
  const username = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const password = `Pw-${randomBytes(9).toString('base64url')}1!`;
  const registered = expectStatus(await call(`${config.userUrl}/register`,
    { method: 'POST', json: { username, password } }), 201, `register ${username}`);
  return { id: registered.id, username, password, token: await login(username, password) };
}

export async function createProduct(token, { name, price = 12.5, quantity = 20 }) {
  return expectStatus(await call(`${config.catalogUrl}/products`, {
    method: 'POST', token, json: { name, description: 'made by the console browser tests', price, quantity },
  }), 201, `create product ${name}`);
}

export async function placeOrder(token, productId, quantity = 1) {
  return expectStatus(await call(`${config.orderingUrl}/orders`, {
    method: 'POST', token, json: { product_id: productId, quantity },
  }), 201, `order of product ${productId}`);
}

export async function notificationsOf(token) {
  return expectStatus(await call(`${config.notificationUrl}/notifications?limit=100`, { token }), 200,
    'GET /notifications');
}

export async function orderHistory(token, orderId) {
  return expectStatus(await call(`${config.orderingUrl}/orders/${orderId}/history`, { token }), 200,
    `GET /orders/${orderId}/history`);
}
