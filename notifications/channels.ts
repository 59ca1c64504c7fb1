import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ChannelsSchema, WebhookSchema as DirectoryWebhookSchema } from '../domain/units/unit';

/** A unit's channels are defined once, with the unit (domain/units/unit.ts); the channels file uses the same shape. */
export const WebhookSchema = DirectoryWebhookSchema;
export const UnitChannelsSchema = ChannelsSchema;

/**
 * The channels file (JSON or YAML): where each unit receives reminders and escalations, and the SMTP server
 * e-mails go through. It is an import format: `dondoc units channels import` (or DONDOC_CHANNELS_FILE, deprecated,
 * at worker start) writes its units' channels into the directory records, which the notifier reads.
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
export function parseChannels(raw: unknown, source = 'channels', opts: { requireSmtp?: boolean } = {}): ChannelsConfig {
  const parsed = ChannelsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${source}: invalid channels configuration: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  const requireSmtp = opts.requireSmtp ?? true;
  if (requireSmtp && Object.values(parsed.data.units).some((u) => u.emails.length > 0) && !parsed.data.smtp) {
    throw new Error(
      `${source}: invalid channels configuration: smtp: units have e-mail addresses but no smtp server is configured`,
    );
  }
  return parsed.data;
}

/** Reads and validates the channels file (JSON by extension `.json`, YAML otherwise). */
export function loadChannels(file: string, opts: { requireSmtp?: boolean } = {}): ChannelsConfig {
  let raw: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseChannels(raw, file, opts);
}
