/**
 * The change history names every field in Chinese. The field paths are those the history can produce: every field
 * an archive edit, a contact card or an import may hold (walked from the forms' own schemas, so a field added to a
 * form is covered without touching this test), and the care network's pairings.
 */
import type { z } from 'zod';
import { archiveChangesSchema, cardSchema, storedChanges } from '../../cloudfunctions/core/archive/rules';
import { diffRecords } from '../../cloudfunctions/core/archive/diff';
import { historyView } from '../../cloudfunctions/core/archive/history';
import { PAIRING_LABELS } from '../../cloudfunctions/core/archive/labels';
import type { ArchiveChange } from '../../typings/domain';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A value of every field the schema allows (the shape matters here, not whether the value passes the rules). */
function sample(schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries(def.shape!).map(([k, v]) => [k, sample(v)]));
    case 'array':
      return [sample(def.element!)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      return sample(def.innerType!);
    case 'pipe':
      return sample(def.in!);
    case 'union': {
      const values = def.options!.map(sample).filter((v) => v !== null);
      return values.find((v) => typeof v === 'object') ?? values[0] ?? null;
    }
    case 'enum':
      return Object.values(def.entries!)[0];
    case 'literal':
      return def.values![0];
    case 'string':
      return '甲';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      throw new Error(`sample(): no sample for a zod ${def.type}`);
  }
}

function archivePaths(): string[] {
  const changes = { ...(sample(archiveChangesSchema) as Record<string, unknown>), birthDate: '2017-09-12' };
  return diffRecords(null, storedChanges(changes as never, {})).map((c) => c.field);
}

function cardPaths(): string[] {
  const card = sample(cardSchema) as { parents: unknown[] };
  // Two parents: the history numbers list entries ("父母2·电话").
  return diffRecords(null, { ...card, parents: [card.parents[0], card.parents[0]] }).map((c) => c.field);
}

const carePaths = () => Object.keys(PAIRING_LABELS);

function labelsOf(target: ArchiveChange['target'], fields: string[]): { field: string; label: string }[] {
  const entry: ArchiveChange = {
    _id: 'h1',
    schoolId: 's',
    childId: 'c',
    target,
    version: 1,
    at: new Date(),
    by: 'o',
    byRole: 'admin',
    byLabel: '管理员',
    action: 'archive.update',
    changes: fields.map((field) => ({ field, from: null, to: 1 })),
    note: null,
  };
  return historyView(entry, 'admin').changes.map(({ field, label }) => ({ field, label }));
}

test('the paths walked cover the nested fields (so the test sees what the history sees)', () => {
  expect(archivePaths()).toEqual(
    expect.arrayContaining(['name', 'lunarBirthday', 'idNumber', 'studyRecords', 'difficulties', 'focusSupport.flag', 'focusSupport.reason']),
  );
  expect(archivePaths()).not.toContain('keepsLunarBirthday');
  expect(cardPaths()).toEqual(expect.arrayContaining(['parents.0.name', 'parents.1.workPhone', 'guardian.capable', 'guardian.address', 'emergency.phone']));
});

test.each([
  ['archive', archivePaths],
  ['contactCard', cardPaths],
  ['care', carePaths],
] as const)('every %s field of the history has a Chinese label', (target, paths) => {
  const labels = labelsOf(target, paths());
  expect(labels.length).toBeGreaterThan(2);
  for (const { field, label } of labels)
    expect({ field, label, english: /[A-Za-z]/.test(label), chinese: /[\u4e00-\u9fa5]/.test(label) }).toEqual({
      field,
      label,
      english: false,
      chinese: true,
    });
});

test('nested fields are named as the forms name them', () => {
  const byField = Object.fromEntries(
    labelsOf('archive', ['focusSupport.flag', 'focusSupport.reason', 'parents.1.phone', 'guardian.address']).map((l) => [l.field, l.label]),
  );
  expect(byField).toEqual({
    'focusSupport.flag': '重点帮扶',
    'focusSupport.reason': '重点帮扶原因',
    'parents.1.phone': '父母2·电话',
    'guardian.address': '监护人·住址',
  });
});
