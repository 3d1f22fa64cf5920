/**
 * What a text for others to read may be (cards, works): a few kind words, counted in characters as people count them
 * (an emoji is one), with some letters or digits in it (not only emoji or signs), without web code (<script>, tags,
 * javascript:), without invisible control characters, in a few lines. Each refusal says what to change, in Chinese.
 */
import { z } from 'zod';
import { CARD_DESIGNS } from './labels';
import type { CardDesign } from '../../../typings/actions/birthdays';

const MAX_LINES = 6;
const WEB_CODE = /<\s*\/?\s*[a-z!?]|javascript\s*:|&#?\w+;/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
const WORDS = /[\p{L}\p{N}]/u;

/** Why this text cannot be sent, or null. */
export function textProblem(text: string, what: string, max: number): string | null {
  const chars = [...text].length;
  if (!chars) return `请写上${what}`;
  if (chars > max) return `${what}不能超过 ${max} 个字（现在有 ${chars} 个字）`;
  if (WEB_CODE.test(text)) return `${what}里不能有网页代码（如 <script>、尖括号标签），请只写文字`;
  if (CONTROL.test(text)) return `${what}里有看不见的特殊字符，请删掉后重新输入`;
  if (!WORDS.test(text)) return `${what}不能只有表情或符号，请写几个字`;
  if (text.split('\n').length > MAX_LINES) return `${what}最多 ${MAX_LINES} 行`;
  return null;
}

/** A text field of a card or work: trimmed, line breaks as \n, then held to textProblem. */
export const kindText = (what: string, max: number) =>
  z
    .string({ error: `${what}必须是文字` })
    .transform((s) => s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').trim())
    .superRefine((s, ctx) => {
      const problem = textProblem(s, what, max);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const cardDesign = z.enum(Object.keys(CARD_DESIGNS) as [CardDesign, ...CardDesign[]], { error: '请选择贺卡样式' });
