/**
 * A school built record by record for the dashboard tests, so every rate's numerator and denominator is known:
 * 青溪小学 (county 青溪县), two classes, seven children. Times are Beijing; the suite runs in America/New_York.
 *
 *            archive        enrolment                 vaccination  pairing        talk (April)   guardian at symposium   contact this week
 *  k1 c1     complete       enrolled                  complete     mentor+buddy   2027-04-01     2026-10-10 (this year)  phone 04-01 00:10
 *  k2 c1     no guardian    (dropped out via api)     incomplete   mentor         March 31 only  — (the child came)      phone Sunday 03-28
 *  k3 c1     no consent     transferred out           unknown      —              —              —                       —
 *  k4 c2     complete       transferred in 02-20      complete     mentor, buddy ended  04-01    2026-06-01 (last year)  —
 *  k5 c2     not left behind (never counted)
 *  k6 c2     removed (never counted)
 *  k7 c2     no consent     transferred in 02-19      —            —              —              —                       —
 */
import type { TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';

export const D = {
  school: 'ds',
  school2: 'ds2',
  county: 'cty',
  c1: 'ds-c1',
  c2: 'ds-c2',
  admin: 'ds-admin',
  teacher: 'ds-teacher',
  countyAdmin: 'cty-admin',
  /** 2027-04-01 00:30 in Beijing: still March 31 in New York (and in UTC). */
  now: fromBeijing('2027-04-01 00:30'),
};

const yearAgo = fromBeijing('2026-03-01 09:00');

export async function buildSchool(env: TestEmulator): Promise<void> {
  const db = env.app.database();
  await db.collection('counties').add({ _id: D.county, name: '青溪县', createdAt: yearAgo });
  await db.collection('schools').add([
    { _id: D.school, name: '青溪小学', countyId: D.county, createdAt: yearAgo },
    { _id: D.school2, name: '青溪二小', countyId: D.county, createdAt: yearAgo },
  ]);
  await db.collection('classes').add([
    { _id: D.c1, schoolId: D.school, grade: 3, name: '三年级(1)班', communityId: null, archivedAt: null },
    { _id: D.c2, schoolId: D.school, grade: 4, name: '四年级(1)班', communityId: null, archivedAt: null },
    { _id: 'ds2-c1', schoolId: D.school2, grade: 2, name: '二年级(1)班', communityId: null, archivedAt: null },
  ]);
  await db.collection('schoolCalendars').add({
    _id: D.school,
    schoolId: D.school,
    terms: [
      { name: '2026年秋季学期', start: '2026-09-01', end: '2027-01-20' },
      { name: '2027年春季学期', start: '2027-02-20', end: '2027-07-10' },
    ],
    holidays: [],
    makeUpDays: [],
    version: 1,
    updatedAt: yearAgo,
    updatedBy: 'x',
  });
  const child = (id: string, classId: string, name: string, over: Record<string, unknown> = {}) => ({
    _id: id,
    schoolId: classId.startsWith('ds2') ? D.school2 : D.school,
    classId,
    communityId: null,
    name,
    gender: 'female',
    birthDate: '2017-05-05',
    leftBehindType: 'both_away',
    address: '青溪村一组',
    archiveVersion: 0,
    createdAt: yearAgo,
    updatedAt: yearAgo,
    deletedAt: null,
    ...over,
  });
  const day = (d: string) => ({ status: 'enrolled', date: d, note: null });
  await db
    .collection('children')
    .add([
      child('k1', D.c1, '甲一', { enrolment: day('2025-09-01'), vaccination: 'complete' }),
      child('k2', D.c1, '乙二', { vaccination: 'incomplete' }),
      child('k3', D.c1, '丙三', { enrolment: { status: 'transferred_out', date: '2027-03-01', note: null }, vaccination: 'unknown' }),
      child('k4', D.c2, '丁四', { enrolment: { status: 'transferred_in', date: '2027-02-20', note: null }, vaccination: 'complete' }),
      child('k5', D.c2, '戊五', { leftBehindType: 'not_left_behind', vaccination: 'complete' }),
      child('k6', D.c2, '己六', { deletedAt: yearAgo }),
      child('k7', D.c2, '庚七', { enrolment: { status: 'transferred_in', date: '2027-02-19', note: null }, address: null }),
      child('m1', 'ds2-c1', '辛八', { vaccination: 'complete' }),
    ]);
  const parents = [{ name: '家长', relation: '父亲', phone: '13800000001', workCity: '宁波', workUnit: null, workAddress: null, workPhone: null }];
  const guardian = { name: '奶奶', relation: '奶奶', occupation: '务农', address: '青溪村', phone: '13800000002', health: '良好', age: 60, capable: true };
  const card = (childId: string, classId: string, withGuardian: boolean) => ({
    _id: childId,
    childId,
    schoolId: D.school,
    classId,
    parents,
    guardian: withGuardian ? guardian : null,
    emergency: null,
    version: 1,
    createdAt: yearAgo,
    updatedAt: yearAgo,
    updatedBy: 'x',
    confirmedAt: yearAgo,
    confirmedBy: 'x',
  });
  await db.collection('contactCards').add([card('k1', D.c1, true), card('k2', D.c1, false), card('k3', D.c1, true), card('k4', D.c2, true)]);
  const consent = (childId: string, decision: string, at: string) => ({
    childId,
    decision,
    noticeVersion: 'v1',
    method: 'paper',
    by: '家长',
    signerRelation: '父亲',
    recordedBy: 'x',
    at: fromBeijing(at),
  });
  // k3's family granted, then refused: the latest decision counts.
  await db
    .collection('consents')
    .add([
      consent('k1', 'granted', '2026-03-02 10:00'),
      consent('k2', 'granted', '2026-03-02 10:00'),
      consent('k3', 'granted', '2026-03-02 10:00'),
      consent('k3', 'refused', '2026-04-02 10:00'),
      consent('k4', 'granted', '2026-03-02 10:00'),
    ]);
  const pairing = (childId: string, classId: string, kind: string, endedAt: Date | null = null) => ({
    schoolId: D.school,
    classId,
    childId,
    kind,
    endedAt,
    personName: '李老师',
  });
  await db
    .collection('pairings')
    .add([
      pairing('k1', D.c1, 'mentor'),
      pairing('k1', D.c1, 'buddy'),
      pairing('k2', D.c1, 'mentor'),
      pairing('k4', D.c2, 'mentor'),
      pairing('k4', D.c2, 'buddy', yearAgo),
    ]);
  const talk = (childId: string, classId: string, date: string) => ({ schoolId: D.school, classId, childId, date, month: date.slice(0, 7) });
  await db.collection('talks').add([talk('k1', D.c1, '2027-04-01'), talk('k2', D.c1, '2027-03-31'), talk('k4', D.c2, '2027-04-01')]);
  await db.collection('symposiums').add([
    { _id: 'sym-this-year', schoolId: D.school, classId: null, date: '2026-10-10', topic: '家长会' },
    { _id: 'sym-last-year', schoolId: D.school, classId: null, date: '2026-06-01', topic: '家长会' },
  ]);
  await db.collection('symposiumAttendance').add([
    { _id: 'a1', symposiumId: 'sym-this-year', schoolId: D.school, childId: 'k1', kind: 'guardian', refId: 'k1', name: '奶奶' },
    { _id: 'a2', symposiumId: 'sym-this-year', schoolId: D.school, childId: 'k2', kind: 'child', refId: 'k2', name: '乙二' },
    { _id: 'a3', symposiumId: 'sym-last-year', schoolId: D.school, childId: 'k4', kind: 'guardian', refId: 'k4', name: '奶奶' },
  ]);
  await db.collection('phoneCalls').add([
    { schoolId: D.school, classId: D.c1, childId: 'k1', at: fromBeijing('2027-04-01 00:10') },
    { schoolId: D.school, classId: D.c1, childId: 'k2', at: fromBeijing('2027-03-28 21:00') },
  ]);
  const binding = { classId: null, childId: null, communityId: null, createdAt: yearAgo, revokedAt: null };
  await db.collection('bindings').add([
    { ...binding, openid: D.admin, role: 'admin', schoolId: D.school, label: '青溪小学' },
    { ...binding, openid: D.teacher, role: 'teacher', schoolId: D.school, classId: D.c1, title: 'head', label: '三年级(1)班 班主任' },
    { ...binding, openid: D.countyAdmin, role: 'county', schoolId: null, countyId: D.county, label: '青溪县教育局' },
  ]);
}
