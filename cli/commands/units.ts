import fs from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { importPlan } from '../../domain/plans/import';
import {
  describeChange,
  DirectoryDocumentError,
  DirectoryChangeError,
  directoryIds,
  communeDirectory,
  communeLabel,
  findCommune,
  findFormerProvince,
  findProvince,
  governmentDirectory,
  loadDirectory,
  ministryDirectory,
  provinceDirectory,
  UnitKindSchema,
  UnitSchema,
  type DirectoryChange,
  type DirectoryData,
  verifyHistory,
} from '../../domain/units';
import { ServiceError } from '../../services/errors';
import { adoptUnits, proposeForPlan, type AdoptResult } from '../../services/unit-adopt';
import { readDirectoryFile, writeDirectoryFile } from '../../services/directory-files';
import { CliError, formatTable, printJson } from '../output';
import { registerUnitsChannelsCommands } from './units-channels';
import { operatorPrincipal } from './cli-support';
import { commandDirectories, effectOf } from './directory-session';

/**
 * Registers the stored directories (NATS when it answers, else the data directory's files), so that `import`,
 * `plan` and `simulate` resolve units against the same directories the API and the worker use.
 */
export async function registerStoredDirectories(): Promise<void> {
  try {
    await (await commandDirectories()).store.registerAll();
  } catch (err) {
    process.stderr.write(`dondoc: warning: stored unit directories not loaded: ${(err as Error).message}\n`);
  }
}

/** Records a change through the one edit path (services/directory-edits.ts) as the operator; says what it did. */
async function record(id: string, change: DirectoryChange): Promise<DirectoryData> {
  const { editor } = await commandDirectories();
  try {
    const { record: r, document, description } = await editor.record(id, change, operatorPrincipal().name);
    process.stderr.write(`${id} #${r.seq} (${editor.store.location}): ${description}\n`);
    return document;
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(err.message, err.code === 'not-found' ? 3 : 2);
    if (err instanceof DirectoryDocumentError || err instanceof DirectoryChangeError) throw new CliError(err.message);
    throw err;
  }
}

