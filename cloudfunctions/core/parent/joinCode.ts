/**
 * Parents join by scanning: the mini-program code of an invite (wxacode.getUnlimited through the SDK's
 * callWxOpenApi) opens the bind page with the invite's scene (i=<code>), which fills the code in. The inviter passes
 * the code they were just shown: it must be this invite's (only its hash is stored) and the invite still open.
 */
import type { ActionOutput } from '../../../typings/actions';
import type { InviteRecord } from '../../../typings/domain';
import type { CloudApp } from '../cloud';
import { AppError, invalid } from '../errors';
import { hashCode, normalizeCode } from '../codes';
import { inviteStatus } from '../invites';

export const BIND_PAGE = 'pages/bind/index';

/** The image bytes of WeChat's answer, whichever way the SDK hands them over. */
function imageOf(result: unknown): Buffer | null {
  const r = result as { errcode?: number; buffer?: unknown } | string | null;
  if (typeof r === 'string') return r.startsWith('\u0089PNG') || r.startsWith('\u00ff\u00d8') ? Buffer.from(r, 'latin1') : null;
  if (!r || (r.errcode ?? 0) !== 0) return null;
  if (typeof r.buffer === 'string') return Buffer.from(r.buffer, 'base64');
  const data = (r.buffer as { data?: number[] } | undefined)?.data;
  return Array.isArray(data) ? Buffer.from(data) : null;
}

export async function inviteQrCode(app: CloudApp, invite: InviteRecord, code: string, now: Date): Promise<ActionOutput<'invites.qrcode'>> {
  const plain = normalizeCode(code);
  if (!/^[A-Z0-9]{8}$/.test(plain) || hashCode(plain) !== invite.codeHash) throw invalid('邀请码与这条邀请不符', 'code');
  if (inviteStatus(invite, now) !== 'active') throw new AppError('CONFLICT', '这条邀请已经用过、过期或撤销，请重新邀请');
  const scene = `i=${plain}`;
  const res = await app.callWxOpenApi({ apiName: '/wxa/getwxacodeunlimit', requestData: { scene, page: BIND_PAGE, width: 430, check_path: false } });
  const image = imageOf((res as { result?: unknown }).result);
  if (!image) throw new AppError('INTERNAL', '小程序码生成失败，请稍后再试，或直接把邀请码发给对方');
  return { image: image.toString('base64'), page: BIND_PAGE, scene };
}
