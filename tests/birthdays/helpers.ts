/**
 * A school around a few birthdays, on the demo school and a second school, set up through the real actions where the
 * app has them (consent, pairing, the family's and the students' choices) and written directly where it has none
 * (birth dates chosen for the test, extra student and teacher bindings). Time is simulated: NOW is a Wednesday in March.
 *
 *   01 林小禾  3-1  lunar birthday that falls on 2027-03-12   consent   buddy 吴星辰 (demo-student); a mentor teacher
 *   02 周子墨  3-1  solar 2017-03-12                          consent   family switched classmates off; buddy 陈一诺
 *   03 陈一诺  3-1  solar 2017-03-12                          consent refused
 *   04 吴星辰  3-1  solar 2018-03-12                          no consent
 *   05 郑可欣  3-2  2016-02-29: celebrated 2027-02-28            consent
 * Students: demo-student (吴星辰, 3-1), STUDENT.opted (陈一诺's account, 3-1, asked for reminders), STUDENT.quiet
 * (3-1's shared account, did not ask), STUDENT.other (3-2, asked), STUDENT.far (the other school, asked).
 */
import { Solar } from 'lunar-typescript';
import type { TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';

export const NOW = fromBeijing('2027-03-10 10:00');
export const BIRTHDAY = '2027-03-12';

export const STUDENT = {
  buddy: 'demo-student',
  opted: 'student-31-opted',
  quiet: 'student-31-shared',
  other: 'student-32-opted',
  far: 'student-b-opted',
};
export const TEACHER = { head: 'demo-teacher', mentor: 'mentor-of-01', head32: 'teacher-32' };

export async function must<A extends ActionName>(env: TestEmulator, openid: string, action: A, input: ActionInput<A>, now = NOW): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input, now);
  if (!res.ok) throw new Error(`${action} as ${openid}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

const binding = (openid: string, role: string, schoolId: string, classId: string | null, childId: string | null, label: string, title?: string) => ({
  openid,
  role,
  schoolId,
  classId,
  childId,
  communityId: null,
  label,
  ...(title ? { title } : {}),
  createdAt: NOW,
  revokedAt: null,
});

const consent = (childId: string, decision: 'granted' | 'refused') => ({
  childId,
  decision,
  noticeVersion: PRIVACY_NOTICE.version,
  method: 'paper' as const,
  signerName: '家长',
  signerRelation: '母亲',
});

export async function birthdayWorld(env: TestEmulator): Promise<void> {
  const db = env.app.database();
  await addOtherSchool(env);
  const lunar = Solar.fromYmd(2027, 3, 12).getLunar();
  await Promise.all([
    db
      .collection('children')
      .doc('demo-child-01')
      .update({ lunarBirthday: { month: Math.abs(lunar.getMonth()), day: lunar.getDay(), leap: lunar.getMonth() < 0 } }),
    db.collection('children').doc('demo-child-02').update({ birthDate: '2017-03-12' }),
    db.collection('children').doc('demo-child-03').update({ birthDate: '2017-03-12' }),
    db.collection('children').doc('demo-child-04').update({ birthDate: '2018-03-12' }),
    db.collection('children').doc('demo-child-05').update({ birthDate: '2016-02-29' }),
    db.collection('children').doc(OTHER.childId).update({ birthDate: '2016-03-12' }),
  ]);
  await db
    .collection('bindings')
    .add([
      binding(STUDENT.opted, 'student', 'demo-school', 'demo-class-3-1', 'demo-child-03', '三年级(1)班 陈一诺'),
      binding(STUDENT.quiet, 'student', 'demo-school', 'demo-class-3-1', null, '三年级(1)班 学生'),
      binding(STUDENT.other, 'student', 'demo-school', 'demo-class-3-2', 'demo-child-06', '三年级(2)班 孙浩然'),
      binding(STUDENT.far, 'student', OTHER.schoolId, OTHER.classId, null, '四年级(1)班 学生'),
      binding(TEACHER.mentor, 'teacher', 'demo-school', 'demo-class-3-1', 'demo-child-01', '林小禾 帮扶教师', 'mentor'),
      binding(TEACHER.head32, 'teacher', 'demo-school', 'demo-class-3-2', null, '三年级(2)班 班主任', 'head'),
    ]);
  for (const id of ['demo-child-01', 'demo-child-02']) await must(env, TEACHER.head, 'consent.record', consent(id, 'granted'));
  await must(env, TEACHER.head, 'consent.record', consent('demo-child-03', 'refused'));
  await must(env, 'demo-admin', 'consent.record', consent('demo-child-05', 'granted'));
  await must(env, OTHER.teacher, 'consent.record', consent(OTHER.childId, 'granted'));
  await must(env, TEACHER.head, 'care.pair', { childId: 'demo-child-01', kind: 'buddy', buddyChildId: 'demo-child-04' });
  await must(env, TEACHER.head, 'care.pair', { childId: 'demo-child-02', kind: 'buddy', buddyChildId: 'demo-child-03' });
  await must(env, 'demo-guardian', 'birthdays.family', { childId: 'demo-child-02', classmates: false });
  for (const s of [STUDENT.opted, STUDENT.other, STUDENT.far]) await must(env, s, 'birthdays.optIn', { on: true });
}
