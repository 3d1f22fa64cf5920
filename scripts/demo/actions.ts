import type { DemoCall } from '../demo-data';

/** `call` that throws when the action is refused, answering its data: demo data is entered or not at all. */
export function demoActions(call: DemoCall, at?: Date) {
  return async <T = Record<string, unknown>>(openid: string, action: string, input: Record<string, unknown>): Promise<T> => {
    const res = await call(openid, action, input, at);
    if (!res.ok) throw new Error(`演示数据：${action} 失败：${res.error?.message}`);
    return res.data as T;
  };
}
