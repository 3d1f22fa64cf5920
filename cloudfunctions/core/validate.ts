/**
 * Input pieces shared by every handler's zod schema, with Chinese messages, and how zod's issues read to people.
 */
import { z } from 'zod';
import { dayjs } from './time';
import { ROLES, type Role } from '../../typings/roles';

// Messages zod writes itself are shown to people too: in Chinese, an unknown field (a forged openid, say) named
// plainly, a field that is not there called missing.
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => {
    if (issue.code === 'unrecognized_keys') return `不支持的字段：${issue.keys.join('、')}`;
    if (issue.code === 'invalid_type' && issue.input === undefined) return `缺少字段：${(issue.path ?? []).join('.')}`;
    return undefined;
  },
});

/**
 * A failed parse as the caller reads it. A schema's own message names its field ("儿童ID必须是字符串"); when the
 * field is not there at all that message would mislead, so it says "缺少儿童ID". Needs the parse to report inputs
 * (`safeParse(value, { reportInput: true })`).
 */
export function inputIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const label = issue.code === 'invalid_type' && issue.input === undefined ? /^(.+?)\s*必须是/.exec(issue.message)?.[1] : undefined;
    return { path: issue.path.join('.'), message: label ? `缺少${label}` : issue.message };
  });
}

/** A record id: what the database generates or our fixed demo ids. Anything else is a forged id. */
export const id = (what = 'ID') =>
  z
    .string({ error: `${what}必须是字符串` })
    .min(1, `${what}不能为空`)
    .max(64, `${what}过长`)
    .regex(/^[A-Za-z0-9_-]+$/, `${what}格式不正确`);

/** Trimmed text with a length limit counted in characters. */
export const text = (what: string, max: number, min = 1) =>
  z
    .string({ error: `${what}必须是文字` })
    .trim()
    .min(min, min === 1 ? `请填写${what}` : `${what}至少 ${min} 个字`)
    .max(max, `${what}不能超过 ${max} 个字`);

/** A Beijing calendar day "YYYY-MM-DD" that really exists. */
export const day = (what = '日期') =>
  z
    .string({ error: `${what}必须是文字` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}格式应为 YYYY-MM-DD`)
    .refine((s) => dayjs(s, 'YYYY-MM-DD').format('YYYY-MM-DD') === s, `${what}不是有效的日期`);

/** Mainland mobile (11 digits, 1[3-9]) or landline with area code, e.g. 0371-12345678. */
export const phone = (what = '电话') =>
  z
    .string({ error: `${what}必须是文字` })
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, `${what}格式不正确（手机号 11 位，座机如 0371-12345678）`);

export const roleEnum = z.enum(ROLES as [Role, ...Role[]], { error: '角色不正确' });

/** Where the next page starts: the time and id of the previous page's last entry (many entries share one time). */
export interface PageCursor {
  at: Date;
  id: string;
}

export function cursorText(at: Date, id: string, separator: string): string {
  return `${at.toISOString()}${separator}${id}`;
}

/** A cursor as cursorText wrote it, or null: its time must be a real instant written the same way, its id an id. */
export function parseCursor(text: string, separator: string): PageCursor | null {
  const cut = text.lastIndexOf(separator);
  const iso = text.slice(0, cut);
  const id = text.slice(cut + separator.length);
  if (cut < 0 || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const at = new Date(iso);
  return !Number.isNaN(at.getTime()) && at.toISOString() === iso ? { at, id } : null;
}

/** An empty input object that refuses unknown fields (e.g. a forged openid in the body). */
export const noInput = () => z.object({}).strict();
