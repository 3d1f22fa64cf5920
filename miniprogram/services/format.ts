/** Small display helpers of the account pages: masked OPENIDs, invite codes as typed and scanned. */

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
