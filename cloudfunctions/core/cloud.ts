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
/**
 * The transaction object db.runTransaction hands its callback, typed as CloudBase runs it: only single-record
 * operations take part (a document by _id, an add of one document, where().get() and where().updateAndReturn()).
 * The SDK would also offer where().update()/remove(), count() and add([...]) here, but sends the first three outside
 * the transaction and the cloud refuses the last, so they are not part of this type: the compiler refuses them.
 */
export interface Transaction {
  collection(name: string): TransactionCollection;
}

/** One document: an object that is not a list. */
type OneDocument<T> = [Extract<T, readonly unknown[]>] extends [never] ? T : never;

export interface TransactionCollection {
  doc(id: string | number): TransactionDocument;
  /** One document per call (run several in parallel with Promise.all). */
  add<T extends object>(doc: OneDocument<T>): Promise<{ id: string }>;
  where(query: object): TransactionQuery;
}

export interface TransactionDocument {
  /** The document, or null (an object, not the list a plain read gives). */
  get(): Promise<{ data: unknown }>;
  set(doc: object): Promise<{ updated?: number; upserted?: unknown[] }>;
  update(patch: object): Promise<{ updated?: number }>;
  remove(): Promise<{ deleted?: number }>;
}

export interface TransactionQuery {
  where(query: object): TransactionQuery;
  orderBy(field: string, order: 'asc' | 'desc'): TransactionQuery;
  skip(n: number): TransactionQuery;
  limit(n: number): TransactionQuery;
  field(projection: Record<string, boolean>): TransactionQuery;
  get(): Promise<{ data: unknown[] }>;
  /** Updates the first match and returns it. */
  updateAndReturn(patch: object): Promise<{ updated: number; doc: unknown }>;
}

/** The document of a doc().get() (an array outside a transaction, an object inside one). */
export function docOf<T>(res: { data: unknown }): T | undefined {
  const data = res.data as T | T[] | null | undefined;
  if (Array.isArray(data)) return data[0];
  return data ?? undefined;
}

/** Adds documents inside a transaction: one request per document (all the cloud allows there), sent together. */
export async function addEach(tx: Transaction, collection: string, docs: readonly object[]): Promise<void> {
  await Promise.all(docs.map((d) => tx.collection(collection).add(d)));
}

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
  // Locally the emulator hands the function its keys as the cloud does (TENCENTCLOUD_SECRETID/SECRETKEY in the context).
  const keys = { secretId: env.TENCENTCLOUD_SECRETID ?? '', secretKey: env.TENCENTCLOUD_SECRETKEY ?? '' };
  const app = local
    ? tcb.init({ env: env.CARE_ROOM_ENV || 'care-room-local', serviceUrl, ...keys, timeout: 60000 })
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
