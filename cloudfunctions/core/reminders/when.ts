/**
 * Relative times in reminder texts. A reminder is stored once and read later, often days later, so a text must not
 * keep "还有11天" from the day it was written: a feature writes WHEN where the time belongs and gives the time as
 * the draft's `when`; the text is written out relative to the moment it is shown (the inbox when read, WeChat when
 * sent), in the words of the family-call screens ("明天（周三）19:30", "3月12日 周三 19:30，还有9天").
 */
import { whenLabel } from '../familyCalls/clock';
import type { ReminderFields } from './types';

export const WHEN = '{when}';

export function hasWhen(text: string | undefined): boolean {
  return !!text && text.includes(WHEN);
}

/** The text as of `now`: WHEN written out relative to now (left as it is when the reminder names no time). */
export function renderWhen(text: string, when: Date | null | undefined, now: Date): string {
  return when && text.includes(WHEN) ? text.split(WHEN).join(whenLabel(when, now)) : text;
}

/** The fields of a WeChat message as of the moment it is sent. */
export function renderFields(fields: ReminderFields, when: Date | null | undefined, now: Date): ReminderFields {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? renderWhen(v, when, now) : v]));
}
