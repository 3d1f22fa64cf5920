/**
 * WeChat content security (内容安全, `/wxa/msg_sec_check` version 2) for text that other people will read: wish
 * cards, class-corner works, growth posts, replies. Called through the SDK's callWxOpenApi with the writer's
 * OPENID and the scene. WeChat answers errcode 0 even for risky text; the verdict is result.suggest.
 *
 *   const verdict = await checkText(ctx.app, { openid: ctx.openid, scene: 'comment', content });
 *   if (verdict === 'risky') throw refusedText();
 *
 * A text longer than WeChat takes in one call is checked in pieces; the worst verdict wins. When WeChat cannot be
 * asked (an errcode, a network failure) the text is not published on trust: the verdict is 'review', so a teacher
 * looks at it first.
 */
import type { CloudApp } from './cloud';
import { AppError } from './errors';

export type Verdict = 'pass' | 'review' | 'risky';

/** WeChat's scene numbers: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export const SCENES = { profile: 1, comment: 2, forum: 3, social: 4 } as const;
export type Scene = keyof typeof SCENES;

/** The most WeChat checks in one call. */
export const MAX_CHECK_CHARS = 2500;

const RANK: Record<Verdict, number> = { pass: 0, review: 1, risky: 2 };

function pieces(content: string): string[] {
  const chars = [...content];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += MAX_CHECK_CHARS) out.push(chars.slice(i, i + MAX_CHECK_CHARS).join(''));
  return out.length ? out : [''];
}

async function checkPiece(app: CloudApp, openid: string, scene: Scene, content: string): Promise<Verdict> {
  try {
    const res = (await app.callWxOpenApi({ apiName: '/wxa/msg_sec_check', requestData: { content, version: 2, scene: SCENES[scene], openid } })) as {
      result?: unknown;
    };
    const reply = (typeof res.result === 'string' ? JSON.parse(res.result) : res.result) as { errcode?: number; result?: { suggest?: string } } | undefined;
    const suggest = reply?.errcode === 0 ? reply.result?.suggest : undefined;
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest;
    console.warn('[contentCheck] WeChat did not give a verdict', reply?.errcode);
  } catch (err) {
    console.warn('[contentCheck] WeChat could not be asked', (err as Error)?.message ?? err);
  }
  return 'review';
}

export async function checkText(app: CloudApp, request: { openid: string; scene: Scene; content: string }): Promise<Verdict> {
  const verdicts = await Promise.all(pieces(request.content).map((piece) => checkPiece(app, request.openid, request.scene, piece)));
  return verdicts.reduce((worst, v) => (RANK[v] > RANK[worst] ? v : worst), 'pass' as Verdict);
}

/** The kind refusal for a risky text: nothing is stored. */
export const refusedText = () =>
  new AppError('INVALID_INPUT', '这段文字可能含有不适合的内容，请换一种说法再发', [{ path: 'text', message: '内容未通过安全检查' }]);
