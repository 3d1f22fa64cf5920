/**
 * Shared set-up of the talk tests: the demo school, a second teacher who mentors 林小禾 (paired through care.pair),
 * a teacher of another class, and a card input to vary. Calls go through the real api function; times are Beijing.
 */
import type { TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS } from '../../scripts/demo-data';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import type { TalkInput } from '../../typings/actions/talks';

export const T = { ...DEMO_OPENIDS, mentor: 'teacher-mentor', other: 'teacher-3-2' };

export async function ok<A extends ActionName>(env: TestEmulator, openid: string, action: A, input: ActionInput<A>, now?: Date): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input, now);
  if (!res.ok) throw new Error(`${action} as ${openid}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details ?? '')}`);
  return res.data;
}

export async function fails(env: TestEmulator, openid: string, action: ActionName, input: object, now?: Date) {
  const res = await env.api(openid, action, input as never, now);
  if (res.ok) throw new Error(`${action} as ${openid} should have failed but answered ${JSON.stringify(res.data).slice(0, 300)}`);
  return res.error;
}

/** Two more teachers: one of 三年级(2)班 who becomes 林小禾's mentor (帮扶教师), one of 三年级(2)班 only. */
export async function addTeachers(env: TestEmulator): Promise<void> {
  const db = env.app.database();
  const base = { role: 'teacher', schoolId: 'demo-school', childId: null, communityId: null, createdAt: new Date(), revokedAt: null };
  const added = await db.collection('bindings').add({ ...base, openid: T.mentor, classId: 'demo-class-3-2', label: '三年级(2)班 数学老师' });
  await db.collection('bindings').add({ ...base, openid: T.other, classId: 'demo-class-3-2', title: 'head', label: '三年级(2)班 班主任' });
  await db.collection('users').add([
    { _id: T.mentor, openid: T.mentor, nickname: '李老师', createdAt: new Date() },
    { _id: T.other, openid: T.other, nickname: '赵老师', createdAt: new Date() },
  ]);
  await ok(env, T.admin, 'care.pair', { childId: 'demo-child-01', kind: 'mentor', teacherBindingId: added.id as string, name: '李老师' });
}

export function card(over: Partial<TalkInput> = {}): TalkInput {
  return {
    childId: 'demo-child-01',
    date: '2027-03-05',
    place: '关爱室',
    talkerRole: 'mentor',
    mood: 4,
    topics: ['study', 'family'],
    childSaid: '妈妈说过年回来，我想考好一点给她看。',
    concerns: [],
    concernNote: null,
    actions: [{ text: '每天读书二十分钟', owner: '孩子', dueDate: '2027-03-31' }],
    followUps: [],
    familySummary: null,
    ...over,
  };
}

/** Documents of a collection matching `where`, through the real SDK. */
export async function docs<T = Record<string, unknown>>(env: TestEmulator, collection: string, where: Record<string, unknown> = {}): Promise<T[]> {
  return (await env.app.database().collection(collection).where(where).limit(1000).get()).data as T[];
}
