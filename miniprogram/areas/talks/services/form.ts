/**
 * Validation in place for the talk area's forms: an error shows for the field just changed and stays on the fields
 * already showing one until fixed; the rest wait for 保存. The server checks again and has the last word: its
 * INVALID_INPUT details are put back onto the fields.
 */
import { CallError, errorMessage } from '../../../services/api';

export function errorsInPlace(all: Record<string, string>, shown: Record<string, string>, changed: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const k of Object.keys(shown)) if (all[k]) errors[k] = all[k];
  if (all[changed]) errors[changed] = all[changed];
  return errors;
}

/** Only the errors that are set. */
export const compact = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).filter(([, v]) => v));

/**
 * A refused save as { field: message } (INVALID_INPUT mapped by `fieldOf`) and a line for the whole form (any other
 * refusal, or an error of no field).
 */
export function refusal(err: unknown, fieldOf: (path: string) => string): { fields: Record<string, string>; form: string } {
  if (!(err instanceof CallError) || err.code !== 'INVALID_INPUT' || !err.details?.length) return { fields: {}, form: errorMessage(err) };
  const fields: Record<string, string> = {};
  for (const d of err.details) {
    const field = fieldOf(d.path) || 'form';
    fields[field] = fields[field] ?? d.message;
  }
  const { form, ...rest } = fields;
  return { fields: rest, form: form ?? (Object.keys(rest).length ? '' : err.message) };
}
