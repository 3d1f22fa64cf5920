/** What pages see of rooms, calls and phone logs. */
import type {
  BindingRecord,
  CallAvailability,
  CallDevice,
  CallMood,
  FamilyCallOccurrence,
  FamilyCallStatus,
  MissedBy,
  PhoneCallRecord,
  Room,
  Weekday,
} from '../../../typings/domain';
import type { AgendaCall, AvailabilityView, CallView, DeviceView, ParentRef, PhoneCallView, RoomView } from '../../../typings/actions/familyCalls';
import { beijing } from '../time';
import { clockMinutes, dayLabel, weekdayOf, whenLabel, WEEKDAY_NAMES } from './clock';
import { DEVICE_KIND_LABELS, findDevice, hoursLabel } from './rooms';

export const STATUS_LABELS: Record<FamilyCallStatus, string> = {
  scheduled: '待确认',
  moved: '已改期，待确认',
  confirmed: '家长已确认',
  done: '已完成',
  missed: '未接通',
  cancelled: '已取消',
};

export const MOOD_LABELS: Record<CallMood, string> = { happy: '开心', calm: '平静', low: '情绪低落', upset: '哭闹/不安' };
export const MISSED_BY_LABELS: Record<MissedBy, string> = {
  parent: '家长未接听',
  child: '孩子缺席',
  school: '学校原因',
  network: '网络或设备故障',
};

export function deviceView(room: Room, d: CallDevice): DeviceView {
  const hoursText = ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).filter((w) => (d.hours[String(w) as '1'] ?? []).length).map((w) => hoursLabel(d, w));
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    kindLabel: DEVICE_KIND_LABELS[d.kind],
    wechatName: d.wechatName,
    hours: d.hours,
    hoursText,
    active: d.active,
    roomId: room._id,
    roomName: room.name,
  };
}

export function roomView(room: Room): RoomView {
  return {
    id: room._id,
    schoolId: room.schoolId,
    name: room.name,
    location: room.location,
    version: room.version,
    devices: room.devices.map((d) => deviceView(room, d)),
  };
}

export function parentRef(b: Pick<BindingRecord, '_id' | 'label' | 'role'>): ParentRef {
  return { bindingId: b._id, label: b.label, role: b.role === 'guardian' ? 'guardian' : 'parent' };
}

export function slotsText(slots: { weekday: Weekday; start: string; end: string }[]): string[] {
  return [...slots]
    .sort((a, b) => a.weekday - b.weekday || clockMinutes(a.start) - clockMinutes(b.start))
    .map((s) => `${WEEKDAY_NAMES[s.weekday]} ${s.start}-${s.end}`);
}

export function availabilityView(binding: Pick<BindingRecord, '_id' | 'label'>, a: CallAvailability | null): AvailabilityView {
  const slots = a?.slots ?? [];
  return {
    bindingId: binding._id,
    label: binding.label,
    slots,
    slotsText: slotsText(slots),
    note: a?.note ?? null,
    updatedAt: a?.updatedAt.toISOString() ?? null,
  };
}

/** Names a call view needs: children, parents' bindings, the school's rooms. */
export interface ViewContext {
  now: Date;
  childNames: Map<string, string>;
  bindings: Map<string, Pick<BindingRecord, '_id' | 'label' | 'role'>>;
  rooms: Room[];
}

/** A call's status in words: a call still open after its end waits for its result. */
function statusLabelOf(c: Pick<FamilyCallOccurrence, 'status' | 'endsAt'>, now: Date): string {
  const open = c.status === 'scheduled' || c.status === 'moved';
  return open && c.endsAt.getTime() < now.getTime() ? '待登记结果' : STATUS_LABELS[c.status];
}

function deviceOf(c: Pick<FamilyCallOccurrence, 'deviceId'>, rooms: Room[]): CallView['device'] {
  const ref = findDevice(rooms, c.deviceId);
  return { id: c.deviceId, name: ref?.device.name ?? '（设备已删除）', roomName: ref?.room.name ?? '' };
}

/** The fields of a call the week agenda reads. */
export const AGENDA_FIELDS = { childId: true, date: true, time: true, minutes: true, status: true, endsAt: true, deviceId: true };

/** A call's row in the week agenda. */
export function agendaCallView(c: FamilyCallOccurrence, v: Pick<ViewContext, 'rooms' | 'childNames' | 'now'>): AgendaCall {
  return {
    id: c._id,
    childId: c.childId,
    childName: v.childNames.get(c.childId) ?? '',
    date: c.date,
    time: c.time,
    minutes: c.minutes,
    status: c.status,
    statusLabel: statusLabelOf(c, v.now),
    device: deviceOf(c, v.rooms),
  };
}

export function callView(c: FamilyCallOccurrence, v: ViewContext): CallView {
  const parents = c.parentBindingIds.map((id) => v.bindings.get(id)).filter((b): b is Pick<BindingRecord, '_id' | 'label' | 'role'> => !!b);
  const r = c.moveRequest;
  return {
    id: c._id,
    seriesId: c.seriesId,
    childId: c.childId,
    childName: v.childNames.get(c.childId) ?? '',
    classId: c.classId,
    date: c.date,
    time: c.time,
    minutes: c.minutes,
    weekday: weekdayOf(c.date),
    weekKey: c.weekKey,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    when: whenLabel(c.startsAt, v.now),
    status: c.status,
    statusLabel: statusLabelOf(c, v.now),
    device: deviceOf(c, v.rooms),
    parents: parents.map(parentRef),
    confirmedAt: c.confirmedAt?.toISOString() ?? null,
    movedFrom: c.movedFrom ? { date: c.movedFrom.date, time: c.movedFrom.time } : null,
    moveRequest: r
      ? {
          proposals: r.proposals.map((p) => ({ ...p, label: `${dayLabel(p.date)} ${WEEKDAY_NAMES[weekdayOf(p.date)]} ${p.time}` })),
          note: r.note,
          byLabel: r.byLabel,
          at: r.at.toISOString(),
          status: r.status,
          answerNote: r.answerNote,
        }
      : null,
    outcome: c.outcome ? { ...c.outcome, joined: c.outcome.joined.map((j) => j.label), moodLabel: c.outcome.mood ? MOOD_LABELS[c.outcome.mood] : null } : null,
    missed: c.missed ? { ...c.missed, byLabel: MISSED_BY_LABELS[c.missed.by] } : null,
    cancelReason: c.cancelled?.reason ?? null,
    rebookOf: c.rebookOf,
  };
}

export function phoneCallView(p: PhoneCallRecord, childNames: Map<string, string>): PhoneCallView {
  const t = beijing(p.at);
  return {
    id: p._id,
    childId: p.childId,
    childName: childNames.get(p.childId) ?? '',
    at: p.at.toISOString(),
    atLabel: `${t.month() + 1}月${t.date()}日 ${t.format('HH:mm')}`,
    minutes: p.minutes,
    who: p.who,
    note: p.note,
  };
}
