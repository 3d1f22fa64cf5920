/**
 * Input pieces shared by every handler's zod schema, with Chinese messages.
 */
import { z } from 'zod';
import { dayjs } from './time';
import { ROLES, type Role } from '../../typings/roles';

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

/** An empty input object that refuses unknown fields (e.g. a forged openid in the body). */
export const noInput = () => z.object({}).strict();
