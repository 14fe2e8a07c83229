// Plants dead letters straight into a dead-letter queue, as the platform's listeners leave them there: the
// original body and properties, plus the headers the platform adds when it gives up on a message.
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { config } from './config.mjs';

/**
 * The order-created message ordering's bridge publishes for an order (shared-kernel's OrderCreatedMessage),
 * from the order as GET/POST /orders answers it.
 */
export function orderCreatedBody(order) {
  return {
    event: 'order.created',
    data: {
      order_id: order.id,
      user_id: order.user_id,
      product_id: order.product_id,
      product_name: order.product_name,
      quantity: order.quantity,
      unit_price: order.unit_price,
      total_price: order.total_price,
      status: 'pending',
      created_at: order.created_at,
    },
  };
}

/**
 * Publishes body into the notification dead-letter queue (default exchange, routing key = queue name) with a
 * fresh message id; answers that id. The queue must exist already (the services declare it): it is checked, never
 * declared here, so that its arguments stay the platform's.
 */
export async function plantDeadLetter(body, { reason = 'planted by the console browser tests' } = {}) {
  const messageId = randomUUID();
  const connection = await amqp.connect(config.amqpUrl, { timeout: 5000 });
  try {
    const channel = await connection.createConfirmChannel();
    await channel.checkQueue(config.notificationDlq);
    channel.publish('', config.notificationDlq, Buffer.from(JSON.stringify(body)), {
      messageId,
      contentType: 'application/json',
      contentEncoding: 'UTF-8',
      type: body.event,
      persistent: true,
      headers: {
        'x-original-queue': config.notificationQueue,
        'x-original-exchange': config.orderExchange,
        'x-original-routing-key': 'order.created',
        'x-exception-message': reason,
        'x-dead-lettered-at': Date.now(),
      },
    });
    await withTimeout(channel.waitForConfirms(), 5000, 'the broker did not confirm the planted dead letter');
    await channel.close();
  } finally {
    await connection.close();
  }
  return messageId;
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
