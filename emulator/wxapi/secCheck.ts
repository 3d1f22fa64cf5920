/**
 * WeChat content security, version 2 (`/wxa/msg_sec_check`), answered from a local word list so tests and the demo
 * can make a text risky or send it for review. As WeChat does: errcode 0 even when the text is risky; the verdict is
 * `result.suggest` ('pass' | 'review' | 'risky') with a numeric `result.label` (100 正常, 10001 广告, 20001 时政,
 * 20002 色情, 20003 辱骂, 20006 违法犯罪, 20008 欺诈, 20012 低俗, 21000 其他); `detail` lists what matched.
 * The request must name version 2, the user's openid, a scene (1 资料, 2 评论, 3 论坛, 4 社交日志) and content of at
 * most 2,500 characters.
 */
import crypto from 'node:crypto';
import type { OpenApiReply } from './types';

export const MAX_CONTENT_CHARS = 2500;

/** Words and the verdict WeChat would give a text containing them (the local stand-in for WeChat's models). */
export const SEC_WORDS: { word: string; suggest: 'risky' | 'review'; label: number }[] = [
  { word: '赌博', suggest: 'risky', label: 20006 },
  { word: '毒品', suggest: 'risky', label: 20006 },
  { word: '色情', suggest: 'risky', label: 20002 },
  { word: '傻逼', suggest: 'risky', label: 20003 },
  { word: '加微信领红包', suggest: 'risky', label: 10001 },
  { word: '刷单', suggest: 'risky', label: 20008 },
  { word: '打架', suggest: 'review', label: 21000 },
  { word: '笨蛋', suggest: 'review', label: 20003 },
];

export function checkMessage(request: Record<string, unknown>): OpenApiReply {
  const { content, version, openid, scene } = request;
  if (Number(version) !== 2) return { errcode: 47001, errmsg: 'data format error: version 2 is required' };
  if (typeof openid !== 'string' || !openid) return { errcode: 40003, errmsg: 'invalid openid' };
  if (![1, 2, 3, 4].includes(Number(scene))) return { errcode: 47001, errmsg: 'data format error: scene must be 1-4' };
  if (typeof content !== 'string') return { errcode: 47001, errmsg: 'data format error: content is required' };
  if ([...content].length > MAX_CONTENT_CHARS) return { errcode: 87015, errmsg: `content exceeds ${MAX_CONTENT_CHARS} characters` };
  const hits = SEC_WORDS.filter((w) => content.includes(w.word));
  const worst = hits.find((h) => h.suggest === 'risky') ?? hits[0];
  return {
    errcode: 0,
    errmsg: 'ok',
    result: worst ? { suggest: worst.suggest, label: worst.label } : { suggest: 'pass', label: 100 },
    detail: hits.map((h) => ({ strategy: 'keyword', errcode: 0, suggest: h.suggest, label: h.label, keyword: h.word, prob: 90 })),
    trace_id: crypto.randomBytes(8).toString('hex'),
  };
}
