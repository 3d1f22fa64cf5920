/**
 * What each role sees of a child's record. One whitelist per role (privacy by default: a field not listed is
 * not shown), then masking of what the role may see only in part. The audit log records the fields returned.
 */
import type { Role } from '../../../typings/roles';
import { maskAddress, maskIdNumber, maskPhone } from './mask';

type Mask = 'phone' | 'id' | 'address';

interface FieldRule {
  /** Fields shown as they are. */
  full: string[];
  /** Fields shown masked. */
  masked: Partial<Record<string, Mask>>;
}

const BASIC = ['_id', 'name', 'gender', 'birthDate', 'lunarBirthday', 'classId', 'schoolId'];
/** Parents and guardians: their child's basics, study and health; never difficulty categories or focus-support reasons. */
const FAMILY_VISIBLE = [...BASIC, 'hobbies', 'studyRecords', 'studySituation', 'health', 'updatedAt'];
const CARE = [
  ...FAMILY_VISIBLE,
  'communityId',
  'leftBehindType',
  'otherParentUnableReason',
  'difficulties',
  'difficultyNote',
  'vulnerableCategories',
  'disability',
  'focusSupport',
  'enrolment',
  'vaccination',
  'familySituation',
  'archiveVersion',
  'createdAt',
];

/**
 * 儿童主任 and 儿童督导员: what their work needs — who the child is, where they live, their class, left-behind type and
 * difficulty categories — and nothing of study, health, hobbies, family notes or the reasons behind a category.
 */
const COMMUNITY_VISIBLE = [
  '_id',
  'name',
  'gender',
  'birthDate',
  'classId',
  'schoolId',
  'communityId',
  'address',
  'leftBehindType',
  'difficulties',
  'vulnerableCategories',
  'updatedAt',
];

export const ARCHIVE_RULES: Record<Role, FieldRule | null> = {
  admin: { full: [...CARE, 'idNumber', 'address'], masked: {} },
  teacher: { full: [...CARE, 'address'], masked: { idNumber: 'id' } },
  community: { full: COMMUNITY_VISIBLE, masked: {} },
  township: { full: COMMUNITY_VISIBLE, masked: {} },
  parent: { full: [...FAMILY_VISIBLE, 'address'], masked: { idNumber: 'id' } },
  guardian: { full: [...FAMILY_VISIBLE, 'address'], masked: { idNumber: 'id' } },
  // Students never see an archive field.
  student: null,
  // The county sees counts, never a child.
  county: null,
};

export function applyMask(value: unknown, mask: Mask): unknown {
  if (typeof value !== 'string') return value ?? null;
  if (mask === 'phone') return maskPhone(value);
  if (mask === 'id') return maskIdNumber(value);
  return maskAddress(value);
}

/** The child's record as `role` may see it, and the list of fields it contains (for the audit log). */
export function archiveView(child: Record<string, unknown>, role: Role): { view: Record<string, unknown>; fields: string[] } {
  const rule = ARCHIVE_RULES[role];
  if (!rule) return { view: {}, fields: [] };
  const view: Record<string, unknown> = {};
  for (const field of rule.full) if (child[field] !== undefined) view[field] = child[field];
  for (const [field, mask] of Object.entries(rule.masked))
    if (child[field] !== undefined && child[field] !== null) view[field] = applyMask(child[field], mask as Mask);
  return { view, fields: Object.keys(view).filter((f) => f !== '_id') };
}

/**
 * The contact card (联系卡): teachers (class and mentor), admins, 儿童主任 and 儿童督导员 see it with phones in full
 * (they call these numbers); parents and guardians see their own child's card in full; students never see it.
 */
export const CARD_RULES: Record<Role, { phones: 'full' | 'masked' } | null> = {
  admin: { phones: 'full' },
  teacher: { phones: 'full' },
  community: { phones: 'full' },
  township: { phones: 'full' },
  parent: { phones: 'full' },
  guardian: { phones: 'full' },
  student: null,
  county: null,
};

const CARD_FIELDS = ['parents', 'guardian', 'emergency', 'unreachable', 'version', 'updatedAt', 'confirmedAt'];
const PHONE_KEYS = new Set(['phone', 'workPhone']);

/** The contact card as `role` may see it (null: not at all), and the fields it contains (for the audit log). */
export function cardView(card: Record<string, unknown> | null, role: Role): { view: Record<string, unknown> | null; fields: string[] } {
  const rule = CARD_RULES[role];
  if (!rule || !card) return { view: null, fields: [] };
  const maskDeep = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(maskDeep);
    if (!value || typeof value !== 'object' || value instanceof Date) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, PHONE_KEYS.has(k) && typeof v === 'string' ? maskPhone(v) : maskDeep(v)]));
  };
  const view: Record<string, unknown> = {};
  for (const field of CARD_FIELDS) if (card[field] !== undefined) view[field] = rule.phones === 'masked' ? maskDeep(card[field]) : card[field];
  return {
    view,
    fields: CARD_FIELDS.filter((f) => view[f] !== undefined && !['version', 'updatedAt', 'confirmedAt'].includes(f)).map((f) => `contactCard.${f}`),
  };
}

/**
 * One value of the history (a changed field's before or after) as `role` may see it: archive fields follow
 * ARCHIVE_RULES (hidden or masked), contact-card values follow CARD_RULES. `undefined` means: not visible.
 */
export function historyValue(target: 'archive' | 'contactCard' | 'care', field: string, value: unknown, role: Role): unknown {
  if (value === null || value === undefined) return null;
  const top = field.split('.')[0];
  const leaf = field.split('.').pop() as string;
  if (target === 'archive') {
    const rule = ARCHIVE_RULES[role];
    if (!rule) return undefined;
    if (rule.full.includes(top)) return value;
    const mask = rule.masked[top];
    return mask ? applyMask(value, mask) : undefined;
  }
  const rule = CARD_RULES[role];
  if (!rule) return undefined;
  return rule.phones === 'masked' && PHONE_KEYS.has(leaf) && typeof value === 'string' ? maskPhone(value) : value;
}
