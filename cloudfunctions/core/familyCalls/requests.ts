/**
 * A parent's request to move a call and the teacher's answer. The parent proposes one to three times, each checked
 * at once (room open, device hours, device and child free) so the teacher only sees times that can work; the
 * teacher accepts one (the call moves there, confirmed, since the parent chose it) or declines with a note.
 */
import type { BindingRecord, FamilyCallOccurrence, MoveRequest } from '../../../typings/domain';
import type { CallView } from '../../../typings/actions/familyCalls';
import type { ActionInput } from '../../../typings/actions';
import type { ErrorDetail } from '../../../typings/errors';
import { AppError } from '../errors';
import { WHEN } from '../reminders';
import { dayLabel } from './clock';
import { changeBy, parentBindingOf, viewContext, type Caller } from './load';
import { existingLocks } from './locks';
import { KIND, lateDrafts, notice, parentPage, recordPage, remind, withdrawUpcoming } from './notify';
import { loadSite, type CallSite } from './site';
import { isLive, locksOfCall, moveCalls, slotFields, unchangedSince, updateCallIf } from './store';
import { callTeachers } from './teachers';
import { callView } from './views';

type Proposal = MoveRequest['proposals'][number];

/** A new request replaces a pending one; whoever runs the call is told. */
export async function requestMove(
  caller: Caller,
  call: FamilyCallOccurrence,
  binding: BindingRecord,
  input: ActionInput<'familyCalls.requestMove'>,
): Promise<CallView> {
  const { db, now } = caller;
  const _ = db.command;
  if (!isLive(call)) throw new AppError('CONFLICT', '这次通话已结束或已取消，不能申请改期');
  if (call.startsAt.getTime() <= now.getTime()) throw new AppError('CONFLICT', '通话时间已过，不能申请改期');
  const keys = input.proposals.map((p) => `${p.date} ${p.time}`);
  if (new Set(keys).size !== keys.length) throw new AppError('INVALID_INPUT', '建议的时间有重复', [{ path: 'proposals', message: '建议的时间有重复' }]);
  const site = await loadSite(db, call.schoolId);
  const problems = await proposalProblems(caller, call, site, input.proposals);
  if (problems.length) throw new AppError('INVALID_INPUT', problems[0].message, problems);

  const request: MoveRequest = {
    proposals: input.proposals,
    note: input.note ?? null,
    by: caller.openid,
    byLabel: binding.label,
    at: now,
    status: 'pending',
    answeredAt: null,
    answeredBy: null,
    answerNote: null,
  };
  if (
    !(await updateCallIf(
      db,
      call._id,
      (c) => isLive(c) && c.startsAt.getTime() === call.startsAt.getTime(),
      { moveRequest: _.set(request), updatedAt: now },
      changeBy(caller, '申请亲情视频改期'),
    ))
  ) {
    throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后重试');
  }
  const saved: FamilyCallOccurrence = { ...call, moveRequest: request, updatedAt: now };
  const [views, teacherOf] = await Promise.all([viewContext(db, call.schoolId, [saved], now, { rooms: site.rooms }), callTeachers(db, [call])]);
  const view = callView(saved, views);
  await remind(
    db,
    notice(KIND.moveRequest, teacherOf(call).to, {
      subject: call._id,
      occurrence: now.toISOString(),
      title: `${binding.label}申请改期`,
      body: `${binding.label}申请把 ${dayLabel(call.date)} ${call.time} 的亲情视频改到：${view.moveRequest!.proposals.map((p) => p.label).join('，或 ')}${request.note ? `（${request.note}）` : ''}。`,
      page: recordPage(call._id),
      time: call.startsAt,
      childName: view.childName,
      schoolId: call.schoolId,
      childId: call.childId,
      now,
    }),
    now,
  );
  return view;
}

/** Why each proposal cannot work: the same time, a closed day or hour, or its quarters taken right now (the acceptance checks again, atomically). */
async function proposalProblems(caller: Caller, call: FamilyCallOccurrence, site: CallSite, proposals: Proposal[]): Promise<ErrorDetail[]> {
  const ref = site.find(call.deviceId);
  if (!ref) throw new AppError('CONFLICT', '通话的设备已停用，请联系老师');
  const problems = proposals.flatMap((p, i) => {
    if (p.date === call.date && p.time === call.time) return [{ path: `proposals.${i}`, message: '建议的时间与原来相同' }];
    const reason = site.problem({ ...p, minutes: call.minutes }, ref.device, caller.now);
    return reason ? [{ path: `proposals.${i}`, message: `${dayLabel(p.date)} ${p.time}：${reason}` }] : [];
  });
  const locks = proposals.flatMap((p, i) =>
    locksOfCall({ ...call, ...slotFields({ ...p, minutes: call.minutes, deviceId: call.deviceId, roomId: call.roomId }) }).map((l) => ({
      ...l,
      i,
    })),
  );
  const taken = await existingLocks(
    caller.db,
    caller.db.command,
    locks.map((l) => l._id),
  );
  for (const t of taken.filter((l) => l.occurrenceId !== call._id)) {
    const i = locks.find((l) => l._id === t._id)!.i;
    const p = proposals[i];
    if (!problems.some((x) => x.path === `proposals.${i}`))
      problems.push({
        path: `proposals.${i}`,
        message: `${dayLabel(p.date)} ${p.time}：${t.kind === 'device' ? '设备这个时段已被预约' : '孩子这个时段已有其他通话'}`,
      });
  }
  return problems;
}

