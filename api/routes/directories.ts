import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  ChannelsSchema,
  DirectoryDocumentError,
  DirectoryIdSchema,
  IsoDateSchema,
  normalizeVietnamese,
  UnitIdSchema,
  UnitKindSchema,
  UnitSchema,
  describeChange,
  isValidAt,
  type DirectoryChange,
  type DirectoryChangeRecord,
  type Unit,
} from '../../domain/units';
import {
  DIRECTORY_FILE_FORMATS,
  formatOf,
  parseDirectoryBuffer,
  serializeDirectory,
} from '../../services/directory-files';
import { affectedAssignments, describeEffect, DirectoryEditor, OPEN_STATUSES } from '../../services/directory-edits';
import type { DirectoryHistoryStore } from '../../services/directory-store';
import { notFound, ServiceError } from '../../services/errors';
import { rebindPlan } from '../../services/planning';
import type { Principal } from '../../services/tokens';
import type { ApiContext } from '../deps';
import { principalOf, requireRole } from '../http';

const DirParams = z.object({ id: DirectoryIdSchema });
const UnitParams = z.object({ id: DirectoryIdSchema, unitId: UnitIdSchema });
const UPLOAD_LIMIT = 10 * 1024 * 1024;
const MIME: Record<(typeof DIRECTORY_FILE_FORMATS)[number], string> = {
  yaml: 'application/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const now = () => DateTime.now().setZone('Asia/Ho_Chi_Minh');
const today = () => now().toISODate() ?? '';
const yesterday = () => now().minus({ days: 1 }).toISODate() ?? '';
/** The actor a change is recorded with: the token's subject and id. */
export const actorName = (p: Principal) => `${p.name} [${p.tokenId}]`;

/** A unit token reads only its own unit; admins and monitors read everything. */
function canRead(p: Principal, unitId: string): boolean {
  return p.role !== 'unit' || p.unitId === unitId;
}

function touches(change: DirectoryChange, unitId: string): boolean {
  switch (change.type) {
    case 'DirectoryImported':
      return change.document.units.some((u) => u.id === unitId);
    case 'UnitAdded':
      return change.unit.id === unitId;
    case 'UnitsMerged':
      return change.into === unitId || change.from.includes(unitId);
    default:
      return change.unitId === unitId;
  }
}

const historyEntry = (r: DirectoryChangeRecord) => ({ ...r, description: describeChange(r.change) });

/** Matches a unit against a folded query: id, name, aliases, code, head title and name. */
function matches(u: Unit, folded: string): boolean {
  return [u.id, u.name, u.code ?? '', u.headTitle, u.headName ?? '', ...u.aliases].some((t) =>
    normalizeVietnamese(t).includes(folded),
  );
}

/**
 * Unit directories as data over HTTP: list, read, search, edit (add, rename, merge, retire, head, channels), history,
 * export and upload, and a plan's directory before it starts. Every edit goes through DirectoryEditor, the path the
 * CLI uses, and is recorded with the token's subject and the time.
 */
export function registerDirectoryRoutes(app: FastifyInstance, ctx: ApiContext, store: DirectoryHistoryStore): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const editor = new DirectoryEditor(store);

  // Directory files arrive as raw bytes; other routes of this context may already have added these parsers.
  const binary = (_req: unknown, body: string | Buffer, done: (err: null, body: Buffer) => void) =>
    done(null, Buffer.isBuffer(body) ? body : Buffer.from(body));
  if (!app.hasContentTypeParser('application/octet-stream'))
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, binary);
  for (const type of ['application/yaml', 'application/x-yaml'])
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, binary);

  /** Runs a change and answers with the record, the unit(s) after it and what it affects. */
  const change = async (req: FastifyRequest, id: string, c: DirectoryChange) => {
    const p = requireRole(req, 'admin', 'monitor');
    if (!(await editor.has(id))) throw notFound(`directory ${id}`);
    const { record, document, description } = await editor.record(id, c, actorName(p), now());
    const ids =
      c.type === 'UnitsMerged'
        ? [...c.from, c.into]
        : c.type === 'UnitAdded'
          ? [c.unit.id]
          : 'unitId' in c
            ? [c.unitId]
            : [];
    const affected = c.type === 'UnitsMerged' ? c.from : ids;
    const open = affected.flatMap((u) =>
      affectedAssignments(ctx.store.listTasks({ unitId: u, status: [...OPEN_STATUSES] }), [u]),
    );
    return {
      directory: id,
      seq: record.seq,
      at: record.at,
      actor: record.actor,
      description,
      units: document.units.filter((u) => ids.includes(u.id)),
      affects: describeEffect(c, document, open),
    };
  };

  r.get(
    '/directories',
    { schema: { tags: ['directories'], summary: 'Every known unit directory: shipped, stored, loaded' } },
    async (req) => {
      principalOf(req);
      const stored = new Set(await store.ids());
      const directories = [];
      for (const id of await editor.ids()) {
        const d = await editor.current(id);
        directories.push({ id, name: d.name, units: d.units.length, groups: d.groups.length, stored: stored.has(id) });
      }
      return { directories };
    },
  );

  r.get(
    '/directories/:id',
    {
      schema: {
        tags: ['directories'],
        summary: 'A directory document; a unit token gets only its own unit record',
        params: DirParams,
      },
    },
    async (req) => {
      const p = principalOf(req);
      const doc = await editor.current(req.params.id);
      if (p.role !== 'unit') return doc;
      return { ...doc, units: doc.units.filter((u) => u.id === p.unitId), groups: [] };
    },
  );

  r.get(
    '/directories/:id/units',
    {
      schema: {
        tags: ['directories'],
        summary: 'Search units by id, name, alias, code or head (diacritics folded); a unit token finds only its own',
        params: DirParams,
        querystring: z.object({
          q: z.string().max(200).optional(),
          kind: UnitKindSchema.optional(),
          asOf: IsoDateSchema.optional(),
          limit: z.coerce.number().int().min(1).max(5000).default(200),
        }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      const { q, kind, asOf, limit } = req.query;
      const folded = q ? normalizeVietnamese(q) : '';
      const found = (await editor.current(req.params.id)).units.filter(
        (u) =>
          canRead(p, u.id) &&
          (!kind || u.kind === kind) &&
          (!asOf || isValidAt(u, asOf)) &&
          (!folded || matches(u, folded)),
      );
      return { total: found.length, units: found.slice(0, limit) };
    },
  );

  r.get(
    '/directories/:id/units/:unitId',
    {
      schema: {
        tags: ['directories'],
        summary: 'One unit record and its open assignments; a unit token reads only its own',
        params: UnitParams,
      },
    },
    async (req) => {
      const p = principalOf(req);
      if (!canRead(p, req.params.unitId))
        throw new ServiceError('forbidden', `a unit token reads only unit ${p.unitId}`);
      const unit = await editor.unit(req.params.id, req.params.unitId);
      const open = affectedAssignments(ctx.store.listTasks({ unitId: unit.id, status: [...OPEN_STATUSES] }), [unit.id]);
      return { directory: req.params.id, unit, openAssignments: open };
    },
  );

  r.post(
    '/directories/:id/units',
    {
      schema: {
        tags: ['directories'],
        summary: 'Add a unit (headTitle defaults to "Thủ trưởng <name>", supervisor to the parent or the authority)',
        params: DirParams,
        body: z.object({
          id: UnitIdSchema,
          name: z.string().trim().min(1),
          kind: UnitKindSchema,
          headTitle: z.string().trim().min(1).optional(),
          headName: z.string().optional(),
          code: z.string().optional(),
          parentId: UnitIdSchema.nullable().optional(),
          supervisorId: UnitIdSchema.nullable().optional(),
          aliases: z.array(z.string().trim().min(1)).default([]),
          validFrom: IsoDateSchema.optional(),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const doc = await editor.current(req.params.id);
      const parsed = UnitSchema.safeParse({
        ...b,
        headTitle: b.headTitle ?? `Thủ trưởng ${b.name}`,
        parentId: b.parentId ?? null,
        supervisorId: b.supervisorId ?? b.parentId ?? doc.issuingAuthorityId,
      });
      if (!parsed.success)
        throw new ServiceError(
          'invalid',
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      return reply.code(201).send(await change(req, req.params.id, { type: 'UnitAdded', unit: parsed.data }));
    },
  );

  r.post(
    '/directories/:id/units/:unitId/rename',
    {
      schema: {
        tags: ['directories'],
        summary: 'Rename a unit; its id and old name (as an alias) stay. Says which open assignments point at it',
        params: UnitParams,
        body: z.object({ name: z.string().trim().min(1), headTitle: z.string().trim().min(1).optional() }),
      },
    },
    async (req) =>
      change(req, req.params.id, {
        type: 'UnitRenamed',
        unitId: req.params.unitId,
        name: req.body.name,
        ...(req.body.headTitle ? { headTitle: req.body.headTitle } : {}),
      }),
  );

  r.post(
    '/directories/:id/merge',
    {
      schema: {
        tags: ['directories'],
        summary: 'Merge units into another after a last day (default yesterday); says what open assignments they have',
        params: DirParams,
        body: z.object({
          into: UnitIdSchema,
          from: z.array(UnitIdSchema).min(1).max(500),
          lastDay: IsoDateSchema.optional(),
        }),
      },
    },
    async (req) =>
      change(req, req.params.id, {
        type: 'UnitsMerged',
        into: req.body.into,
        from: [...new Set(req.body.from)],
        lastDay: req.body.lastDay ?? yesterday(),
      }),
  );

  r.post(
    '/directories/:id/units/:unitId/retire',
    {
      schema: {
        tags: ['directories'],
        summary: 'Retire a unit after a last day (default today); it stays on record. Says what it affects',
        params: UnitParams,
        body: z.object({ lastDay: IsoDateSchema.optional() }).default({}),
      },
    },
    async (req) =>
      change(req, req.params.id, {
        type: 'UnitRetired',
        unitId: req.params.unitId,
        lastDay: req.body.lastDay ?? today(),
      }),
  );

  r.put(
    '/directories/:id/units/:unitId/head',
    {
      schema: {
        tags: ['directories'],
        summary: "Change a unit's head: title, name, phone, contacts (only the fields given change)",
        params: UnitParams,
        body: z
          .object({
            headTitle: z.string().trim().min(1).optional(),
            headName: z.string().trim().optional(),
            headPhone: UnitSchema.shape.headPhone,
            headChannels: ChannelsSchema.optional(),
          })
          .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'expected at least one field' }),
      },
    },
    async (req) => {
      const b = req.body;
      return change(req, req.params.id, {
        type: 'HeadChanged',
        unitId: req.params.unitId,
        ...(b.headTitle !== undefined ? { headTitle: b.headTitle } : {}),
        ...(b.headName !== undefined ? { headName: b.headName } : {}),
        ...(b.headPhone !== undefined ? { headPhone: b.headPhone } : {}),
        ...(b.headChannels !== undefined ? { headChannels: b.headChannels } : {}),
      });
    },
  );

  r.put(
    '/directories/:id/units/:unitId/channels',
    {
      schema: {
        tags: ['directories'],
        summary: "Replace a unit's contacts (e-mails, webhooks)",
        params: UnitParams,
        body: ChannelsSchema,
      },
    },
    async (req) =>
      change(req, req.params.id, { type: 'ChannelsChanged', unitId: req.params.unitId, channels: req.body }),
  );

  r.get(
    '/directories/:id/history',
    {
      schema: {
        tags: ['directories'],
        summary: "A directory's changes (who, when, what) and whether the hash chain holds",
        params: DirParams,
      },
    },
    async (req) => {
      requireRole(req, 'admin', 'monitor');
      const { history, chain } = await editor.history(req.params.id);
      return { directory: req.params.id, history: history.map(historyEntry), chain };
    },
  );

  r.get(
    '/directories/:id/units/:unitId/history',
    {
      schema: {
        tags: ['directories'],
        summary: 'The changes that touched one unit; a unit token reads only its own',
        params: UnitParams,
      },
    },
    async (req) => {
      const p = principalOf(req);
      if (!canRead(p, req.params.unitId))
        throw new ServiceError('forbidden', `a unit token reads only unit ${p.unitId}`);
      await editor.unit(req.params.id, req.params.unitId);
      const { history, chain } = await editor.history(req.params.id);
      return {
        directory: req.params.id,
        unitId: req.params.unitId,
        history: history.filter((h) => touches(h.change, req.params.unitId)).map(historyEntry),
        chain,
      };
    },
  );

  r.get(
    '/directories/:id/export',
    {
      schema: {
        tags: ['directories'],
        summary: 'The directory as a file: yaml, json, csv or xlsx (reads back through upload)',
        params: DirParams,
        querystring: z.object({ format: z.enum(DIRECTORY_FILE_FORMATS).default('yaml') }),
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin', 'monitor');
      const body = await serializeDirectory(await editor.current(req.params.id), req.query.format);
      return reply
        .type(MIME[req.query.format])
        .header('content-disposition', `attachment; filename="${req.params.id}.directory.${req.query.format}"`)
        .send(body);
    },
  );

  r.post(
    '/directories/upload',
    {
      schema: {
        tags: ['directories'],
        summary:
          'Load a directory file (raw bytes; the form follows fileName: .yaml, .json, .csv, .xlsx). A bad file is ' +
          'refused whole with 400 naming the file, row or line and what was expected',
        querystring: z.object({ fileName: z.string().min(1).max(255) }),
      },
    },
    async (req, reply) => {
      const p = requireRole(req, 'admin', 'monitor');
      const name = req.query.fileName;
      let format;
      try {
        format = formatOf(name);
      } catch (err) {
        throw new ServiceError('invalid', `${name}: ${(err as Error).message}`);
      }
      const raw = req.body;
      const buf = Buffer.isBuffer(raw)
        ? raw
        : typeof raw === 'string'
          ? Buffer.from(raw, 'utf8')
          : raw && typeof raw === 'object'
            ? Buffer.from(JSON.stringify(raw))
            : null;
      if (!buf || buf.length === 0) throw new ServiceError('invalid', `${name}: expected the file's bytes as the body`);
      let doc;
      try {
        doc = await parseDirectoryBuffer(buf, format, name);
      } catch (err) {
        if (err instanceof DirectoryDocumentError)
          throw new ServiceError('invalid', err.message, { source: err.source, issues: err.issues });
        throw err;
      }
      const { record } = await editor.record(doc.id, { type: 'DirectoryImported', document: doc }, actorName(p), now());
      return reply.code(201).send({
        directory: doc.id,
        name: doc.name,
        units: doc.units.length,
        groups: doc.groups.length,
        seq: record.seq,
      });
    },
  );

  r.put(
    '/plans/:planId/directory',
    {
      schema: {
        tags: ['plans'],
        summary: "Resolve a saved plan's units against another directory (null: none), before it starts",
        params: z.object({ planId: z.string().min(1).max(300) }),
        body: z.object({ directory: DirectoryIdSchema.nullable() }),
      },
    },
    async (req) => {
      requireRole(req, 'admin', 'monitor');
      const plan = await ctx.plans.get(req.params.planId);
      if (!plan) throw notFound(`plan ${req.params.planId}`);
      const { directory } = req.body;
      if (directory !== null && !(await editor.has(directory))) throw notFound(`directory ${directory}`);
      if (ctx.store.listTasks({ planId: plan.plan.id, limit: 1 }).length > 0)
        throw new ServiceError('conflict', `plan ${plan.plan.id} has started; its assignments keep their units`);
      const rebound = rebindPlan(plan, directory);
      await ctx.plans.save(rebound);
      const unresolved = rebound.tasks.flatMap((t) =>
        [...t.lead, ...t.support].filter((m) => m.kind === 'unresolved').map((m) => ({ ref: t.ref, text: m.text })),
      );
      return { planId: plan.plan.id, directory: rebound.plan.directory, unresolved };
    },
  );
}
