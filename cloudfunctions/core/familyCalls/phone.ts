/**
 * 亲情电话: the teacher logs a call the child made (or took) on the class family phone: with whom, when, how long, a
 * note. It counts toward the week's contact like a video call.
 */
import crypto from 'node:crypto';
import type { Child, PhoneCallRecord } from '../../../typings/domain';
import type { PhoneCallView } from '../../../typings/actions/familyCalls';
import type { ActionInput } from '../../../typings/actions';
import { COLLECTION } from '../collections';
import { AppError, invalid } from '../errors';
import { beijingWeekKey, fromBeijing } from '../time';
import type { Caller } from './load';
import { phoneCallView } from './views';

/** How far back a call may be logged. */
const MAX_AGE_DAYS = 31;

/**
 * One log per child, minute and person called: the same log twice is refused (the id is the same), while 妈妈 and
 * 爸爸 called in the same minute are two calls.
 */
export function phoneCallId(childId: string, date: string, time: string, who: string): string {
  const person = crypto.createHash('sha256').update(who.trim()).digest('hex').slice(0, 12);
  return `pc_${childId}_${date.replace(/-/g, '')}${time.replace(':', '')}_${person}`;
}

export async function logPhoneCall(caller: Caller, child: Child, input: ActionInput<'phoneCalls.log'>): Promise<PhoneCallView> {
  const { db, now } = caller;
  const at = fromBeijing(`${input.date} ${input.time}`);
  if (at.getTime() > now.getTime()) throw invalid('通话时间不能晚于现在', 'time');
  if (at.getTime() < now.getTime() - MAX_AGE_DAYS * 86400000) throw invalid(`只能登记 ${MAX_AGE_DAYS} 天内的通话`, 'date');
  const record: PhoneCallRecord = {
    _id: phoneCallId(child._id, input.date, input.time, input.who),
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    at,
    weekKey: beijingWeekKey(at),
    minutes: input.minutes,
    who: input.who,
    note: input.note ?? null,
    recordedBy: caller.openid,
    createdAt: now,
  };
  try {
    await db.collection(COLLECTION.phoneCalls).add(record);
  } catch (err) {
    if ((err as { code?: string })?.code === 'DATABASE_DUPLICATE_WRITE') throw new AppError('CONFLICT', '这次通话已经登记过了');
    throw err;
  }
  return phoneCallView(record, new Map([[child._id, child.name]]));
}
