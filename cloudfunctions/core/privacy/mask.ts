/**
 * Masking of sensitive fields (children's data is sensitive personal information).
 * Who sees what in full is decided by the views in privacy/views.ts; these only transform values.
 */

/** 13812345678 -> 138****5678; landlines keep area code and last 2 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '****';
  return `${digits.slice(0, Math.min(4, digits.length - 4))}****${digits.slice(-2)}`;
}

/** 18-digit ID number -> first 3 and last 1 visible. */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber) return idNumber ?? null;
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 4)}${idNumber.slice(-1)}`;
}

/** Keep the first 6 characters (province/county/town), hide the rest. */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return address ?? null;
  return address.length <= 6 ? `${address.slice(0, 2)}****` : `${address.slice(0, 6)}****`;
}
