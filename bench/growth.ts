/**
 * 成长动态 benchmark at county scale: a class of 60 with a term of posts (20 weeks: a post about every child each
 * week, two class posts a week, three photos each, a few thanks and messages), then the parent home (parent.home)
 * and the teacher's class feed (posts.list), each one call of the `api` function. Prints per screen: the database
 * round trips and their depth (x-db-requests, x-db-depth), the bytes the page receives, p50 / p95 of the warm calls
 * and the first call; and what the depth costs at a cloud round trip of 15 ms.
 * Run: npm run build && npx tsx bench/run.ts growth
 */
import { startEmulator, type TestEmulator } from '../tests/helpers/emulator';
import { CLASS_60, TEACHER_60, seedSixtyChildClass } from '../tests/archive/fixtures';
import { demoPhoto } from '../scripts/demo/growth';

const WARM_CALLS = 40;
const WEEKS = 20;
const PARENT = 'parent-60';
const CLOUD_ROUND_TRIP_MS = 15;

async function seedTerm(env: TestEmulator): Promise<number> {
  const db = env.app.database();
  const now = Date.now();
  await db.collection('bindings').add({
    openid: PARENT,
    role: 'parent',
    schoolId: 'demo-school',
    classId: CLASS_60,
    childId: 'c60-0',
    communityId: null,
    label: '学生00的妈妈',
    createdAt: new Date(),
    revokedAt: null,
  });
  const fileIDs = await Promise.all(
    [1, 2, 3].map(async (i) => (await env.app.uploadFile({ cloudPath: `growth/bench-${i}.png`, fileContent: demoPhoto(i) })).fileID),
  );
  const photos = fileIDs.map((fileID, i) => ({ fileID, uploadId: `bench-${i}`, size: 20000, kind: 'png' }));
  const base = {
    schoolId: 'demo-school',
    classId: CLASS_60,
    status: 'published',
    authorOpenid: TEACHER_60,
    authorRole: 'teacher',
    authorLabel: '四年级(2)班 班主任',
    shows: [],
    photos,
    likes: 3,
  };
  const text = '今天在学校认真听讲，积极回答问题，午饭吃得很香，下午的体育课跳绳跳了一百二十下，同学们都为他鼓掌。';
  const posts: Record<string, unknown>[] = [];
  for (let week = 0; week < WEEKS; week++) {
    const at = (k: number) => new Date(now - (week * 7 + (k % 7)) * 86400000 - k * 60000);
    for (let c = 0; c < 60; c++)
      posts.push({ ...base, _id: `bp-${week}-${c}`, childId: `c60-${c}`, audience: 'child', tag: 'life', text, createdAt: at(c), publishedAt: at(c) });
    for (let k = 0; k < 2; k++)
      posts.push({ ...base, _id: `bc-${week}-${k}`, childId: null, audience: 'class', tag: 'activity', text, createdAt: at(k), publishedAt: at(k) });
  }
  for (let i = 0; i < posts.length; i += 500) await db.collection('growthPosts').add(posts.slice(i, i + 500));
  const replies = Array.from({ length: 200 }, (_, i) => ({
    postId: i % 2 ? `bp-${i % WEEKS}-0` : `bc-${i % WEEKS}-0`,
    schoolId: 'demo-school',
    classId: CLASS_60,
    childId: `c60-${i % 60}`,
    byOpenid: i % 3 ? PARENT : TEACHER_60,
    byRole: i % 3 ? 'parent' : 'teacher',
    byLabel: i % 3 ? '学生00的妈妈' : '四年级(2)班 班主任',
    fromFamily: i % 3 !== 0,
    text: '谢谢老师！',
    review: false,
    createdAt: new Date(now - i * 3600000),
  }));
  await db.collection('growthReplies').add(replies);
  return posts.length;
}

async function measure(env: TestEmulator, label: string, openid: string, action: string, input: Record<string, unknown>): Promise<void> {
  const times: number[] = [];
  let first = 0;
  let last = { requests: 0, depth: 0, bytes: 0 };
  for (let i = 0; i <= WARM_CALLS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${env.url}/functions/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({ action, input }),
    });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (!JSON.parse(body).ok) throw new Error(`${action}: ${body.slice(0, 200)}`);
    if (i === 0) first = ms;
    else times.push(ms);
    last = { requests: Number(res.headers.get('x-db-requests')), depth: Number(res.headers.get('x-db-depth')), bytes: Buffer.byteLength(body) };
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))].toFixed(0);
  console.log(
    `${label.padEnd(30)} ${String(last.requests).padStart(3)} db requests, depth ${last.depth}  ${(last.bytes / 1024).toFixed(1).padStart(6)} KB  ` +
      `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, first ${first.toFixed(0)} ms (${WARM_CALLS} warm calls); ` +
      `at ${CLOUD_ROUND_TRIP_MS} ms a round trip the database adds about ${last.depth * CLOUD_ROUND_TRIP_MS} ms`,
  );
}

export async function run(): Promise<void> {
  process.env.TENCENTCLOUD = 'true';
  const env = await startEmulator({ seedDemo: true });
  try {
    await seedSixtyChildClass(env);
    const posts = await seedTerm(env);
    console.log(`a class of 60, ${WEEKS} weeks: ${posts} posts with 3 photos each, 200 messages`);
    await measure(env, 'parent home (parent.home)', PARENT, 'parent.home', {});
    await measure(env, 'class feed (posts.list)', TEACHER_60, 'posts.list', { classId: CLASS_60 });
    await measure(env, 'older posts (posts.feed)', PARENT, 'posts.feed', { childId: 'c60-0', before: new Date(Date.now() - 30 * 86400000).toISOString() });
  } finally {
    await env.stop();
  }
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
