/**
 * Field-level difference between two versions of an archive or contact card, for the history (谁、何时、改了什么).
 * Nested objects and lists of objects are compared field by field ("parents.1.phone"); lists of codes and the
 * exam list are compared as a whole.
 */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Bookkeeping fields that change on every write and are not "what changed". */
const IGNORED = new Set([
  '_id',
  'updatedAt',
  'updatedBy',
  'archiveVersion',
  'version',
  'createdAt',
  'confirmedAt',
  'confirmedBy',
  'schoolId',
  'classId',
  'childId',
  'communityId',
]);
/** Compared as a whole. */
const WHOLE = new Set(['studyRecords', 'difficulties', 'vulnerableCategories', 'lunarBirthday']);

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

function flatten(value: unknown, path: string, out: Map<string, unknown>, top: boolean): void {
  const key = path.split('.').pop() ?? '';
  if (!top && WHOLE.has(key)) {
    out.set(path, value ?? null);
    return;
  }
  if (isPlain(value)) {
    for (const [k, v] of Object.entries(value)) if (!(top && IGNORED.has(k))) flatten(v, path ? `${path}.${k}` : k, out, false);
    return;
  }
  if (Array.isArray(value) && value.some(isPlain)) {
    value.forEach((v, i) => flatten(v, `${path}.${i}`, out, false));
    return;
  }
  out.set(path, value instanceof Date ? value.toISOString() : (value ?? null));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changed from `before` to `after`, limited to `fields` (top-level names) when given. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown>, fields?: string[]): FieldChange[] {
  const pick = (r: Record<string, unknown> | null) => (fields && r ? Object.fromEntries(fields.map((f) => [f, r[f]])) : (r ?? {}));
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(pick(before), '', a, true);
  flatten(pick(after), '', b, true);
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(field) ?? null;
    const to = b.get(field) ?? null;
    if (!same(from, to)) changes.push({ field, from, to });
  }
  return changes;
}
