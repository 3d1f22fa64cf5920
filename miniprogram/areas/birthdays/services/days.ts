/**
 * Birthdays as children and families read them: "3月12日", "明天过生日", "还有5天". A student's payload carries a
 * birthday as its day this time ('MM-DD') and how far away it is, never a year.
 */
import type { BirthdayDay } from '../../../../typings/actions/birthdays';

/** '03-12' as 3月12日 */
export function monthDayLabel(monthDay: string): string {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay ?? '');
  return m ? `${Number(m[1])}月${Number(m[2])}日` : '';
}

/** 今天 / 明天 / 后天 / 5天后 / 2天前 */
export function relativeDay(daysUntil: number): string {
  if (daysUntil === 0) return '今天';
  if (daysUntil === 1) return '明天';
  if (daysUntil === 2) return '后天';
  return daysUntil > 0 ? `${daysUntil}天后` : `${-daysUntil}天前`;
}

/** 3月12日（明天）过生日 / 3月9日（3天前）过了生日 */
export function birthdayLine(day: BirthdayDay): string {
  return `${monthDayLabel(day.monthDay)}（${relativeDay(day.daysUntil)}）${day.daysUntil >= 0 ? '过生日' : '过了生日'}`;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** '2027-03-12' as 3月12日 周五 */
export function dateWithWeekday(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? '' : `${monthDayLabel(date.slice(5))} ${WEEKDAYS[d.getUTCDay()]}`;
}
