/**
 * What family calls tell people, through the reminder engine:
 *   parents   the day before and 30 minutes before each call (quarterHour source; or at once when a call is booked
 *             or moved so late that the time has passed), when a call is booked, moved, cancelled, or their request
 *             to move it is answered;
 *   teachers  the morning agenda of today's calls (daily source), a parent's request to move, a missed call to
 *             rebook within the week, and on Mondays the children without any contact for two weeks (mentor).
 */
import type { BindingRecord, FamilyCallOccurrence, FamilyCallSeries } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import type { Database } from '../cloud';
import { COLLECTION, type CollectionName } from '../collections';
import { cancelReminders, remind, WHEN, type CheckpointBatch, type ReminderDraft, type ReminderSource, type SourceContext } from '../reminders';
import { beijing, beijingWeekKey, startOfBeijingDay, startOfBeijingWeek } from '../time';
import { WEEKDAY_NAMES } from './clock';
import { computeCoverage } from './coverage';
import { fetchAllRows } from './load';
import { LIVE } from './store';
import { callTeachers, classTeacherBindings, headsFirst } from './teachers';

export const KIND = {
  dayBefore: 'familyCall.dayBefore',
  soon: 'familyCall.soon',
  booked: 'familyCall.booked',
  moved: 'familyCall.moved',
  cancelled: 'familyCall.cancelled',
  moveRequest: 'familyCall.moveRequest',
  moveAnswer: 'familyCall.moveAnswer',
  rebook: 'familyCall.rebook',
  agenda: 'familyCall.agenda',
  noContact: 'familyCall.noContact',
} as const;

export const parentPage = (callId: string) => `areas/family-calls/pages/next/index?id=${callId}`;
export const recordPage = (callId: string) => `areas/family-calls/pages/record/index?id=${callId}`;
export const bookPage = (childId: string, rebookOf?: string) =>
  `areas/family-calls/pages/book/index?childId=${childId}${rebookOf ? `&rebookOf=${rebookOf}` : ''}`;

export type Recipient = { openid: string; role: Role };

const HOUR = 3600 * 1000;
/** Before each call: the day before, and half an hour before. */
const UPCOMING: { kind: string; before: number }[] = [
  { kind: KIND.dayBefore, before: 24 * HOUR },
  { kind: KIND.soon, before: HOUR / 2 },
];

export function parentsOf(
  call: Pick<FamilyCallOccurrence, 'parentBindingIds'>,
  bindings: Map<string, Pick<BindingRecord, '_id' | 'openid' | 'role' | 'revokedAt'>>,
): Recipient[] {
  return call.parentBindingIds
    .map((id) => bindings.get(id))
    .filter((b): b is Pick<BindingRecord, '_id' | 'openid' | 'role' | 'revokedAt'> => !!b && !b.revokedAt)
    .map((b) => ({ openid: b.openid, role: b.role }));
}

function upcomingDraft(kind: string, call: FamilyCallOccurrence, to: Recipient, childName: string, at: Date): ReminderDraft {
  return {
    kind,
    to: to.openid,
    role: to.role,
    subject: call._id,
    occurrence: call.startsAt.toISOString(),
    template: 'schedule',
    fields: {
      title: '亲情视频',
      time: call.startsAt,
      child: childName,
      note: kind === KIND.soon ? '半小时后开始，请准时接听' : '明天请准时接听视频',
    },
    title: kind === KIND.soon ? '亲情视频马上开始' : '明天有亲情视频',
    body: `${WHEN}与${childName}视频通话（${call.minutes}分钟），请准时接听。`,
    when: call.startsAt,
    page: parentPage(call._id),
    at,
    schoolId: call.schoolId,
    childId: call.childId,
  };
}

/** The before-call reminders of a call whose due time falls in (from, to]. */
export function upcomingDrafts(call: FamilyCallOccurrence, parents: Recipient[], childName: string, from: number, to: number): ReminderDraft[] {
  return UPCOMING.flatMap(({ kind, before }) => {
    const due = call.startsAt.getTime() - before;
    return due > from && due <= to ? parents.map((p) => upcomingDraft(kind, call, p, childName, new Date(due))) : [];
  });
}

/**
 * For calls just booked or moved: the one before-call reminder whose time has already passed (the latest), sent now,
 * because the quarterHour source only looks forward.
 */
export function lateDrafts(calls: FamilyCallOccurrence[], parents: Recipient[], childName: string, now: Date): ReminderDraft[] {
  return calls.flatMap((call) => {
    if (call.startsAt.getTime() <= now.getTime()) return [];
    const passed = UPCOMING.filter(({ before }) => call.startsAt.getTime() - before <= now.getTime());
    const latest = passed[passed.length - 1];
    return latest ? parents.map((p) => upcomingDraft(latest.kind, call, p, childName, now)) : [];
  });
}

