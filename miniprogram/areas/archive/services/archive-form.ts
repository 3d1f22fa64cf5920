/**
 * Checks the forms make as people type (validation in place). The server judges again and has the last word;
 * its INVALID_INPUT details are mapped back onto the fields by invalidFields().
 */
import { CallError } from '../../../services/api';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function realDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** 18-digit ID number (GB 11643 checksum), its birth date against the form's. '' when fine. */
export function idNumberError(raw: string, birthDate?: string): string {
  const id = raw.replace(/\s/g, '').toUpperCase();
  if (!id) return '';
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为 18 位（最后一位可以是 X）';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!realDay(birth)) return '身份证号中的出生日期无效';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  if (CHECK[sum % 11] !== id[17]) return '身份证号校验位不正确，请核对';
  if (birthDate && realDay(birthDate) && birth !== birthDate) return `身份证号中的出生日期（${birth}）与填写的出生日期不一致`;
  return '';
}

/** A day picked with <date-field> ("YYYY-MM-DD"); the check stays for what reaches a handler otherwise. */
export function dateError(s: string, what = '日期', required = true): string {
  if (!s) return required ? `请选择${what}` : '';
  if (!realDay(s)) return `${what}不是有效的日期`;
  return '';
}

export function phoneError(s: string, what = '电话', required = false): string {
  const v = s.trim();
  if (!v) return required ? `请填写${what}` : '';
  return /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(v) ? '' : `${what}格式不正确（手机号 11 位，座机如 0371-12345678）`;
}

export function requiredError(s: string, what: string): string {
  return s.trim() ? '' : `请填写${what}`;
}

/**
 * Validation in place, as the person types: of all the form's errors, those of the field just changed and of the
 * fields already showing one (each goes once fixed). The rest wait for 保存.
 */
export function errorsInPlace(all: Record<string, string>, shown: Record<string, string>, changed: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const k of Object.keys(shown)) if (all[k]) errors[k] = all[k];
  if (all[changed]) errors[changed] = all[changed];
  return errors;
}

/**
 * A save the server refused with INVALID_INPUT, as {form field: message}: `fieldOf` maps the server's paths onto the
 * form's fields, and the first message for a field wins. null for any other error.
 */
export function invalidFields(err: unknown, fieldOf: (path: string) => string): Record<string, string> | null {
  if (!(err instanceof CallError) || err.code !== 'INVALID_INPUT' || !err.details?.length) return null;
  const errors: Record<string, string> = {};
  for (const d of err.details) {
    const field = fieldOf(d.path);
    errors[field] = errors[field] ?? d.message;
  }
  return errors;
}

/** Only the errors that are set. */
export function compact(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v));
}
