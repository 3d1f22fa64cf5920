/**
 * Shared set-up of the family-call tests: the demo school gets a care room (a tablet open on weekday evenings and
 * weekend daytimes, a PC, and an all-day phone for week-boundary cases) and a spring-term calendar, all through the
 * admin's actions. Times are Beijing; the suite itself runs in New York time.
 */
import type { TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { DEMO_OPENIDS } from '../../scripts/demo-data';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import type { RoomView } from '../../typings/actions/familyCalls';

export const T = DEMO_OPENIDS;

/** Monday 1 March 2027, 08:00 Beijing: the first week of the spring term. */
export const NOW = fromBeijing('2027-03-01 08:00');
export const at = (wallClock: string) => fromBeijing(wallClock);

export const TERM = { name: '2026-2027学年第二学期', start: '2027-02-22', end: '2027-07-02' };
export const CALENDAR = {
  terms: [TERM],
  holidays: [
    { name: '清明节', start: '2027-04-03', end: '2027-04-05' },
    { name: '劳动节', start: '2027-05-01', end: '2027-05-05' },
  ],
  // Sunday 25 April is a school day that runs Monday's timetable (and the room's Monday hours).
  makeUpDays: [{ date: '2027-04-25', weekday: 1 as const, name: '劳动节调休' }],
};

const weekdays = { start: '18:00', end: '21:00' };
export const TABLET_HOURS = {
  '1': [weekdays],
  '2': [weekdays],
  '3': [weekdays],
  '4': [weekdays],
  '5': [weekdays],
  '6': [{ start: '09:00', end: '12:00' }],
  '7': [{ start: '14:00', end: '17:00' }],
};
const allDay = [{ start: '00:00', end: '24:00' }];

/** Call an action and fail the test with the Chinese message when it does not succeed. */
export async function ok<A extends ActionName>(
  env: TestEmulator,
  openid: string,
  action: A,
  input: ActionInput<A> | Record<string, unknown>,
  now: Date = NOW,
): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input, now);
  if (!res.ok) throw new Error(`${action} as ${openid}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details ?? '')}`);
  return res.data;
}

/** The error an action answers with (fails the test if it succeeds). */
export async function fails(env: TestEmulator, openid: string, action: ActionName, input: Record<string, unknown>, now: Date = NOW) {
  const res = await env.api(openid, action, input as never, now);
  if (res.ok) throw new Error(`${action} as ${openid} should have failed but answered ${JSON.stringify(res.data).slice(0, 300)}`);
  return res.error;
}

export interface Setup {
  room: RoomView;
  tablet: string;
  pc: string;
  phone: string;
}

export async function setUpRoom(env: TestEmulator): Promise<Setup> {
  const room = await ok(env, T.admin, 'rooms.save', {
    schoolId: 'demo-school',
    name: '关爱室',
    location: '综合楼一楼',
    devices: [
      { name: '平板', kind: 'tablet', wechatName: '青山小学关爱室', hours: TABLET_HOURS },
      { name: '电脑', kind: 'pc', hours: TABLET_HOURS },
      { name: '手机', kind: 'phone', hours: { '1': allDay, '2': allDay, '3': allDay, '4': allDay, '5': allDay, '6': allDay, '7': allDay } },
    ],
  });
  await ok(env, T.admin, 'calendar.save', { schoolId: 'demo-school', expectedVersion: 0, ...CALENDAR });
  const id = (name: string) => room.devices.find((d) => d.name === name)!.id;
  return { room, tablet: id('平板'), pc: id('电脑'), phone: id('手机') };
}

/** The binding ids of a child's parents and guardians (the demo has them for 林小禾 and 周子墨). */
export async function parentsOf(env: TestEmulator, childId: string): Promise<string[]> {
  const res = await env.app
    .database()
    .collection('bindings')
    .where({ childId, role: env.app.database().command.in(['parent', 'guardian']), revokedAt: null })
    .limit(100)
    .get();
  return (res.data as { _id: string }[]).map((b) => b._id);
}

/** Gives a child without one a parent binding (openid parent-of-<childId>), returning its id. */
export async function addParent(env: TestEmulator, childId: string, classId = 'demo-class-3-1', label = '的爸爸'): Promise<string> {
  const res = await env.app
    .database()
    .collection('bindings')
    .add({
      openid: `parent-of-${childId}`,
      role: 'parent',
      schoolId: 'demo-school',
      classId,
      childId,
      communityId: null,
      label: `${childId}${label}`,
      createdAt: new Date(),
      revokedAt: null,
    });
  return res.id as string;
}

export async function callsOf(env: TestEmulator, where: Record<string, unknown>) {
  const res = await env.app.database().collection('familyCalls').where(where).orderBy('startsAt', 'asc').limit(1000).get();
  return res.data as {
    _id: string;
    date: string;
    time: string;
    status: string;
    weekKey: string;
    startsAt: Date;
    deviceId: string;
    seriesId: string;
  }[];
}

export async function locksOf(env: TestEmulator, where: Record<string, unknown>) {
  const res = await env.app.database().collection('slotLocks').where(where).limit(1000).get();
  return res.data as { _id: string; occurrenceId: string; kind: string }[];
}

export async function fire(env: TestEmulator, trigger: 'quarterHour' | 'morning' | 'monthly', when: Date) {
  const inv = await env.emulator.timers.fire('scheduler', trigger, when);
  const result = inv.result as { ok: boolean; data?: Record<string, unknown>; error?: unknown };
  if (!result?.ok) throw new Error(`scheduler ${trigger} failed: ${JSON.stringify(result)}`);
  return result.data as { sources: Record<string, { created: number; existing: number }> };
}

export async function outboxFor(env: TestEmulator, where: Record<string, unknown>) {
  const res = await env.app.database().collection('outbox').where(where).limit(1000).get();
  return res.data as {
    _id: string;
    kind: string;
    to: string;
    status: string;
    subject: string;
    occurrence: string;
    body: string;
    dueAt: Date;
  }[];
}

export async function inboxFor(env: TestEmulator, to: string) {
  const res = await env.app.database().collection('inbox').where({ to }).limit(1000).get();
  return res.data as { _id: string; kind: string; title: string; body: string; visibleAt: Date }[];
}
