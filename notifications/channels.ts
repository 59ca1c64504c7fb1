import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const WebhookSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  /** Shared secret of the HMAC-SHA256 signature; long enough to resist guessing. */
  secret: z.string().min(16, 'a webhook secret has at least 16 characters'),
});

export const UnitChannelsSchema = z.object({
  webhooks: z.array(WebhookSchema).default([]),
  emails: z.array(z.email({ error: 'expected an e-mail address' })).default([]),
});

/**
 * The channels file (`DONDOC_CHANNELS_FILE`, JSON or YAML): where each unit receives reminders and
 * escalations, and the SMTP server e-mails go through.
 */
export const ChannelsFileSchema = z.object({
  smtp: z
    .object({
      /** e.g. `smtp://user:pass@mail.example.gov.vn:587` */
      url: z.string().regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL'),
      from: z.string().min(3),
    })
    .optional(),
  units: z.record(z.string().min(1), UnitChannelsSchema),
});

export type Webhook = z.infer<typeof WebhookSchema>;
export type UnitChannels = z.infer<typeof UnitChannelsSchema>;
export type ChannelsConfig = z.infer<typeof ChannelsFileSchema>;

/** Validates a channels configuration; the error lists each problem with its path. */
export function parseChannels(raw: unknown, source = 'channels'): ChannelsConfig {
  const parsed = ChannelsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${source}: invalid channels configuration: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  if (Object.values(parsed.data.units).some((u) => u.emails.length > 0) && !parsed.data.smtp) {
    throw new Error(
      `${source}: invalid channels configuration: smtp: units have e-mail addresses but no smtp server is configured`,
    );
  }
  return parsed.data;
}

/** Reads and validates the channels file (JSON by extension `.json`, YAML otherwise). */
export function loadChannels(file: string): ChannelsConfig {
  let raw: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseChannels(raw, file);
}
