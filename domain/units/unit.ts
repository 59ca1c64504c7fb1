import { z } from 'zod';

/** ISO civil date (YYYY-MM-DD). */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What kind of body a unit is; group mentions fan out by kind. */
export const UnitKindSchema = z.enum([
  'ubnd', // people's committee of the city (the issuing authority)
  'so', // sở, ban, ngành at city level (cơ quan chuyên môn and equivalents)
  'quan-huyen', // district-level committee (quận, huyện, TP Thủ Đức), until 30/6/2025
  'phuong-xa', // ward, commune, đặc khu
  'phong', // district division (phòng, Văn phòng UBND quận, Thanh tra quận)
  'ban-chi-dao', // steering committee
  'don-vi-su-nghiep', // public service unit (trung tâm, viện, bệnh viện, đài, báo)
  'nganh-doc', // vertically managed agency located in the area (thuế, kho bạc, công an, BHXH)
  'doan-the', // Mặt trận Tổ quốc and socio-political organisations
  'co-quan-dang', // party bodies (Thành ủy, Quận ủy and their boards)
  'hdnd', // people's council
  'other',
]);
export type UnitKind = z.infer<typeof UnitKindSchema>;

export const UnitSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/),
    name: z.string().min(1),
    kind: UnitKindSchema,
    /** Title of the person escalation reaches at this unit ("Giám đốc Sở Nội vụ"). */
    headTitle: z.string().min(1),
    parentId: z.string().nullable(),
    /** The authority escalation goes to after the head. */
    supervisorId: z.string().nullable(),
    /** Extra spellings that name this unit; matched after folding and abbreviation expansion. */
    aliases: z.array(z.string()),
    validFrom: IsoDateSchema.optional(),
    validTo: IsoDateSchema.optional(),
    /** Where the entry comes from, or what about it is unverified. */
    note: z.string().optional(),
  })
  .refine((u) => !u.validFrom || !u.validTo || u.validFrom <= u.validTo, { message: 'validFrom after validTo' });
export type Unit = z.infer<typeof UnitSchema>;

/** A phrase that names every unit of some kinds ("các sở, ban, ngành", "UBND 10 phường"). */
export const UnitGroupSchema = z.object({
  id: z.string(),
  label: z.string(),
  aliases: z.array(z.string()).min(1),
  kinds: z.array(UnitKindSchema),
  /** Restrict the fan-out to children of this unit. */
  parentId: z.string().optional(),
  /** Restrict the fan-out to units whose id starts with this (bodies without a parent, e.g. mass organisations). */
  idPrefix: z.string().optional(),
  /** A phrase too vague to assign ("các cơ quan, đơn vị có liên quan"): always a warning. */
  vague: z.boolean().optional(),
});
export type UnitGroup = z.infer<typeof UnitGroupSchema>;

export const DirectoryIdSchema = z.enum(['hcm', 'hcm-q1']);
export type DirectoryId = z.infer<typeof DirectoryIdSchema>;

export const DirectoryDataSchema = z.object({
  id: DirectoryIdSchema,
  name: z.string(),
  issuingAuthorityId: z.string(),
  monitoringUnitId: z.string(),
  units: z.array(UnitSchema),
  groups: z.array(UnitGroupSchema),
});
export type DirectoryData = z.infer<typeof DirectoryDataSchema>;

/** True when the unit exists on `asOf` (inclusive bounds). */
export function isValidAt(unit: Pick<Unit, 'validFrom' | 'validTo'>, asOf: string): boolean {
  return (!unit.validFrom || unit.validFrom <= asOf) && (!unit.validTo || asOf <= unit.validTo);
}
