// Where the system under test is, from the environment (scripts/console-e2e.sh sets these for the packaged
// services of `make run` / scripts/e2e.sh; any of them may point elsewhere).
import { readFileSync, existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const env = process.env;

function adminPassword() {
  if (env.ADMIN_PASSWORD) return env.ADMIN_PASSWORD;
  const file = resolve(env.RUN_DIR ?? resolve(root, '.run'), 'secrets/admin-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(`no admin password: set ADMIN_PASSWORD or run the services with make run (${file})`);
}

export const config = Object.freeze({
  root,
  consoleUrl: env.CONSOLE_URL ?? 'http://127.0.0.1:8005',
  userUrl: env.USER_URL ?? 'http://127.0.0.1:8001',
  catalogUrl: env.CATALOG_URL ?? 'http://127.0.0.1:8002',
  orderingUrl: env.ORDERING_URL ?? 'http://127.0.0.1:8003',
  notificationUrl: env.NOTIFICATION_URL ?? 'http://127.0.0.1:8004',
  amqpUrl: env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672/',
  // psql connection to notification's database (trust on loopback, as scripts/infra.sh sets up)
  notificationDb: env.NOTIFICATION_DB ?? 'notification_db',
  pgHost: env.PG_HOST ?? '127.0.0.1',
  pgPort: env.PG_PORT ?? '5432',
  pgUser: env.PG_SUPERUSER ?? 'postgres',
  adminUsername: env.ADMIN_USERNAME ?? 'admin',
  get adminPassword() { return adminPassword(); },
  chromium: env.CHROMIUM ?? '/usr/bin/chromium',
  // screenshots of every page; docs/console/*.png are refreshed with SCREENSHOT_DIR=docs/console
  screenshotDir: resolve(root, env.SCREENSHOT_DIR ?? '.run/console-e2e'),
  jaegerUiUrl: env.JAEGER_UI_URL ?? 'http://127.0.0.1:16686',
  // the dead-letter queue the tests plant into, and the queue it belongs to
  notificationQueue: env.NOTIFICATION_QUEUE ?? 'order_notifications',
  notificationDlq: env.NOTIFICATION_DLQ ?? 'order_notifications.dlq',
  orderExchange: env.ORDER_EXCHANGE ?? 'order_events',
});
