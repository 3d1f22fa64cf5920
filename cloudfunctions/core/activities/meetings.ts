/**
 * Parent meetings and symposiums (家长会、座谈会) scheduled ahead. A scheduled meeting IS a symposium record (same
 * collection, same id for the same place, day and topic) with its kind, time and status; the families of the
 * children it names are invited through the reminder engine (once: the engine keys it by meeting and recipient);
 * each family's sign-in is a row of `meetingInvitations`, and a family signed in present is the symposium's
 * guardian attendance: the one record 家长家教知识普及率 counts (core/dashboard/load.ts educatedChildren). The
 * minutes and decisions complete it.
 */
import type { ActionInput } from '../../../typings/actions';
import type { MeetingView } from '../../../typings/actions/activities';
import type { BindingRecord, Child, ContactCard } from '../../../typings/domain';
import type { Target } from '../access';
import type { Database, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { storeOnce } from '../community/once';
import { cancelReminders, remind, WHEN } from '../reminders';
import { signerOf } from '../talks/people';
import { symposiumId } from '../talks/symposiums';
import type { AttendanceRecord, SymposiumRecord } from '../talks/records';
import type { Writer } from '../talks/writer';
import { beijing, beijingDate, fromBeijing, monthDayText } from '../time';
import { MEETING_KIND_LABELS, SIGN_IN_LABELS } from './labels';
import type { MeetingInvitation } from './records';

export const INVITE_KIND = 'meeting.invite';
export const CANCEL_KIND = 'meeting.cancelled';

export const familyOf = (child: Pick<Child, 'name'>, card: ContactCard | undefined) =>
  card?.guardian ? `${child.name}的${card.guardian.relation}（${card.guardian.name}）` : `${child.name}的家长`;

/** A family's attendance at a meeting: one row per child, whoever signs them in (the school or the family). */
export const attendanceRowId = (meetingId: string, childId: string) => `${meetingId}_guardian_${childId}`;

/** The invited children with their contact cards (for who the family is). */
async function families(db: Database, childIds: string[]): Promise<{ children: Map<string, Child>; cards: Map<string, ContactCard> }> {
  const _ = db.command;
  if (!childIds.length) return { children: new Map(), cards: new Map() };
  const [children, cards] = await Promise.all([
    db
      .collection(COLLECTION.children)
      .where({ _id: _.in(childIds), deletedAt: null })
      .limit(1000)
      .get(),
    db
      .collection(COLLECTION.contactCards)
      .where({ _id: _.in(childIds) })
      .limit(1000)
      .get(),
  ]);
  return {
    children: new Map((children.data as Child[]).map((c) => [c._id, c])),
    cards: new Map((cards.data as ContactCard[]).map((c) => [c._id, c])),
  };
}

const familyBindings = async (db: Database, childIds: string[]) =>
  childIds.length
    ? ((
        await db
          .collection(COLLECTION.bindings)
          .where({ childId: db.command.in(childIds), role: db.command.in(['parent', 'guardian']), revokedAt: null })
          .field({ openid: true, role: true, childId: true })
          .limit(1000)
          .get()
      ).data as Pick<BindingRecord, 'openid' | 'role' | 'childId'>[])
    : [];

/** What the school and the family both see of a meeting: its kind, state, time, place, topic and agenda. */
export function meetingHead(s: SymposiumRecord): Pick<MeetingView, 'id' | 'kindLabel' | 'status' | 'date' | 'time' | 'topic' | 'place' | 'agenda'> {
  return {
    id: s._id,
    kindLabel: MEETING_KIND_LABELS[s.kind ?? 'symposium'],
    status: s.status ?? 'held',
    date: s.date,
    time: s.time ?? '',
    topic: s.topic,
    place: s.place,
    agenda: s.agenda ?? [],
  };
}

export async function meetingView(db: Database, s: SymposiumRecord, now: Date): Promise<MeetingView> {
  const res = await db.collection(COLLECTION.meetingInvitations).where({ symposiumId: s._id }).limit(1000).get();
  const invitations = res.data as MeetingInvitation[];
  const ids = invitations.map((i) => i.childId);
  const [{ children, cards }, bound] = await Promise.all([families(db, ids), familyBindings(db, ids)]);
  const shown = invitations.filter((i) => children.has(i.childId));
  const today = beijingDate(now);
  // a family's own sign-in is one made by a parent or guardian of the child, not by the school
  const familyOpenids = new Set(bound.map((b) => `${b.childId}|${b.openid}`));
  const selfSigned = (i: MeetingInvitation) => i.status === 'present' && !!i.signedAt && familyOpenids.has(`${i.childId}|${i.signedBy}`);
  return {
    ...meetingHead(s),
    kind: s.kind ?? 'symposium',
    families: shown
      .map((i) => ({
        childId: i.childId,
        childName: children.get(i.childId)!.name,
        family: familyOf(children.get(i.childId)!, cards.get(i.childId)),
        status: i.status,
        statusLabel: SIGN_IN_LABELS[i.status],
        signedNote: selfSigned(i) ? `家长自己签到 ${beijing(i.signedAt!).format('HH:mm')}` : '',
      }))
      .sort((a, b) => a.childName.localeCompare(b.childName, 'zh')),
    invited: shown.length,
    present: shown.filter((i) => i.status === 'present').length,
    notified: new Set(bound.map((b) => b.childId)).size,
    minutes: s.minutes,
    decisions: s.decisions,
    cancelReason: s.status === 'cancelled' ? (s.cancelReason ?? '') : null,
    canSignIn: s.date <= today && s.status !== 'cancelled',
    today,
  };
}

/** The invitation of every parent and guardian in WeChat, one each (naming all their invited children); the engine stores each once. */
async function invite(db: Database, s: SymposiumRecord, childIds: string[], names: Map<string, Child>, now: Date): Promise<void> {
  const bound = await familyBindings(db, childIds);
  const people = new Map<string, { role: BindingRecord['role']; childIds: string[] }>();
  for (const b of bound) people.set(b.openid, { role: b.role, childIds: [...(people.get(b.openid)?.childIds ?? []), b.childId!] });
  const startsAt = fromBeijing(`${s.date} ${s.time}`);
  const title = `${MEETING_KIND_LABELS[s.kind ?? 'symposium']}邀请`;
  await remind(
    db,
    [...people].map(([openid, p]) => {
      const children = p.childIds.map((id) => names.get(id)?.name ?? '').join('、');
      const first = names.get(p.childIds[0])?.name ?? '';
      return {
        kind: INVITE_KIND,
        to: openid,
        role: p.role,
        subject: s._id,
        occurrence: `${s.date} ${s.time}`,
        template: 'schedule' as const,
        // WeChat's name field keeps Chinese characters only: one child's name (等 for more), the topic with the place
        fields: { title, time: startsAt, child: p.childIds.length > 1 ? `${first}等` : first, note: `${s.place}：${s.topic}` },
        title,
        body: `${WHEN}在${s.place}召开「${s.topic}」，请${children}的家长参加`,
        when: startsAt,
        // the family opens the meeting itself (time, place, their sign-in), as the first invited child's family
        page: `areas/activities/pages/meeting/index?id=${s._id}&childId=${p.childIds[0]}`,
        at: now,
        schoolId: s.schoolId,
        childId: p.childIds[0],
      };
    }),
    now,
  );
}

/** Schedule a meeting and invite the families; the same meeting sent again (or twice at once) is scheduled and announced once. */
export async function scheduleMeeting(w: Writer, t: Target, input: ActionInput<'meetings.schedule'>): Promise<MeetingView> {
  if (input.date < beijingDate(w.now)) throw invalid('会议日期不能早于今天', 'date');
  if (new Set(input.childIds).size !== input.childIds.length) throw invalid('邀请的孩子有重复', 'childIds');
  const [{ children }, by] = await Promise.all([families(w.db, input.childIds), signerOf(w.db, w.openid, { label: w.bindingLabel })]);
  input.childIds.forEach((id, i) => {
    const c = children.get(id);
    if (!c || c.schoolId !== t.schoolId || (t.classId && c.classId !== t.classId))
      throw invalid('邀请的孩子不在本班（本校），请刷新后重新选择', `childIds.${i}`);
  });
  const record: SymposiumRecord = {
    _id: symposiumId(t, input.date, input.topic),
    schoolId: t.schoolId,
    classId: t.classId,
    date: input.date,
    topic: input.topic,
    place: input.place,
    others: null,
    minutes: '',
    decisions: [],
    by,
    createdAt: w.now,
    kind: input.kind,
    time: input.time,
    status: 'scheduled',
    agenda: input.agenda ?? [],
  };
  const stored = await storeOnce<SymposiumRecord, SymposiumRecord>(
    w.db,
    COLLECTION.symposiums,
    record._id,
    async (tx: Transaction) => {
      await tx.collection(COLLECTION.symposiums).add(record);
      await Promise.all(
        input.childIds.map((childId) =>
          tx.collection(COLLECTION.meetingInvitations).add({
            _id: `${record._id}_${childId}`,
            symposiumId: record._id,
            schoolId: t.schoolId,
            classId: children.get(childId)!.classId,
            childId,
            status: 'invited',
            signedBy: null,
            signedAt: null,
          } satisfies MeetingInvitation),
        ),
      );
      await audit(tx, w.actor, [
        { kind: 'change', schoolId: t.schoolId, childId: null, fields: ['symposiums'], note: `安排${MEETING_KIND_LABELS[input.kind]}：${input.topic}` },
      ]);
      return record;
    },
    (existing) => {
      if (existing.status !== 'scheduled' || existing.time !== input.time || existing.place !== input.place)
        throw new AppError('CONFLICT', '这一天已经有同一主题的会议了，请打开已有的会议');
      return existing;
    },
  );
  const res = await w.db.collection(COLLECTION.meetingInvitations).where({ symposiumId: stored._id }).limit(1000).get();
  await invite(
    w.db,
    stored,
    (res.data as MeetingInvitation[]).map((i) => i.childId),
    children,
    w.now,
  );
  return meetingView(w.db, stored, w.now);
}

/**
 * Sign-in of the families marked, in one transaction: a family present becomes the symposium's guardian attendance
 * (one row per child, whatever the number of saves), a family marked absent or on leave loses it.
 */
export async function signIn(w: Writer, s: SymposiumRecord, marks: ActionInput<'meetings.signIn'>['marks']): Promise<MeetingView> {
  if (s.status === 'cancelled') throw new AppError('CONFLICT', '这次会议已取消，不能签到');
  if (s.date > beijingDate(w.now)) throw invalid('会议还没有开始，到会议当天再签到', 'marks');
  if (new Set(marks.map((m) => m.childId)).size !== marks.length) throw invalid('同一个家庭只能签到一次', 'marks');
  const { children, cards } = await families(
    w.db,
    marks.map((m) => m.childId),
  );
  await w.db.runTransaction(async (tx: Transaction) => {
    const res = await tx.collection(COLLECTION.meetingInvitations).where({ symposiumId: s._id }).get();
    const invited = new Map((res.data as MeetingInvitation[]).map((i) => [i.childId, i]));
    marks.forEach((m, i) => {
      if (!invited.has(m.childId) || !children.has(m.childId)) throw invalid('这个家庭没有被邀请参加这次会议，请刷新后重新签到', `marks.${i}.childId`);
    });
    const attendance = await Promise.all(marks.map((m) => tx.collection(COLLECTION.symposiumAttendance).doc(attendanceRowId(s._id, m.childId)).get()));
    await Promise.all(
      marks.flatMap((m, i): Promise<unknown>[] => {
        const rowId = attendanceRowId(s._id, m.childId);
        const row: AttendanceRecord = {
          _id: rowId,
          symposiumId: s._id,
          schoolId: s.schoolId,
          childId: m.childId,
          kind: 'guardian',
          refId: m.childId,
          name: familyOf(children.get(m.childId)!, cards.get(m.childId)),
        };
        const had = !!docOf(attendance[i]);
        const invitation = invited.get(m.childId)!;
        // a mark that is already so keeps who signed and when (a family's own sign-in stays theirs)
        const sign =
          invitation.status === m.status
            ? []
            : [tx.collection(COLLECTION.meetingInvitations).doc(invitation._id).update({ status: m.status, signedBy: w.openid, signedAt: w.now })];
        if (m.status === 'present' && !had) return [...sign, tx.collection(COLLECTION.symposiumAttendance).add(row)];
        if (m.status !== 'present' && had) return [...sign, tx.collection(COLLECTION.symposiumAttendance).doc(rowId).remove()];
        return sign;
      }),
    );
    await audit(tx, w.actor, [
      { kind: 'change', schoolId: s.schoolId, childId: null, fields: ['symposiumAttendance'], note: `签到：${s.topic}（${marks.length} 个家庭）` },
    ]);
  });
  return meetingView(w.db, s, w.now);
}

/** The minutes and decisions: the meeting has been held. */
export async function writeMinutes(w: Writer, s: SymposiumRecord, input: ActionInput<'meetings.minutes'>): Promise<MeetingView> {
  if (s.date > beijingDate(w.now)) throw invalid('会议还没有开始，会后再写纪要', 'minutes');
  if (!s.status) throw new AppError('CONFLICT', '这次座谈会是会后登记的，纪要已经写好了');
  if (s.status === 'cancelled') throw new AppError('CONFLICT', '这次会议已取消，不能写纪要');
  const patch = { minutes: input.minutes, decisions: input.decisions, status: 'held' as const };
  await w.db.runTransaction(async (tx: Transaction) => {
    await tx
      .collection(COLLECTION.symposiums)
      .doc(s._id)
      .update({ ...patch, decisions: w.db.command.set(input.decisions) });
    await audit(tx, w.actor, [{ kind: 'change', schoolId: s.schoolId, childId: null, fields: ['symposiums.minutes'], note: `会议纪要：${s.topic}` }]);
  });
  return meetingView(w.db, { ...s, ...patch }, w.now);
}

/**
 * A meeting that will not take place: no sign-in or minutes any more, and each family invited in WeChat is told in
 * the 消息中心 (instead of the invitation). A meeting held (minutes written) or where a family has signed in present is not cancelled.
 */
export async function cancelMeeting(w: Writer, s: SymposiumRecord, reason: string): Promise<MeetingView> {
  if (s.status === 'cancelled') return meetingView(w.db, s, w.now);
  if (s.status !== 'scheduled') throw new AppError('CONFLICT', '会议已经召开，不能取消');
  const res = await w.db.collection(COLLECTION.meetingInvitations).where({ symposiumId: s._id }).limit(1000).get();
  const invitations = res.data as MeetingInvitation[];
  if (invitations.some((i) => i.status === 'present')) throw new AppError('CONFLICT', '已有家庭签到出席，会议不能取消');
  const patch = { status: 'cancelled' as const, cancelReason: reason };
  await w.db.runTransaction(async (tx: Transaction) => {
    await Promise.all([
      tx.collection(COLLECTION.symposiums).doc(s._id).update(patch),
      audit(tx, w.actor, [
        {
          kind: 'change',
          schoolId: s.schoolId,
          childId: null,
          fields: ['symposiums.status'],
          note: `取消${MEETING_KIND_LABELS[s.kind ?? 'symposium']}：${s.topic}`,
        },
      ]),
    ]);
  });
  // the invitation no longer holds: not sent to WeChat if still waiting, not left in the 消息中心 beside the cancellation
  const [bound] = await Promise.all([
    familyBindings(
      w.db,
      invitations.map((i) => i.childId),
    ),
    cancelReminders(w.db, { subjects: [s._id], kinds: [INVITE_KIND] }, w.now),
  ]);
  const title = `${MEETING_KIND_LABELS[s.kind ?? 'symposium']}取消`;
  await remind(
    w.db,
    [...new Map(bound.map((b) => [b.openid, b])).values()].map((b) => ({
      kind: CANCEL_KIND,
      to: b.openid,
      role: b.role,
      subject: s._id,
      occurrence: `${s.date} ${s.time}`,
      template: 'schedule' as const,
      fields: { title, time: fromBeijing(`${s.date} ${s.time}`), note: reason },
      title,
      body: `原定${monthDayText(s.date)} ${s.time}在${s.place}召开的「${s.topic}」取消了：${reason}`,
      page: `areas/activities/pages/meeting/index?id=${s._id}&childId=${b.childId}`,
      at: w.now,
      schoolId: s.schoolId,
      childId: b.childId,
    })),
    w.now,
  );
  return meetingView(w.db, { ...s, ...patch }, w.now);
}
