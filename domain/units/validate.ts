import { DirectoryDataSchema } from './unit';
import type { DirectoryData, Unit } from './unit';

/** One problem in a directory document: where it is (a path into the document) and what was expected. */
export interface DirectoryIssue {
  /** Path into the document, e.g. ['units', 12, 'headChannels', 'emails', 0]. */
  path: (string | number)[];
  message: string;
}

export type DirectoryValidation = { ok: true; data: DirectoryData } | { ok: false; issues: DirectoryIssue[] };

/** A refused directory document: every issue, each with its place, so nothing is partly loaded. */
export class DirectoryDocumentError extends Error {
  override readonly name = 'DirectoryDocumentError';
  constructor(
    readonly source: string,
    readonly issues: { where: string; message: string }[],
  ) {
    super(`${source}: not a valid unit directory:\n${issues.map((i) => `  ${i.where}: ${i.message}`).join('\n')}`);
  }
}

/** Checks a directory document: the schema, then unique ids, known references and no parent/supervisor cycle. */
export function validateDirectory(raw: unknown): DirectoryValidation {
  const parsed = DirectoryDataSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: describeIssue(i),
      })),
    };
  }
  const data = parsed.data;
  const issues: DirectoryIssue[] = [];
  const index = new Map<string, number>();
  data.units.forEach((u, i) => {
    const first = index.get(u.id);
    if (first !== undefined)
      issues.push({ path: ['units', i, 'id'], message: `duplicate id ${u.id} (first at unit ${first + 1})` });
    else index.set(u.id, i);
  });
  const refs: [keyof Unit, string][] = [
    ['parentId', 'parent'],
    ['supervisorId', 'supervisor'],
    ['mergedInto', 'mergedInto'],
  ];
  data.units.forEach((u, i) => {
    for (const [field, label] of refs) {
      const ref = u[field];
      if (typeof ref === 'string' && !index.has(ref)) {
        issues.push({ path: ['units', i, field], message: `${label} ${ref} is not a unit of this directory` });
      }
    }
    for (const [k, ref] of (u.mergedFrom ?? []).entries()) {
      if (!index.has(ref))
        issues.push({ path: ['units', i, 'mergedFrom', k], message: `${ref} is not a unit of this directory` });
    }
  });
  for (const field of ['parentId', 'supervisorId'] as const) {
    const cycle = findCycle(data.units, field);
    if (cycle) {
      issues.push({
        path: ['units', index.get(cycle[0] as string) ?? 0, field],
        message: `${field === 'parentId' ? 'parent' : 'supervisor'} cycle: ${cycle.join(' → ')}`,
      });
    }
  }
  for (const [field, label] of [
    ['issuingAuthorityId', 'issuing authority'],
    ['monitoringUnitId', 'monitoring unit'],
  ] as const) {
    if (!index.has(data[field]))
      issues.push({ path: [field], message: `${label} ${data[field]} is not a unit of this directory` });
  }
  const groupIds = new Set<string>();
  data.groups.forEach((g, i) => {
    if (groupIds.has(g.id)) issues.push({ path: ['groups', i, 'id'], message: `duplicate group id ${g.id}` });
    groupIds.add(g.id);
    if (g.parentId && !index.has(g.parentId)) {
      issues.push({ path: ['groups', i, 'parentId'], message: `parent ${g.parentId} is not a unit of this directory` });
    }
    if (!g.vague && g.kinds.length === 0) {
      issues.push({
        path: ['groups', i, 'kinds'],
        message: 'expected at least one kind to fan out to, or vague: true',
      });
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, data };
}

function describeIssue(i: { code: string; message: string; path: PropertyKey[]; values?: unknown[] }): string {
  if (i.code === 'invalid_value' && Array.isArray(i.values)) return `expected one of ${i.values.join(', ')}`;
  if (i.code === 'invalid_type' && /received undefined/.test(i.message))
    return `missing: ${i.message.replace(/^Invalid input: /, '')}`;
  return i.message;
}

/** The first cycle along `field` links, as the ids on it (first id repeated at the end), or null. */
function findCycle(units: Unit[], field: 'parentId' | 'supervisorId'): string[] | null {
  const next = new Map(units.map((u) => [u.id, u[field]]));
  const done = new Set<string>();
  for (const u of units) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | null | undefined = u.id;
    while (cur && !done.has(cur)) {
      if (onPath.has(cur)) return [...path.slice(path.indexOf(cur)), cur];
      onPath.add(cur);
      path.push(cur);
      cur = next.get(cur);
    }
    for (const id of path) done.add(id);
  }
  return null;
}

/** Describes a document path for people: "unit 13 (id dt.so-noi-vu), headChannels.emails[0]". */
export function describePath(raw: unknown, path: (string | number)[]): string {
  const [head, index, ...rest] = path;
  if ((head === 'units' || head === 'groups') && typeof index === 'number') {
    const list = (raw as Record<string, unknown> | null)?.[head];
    const item = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined) : undefined;
    const id = item && typeof item.id === 'string' ? ` (id ${item.id})` : '';
    const tail = rest.length ? `, ${formatPath(rest)}` : '';
    return `${head === 'units' ? 'unit' : 'group'} ${index + 1}${id}${tail}`;
  }
  return formatPath(path) || '(document)';
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
