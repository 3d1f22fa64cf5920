/**
 * The weeks of family calls already behind the demo school: 林小禾's Wednesday 19:00 call of the last (up to) four
 * weeks of this term, booked ahead as the teacher did then and recorded as held after each call (so the term's 工作总结
 * and the call history count them). Entered through the real actions at the times they happened (`at`). Nothing
 * when today is not in term or the term began this week.
 */
import { addDays, weekdayOf } from '../../cloudfunctions/core/familyCalls/clock';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { DemoCall } from '../demo-data';

const TEACHER = 'demo-teacher';
const WEEKS = 4;

interface Booking {
  childId: string;
  deviceId: string;
  weekday: number;
  time: string;
  minutes: number;
  parentBindingIds: string[];
}

/** The booking's weekday in the term before today, the latest `WEEKS` of them. */
function pastDays(today: string, termStart: string, weekday: number): string[] {
  const days: string[] = [];
  for (let d = addDays(today, -1); d >= termStart && days.length < WEEKS; d = addDays(d, -1)) if (weekdayOf(d) === weekday) days.unshift(d);
  return days;
}

/**
 * Book the teacher's weekly call; when some of its `weeks` fall in a holiday (a CONFLICT naming those days) book it
 * without them, as the booking screen would suggest.
 */
export async function bookAroundHolidays(call: DemoCall, input: Record<string, unknown>, weeks: number, at?: Date): Promise<void> {
  const first = await call(TEACHER, 'familyCalls.book', input, at);
  if (first.ok) return;
  const skipDates = ((first.error as { details?: { path: string }[] } | undefined)?.details ?? []).map((d) => d.path);
  if (first.error?.code !== 'CONFLICT' || skipDates.length === 0 || skipDates.length >= weeks)
    throw new Error(`演示数据：familyCalls.book 失败：${first.error?.message}`);
  const again = await call(TEACHER, 'familyCalls.book', { ...input, skipDates }, at);
  if (!again.ok) throw new Error(`演示数据：familyCalls.book 失败：${again.error?.message}`);
}

export async function seedPastCallsDemo(call: DemoCall, today: string, term: { start: string } | undefined, booking: Booking): Promise<void> {
  const days = term ? pastDays(today, term.start, booking.weekday) : [];
  if (!days.length) return;
  const must = async <T>(action: string, input: Record<string, unknown>, at: Date): Promise<T> => {
    const res = await call(TEACHER, action, input, at);
    if (!res.ok) throw new Error(`演示数据：${action} 失败：${res.error?.message}`);
    return res.data as T;
  };
  await bookAroundHolidays(
    call,
    { ...booking, weeks: undefined, startDate: days[0], endDate: days[days.length - 1] },
    days.length,
    fromBeijing(`${addDays(days[0], -1)} 10:00`),
  );
  for (const day of days) {
    const after = fromBeijing(`${day} ${booking.time}`);
    const ended = new Date(after.getTime() + (booking.minutes + 5) * 60000);
    const week = await must<{ days: { date: string; calls: { id: string; childId: string; status: string }[] }[] }>(
      'familyCalls.week',
      { classId: 'demo-class-3-1', date: day },
      ended,
    );
    const held = week.days.find((d) => d.date === day)?.calls.find((c) => c.childId === booking.childId && c.status !== 'cancelled');
    if (!held) continue;
    await must(
      'familyCalls.record',
      {
        callId: held.id,
        result: 'done',
        minutes: booking.minutes - 5,
        joinedBindingIds: booking.parentBindingIds,
        note: '和妈妈聊了这周的作业和画画',
        mood: 'happy',
      },
      ended,
    );
  }
}
