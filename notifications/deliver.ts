import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Webhook } from './channels';

export const SIGNATURE_HEADER = 'X-Dondoc-Signature';
export const TIMESTAMP_HEADER = 'X-Dondoc-Timestamp';
export const DELIVERY_HEADER = 'X-Dondoc-Delivery';

/** `sha256=<hex>`: HMAC-SHA256 of the raw request body with the webhook's secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** POSTs a JSON body to a webhook with its signature; throws on a network error, a timeout or a non-2xx answer. */
export async function postWebhook(hook: Webhook, body: string, deliveryId: string, timeoutMs = 10_000): Promise<void> {
  const res = await fetch(hook.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [SIGNATURE_HEADER]: signBody(body, hook.secret),
      [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000)),
      [DELIVERY_HEADER]: deliveryId,
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`webhook ${hook.url} answered ${res.status}`);
}

/** An SMTP transport for the configured server. */
export function smtpTransport(url: string): Transporter {
  return nodemailer.createTransport(url);
}

/** Sends one e-mail; throws when the server refuses it. */
export async function sendEmail(
  transport: Transporter,
  mail: { from: string; to: string; subject: string; text: string; deliveryId: string },
): Promise<void> {
  await transport.sendMail({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    headers: { [DELIVERY_HEADER]: mail.deliveryId },
  });
}
