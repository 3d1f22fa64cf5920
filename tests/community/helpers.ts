/**
 * The community tests' world, built through the real actions on the demo school: a street office (团结街道) with its
 * 儿童督导员, its community 安静社区 with its 儿童主任, a 五年级(1)班 head teacher and a mentor teacher, and the S3
 * case's child 石彦军 (12) with consent and a contact card. Times are Beijing wall clocks.
 */
import type { TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import type { InboxEntry } from '../../cloudfunctions/core/reminders/types';

export const PEOPLE = {
  director: 'director-anjing',
  supervisor: 'supervisor-tuanjie',
  head: 'teacher-5-1-head',
  mentor: 'teacher-mentor-li',
  otherDirector: 'director-hexi',
};

export interface World {
  townshipId: string;
  communityId: string;
  childId: string;
  /** The 五年级(1)班 class of the demo school. */
  classId: string;
}

export const at = (wallClock: string) => fromBeijing(wallClock);

export function caller(env: TestEmulator) {
  async function ok<A extends ActionName>(openid: string, action: A, input: ActionInput<A>, now: Date): Promise<ActionOutput<A>> {
    const res = await env.api(openid, action, input, now);
    if (!res.ok) throw new Error(`${action} as ${openid}: ${res.error.code} ${res.error.message}`);
    return res.data;
  }
  async function refused<A extends ActionName>(openid: string, action: A, input: ActionInput<A> | Record<string, unknown>, now: Date) {
    const res = await env.api(openid, action, input, now);
    if (res.ok) throw new Error(`${action} as ${openid} was allowed`);
    return res.error;
  }
  return { ok, refused };
}

/** Someone takes up an invite the admin made. */
async function invited(env: TestEmulator, openid: string, input: ActionInput<'invites.create'>, now: Date): Promise<string> {
  const { ok } = caller(env);
  const invite = await ok(DEMO.admin, 'invites.create', input, now);
  return (await ok(openid, 'invites.redeem', { code: invite.code }, now)).bindingId;
}

export async function buildWorld(env: TestEmulator, now: Date): Promise<World> {
  const { ok } = caller(env);
  const school = 'demo-school';
  const classId = 'demo-class-5-1';
  const township = await ok(DEMO.admin, 'community.addTownship', { schoolId: school, name: '团结街道' }, now);
  const community = await ok(DEMO.admin, 'communities.create', { schoolId: school, name: '安静社区' }, now);
  await ok(DEMO.admin, 'community.placeInTownship', { communityId: community.id, townshipId: township.id }, now);
  await invited(env, PEOPLE.director, { role: 'community', communityId: community.id }, now);
  await invited(env, PEOPLE.supervisor, { role: 'township', townshipId: township.id }, now);
  await invited(env, PEOPLE.otherDirector, { role: 'community', communityId: 'demo-community-hexi' }, now);
  await invited(env, PEOPLE.head, { role: 'teacher', schoolId: school, classId, title: 'head' }, now);
  const mentorBinding = await invited(env, PEOPLE.mentor, { role: 'teacher', schoolId: school, classId: 'demo-class-3-2', title: 'subject' }, now);

  const child = await ok(
    PEOPLE.head,
    'archive.create',
    { classId, name: '石彦军', gender: 'male', birthDate: '2015-03-08', leftBehindType: 'one_away_other_unable' },
    now,
  );
  await ok(
    PEOPLE.head,
    'consent.record',
    { childId: child.childId, decision: 'granted', noticeVersion: PRIVACY_NOTICE.version, method: 'paper', signerName: '石建国', signerRelation: '父亲' },
    now,
  );
  await ok(
    PEOPLE.head,
    'archive.update',
    {
      childId: child.childId,
      expectedVersion: 1,
      changes: {
        address: '团结街道安静社区3号楼2单元',
        otherParentUnableReason: '母亲离家多年，杳无音讯',
        health: '身体健康，略偏瘦',
        studySituation: '数学较好，语文需要多读',
        hobbies: '打篮球',
        familySituation: '父亲骨折手术后钢板未取出，影响劳作，父子生活困难',
        difficulties: ['economic'],
        difficultyNote: '父亲无法正常劳作，家庭收入很低',
      },
    },
    now,
  );
  await ok(
    PEOPLE.head,
    'contactCards.save',
    {
      childId: child.childId,
      expectedVersion: 0,
      parents: [{ name: '石建国', relation: '父亲', phone: '13812340001', workCity: null, workUnit: null, workAddress: null, workPhone: null }],
      guardian: {
        name: '石建国',
        relation: '父亲',
        occupation: '打零工',
        address: '安静社区3号楼',
        phone: '13812340001',
        health: '骨折术后',
        age: 46,
        capable: true,
      },
      emergency: null,
    },
    now,
  );
  await ok(DEMO.admin, 'care.pair', { childId: child.childId, kind: 'mentor', teacherBindingId: mentorBinding, name: '李老师' }, now);
  await ok(PEOPLE.head, 'community.linkChild', { childId: child.childId, communityId: community.id }, now);
  return { townshipId: township.id, communityId: community.id, childId: child.childId, classId };
}

/** The inbox entries of a kind, per recipient, through the real SDK. */
export async function inboxOf(env: TestEmulator, where: Record<string, unknown>): Promise<InboxEntry[]> {
  const res = await env.app.database().collection('inbox').where(where).limit(1000).get();
  return res.data as InboxEntry[];
}

/** Who got an entry of this kind about this subject, sorted (one entry each, or the count shows it). */
export async function recipients(env: TestEmulator, kind: string, childId: string): Promise<string[]> {
  return (await inboxOf(env, { kind, childId })).map((e) => e.to).sort();
}

/** An id as the phone makes them. */
export const phoneId = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`.padEnd(20, '0');
