/** Input pieces of the reminder actions with Chinese messages (zod's own are English). */
import { z } from 'zod';

/** An object schema that refuses unknown fields (e.g. a forged openid) and says so in Chinese. */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  return z
    .object(shape, {
      error: (iss) => {
        if (iss.code === 'unrecognized_keys') return `不支持的字段：${(iss as { keys?: string[] }).keys?.join('、') ?? ''}`;
        if (iss.code === 'invalid_type') return '输入必须是对象';
        return undefined;
      },
    })
    .strict();
}
