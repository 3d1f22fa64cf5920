/**
 * 居民身份证号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male),
 * and a check character computed from the first 17 digits (ISO 7064 MOD 11-2).
 */
import { dayjs } from '../time';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Upper-case x and drop spaces, as people type it. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}

export interface IdNumberInfo {
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
}

/** Why the number is not valid (Chinese), or null when it is. */
export function idNumberProblem(idNumber: string): string | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return '身份证号应为 18 位（最后一位可以是 X）';
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (dayjs(birth, 'YYYY-MM-DD').format('YYYY-MM-DD') !== birth || Number(idNumber.slice(6, 10)) < 1900) return '身份证号中的出生日期无效';
  if (idCheckChar(idNumber) !== idNumber[17]) return '身份证号校验位不正确，请核对';
  return null;
}

/** Birth date and gender written in a valid number. */
export function idNumberInfo(idNumber: string): IdNumberInfo {
  return {
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
  };
}