/** Accept one of the proposed times (`accept`: its index) or decline (null). The parent is told either way. */
export async function answerMove(caller: Caller, call: FamilyCallOccurrence, input: ActionInput<'familyCalls.answerMove'>): Promise<CallView> {
  const { db, now } = caller;
  const request = call.moveRequest;
  if (!isLive(call) || !request || request.status !== 'pending') throw new AppError('CONFLICT', '没有待处理的改期申请');
  const site = await loadSite(db, call.schoolId);
  const answered: MoveRequest = {
    ...request,
    status: input.accept === null ? 'declined' : 'accepted',
    answeredAt: now,
    answeredBy: caller.openid,
    answerNote: input.note ?? null,
  };
  const saved = input.accept === null ? await decline(caller, call, answered) : await accept(caller, call, answered, input.accept, site);

  const [views, parent] = await Promise.all([
    viewContext(db, call.schoolId, [saved], now, { rooms: site.rooms }),
    parentBindingOf(db, request.by, call.childId),
  ]);
  const view = callView(saved, views);
  if (!parent) return view;
  const note = input.note;
  const body =
    input.accept === null
      ? `老师没能把 ${dayLabel(call.date)} ${call.time} 的亲情视频改到您建议的时间${note ? `：${note}` : ''}。原时间不变。`
      : `老师已同意，亲情视频改到 ${WHEN}${note ? `（${note}）` : ''}。`;
  const to = [{ openid: request.by, role: parent.role }];
  await remind(
    db,
    [
      ...notice(KIND.moveAnswer, to, {
        subject: call._id,
        occurrence: request.at.toISOString(),
        title: input.accept === null ? '改期申请未通过' : '改期申请已同意',
        body,
        page: parentPage(call._id),
        time: saved.startsAt,
        when: saved.startsAt,
        childName: view.childName,
        schoolId: call.schoolId,
        childId: call.childId,
        now,
      }),
      ...(input.accept === null ? [] : lateDrafts([saved], to, view.childName, now)),
    ],
    now,
  );
  return view;
}

async function decline(caller: Caller, call: FamilyCallOccurrence, answered: MoveRequest): Promise<FamilyCallOccurrence> {
  const _ = caller.db.command;
  if (
    !(await updateCallIf(
      caller.db,
      call._id,
      unchangedSince(call),
      { moveRequest: _.set(answered), updatedAt: caller.now },
      changeBy(caller, '改期申请未同意'),
    ))
  )
    throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后重试');
  return { ...call, moveRequest: answered, updatedAt: caller.now };
}

/** The call moves to the proposal, checked like a booking, confirmed by the parent who proposed it. */
async function accept(caller: Caller, call: FamilyCallOccurrence, answered: MoveRequest, index: number, site: CallSite): Promise<FamilyCallOccurrence> {
  const { db, now } = caller;
  const _ = db.command;
  const proposal = answered.proposals[index];
  if (!proposal) throw new AppError('INVALID_INPUT', '没有这个建议的时间', [{ path: 'accept', message: '没有这个建议的时间' }]);
  const ref = site.find(call.deviceId);
  if (!ref || !ref.device.active) throw new AppError('CONFLICT', '通话的设备已停用，请改用其他设备');
  const to = { date: proposal.date, time: proposal.time, minutes: call.minutes, deviceId: call.deviceId, roomId: call.roomId };
  const movedFrom = { date: call.date, time: call.time, deviceId: call.deviceId, at: now, by: caller.openid };
  const confirmed = { status: 'confirmed' as const, confirmedAt: now, confirmedBy: answered.by };
  await moveCalls(
    db,
    [{ call, to, patch: { ...confirmed, movedFrom: _.set(movedFrom), moveRequest: _.set(answered) } }],
    site.problems([to], ref.device, now),
    site.deviceName,
    now,
    changeBy(caller, '同意改期申请'),
  );
  await withdrawUpcoming(db, [call._id], now);
  return { ...call, ...slotFields(to), ...confirmed, movedFrom, moveRequest: answered, updatedAt: now };
}
