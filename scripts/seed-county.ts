/**
 * npm run seed:county: a county's worth of care work in an emulator data dir, to measure the app at scale
 * (npm run bench). Deterministic from its seed: 50 schools, 100,000 children in 2,000 classes (50 a class; each
 * school's first class has 60), their parents, guardians, head teachers, one student per class, buddies, a
 * community per two classes with its 儿童主任, a township per school with its 儿童督导员; and a term (20 weeks to
 * TERM_END) of family calls, phone logs, talks, posts, wishes, visits with their alerts, and assistance.
 *
 * The records are shaped as the app writes them: the generator first runs the demo school's care work through the
 * real actions in a scratch emulator, takes one record of each kind as its template and varies its ids and dates.
 * Written through the real @cloudbase/node-sdk, arrays of 1,000 documents per add (outside transactions).
 *
 *   npm run seed:county -- --children 20000 --dir .data/county-20k --seed 7
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator as startServer } from '../emulator/server';
import { sdkApp, startEmulator } from '../tests/helpers/emulator';
import { seedDemoActivity } from './demo-data';
import { COLLECTION } from '../cloudfunctions/core/collections';
import { beijingWeekKey } from '../cloudfunctions/core/time';
import { countyIds, COUNTY, TERM_END } from './county/ids';

type Doc = Record<string, unknown>;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** mulberry32: a small seeded PRNG, so the same seed gives the same county. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆';
const GIVEN = '子梓浩宇欣怡一诺思雨晨轩佳琪雅涵俊杰可馨若曦家乐星辰小禾语桐明远嘉怡天佑安然';

/** One record of each kind the app writes, from the demo school's care work run through the real actions. */
async function templates(at: Date): Promise<Record<string, Doc>> {
  const env = await startEmulator({ seedDemo: true });
  try {
    const call = (openid: string, action: string, input: Doc, when?: Date) => env.api(openid, action as never, input, when ?? at) as never;
    await seedDemoActivity(call, at);
    const day = new Date(at.getTime() + 8 * 3600000).toISOString().slice(0, 10);
    const must = async (openid: string, action: string, input: Doc) => {
      const res = (await call(openid, action, input)) as { ok: boolean; error?: { message: string } };
      if (!res.ok) throw new Error(`${action}: ${res.error?.message}`);
    };
    await must('demo-teacher', 'phoneCalls.log', { childId: 'demo-child-01', date: day, time: '17:10', minutes: 6, who: '妈妈' });
    await must('demo-community', 'visits.record', { visitId: 'v-county-template-visit', childId: 'demo-child-01', date: day, method: 'home', met: '奶奶' });
    await must('demo-community', 'visits.record', {
      visitId: 'v-county-template-alert',
      childId: 'demo-child-02',
      date: day,
      method: 'phone',
      met: '外婆',
      change: { kind: 'hardship', note: '父亲失去零工，家里断粮' },
    });
    await must('demo-community', 'assistance.add', {
      entryId: 'e-county-template-entry',
      childId: 'demo-child-01',
      kind: 'relief',
      date: day,
      amountFen: 40000,
      party: '民政',
    });
    const db = env.app.database();
    const one = async (collection: string, where: Doc = {}) => {
      const doc = (await db.collection(collection).where(where).limit(1).get()).data[0] as Doc | undefined;
      if (!doc) throw new Error(`演示数据里没有 ${collection} 的记录`);
      return doc;
    };
    return {
      call: await one(COLLECTION.familyCalls),
      series: await one(COLLECTION.familyCallSeries),
      phone: await one(COLLECTION.phoneCalls),
      talk: await one(COLLECTION.talks),
      childPost: await one(COLLECTION.growthPosts, { audience: 'child' }),
      classPost: await one(COLLECTION.growthPosts, { audience: 'class' }),
      wish: await one(COLLECTION.wishes),
      visit: await one(COLLECTION.visits),
      alert: await one(COLLECTION.alerts),
      entry: await one(COLLECTION.assistance),
      buddy: await one(COLLECTION.pairings, { kind: 'buddy' }),
      consent: await one(COLLECTION.consents),
      card: await one(COLLECTION.contactCards),
    };
  } finally {
    await env.stop();
  }
}

