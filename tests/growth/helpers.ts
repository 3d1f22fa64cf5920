/** The demo school with its care work, and shorthands for posting with photos as a teacher's phone does. */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';
import { demoPhoto } from '../../scripts/demo/growth';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import type { ApiResponse } from '../../typings/errors';

export { DEMO };

export async function growthSchool(): Promise<TestEmulator> {
  const env = await startEmulator({ seedDemo: true });
  await seedDemoWork(env, new Date());
  return env;
}

export async function ok<A extends ActionName>(env: TestEmulator, openid: string, action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input);
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

export const failure = (res: ApiResponse<unknown>) => (res.ok ? null : res.error);

/** A real PNG photo (the demo's picture; `seed` varies it). */
export const png = (seed = 1) => demoPhoto(seed);

/** Slots for these files, then each uploaded as the phone does (wx.cloud.uploadFile = the SDK's uploadFile). */
export async function uploadAs(
  env: TestEmulator,
  openid: string,
  place: { childId: string } | { classId: string },
  files: Buffer[],
  ext: 'png' | 'jpg' = 'png',
): Promise<string[]> {
  const slots = await ok(env, openid, 'files.prepare', { ...place, photos: files.map((f) => ({ ext, size: f.length })) });
  return Promise.all(slots.uploads.map(async (u, i) => (await env.app.uploadFile({ cloudPath: u.cloudPath, fileContent: files[i] })).fileID));
}

export async function count(env: TestEmulator, collection: string, where: Record<string, unknown> = {}): Promise<number> {
  return (await env.app.database().collection(collection).where(where).count()).total ?? 0;
}

/** The function's answer with the emulator's counters of its database requests. */
export async function measured(env: TestEmulator, openid: string, action: string, input: unknown) {
  const res = await fetch(`${env.url}/functions/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify({ action, input }),
  });
  const text = await res.text();
  return {
    body: JSON.parse(text),
    bytes: Buffer.byteLength(text),
    requests: Number(res.headers.get('x-db-requests')),
    depth: Number(res.headers.get('x-db-depth')),
  };
}
