// Reads notification's database with psql (the trust on loopback scripts/infra.sh sets up), bounded in time.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { config } from './config.mjs';

const run = promisify(execFile);

/** A query, tried again (5 times, 1 s apart) while the shared server refuses connections (too many clients). */
async function scalar(database, sql, variables = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(database, sql, variables);
    } catch (e) {
      if (attempt >= 5 || !/too many clients|could not connect|Connection refused/i.test(e.stderr ?? '')) throw e;
      await sleep(1000);
    }
  }
}

async function once(database, sql, variables) {
  const args = ['-w', '-qtA', '-v', 'ON_ERROR_STOP=1', '-h', config.pgHost, '-p', config.pgPort, '-U', config.pgUser,
    '-d', database];
  for (const [name, value] of Object.entries(variables)) args.push('-v', `${name}=${value}`);
  // variables are quoted by psql (:'name'), never pasted into the SQL; the SQL goes in on stdin for that
  const child = run('psql', args, { timeout: 10000 });
  child.child.stdin.end(sql);
  const { stdout } = await child;
  return stdout.trim();
}

/** How many notifications notification_db holds for this AMQP message id. */
export async function notificationsWithMessageId(messageId) {
  return Number(await scalar(config.notificationDb,
    "SELECT count(*) FROM notifications WHERE message_id = :'message_id';\n", { message_id: messageId }));
}
