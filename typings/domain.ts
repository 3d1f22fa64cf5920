/**
 * Domain records as stored (one collection each). Names are English; the Chinese term is the real name.
 * Dates are Date objects in the database; "YYYY-MM-DD" strings are Beijing calendar days.
 */
import type { Role } from './roles';

export interface School {
  _id: string;
  name: string;
  createdAt: Date;
}

/** 班级 */
export interface SchoolClass {
  _id: string;
  schoolId: string;
  /** 年级, e.g. 3 for 三年级 */
  grade: number;
  /** e.g. "三年级(2)班" */
  name: string;
  /** 所属社区/村, for community workers' scope */
  communityId: string | null;
  archivedAt?: Date | null;
}

/** 社区/村 */
export interface Community {
  _id: string;
  schoolId: string;
  name: string;
}

export type Gender = 'male' | 'female';

/** 留守类型: both parents away / one away and the other unable to care */
export type LeftBehindType = 'both_away' | 'one_away_other_unable' | 'not_left_behind';

/** A child of the school; the archive (档案) lives on this record, the contact card in `contactCards`. */
export interface Child {
  _id: string;
  schoolId: string;
  classId: string;
  communityId: string | null;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD (solar) */
  birthDate: string;
  /** The family keeps the lunar birthday: month/day in the lunar calendar. */
  lunarBirthday?: { month: number; day: number; leap?: boolean } | null;
  leftBehindType: LeftBehindType;
  focusSupport?: { flag: boolean; reason: string } | null;
  createdAt: Date;
  updatedAt: Date;
  /** Set when the child left school and their data was removed (tombstone keeps only ids). */
  deletedAt?: Date | null;
  [field: string]: unknown;
}

/** A person's role in one scope (身份绑定). */
export interface BindingRecord {
  _id: string;
  openid: string;
  role: Role;
  schoolId: string | null;
  classId: string | null;
  childId: string | null;
  communityId: string | null;
  label: string;
  /** For a teacher: 班主任 (head) or 任课/帮扶 */
  title?: string;
  createdAt: Date;
  revokedAt?: Date | null;
}

export interface UserRecord {
  _id: string;
  openid: string;
  nickname: string | null;
  createdAt: Date;
}
