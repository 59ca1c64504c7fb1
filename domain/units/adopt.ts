import { normalizeVietnamese } from './normalize';
import { slugifyName } from './templates/admin-units';
import { bodyClassOf, bodyNameOf, HEAD_PREFIX, mentionClass, POSITION } from './templates/classes';
import type { DirectoryData, UnitInput, UnitKind } from './unit';

/** A mention the directory did not resolve, as a plan gives it. */
export interface UnresolvedMention {
  text: string;
  role: 'unit' | 'head';
  /** Task refs that name it, and whether as lead or support. */
  refs: string[];
  column: 'lead' | 'support';
}

/** A unit proposed for an unresolved mention, for a person to accept or correct. */
export interface UnitProposal {
  mention: string;
  refs: string[];
  unit: UnitInput;
}

/** Committees named in the plural ("UBND các huyện", "Ủy ban nhân dân các xã"): a group, never one unit. */
const PLURAL_COMMITTEES = /^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+các\s/iu;

/** A directory whose issuing authority is a ministry or the Government: a "Bộ …" there is one of its own units. */
function isNational(doc: DirectoryData): boolean {
  const authority = doc.units.find((u) => u.id === doc.issuingAuthorityId);
  return authority?.kind === 'bo' || authority?.kind === 'other';
}

/** Guesses the kind and head title of a body from how its name starts (see BODY_CLASSES). */
export function guessKind(name: string): { kind: UnitKind; headTitle: string } {
  const found = bodyClassOf(name);
  if (!found) return { kind: 'other', headTitle: `Thủ trưởng ${name}` };
  if (found === POSITION) return { kind: found.kind, headTitle: name };
  const word =
    found.head || (/^vụ/iu.test(name) ? 'Vụ trưởng' : /^tổng cục/iu.test(name) ? 'Tổng Cục trưởng' : 'Cục trưởng');
  return { kind: found.kind, headTitle: `${word} ${name}` };
}

/**
 * Proposes one unit per distinct unresolved mention of a plan: its name as written (without the head's title), a
 * kind and head title guessed from how the name starts, and the issuing authority as parent and supervisor. Mentions
 * that name the public or businesses, not a body, are left out (they stay warnings).
 */
export function proposeUnits(doc: DirectoryData, mentions: readonly UnresolvedMention[]): UnitProposal[] {
  const prefix = doc.issuingAuthorityId.split('.')[0] as string;
  const taken = new Set(doc.units.map((u) => u.id));
  const byKey = new Map<string, UnitProposal>();
  for (const m of mentions) {
    const name = bodyNameOf(m.text);
    // Only names that open like a body's: vague phrases, the public and prose fragments stay warnings.
    if (name.length < 3 || mentionClass(m.text) !== 'named-body') continue;
    // "UBND các huyện": every committee of a level, a group phrase, not one body to add.
    if (PLURAL_COMMITTEES.test(name)) continue;
    const key = normalizeVietnamese(name);
    const existing = byKey.get(key);
    if (existing) {
      existing.refs = [...new Set([...existing.refs, ...m.refs])];
      continue;
    }
    const { kind, headTitle } = guessKind(name);
    const written = m.text
      .replace(/\s+/g, ' ')
      .replace(/^[\s,.;:–-]+|[\s,.;:–-]+$/g, '')
      .replace(HEAD_PREFIX, '');
    let id = `${prefix}.${slugifyName(name).slice(0, 60).replace(/-$/, '')}`;
    for (let n = 2; taken.has(id); n++) id = `${prefix}.${slugifyName(name).slice(0, 56)}-${n}`;
    taken.add(id);
    // Line agencies, mass organisations, party bodies and (outside national directories) ministries are not part
    // of the issuing authority; escalation still goes to it.
    const outside = ['nganh-doc', 'doan-the', 'co-quan-dang'].includes(kind) || (kind === 'bo' && !isNational(doc));
    const parent = outside ? null : doc.issuingAuthorityId;
    byKey.set(key, {
      mention: m.text,
      refs: [...m.refs],
      unit: {
        id,
        name,
        kind,
        headTitle,
        parentId: parent,
        supervisorId: doc.issuingAuthorityId,
        // The mention as written ("Đồng chí …", "Giám đốc …" aside) names it too.
        aliases: written && normalizeVietnamese(written) !== key ? [written] : [],
        note: `Proposed by "dondoc units adopt" from the mention "${m.text}"; check the kind, head and parent.`,
      },
    });
  }
  return [...byKey.values()];
}