const DAY = 86400000;
const dayOf = (t: number) => new Date(t + 8 * 3600000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  const children = Number(flag('children', String(COUNTY.children)));
  const seed = Number(flag('seed', '20270108'));
  const dir = path.resolve(flag('dir', path.join('.data', 'county')));
  const started = Date.now();
  const end = new Date(`${TERM_END}T18:00:00+08:00`);
  const tpl = await templates(end);
  console.log(`templates from the demo school: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const server = await startServer({ dataDir: dir, port: 0, dbLatencyMs: 0 });
  const db = sdkApp(server.url, server.credentials).database();
  const counts: Record<string, number> = {};
  const pending: Record<string, Doc[]> = {};
  const flush = async (collection: string) => {
    const docs = pending[collection] ?? [];
    pending[collection] = [];
    for (let i = 0; i < docs.length; i += 1000) await db.collection(collection).add(docs.slice(i, i + 1000));
  };
  const put = async (collection: string, doc: Doc) => {
    (pending[collection] ??= []).push(doc);
    counts[collection] = (counts[collection] ?? 0) + 1;
    if (pending[collection].length >= 1000) await flush(collection);
  };

  const rand = prng(seed);
  const pick = <T>(list: ArrayLike<T>) => list[Math.floor(rand() * list.length)];
  const ids = countyIds(children);
  const createdAt = new Date(end.getTime() - 365 * DAY);
  const termStart = end.getTime() - COUNTY.weeks * 7 * DAY;
  for (const school of ids.schools) {
    await put(COLLECTION.schools, { _id: school.id, name: `县第${school.n}小学`, createdAt });
    await put(COLLECTION.townships, { _id: school.townshipId, schoolId: school.id, name: `第${school.n}镇`, createdAt });
    await put(COLLECTION.bindings, binding(school.adminOpenid, 'admin', { schoolId: school.id }, `县第${school.n}小学`));
    await put(
      COLLECTION.bindings,
      binding(school.townshipOpenid, 'township', { schoolId: school.id, townshipId: school.townshipId }, `第${school.n}镇 儿童督导员`),
    );
  }
  for (const k of ids.classes) {
    const school = ids.schools[k.school];
    await put(COLLECTION.classes, {
      _id: k.id,
      schoolId: school.id,
      grade: 1 + (k.n % 6),
      name: `${1 + (k.n % 6)}年级(${k.n})班`,
      communityId: k.communityId,
      archivedAt: null,
    });
    await put(COLLECTION.bindings, binding(k.teacherOpenid, 'teacher', { schoolId: school.id, classId: k.id, title: 'head' }, `${k.n}班 班主任`));
    if (k.n % 2 === 1) {
      await put(COLLECTION.communities, { _id: k.communityId, schoolId: school.id, name: `第${k.n}村`, townshipId: school.townshipId });
      await put(COLLECTION.bindings, binding(k.communityOpenid, 'community', { schoolId: school.id, communityId: k.communityId }, `第${k.n}村 儿童主任`));
    }
    for (let i = k.first; i < k.first + k.size; i++) {
      const childId = ids.child(i);
      const name = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
      const leftBehind = i === k.first || rand() < 0.6;
      const place = { schoolId: school.id, classId: k.id, childId };
      const birth = new Date(Date.UTC(2020 - (k.n % 6) - 6, 0, 1) + Math.floor(rand() * 365) * DAY).toISOString().slice(0, 10);
      await put(COLLECTION.children, {
        _id: childId,
        schoolId: school.id,
        classId: k.id,
        communityId: k.communityId,
        name,
        gender: rand() < 0.5 ? 'male' : 'female',
        birthDate: birth,
        lunarBirthday: null,
        leftBehindType: leftBehind ? 'both_away' : 'not_left_behind',
        focusSupport: null,
        createdAt,
        updatedAt: createdAt,
        deletedAt: null,
      });
      await put(COLLECTION.bindings, binding(ids.parentOpenid(i), 'parent', place, `${name}的妈妈`));
      if (i === k.first) await put(COLLECTION.bindings, binding(k.studentOpenid, 'student', { ...place, childId: ids.child(i + 1) }, `${k.n}班 同学`));
      await put(COLLECTION.consents, { ...tpl.consent, _id: `cs-${childId}`, childId, at: createdAt });
      if (!leftBehind) continue;
      await put(COLLECTION.bindings, binding(ids.guardianOpenid(i), 'guardian', place, `${name}的奶奶`));
      await put(COLLECTION.contactCards, { ...tpl.card, _id: childId, ...place });
      const buddy = ids.child(i + 1 < k.first + k.size ? i + 1 : k.first);
      await put(COLLECTION.pairings, {
        ...tpl.buddy,
        _id: `${childId}-buddy`,
        ...place,
        buddyChildId: buddy,
        startDate: dayOf(termStart),
        createdAt: new Date(termStart),
      });
      // a term: a family call every other week, a phone log a month, a talk a month, two posts a month, a visit
      for (let w = 0; w < COUNTY.weeks; w += 2) {
        const t = termStart + w * 7 * DAY + 2 * DAY + 11 * 3600000;
        await put(COLLECTION.familyCalls, {
          ...tpl.call,
          _id: `${childId}-call-${w}`,
          seriesId: `${childId}-series`,
          ...place,
          date: dayOf(t),
          startsAt: new Date(t),
          endsAt: new Date(t + 30 * 60000),
          weekKey: `w${w}`,
          status: t < end.getTime() ? 'done' : 'scheduled',
          parentBindingIds: [],
          teacherOpenid: k.teacherOpenid,
        });
      }
      for (let m = 0; m < COUNTY.weeks / 4; m++) {
        const t = termStart + m * 28 * DAY + Math.floor(rand() * 20) * DAY;
        // A phone call lies in its own week (its at and weekKey), logged by the head teacher as it was made.
        await put(COLLECTION.phoneCalls, {
          ...tpl.phone,
          _id: `${childId}-phone-${m}`,
          ...place,
          at: new Date(t),
          weekKey: beijingWeekKey(new Date(t)),
          recordedBy: k.teacherOpenid,
          createdAt: new Date(t),
        });
        await put(COLLECTION.talks, {
          ...tpl.talk,
          _id: `talk_${childId}_${m}`,
          ...place,
          date: dayOf(t),
          month: dayOf(t).slice(0, 7),
          talker: { openid: k.teacherOpenid, name: `${k.n}班 班主任` },
          createdAt: new Date(t),
          updatedAt: new Date(t),
        });
        for (const half of [0, 14]) {
          const p = new Date(t + half * DAY);
          await put(COLLECTION.growthPosts, {
            ...tpl.childPost,
            _id: `${childId}-post-${m}-${half}`,
            ...place,
            authorOpenid: k.teacherOpenid,
            createdAt: p,
            publishedAt: p,
          });
        }
      }
      const visitDay = termStart + Math.floor(rand() * COUNTY.weeks * 7) * DAY;
      await put(COLLECTION.visits, {
        ...tpl.visit,
        _id: `${childId}-visit`,
        ...place,
        communityId: k.communityId,
        date: dayOf(visitDay),
        createdAt: new Date(visitDay),
      });
      if (rand() < 0.02 || i === k.first)
        await put(COLLECTION.alerts, {
          ...tpl.alert,
          _id: `${childId}-alert`,
          ...place,
          communityId: k.communityId,
          createdAt: new Date(visitDay),
          resolvedAt: null,
        });
      if (rand() < 0.2)
        await put(COLLECTION.assistance, { ...tpl.entry, _id: `${childId}-entry`, ...place, communityId: k.communityId, date: dayOf(visitDay) });
      if (rand() < 0.3)
        await put(COLLECTION.wishes, { ...tpl.wish, _id: `${childId}-wish`, ...place, fromOpenid: k.studentOpenid, createdAt: new Date(visitDay) });
    }
    for (let w = 0; w < COUNTY.weeks; w++) {
      const p = new Date(termStart + w * 7 * DAY);
      await put(COLLECTION.growthPosts, {
        ...tpl.classPost,
        _id: `${k.id}-post-${w}`,
        schoolId: school.id,
        classId: k.id,
        authorOpenid: k.teacherOpenid,
        createdAt: p,
        publishedAt: p,
      });
    }
  }
  for (const collection of Object.keys(pending)) await flush(collection);
  await server.stop();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  for (const [collection, n] of Object.entries(counts)) console.log(`  ${collection.padEnd(18)} ${String(n).padStart(9)}`);
  console.log(`county (seed ${seed}): ${children} children, ${total} documents in ${dir}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function binding(openid: string, role: string, place: Doc, label: string): Doc {
  return { openid, role, schoolId: null, classId: null, childId: null, communityId: null, ...place, label, createdAt: new Date(0), revokedAt: null };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
