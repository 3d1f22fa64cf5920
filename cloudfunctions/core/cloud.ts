/**
 * The per-invocation view of CloudBase: who is calling (from the cloud context, never the request body),
 * the database, and the clock.
 *
 * In production the SDK talks to the current environment. Locally the emulator puts CARE_ROOM_SERVICE_URL
 * into context.environment, so the very same code reaches the emulator, and each invocation's database
 * requests carry its invocation id (the emulator counts them).
 */
import tcb from '@cloudbase/node-sdk';

export type CloudApp = ReturnType<typeof tcb.init>;
export type Database = ReturnType<CloudApp['database']>;
/** The transaction object db.runTransaction hands its callback (typed loosely by the SDK). */
export type Transaction = { collection: Database['collection'] };

export interface FunctionContext {
  environment?: string;
  environ?: string;
  request_id?: string;
  function_name?: string;
  [key: string]: unknown;
}

export interface Invocation {
  /** The caller's OPENID from the cloud context; '' for timer triggers. */
  openid: string;
  appid: string;
  app: CloudApp;
  db: Database;
  /** True inside the local emulator. */
  local: boolean;
  /** The invocation's clock: real time, or the emulator's simulated time when set locally. */
  now: Date;
  /** A deployment setting: the function's environment variable (config.json envVariables). */
  setting(name: string): string | undefined;
}

export function openInvocation(context: FunctionContext | undefined): Invocation {
  const env = tcb.getCloudbaseContext(context as never) as unknown as Record<string, string | undefined>;
  const serviceUrl = env.CARE_ROOM_SERVICE_URL;
  const local = Boolean(serviceUrl);
  const app = local
    ? tcb.init({ env: env.CARE_ROOM_ENV || 'care-room-local', serviceUrl, secretId: 'local', secretKey: 'local', timeout: 60000 })
    : tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, context: context as never });
  const simulated = local && env.CARE_ROOM_NOW ? new Date(env.CARE_ROOM_NOW) : null;
  return {
    openid: env.WX_OPENID || '',
    appid: env.WX_APPID || '',
    app,
    db: app.database(),
    local,
    now: simulated && !Number.isNaN(simulated.getTime()) ? simulated : new Date(),
    setting: (name) => env[name] ?? process.env[name],
  };
}

/** The database refused a second document with the same _id (or unique key). */
export function isDuplicate(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'DATABASE_DUPLICATE_WRITE' || /duplicate|E11000/i.test(e?.message ?? '');
}