/** A one-off message about a call or series (booked, moved, cancelled, answered...). */
export function notice(
  kind: string,
  to: Recipient[],
  o: {
    subject: string;
    occurrence: string;
    title: string;
    body: string;
    page: string;
    time: Date;
    childName: string;
    schoolId: string;
    childId: string;
    now: Date;
    /** The time WHEN in the body stands for (written out when the reminder is shown). */
    when?: Date;
  },
): ReminderDraft[] {
  return to.map((r) => ({
    kind,
    to: r.openid,
    role: r.role,
    subject: o.subject,
    occurrence: o.occurrence,
    template: r.role === 'teacher' || r.role === 'admin' ? 'notice' : 'schedule',
    fields:
      r.role === 'teacher' || r.role === 'admin'
        ? { title: o.title, note: o.body, time: o.time, count: '1' }
        : { title: o.title, time: o.time, child: o.childName, note: o.body },
    title: o.title,
    body: o.body,
    when: o.when,
    page: o.page,
    at: o.now,
    schoolId: o.schoolId,
    childId: o.childId,
  }));
}

export function seriesLabel(s: Pick<FamilyCallSeries, 'weekday' | 'time' | 'minutes'>): string {
  return `每${WEEKDAY_NAMES[s.weekday]} ${s.time}（${s.minutes}分钟）`;
}

/** Withdraw the not-yet-sent before-call reminders of these calls (cancelled, or moved away from `occurrence`). */
export function withdrawUpcoming(db: Database, callIds: string[], now: Date, occurrence?: string) {
  return cancelReminders(db, { subjects: callIds, occurrence, kinds: [KIND.dayBefore, KIND.soon] }, now);
}

export { remind };

// ───────────────────────── scheduler sources ─────────────────────────

async function liveCallsStarting(db: Database, from: Date, to: Date): Promise<FamilyCallOccurrence[]> {
  const _ = db.command;
  return fetchAllRows<FamilyCallOccurrence>((skip) =>
    db
      .collection(COLLECTION.familyCalls)
      .where({ startsAt: _.gt(from).and(_.lte(to)), status: _.in(LIVE) })
      .orderBy('startsAt', 'asc')
      .skip(skip)
      .limit(1000)
      .get(),
  );
}

const IN_CHUNK = 500;

async function byIds<T extends { _id: string }>(
  db: Database,
  collection: CollectionName,
  ids: string[],
  fields: Record<string, boolean>,
): Promise<Map<string, T>> {
  const _ = db.command;
  const out = new Map<string, T>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const res = await db
      .collection(collection)
      .where({ _id: _.in(unique.slice(i, i + IN_CHUNK)) })
      .field(fields)
      .limit(1000)
      .get();
    for (const row of res.data as T[]) out.set(row._id, row);
  }
  return out;
}

/** quarterHour: the day-before and half-hour reminders due in this run's window. */
async function* upcomingReminders({ db, from, to }: SourceContext): AsyncGenerator<ReminderDraft[]> {
  for (const { before } of UPCOMING) {
    const calls = await liveCallsStarting(db, new Date(from.getTime() + before), new Date(to.getTime() + before));
    if (!calls.length) continue;
    const [bindings, children] = await Promise.all([
      byIds<BindingRecord>(
        db,
        COLLECTION.bindings,
        calls.flatMap((c) => c.parentBindingIds),
        { openid: true, role: true, revokedAt: true },
      ),
      byIds<{ _id: string; name: string }>(
        db,
        COLLECTION.children,
        calls.map((c) => c.childId),
        { name: true },
      ),
    ]);
    const drafts = calls.flatMap((c) => upcomingDrafts(c, parentsOf(c, bindings), children.get(c.childId)?.name ?? '孩子', from.getTime(), to.getTime()));
    if (drafts.length) yield drafts;
  }
}

export const familyCallsUpcomingSource: ReminderSource = {
  name: 'familyCallsUpcoming',
  cadence: 'quarterHour',
  collect: upcomingReminders,
};

/**
 * daily (07:30): for whoever runs each call now (./teachers.ts), today's calls and yesterday's still without an
 * outcome. The WeChat message and the inbox entry say the same: one title, one text.
 */
