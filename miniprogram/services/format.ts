/**
 * Small display helpers for the account pages: Beijing date-times in the 11月29日 14:05 form, masked OPENIDs.
 * China has no daylight saving, so Beijing is UTC+8 all year, whatever the phone's time zone.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** 11月29日 14:05 (with the year in front when it is not this Beijing year); '' for an unreadable date. */
export function beijingDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const b = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const year = new Date(now.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
  const hh = String(b.getUTCHours()).padStart(2, '0');
  const mm = String(b.getUTCMinutes()).padStart(2, '0');
  const day = `${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${hh}:${mm}`;
  return b.getUTCFullYear() === year ? day : `${b.getUTCFullYear()}年${day}`;
}

/** An OPENID as shown to an admin who has no nickname for it: the ends only (oAbC****wxYz). */
export function maskOpenid(openid: string | null | undefined): string {
  if (!openid) return '';
  if (openid.length <= 6) return `${openid.slice(0, 1)}****`;
  const keep = openid.length >= 12 ? 4 : 2;
  return `${openid.slice(0, keep)}****${openid.slice(-keep)}`;
}

/** What people type as an invite code, shown as ABCD-EFGH: upper case, no spaces or other signs, at most 8. */
export function formatCodeInput(raw: string): string {
  const clean = String(raw ?? '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8);
  return clean.length > 4 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

/** The code from a mini-program QR scene ("i=ABCDEFGH", URL-encoded as the runtime hands it over). */
export function codeFromScene(scene: string | undefined): string {
  if (!scene) return '';
  let text = scene;
  try {
    text = decodeURIComponent(scene);
  } catch {
    // not encoded
  }
  const m = /(?:^|&)i=([^&]+)/.exec(text);
  return m ? m[1] : '';
}
