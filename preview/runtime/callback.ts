/**
 * WeChat's calling convention for asynchronous APIs: success/fail/complete callbacks, called later (never inside
 * the call), with `errMsg` "name:ok" or "name:fail ..."; with none of the three given, a Promise instead.
 */
export class WxFail extends Error {
  constructor(
    readonly errMsg: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(errMsg);
  }
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };

export function asyncApi<T extends Record<string, unknown>>(name: string, options: unknown, run: () => T | Promise<T>): Promise<unknown> | undefined {
  const o = (options ?? {}) as Callbacks;
  const wantsPromise = !o.success && !o.fail && !o.complete;
  const result = new Promise<unknown>((resolve, reject) => {
    setTimeout(async () => {
      try {
        const value = await run();
        const res = { errMsg: `${name}:ok`, ...value };
        o.success?.(res);
        o.complete?.(res);
        resolve(res);
      } catch (err) {
        const res =
          err instanceof WxFail
            ? { errMsg: err.errMsg.startsWith(`${name}:`) ? err.errMsg : `${name}:fail ${err.errMsg}`, ...err.extra }
            : { errMsg: `${name}:fail ${(err as Error)?.message ?? err}` };
        o.fail?.(res);
        o.complete?.(res);
        reject(res);
      }
    }, 0);
  });
  if (wantsPromise) return result;
  result.catch(() => undefined);
  return undefined;
}