async function current(id: string): Promise<DirectoryData> {
  const { editor, store } = await commandDirectories();
  if (await editor.has(id)) return editor.current(id);
  throw new CliError(
    `no stored directory "${id}" in ${store.location}; stored: ${(await store.ids()).join(', ') || 'none'} (see dondoc units init / import)`,
    3,
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const isoDay = (v: string, flag: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new CliError(`${flag}: expected a date YYYY-MM-DD, got "${v}"`);
  return v;
};
const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * A proposal file written by `dondoc units adopt --out` (and perhaps corrected by hand): its directory and the list of
 * proposals, each with a `unit`. Anything else is refused with the file and what was expected.
 */
function readProposalFile(file: string): { directory?: string; proposals: { unit: unknown }[] } {
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new CliError(`${file}: expected a mapping with "directory" and "proposals" (as written by --out)`);
  const { directory, proposals } = raw as { directory?: unknown; proposals?: unknown };
  if (directory !== undefined && typeof directory !== 'string')
    throw new CliError(`${file}: directory: expected a directory id, got ${JSON.stringify(directory)}`);
  if (!Array.isArray(proposals))
    throw new CliError(`${file}: proposals: expected a list of proposals, each with a unit`);
  proposals.forEach((p, i) => {
    if (typeof p !== 'object' || p === null || !('unit' in p))
      throw new CliError(`${file}: proposals[${i}]: expected a mapping with a "unit"`);
  });
  return { directory, proposals: proposals as { unit: unknown }[] };
}

/** `dondoc units …`: unit directories as data: templates, files, edits with history, adoption from a plan. */
export function registerUnitsCommands(program: Command): void {
  const units = program.command('units').description('unit directories: init, import, export, edit, history, adopt');

  units
    .command('list')
    .description('the known directories, or the units of one')
    .option('--directory <id>', 'list the units of this directory')
    .option('--kind <kind>', 'only units of this kind')
    .option('--as-of <date>', 'only units that exist on this date')
    .option('--json', 'print JSON')
    .action(async (opts: { directory?: string; kind?: string; asOf?: string; json?: boolean }) => {
      if (!opts.directory) {
        const stored = new Set(await (await commandDirectories()).store.ids());
        const rows = directoryIds().map((id) => {
          const d = loadDirectory(id);
          return { id, name: d.name, units: d.list().length, stored: stored.has(id) };
        });
        if (opts.json) return printJson(rows);
        process.stdout.write(
          formatTable(
            ['id', 'name', 'units', 'source'],
            rows.map((r) => [r.id, r.name, r.units, r.stored ? 'stored' : 'shipped']),
          ) + '\n',
        );
        return;
      }
      const kind = opts.kind ? UnitKindSchema.parse(opts.kind) : undefined;
      const list = loadDirectory(opts.directory).list({
        ...(kind ? { kind } : {}),
        ...(opts.asOf ? { asOf: isoDay(opts.asOf, '--as-of') } : {}),
      });
      if (opts.json) return printJson(list);
      process.stdout.write(
        formatTable(
          ['id', 'name', 'kind', 'head', 'valid'],
          list.map((u) => [
            u.id,
            u.name,
            u.kind,
            u.headTitle,
            `${u.validFrom ?? '…'}–${u.validTo ?? '…'}${u.mergedInto ? ` → ${u.mergedInto}` : ''}`,
          ]),
        ) + '\n',
      );
    });

  units
    .command('show')
    .description('one unit: its record, head, channels and supervisor')
    .argument('<unitId>')
    .option('--directory <id>', 'directory (default: the first that has the unit)')
    .action((unitId: string, opts: { directory?: string }) => {
      const ids = opts.directory ? [opts.directory] : directoryIds();
      for (const id of ids) {
        const d = loadDirectory(id);
        const u = d.get(unitId);
        if (u) return printJson({ directory: id, unit: u, supervisor: d.supervisorOf(unitId)?.id ?? null });
      }
      throw new CliError(`unit ${unitId} is in no directory`, 3);
    });

  units
    .command('init')
    .description(
      'create a directory from a template: a province (any of the 34), a commune (any of the 3,321), a ministry, or the Government',
    )
    .option('--province <nameOrCode>', 'e.g. "Đồng Tháp" or 82; with --commune, the province to look the commune up in')
    .option(
      '--commune <nameOrCode>',
      'a commune, ward or special zone: e.g. "Lương Minh", "Lương Minh, Quảng Ninh" or 06985',
    )
    .option('--ministry <name>', 'e.g. "Bộ Tài chính"')
    .option('--government', 'the Government: ministries, agencies and the 34 provincial committees')
    .option('--out <file>', 'write the document to a file (.yaml, .json, .csv, .xlsx) instead of storing it')
    .action(
      async (opts: { province?: string; commune?: string; ministry?: string; government?: boolean; out?: string }) => {
        let doc: DirectoryData | null;
        if (opts.commune) {
          const found = findCommune(opts.commune, opts.province ?? null);
          if (found.status === 'none')
            throw new CliError(
              `--commune: "${opts.commune}"${opts.province ? ` in ${opts.province}` : ''} is no commune, ward or special zone of the national list; give its name (e.g. "Lương Minh") or its 5-digit code`,
            );
          if (found.status === 'ambiguous')
            throw new CliError(
              `--commune: "${opts.commune}" names ${found.candidates.length} units; give the province (--province or "name, province") or the code: ${found.candidates
                .slice(0, 12)
                .map((c) => `${String(c.commune[0]).padStart(5, '0')} ${communeLabel(c)}`)
                .join('; ')}`,
            );
          doc = communeDirectory(found.ref);
        } else if (opts.province) {
          let p = findProvince(opts.province);
          const former = p ? null : findFormerProvince(opts.province);
          if (former) {
            // A province merged on 1/7/2025: its plans are answered by the province it became part of.
            p = former.successor;
            process.stdout.write(
              `${former.former} was merged into ${p.name} on 1/7/2025 (Nghị quyết 202/2025/QH15): using the directory of ${p.name}\n`,
            );
          }
          if (!p)
            throw new CliError(
              `--province: "${opts.province}" is none of the 34 provinces nor a province merged into one on 1/7/2025; give its name (e.g. "Đồng Tháp") or its code (e.g. 82)`,
            );
          doc = provinceDirectory(p);
        } else if (opts.ministry) {
          doc = ministryDirectory(opts.ministry);
          if (!doc)
            throw new CliError(`--ministry: expected a ministry name such as "Bộ Tài chính", got "${opts.ministry}"`);
        } else if (opts.government) doc = governmentDirectory();
        else throw new CliError('expected --province, --commune, --ministry or --government');
        if (opts.out) {
          await writeDirectoryFile(doc, opts.out);
          process.stdout.write(`${opts.out}: ${doc.units.length} units of ${doc.name}\n`);
          return;
        }
        if (await (await commandDirectories()).store.current(doc.id))
          throw new CliError(`directory ${doc.id} already exists; edit it, or export, change and import it`);
        await record(doc.id, { type: 'DirectoryImported', document: doc });
        process.stdout.write(`${doc.id}: ${doc.units.length} units of ${doc.name} stored\n`);
      },
    );

  units
    .command('import')
    .description('store a directory file (.yaml, .json, .csv, .xlsx); a bad file is refused whole')
    .argument('<file>')
    .action(async (file: string) => {
      let doc: DirectoryData;
      try {
        doc = await readDirectoryFile(file);
      } catch (err) {
        if (err instanceof DirectoryDocumentError) throw new CliError(err.message);
        throw err;
      }
      await record(doc.id, { type: 'DirectoryImported', document: doc });
      process.stdout.write(`${doc.id}: ${doc.units.length} units, ${doc.groups.length} groups stored\n`);
    });

  units
    .command('export')
    .description('write a directory to a file; the form follows the extension (.yaml, .json, .csv, .xlsx)')
    .argument('<directory>')
    .argument('<file>')
    .action(async (id: string, file: string) => {
      const data = await current(id);
      await writeDirectoryFile(data, file);
      process.stdout.write(`${file}: ${data.units.length} units\n`);
    });

  units
    .command('add')
    .description('add a unit')
    .argument('<directory>')
    .requiredOption('--id <id>')
    .requiredOption('--name <name>')
    .requiredOption('--kind <kind>', `one of ${UnitKindSchema.options.join(', ')}`)
    .option('--head-title <title>', 'default: "Thủ trưởng <name>"')
    .option('--parent <id>')
    .option('--supervisor <id>', 'default: the parent, else the issuing authority')
    .option('--alias <text>', 'another name (repeatable)', collect)
    .option('--valid-from <date>')
    .action(
      async (
        id: string,
        o: {
          id: string;
          name: string;
          kind: string;
          headTitle?: string;
          parent?: string;
          supervisor?: string;
          alias?: string[];
          validFrom?: string;
        },
      ) => {
        const doc = await current(id);
        const parsed = UnitSchema.safeParse({
          id: o.id,
          name: o.name,
          kind: o.kind,
          headTitle: o.headTitle ?? `Thủ trưởng ${o.name}`,
          parentId: o.parent ?? null,
          supervisorId: o.supervisor ?? o.parent ?? doc.issuingAuthorityId,
          aliases: o.alias ?? [],
          ...(o.validFrom ? { validFrom: isoDay(o.validFrom, '--valid-from') } : {}),
        });
        if (!parsed.success)
          throw new CliError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
        await record(id, { type: 'UnitAdded', unit: parsed.data });
      },
    );

  units
    .command('rename')
    .description('rename a unit; its id and old name stay, so running assignments and old plans keep working')
    .argument('<directory>')
    .argument('<unitId>')
    .argument('<name>')
    .option('--head-title <title>')
    .action(async (id: string, unitId: string, name: string, o: { headTitle?: string }) => {
      const change: DirectoryChange = {
        type: 'UnitRenamed',
        unitId,
        name,
        ...(o.headTitle ? { headTitle: o.headTitle } : {}),
      };
      const doc = await record(id, change);
      process.stdout.write(`${await effectOf(change, doc, [unitId])}\n`);
    });

  units
    .command('merge')
    .description('merge units into another after a last day; they stay on record with "merged into"')
    .argument('<directory>')
    .argument('<into>')
    .argument('<from...>')
    .option('--last-day <date>', 'the last day the merged units exist (default: yesterday)')
    .action(async (id: string, into: string, from: string[], o: { lastDay?: string }) => {
      const lastDay = o.lastDay
        ? isoDay(o.lastDay, '--last-day')
        : new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const change: DirectoryChange = { type: 'UnitsMerged', from, into, lastDay };
      const doc = await record(id, change);
      process.stdout.write(`${await effectOf(change, doc, from)}\n`);
    });

  units
    .command('retire')
    .description('retire a unit after a last day; it stays on record')
    .argument('<directory>')
    .argument('<unitId>')
    .option('--last-day <date>', 'default: today')
    .action(async (id: string, unitId: string, o: { lastDay?: string }) => {
      const change: DirectoryChange = {
        type: 'UnitRetired',
        unitId,
        lastDay: o.lastDay ? isoDay(o.lastDay, '--last-day') : today(),
      };
      const doc = await record(id, change);
      process.stdout.write(`${await effectOf(change, doc, [unitId])}\n`);
    });

  units
    .command('set-head')
    .description("change a unit's head: title, name, phone, e-mails")
    .argument('<directory>')
    .argument('<unitId>')
    .option('--title <title>')
    .option('--name <name>')
    .option('--phone <phone>')
    .option('--email <address>', 'repeatable; replaces the head e-mails', collect)
    .action(
      async (id: string, unitId: string, o: { title?: string; name?: string; phone?: string; email?: string[] }) => {
        const existing = (await current(id)).units.find((u) => u.id === unitId);
        await record(id, {
          type: 'HeadChanged',
          unitId,
          ...(o.title ? { headTitle: o.title } : {}),
          ...(o.name ? { headName: o.name } : {}),
          ...(o.phone ? { headPhone: o.phone } : {}),
          ...(o.email ? { headChannels: { emails: o.email, webhooks: existing?.headChannels?.webhooks ?? [] } } : {}),
        });
      },
    );

  units
    .command('history')
    .description('every change of a stored directory: who, when, what; checks the hash chain')
    .argument('<directory>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const { store } = await commandDirectories();
      const history = await store.history(id);
      const broken = verifyHistory(history);
      if (o.json) return printJson({ history, chain: broken ? { ok: false, ...broken } : { ok: true } });
      process.stdout.write(
        formatTable(
          ['seq', 'at', 'actor', 'change'],
          history.map((r) => [r.seq, r.at, r.actor, describeChange(r.change)]),
        ) +
          `\nhash chain: ${broken ? `BROKEN at #${broken.seq}: ${broken.problem}` : `intact (${history.length} changes)`}\n`,
      );
      if (broken) process.exitCode = 1;
    });

  units
    .command('adopt')
    .description('propose a unit for every unresolved lead and support mention of a plan; --yes adds them')
    .argument('<plan>', 'plan document')
    .option('--directory <id>', 'the stored directory to add to (default: the one the plan detects)')
    .option('--out <file>', 'write the proposals to this YAML file for a person to correct')
    .option('--from <file>', 'add the units of a (corrected) proposal file')
    .option('--yes', 'add every proposal as it is')
    .action(async (file: string, o: { directory?: string; out?: string; from?: string; yes?: boolean }) => {
      let proposals: readonly { unit: unknown }[];
      let id = o.directory;
      if (o.from) {
        const raw = readProposalFile(o.from);
        id ??= raw.directory;
        proposals = raw.proposals;
      } else {
        const text = fs.readFileSync(file, 'utf8');
        const imported = importPlan(text, file, id ? { directory: id } : {});
        if (!imported.ok) throw new CliError(imported.error.message);
        id ??= imported.plan.plan.directory ?? undefined;
        if (!id)
          throw new CliError(
            `${file}: the plan detects no directory (issuer "${imported.plan.plan.issuer}"); give --directory or run dondoc units init first`,
          );
        proposals = proposeForPlan(imported.plan, await current(id)).proposals;
      }
      if (!id) throw new CliError('expected --directory');
      if (!o.yes && !o.from) {
        const yaml = stringifyYaml({ directory: id, plan: file, proposals }, { lineWidth: 0 });
        if (o.out) fs.writeFileSync(o.out, yaml);
        else process.stdout.write(yaml);
        process.stderr.write(
          `${proposals.length} proposals${o.out ? ` in ${o.out}` : ''}; correct them, then: dondoc units adopt ${file} --from <file>, or accept all with --yes\n`,
        );
        return;
      }
      await current(id);
      const { editor, store } = await commandDirectories();
      // The same all-or-nothing step as POST /plans/:planId/adopt: every proposal is checked before any is recorded.
      let result: AdoptResult;
      try {
        result = await adoptUnits(editor, id, proposals, operatorPrincipal().name);
      } catch (err) {
        const where = o.from ? `${o.from}: ` : '';
        if (err instanceof ServiceError)
          throw new CliError(`${where}${err.message}; nothing was added`, err.code === 'not-found' ? 3 : 2);
        if (err instanceof DirectoryDocumentError || err instanceof DirectoryChangeError)
          throw new CliError(`${where}${err.message}; nothing was added`);
        throw err;
      }
      for (const u of result.added) process.stderr.write(`${id} (${store.location}): added ${u.id} "${u.name}"\n`);
      process.stdout.write(
        `${result.added.length} units adopted into ${id}` +
          (result.alreadyThere.length > 0
            ? ` (${result.alreadyThere.length} already there: ${result.alreadyThere.join(', ')})`
            : '') +
          (result.lastSeq !== null ? `, last change #${result.lastSeq}` : '') +
          '\n',
      );
    });

  registerUnitsChannelsCommands(units);
}
