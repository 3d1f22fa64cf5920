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
const FAMILY_VISIBLE = [...BASIC, 'hobbies', 'studyRecords', 'health'];
const CARE = [...FAMILY_VISIBLE, 'communityId', 'leftBehindType', 'difficulties', 'vulnerableCategories', 'focusSupport', 'familySituation', 'studySituation', 'updatedAt', 'createdAt'];

export const ARCHIVE_RULES: Record<Role, FieldRule | null> = {
  admin: { full: [...CARE, 'idNumber', 'address'], masked: {} },
  teacher: { full: [...CARE, 'address'], masked: { idNumber: 'id' } },
  community: { full: [...CARE, 'address'], masked: { idNumber: 'id' } },
  parent: { full: [...FAMILY_VISIBLE, 'address'], masked: { idNumber: 'id' } },
  guardian: { full: [...FAMILY_VISIBLE, 'address'], masked: { idNumber: 'id' } },
  // Students never see an archive field.
  student: null,
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
  for (const [field, mask] of Object.entries(rule.masked)) if (child[field] !== undefined && child[field] !== null) view[field] = applyMask(child[field], mask as Mask);
  return { view, fields: Object.keys(view).filter((f) => f !== '_id') };
}
