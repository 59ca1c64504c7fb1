import { z } from 'zod';

/** ISO civil date (YYYY-MM-DD). */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** What kind of body a unit is; group mentions fan out by kind. */
export const UnitKindSchema = z.enum([
  'ubnd', // people's committee of the province or city (the issuing authority)
  'so', // sở, ban, ngành at province level (cơ quan chuyên môn and equivalents)
  'quan-huyen', // district-level committee (quận, huyện, TP Thủ Đức), until 30/6/2025
  'phuong-xa', // ward, commune, đặc khu
  'phong', // district or commune division (phòng, Văn phòng UBND, Thanh tra)
  'ban-chi-dao', // steering committee
  'don-vi-su-nghiep', // public service unit (trung tâm, viện, bệnh viện, đài, báo)
  'nganh-doc', // vertically managed agency located in the area (thuế, kho bạc, công an, BHXH)
  'doan-the', // Mặt trận Tổ quốc and socio-political organisations
  'co-quan-dang', // party bodies (Thành ủy, Quận ủy and their boards)
  'hdnd', // people's council
  'bo', // ministry or ministerial-level agency, the Government and its Office (the issuing authority)
  'vu-cuc', // unit of a ministry: vụ, cục, tổng cục, văn phòng bộ, thanh tra bộ
  'other',
]);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** Unit ids end up in workflow ids and NATS subjects: lowercase ASCII words joined by dots or dashes. */
export const UnitIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'expected an id of lowercase a-z, 0-9, "." and "-" (e.g. "dt.so-noi-vu")');

export const WebhookSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  /** Shared secret of the HMAC-SHA256 signature; long enough to resist guessing. */
  secret: z.string().min(16, 'a webhook secret has at least 16 characters'),
});
export type Webhook = z.infer<typeof WebhookSchema>;

/** Where a unit or its head receives reminders and escalations; room for more channel types. */
export const ChannelsSchema = z.object({
  emails: z.array(z.email({ error: 'expected an e-mail address' })).default([]),
  webhooks: z.array(WebhookSchema).default([]),
});
export type Channels = z.infer<typeof ChannelsSchema>;

export const UnitSchema = z
  .object({
    id: UnitIdSchema,
    name: z.string().trim().min(1, 'expected a name'),
    kind: UnitKindSchema,
    /** Official code (mã đơn vị hành chính for communes and provinces). */
    code: z.string().optional(),
    /** Title of the person escalation reaches at this unit ("Giám đốc Sở Nội vụ"). */
    headTitle: z.string().trim().min(1, 'expected the head title'),
    headName: z.string().optional(),
    headPhone: z
      .string()
      .regex(/^\+?[0-9 .()-]{6,20}$/, 'expected a phone number')
      .optional(),
    headChannels: ChannelsSchema.optional(),
    parentId: UnitIdSchema.nullable().default(null),
    /** The authority escalation goes to after the head. */
    supervisorId: UnitIdSchema.nullable().default(null),
    /** Extra spellings that name this unit; matched after folding and abbreviation expansion. */
    aliases: z.array(z.string()).default([]),
    channels: ChannelsSchema.optional(),
    validFrom: IsoDateSchema.optional(),
    validTo: IsoDateSchema.optional(),
    /** The unit that took over this one when it was merged (its validTo is the last day). */
    mergedInto: UnitIdSchema.optional(),
    /** Units merged into this one. */
    mergedFrom: z.array(UnitIdSchema).optional(),
    /** Where the entry comes from, or what about it is unverified. */
    note: z.string().optional(),
  })
  .refine((u) => !u.validFrom || !u.validTo || u.validFrom <= u.validTo, { message: 'validFrom after validTo' });
export type Unit = z.infer<typeof UnitSchema>;
export type UnitInput = z.input<typeof UnitSchema>;

/** A phrase that names every unit of some kinds ("các sở, ban, ngành", "UBND 10 phường"). */
export const UnitGroupSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  aliases: z.array(z.string()).min(1, 'a group needs at least one phrase'),
  kinds: z.array(UnitKindSchema).default([]),
  /** Restrict the fan-out to children of this unit. */
  parentId: z.string().optional(),
  /** Restrict the fan-out to units whose id starts with this (bodies without a parent, e.g. mass organisations). */
  idPrefix: z.string().optional(),
  /**
   * A phrase that does not say which units ("các cơ quan, đơn vị có liên quan"): always a warning. With kinds it fans
   * out to them (the issuer's own units, as the directory's keeper reads the phrase); without, a person assigns it.
   */
  vague: z.boolean().optional(),
});
export type UnitGroup = z.infer<typeof UnitGroupSchema>;

/**
 * Names a unit is also called by in its own area: "Sở Nội vụ" is "Sở Nội vụ tỉnh" and "Sở Nội vụ tỉnh Đồng
 * Tháp". The first rule whose filters match a unit adds, for each of its names not already ending in one of
 * `unlessEndsWith`, the name without any of `stripSuffixes` followed by each of `suffixes`.
 */
export const AliasRuleSchema = z.object({
  idPrefix: z.string().optional(),
  notIdPrefix: z.string().optional(),
  kinds: z.array(UnitKindSchema).optional(),
  notKinds: z.array(UnitKindSchema).optional(),
  stripSuffixes: z.array(z.string()).optional(),
  unlessEndsWith: z.array(z.string()).optional(),
  suffixes: z.array(z.string()).min(1),
});
export type AliasRule = z.infer<typeof AliasRuleSchema>;

/** A directory id: names a directory in plans, the CLI and the store. */
export const DirectoryIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a directory id of lowercase a-z, 0-9 and "-" (e.g. "dong-thap")');
export type DirectoryId = z.infer<typeof DirectoryIdSchema>;

export const DIRECTORY_FORMAT = 'dondoc.units';

/** The directory document, version 1: what a user brings, stores and exports. */
export const DirectoryDataSchema = z.object({
  format: z.literal(DIRECTORY_FORMAT).default(DIRECTORY_FORMAT),
  version: z.literal(1).default(1),
  id: DirectoryIdSchema,
  name: z.string().min(1),
  /** Phrases that name the issuer in a plan header ("Đồng Tháp", "Bộ Tài chính"): plans detect the directory by them. */
  issuerNames: z.array(z.string()).default([]),
  issuingAuthorityId: z.string(),
  monitoringUnitId: z.string(),
  aliasRules: z.array(AliasRuleSchema).default([]),
  units: z.array(UnitSchema),
  groups: z.array(UnitGroupSchema).default([]),
  /** Where the document comes from (template and its data source, or the office that keeps it). */
  source: z.string().optional(),
});
export type DirectoryData = z.infer<typeof DirectoryDataSchema>;
export type DirectoryDocumentInput = z.input<typeof DirectoryDataSchema>;

/** True when the unit exists on `asOf` (inclusive bounds). */
export function isValidAt(unit: Pick<Unit, 'validFrom' | 'validTo'>, asOf: string): boolean {
  return (!unit.validFrom || unit.validFrom <= asOf) && (!unit.validTo || asOf <= unit.validTo);
}