async function* teacherAgenda({ db, now }: SourceContext): AsyncGenerator<ReminderDraft[]> {
  const today = startOfBeijingDay(now);
  const yesterday = new Date(today.getTime() - 24 * HOUR);
  const tomorrow = new Date(today.getTime() + 24 * HOUR);
  const calls = await liveCallsStarting(db, new Date(yesterday.getTime() - 1), new Date(tomorrow.getTime() - 1));
  if (!calls.length) return;
  const [children, teacherOf] = await Promise.all([
    byIds<{ _id: string; name: string }>(
      db,
      COLLECTION.children,
      calls.map((c) => c.childId),
      { name: true },
    ),
    callTeachers(db, calls),
  ]);
  const byTeacher = new Map<string, { role: Role; today: FamilyCallOccurrence[]; unrecorded: number; schoolId: string }>();
  for (const c of calls) {
    for (const { openid, role } of teacherOf(c).to) {
      const t = byTeacher.get(openid) ?? { role, today: [], unrecorded: 0, schoolId: c.schoolId };
      if (c.startsAt.getTime() >= today.getTime()) t.today.push(c);
      else t.unrecorded++;
      byTeacher.set(openid, t);
    }
  }
  const date = beijing(now).format('YYYY-MM-DD');
  const drafts: ReminderDraft[] = [];
  for (const [openid, t] of byTeacher) {
    const list = t.today.map((c) => `${c.time} ${children.get(c.childId)?.name ?? ''}${c.status === 'confirmed' ? '（家长已确认）' : ''}`);
    const parts = [t.today.length ? `今天有 ${t.today.length} 次亲情视频：${list.join('；')}。` : '今天没有亲情视频。'];
    if (t.unrecorded) parts.push(`昨天还有 ${t.unrecorded} 次通话未登记结果。`);
    const title = t.today.length ? `今天有 ${t.today.length} 次亲情视频` : `昨天有 ${t.unrecorded} 次通话待登记结果`;
    const body = parts.join('');
    drafts.push({
      kind: KIND.agenda,
      to: openid,
      role: t.role,
      subject: `agenda-${openid}`.slice(0, 120),
      occurrence: date,
      template: 'notice',
      fields: { title, note: body, time: now, count: String(t.today.length || t.unrecorded) },
      title,
      body,
      page: 'areas/family-calls/pages/week/index',
      at: now,
      schoolId: t.schoolId,
      childId: null,
    });
  }
  if (drafts.length) yield drafts;
}

export const familyCallsAgendaSource: ReminderSource = { name: 'familyCallsAgenda', cadence: 'daily', collect: teacherAgenda };

/**
 * daily, acting on Mondays: the left-behind children with no video or phone contact last week nor the week before,
 * to their mentor teacher (帮扶教师), or the class head teacher when they have none.
 */
async function* noContactPrompts({ db, now, after }: SourceContext): AsyncGenerator<CheckpointBatch> {
  if (beijing(now).day() !== 1) return;
  const lastWeek = startOfBeijingWeek(new Date(startOfBeijingWeek(now).getTime() - 24 * HOUR));
  const weekKey = beijingWeekKey(lastWeek);
  const schools = await fetchAllRows<{ _id: string }>((skip) =>
    db.collection(COLLECTION.schools).field({ _id: true }).orderBy('_id', 'asc').skip(skip).limit(1000).get(),
  );
  // School by school in id order: a run stopped between invocations goes on after the last school it finished.
  for (const school of schools.filter((s) => after === null || s._id > after)) {
    const cov = await computeCoverage(db, { schoolId: school._id }, lastWeek);
    const flagged = cov.children.filter((c) => c.weeksWithout >= 2);
    if (!flagged.length) {
      yield { drafts: [], cursor: school._id };
      continue;
    }
    const classTeachers = await classTeacherBindings(db, [...new Set(flagged.filter((c) => !c.mentorOpenid).map((c) => c.classId))]);
    const drafts: ReminderDraft[] = [];
    for (const c of flagged) {
      const to = c.mentorOpenid ? [c.mentorOpenid] : headsFirst(classTeachers.filter((h) => h.classId === c.classId)).map((h) => h.openid);
      const weeks = c.weeksWithout >= 8 ? '8 周以上' : `${c.weeksWithout} 周`;
      for (const openid of new Set(to)) {
        drafts.push({
          kind: KIND.noContact,
          to: openid,
          role: 'teacher',
          subject: c.childId,
          occurrence: weekKey,
          template: 'notice',
          fields: { title: `${c.name}久未联系父母`, note: `已 ${weeks}没有亲情视频或电话`, time: now, count: String(c.weeksWithout) },
          title: `${c.name}已 ${weeks}未与父母联系`,
          body: `${c.className}${c.name}已经 ${weeks}没有亲情视频或亲情电话，请尽快安排一次。`,
          page: bookPage(c.childId),
          at: now,
          schoolId: school._id,
          childId: c.childId,
        });
      }
    }
    yield { drafts, cursor: school._id };
  }
}

export const familyCallsNoContactSource: ReminderSource = { name: 'familyCallsNoContact', cadence: 'daily', collect: noContactPrompts };

export const FAMILY_CALL_SOURCES: ReminderSource[] = [familyCallsUpcomingSource, familyCallsAgendaSource, familyCallsNoContactSource];
