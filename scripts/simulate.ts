/**
 * The reminder engine over simulated time: starts the emulator in-process on a local database, loads the demo
 * school with its care work as of --from (a weekly family call booked through the real actions), then fires every
 * scheduler trigger (config.json cron, Beijing time) from --from for --weeks — in the second week the teacher moves
 * a call; each month the teacher records 林小禾's talk on the 5th and 郑可欣's on the 12th, so the 20th's nudge names
 * the rest and the 1st tells of last month's overdue ones — and prints what WeChat would have received, to whom and when, what stayed inbox-only and why, and each
 * person's inbox.
 *
 *   npm run simulate -- --from 2027-03-01 --weeks 4 [--data-dir DIR]   (or DATA_DIR=DIR; default: a temp dir)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator, type Emulator } from '../emulator/server';
import { seedDemo, seedDemoActivity, DEMO_OPENIDS } from './demo-data';
import { simulateTalks } from './demo/talks';
import { beijing, fromBeijing } from '../cloudfunctions/core/time';
import type { InboxEntry, OutboxEntry, SkipReason } from '../cloudfunctions/core/reminders/types';
import { TEMPLATE_CATALOG } from '../cloudfunctions/core/reminders/templates';

/** Template ids of the simulation's pretend deployment. */
const TEMPLATES = {
  schedule: { id: 'SIM_TPL_SCHEDULE', fields: { thing1: 'title', time2: 'time', name3: 'child', thing4: 'note' } },
  notice: { id: 'SIM_TPL_NOTICE', fields: { thing1: 'title', thing2: 'note', number3: 'count' } },
};

interface Options {
  from: Date;
  weeks: number;
  dataDir: string;
  temp: boolean;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function parseArgs(argv: string[]): Options {
  let from = '';
  let weeks = 4;
  let dataDir = process.env.DATA_DIR ?? '';
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--from') from = value();
    else if (flag === '--weeks') weeks = Number(value());
    else if (flag === '--data-dir') dataDir = value();
    else fail(`不认识的参数：${argv[i]}（可用 --from YYYY-MM-DD --weeks N --data-dir DIR）`);
  }
  if (!from) from = beijing(new Date()).format('YYYY-MM-DD');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || beijing(fromBeijing(from)).format('YYYY-MM-DD') !== from) fail(`--from 应为有效日期 YYYY-MM-DD：${from}`);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 26) fail('--weeks 应为 1 到 26 的整数');
  const temp = !dataDir;
  return { from: fromBeijing(from), weeks, dataDir: dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-sim-')), temp };
}

/** Why a reminder stayed in the inbox only. */
const SKIP_REASONS: Record<SkipReason, string> = {
  no_subscription: '未订阅或订阅次数已用完',
  no_template: '未配置该类模板',
  inbox_only: '这类提醒不占用一次性订阅',
};

const at = (d: Date) => beijing(d).format('YYYY-MM-DD HH:mm');
const short = (d: Date) => beijing(d).format('MM-DD HH:mm');

async function api(emulator: Emulator, openid: string, action: string, input: unknown, now?: Date): Promise<Record<string, unknown>> {
  const inv = await emulator.functions.invoke('api', { action, input }, { openid, now });
  const result = inv.result as { ok: boolean; data?: Record<string, unknown>; error?: { message: string } };
  if (!result.ok) fail(`${action} 失败：${result.error?.message}`);
  return result.data ?? {};
}

/** In the second week the teacher moves that week's call half an hour later (a school event). */
async function moveSecondWeeksCall(emulator: Emulator, now: Date): Promise<string | null> {
  const week = await api(emulator, DEMO_OPENIDS.teacher, 'familyCalls.week', { date: beijing(now).format('YYYY-MM-DD') }, now);
  const call = (week.days as { calls: { id: string; date: string; time: string; status: string }[] }[])
    .flatMap((d) => d.calls)
    .find((c) => c.status === 'scheduled' || c.status === 'confirmed');
  if (!call) return null;
  const [h, m] = call.time.split(':').map(Number);
  const time = `${String(h + (m === 30 ? 1 : 0)).padStart(2, '0')}:${m === 30 ? '00' : '30'}`;
  await api(emulator, DEMO_OPENIDS.teacher, 'familyCalls.move', { callId: call.id, scope: 'one', date: call.date, time }, now);
  return `${call.date} ${call.time} → ${time}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const to = beijing(opts.from).add(opts.weeks, 'week').toDate();
  const emulator = await startEmulator({ dataDir: opts.dataDir, port: 0 });
  try {
    const app = tcb.init({
      env: 'care-room-local',
      serviceUrl: `${emulator.url}/admin`,
      secretId: 'local',
      secretKey: 'local',
      timeout: 60000,
    });
    const db = app.database();
    await seedDemo(app);
    await seedDemoActivity(
      (openid, action, input) => emulator.functions.invoke('api', { action, input }, { openid, now: opts.from }).then((inv) => inv.result as never),
      opts.from,
    );

    // The deployment's templates (admin), and what people accepted in wx.requestSubscribeMessage.
    await api(emulator, DEMO_OPENIDS.admin, 'reminders.configure', { templates: TEMPLATES });
    for (let i = 0; i < 3; i++) await api(emulator, DEMO_OPENIDS.parent, 'reminders.subscribe', { results: { [TEMPLATES.schedule.id]: 'accept' } });
    for (let i = 0; i < 2; i++) await api(emulator, DEMO_OPENIDS.teacher, 'reminders.subscribe', { results: { [TEMPLATES.schedule.id]: 'accept' } });
    await api(emulator, DEMO_OPENIDS.teacher, 'reminders.subscribe', { results: { [TEMPLATES.notice.id]: 'accept' } });
    // The guardian (a grandmother) never subscribed: her reminders are inbox-only. WeChat is busy once for the teacher.
    emulator.wx.setFailures(DEMO_OPENIDS.teacher, [-1, 0]);

    const names = new Map(((await db.collection('users').limit(100).get()).data as { _id: string; nickname: string }[]).map((u) => [u._id, u.nickname]));
    const who = (openid: string) => `${openid}（${names.get(openid) ?? '—'}）`;

    const schedule = emulator.timers.schedule(new Date(opts.from.getTime() - 1000), to).filter((s) => s.trigger.functionName === 'scheduler');
    console.log(`关爱室 · 提醒引擎模拟  ${at(opts.from)} 至 ${at(to)}（北京时间，${opts.weeks} 周）`);
    console.log(`数据目录 ${opts.dataDir}${opts.temp ? '（临时）' : ''}；演示学校，林小禾每周三 19:00 的亲情视频（经 familyCalls.book 预约）`);
    const perTrigger = new Map<string, number>();
    for (const s of schedule) perTrigger.set(s.trigger.name, (perTrigger.get(s.trigger.name) ?? 0) + 1);
    console.log(
      `定时触发 ${schedule.length} 次：${[...perTrigger].map(([n, c]) => `${n}「${schedule.find((s) => s.trigger.name === n)!.trigger.cron}」×${c}`).join('，')}`,
    );

    // Fire in order; the WeChat calls each fire made are stamped with its (simulated) time.
    const started = Date.now();
    let dbRequests = 0;
    let seen = 0;
    const sends: {
      at: Date;
      trigger: string;
      touser: string;
      templateId: string;
      page: string | null;
      data: Record<string, { value: string }>;
      errcode: number;
    }[] = [];
    const moveAt = fromBeijing(`${beijing(opts.from).add(1, 'week').startOf('week').add(1, 'day').format('YYYY-MM-DD')} 10:00`);
    let moved: string | null | undefined;
    const talks = simulateTalks(
      (openid, action, input, now) => api(emulator, openid, action, input, now),
      (line) => console.log(line),
    );
    for (const s of schedule) {
      await talks(s.at);
      if (moved === undefined && s.at.getTime() >= moveAt.getTime() && opts.weeks > 1) {
        moved = await moveSecondWeeksCall(emulator, moveAt);
        if (moved) console.log(`${at(moveAt)}  老师改期：${moved}`);
      }
      const inv = await emulator.timers.fire('scheduler', s.trigger.name, s.at);
      dbRequests += inv.dbRequests;
      const result = inv.result as { ok: boolean; error?: { message: string } };
      if (!result?.ok) fail(`${s.trigger.name} ${at(s.at)} 失败：${JSON.stringify(result)}`);
      const all = emulator.wx.messages({ includeFailed: true });
      for (const m of all.slice(seen))
        sends.push({
          at: s.at,
          trigger: s.trigger.name,
          touser: m.touser,
          templateId: m.templateId,
          page: m.page,
          data: m.data,
          errcode: m.errcode,
        });
      seen = all.length;
    }
    console.log(`用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒，调度函数共 ${dbRequests} 次数据库请求\n`);

    const templateTitle = (id: string) => {
      const key = (Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[]).find((k) => TEMPLATES[k].id === id);
      return key ? TEMPLATE_CATALOG[key].title : id;
    };
    console.log(`微信订阅消息（${sends.filter((m) => m.errcode === 0).length} 条送达，${sends.filter((m) => m.errcode !== 0).length} 次失败）：`);
    for (const m of sends) {
      const values = Object.entries(m.data)
        .map(([k, v]) => `${k}=${v.value}`)
        .join(' | ');
      const outcome = m.errcode === 0 ? '' : `  ✗ errcode ${m.errcode}（稍后重试）`;
      console.log(`  ${at(m.at)}  [${m.trigger}] → ${who(m.touser)}  ${templateTitle(m.templateId)}  ${values}  ↪ ${m.page ?? '-'}${outcome}`);
    }

    const outbox = (await db.collection('outbox').orderBy('dueAt', 'asc').limit(1000).get()).data as OutboxEntry[];
    const inbox = (await db.collection('inbox').orderBy('visibleAt', 'asc').limit(1000).get()).data as InboxEntry[];
    const dueOf = new Map(inbox.map((e) => [e._id, e.visibleAt]));
    const why = (e: OutboxEntry) =>
      e.status === 'skipped'
        ? SKIP_REASONS[e.skipReason ?? 'no_template']
        : e.status === 'failed'
          ? `发送失败 errcode ${e.lastErrcode}`
          : `待发送（${short(e.dueAt)}）`;
    const notSent = outbox.filter((e) => e.status !== 'sent');
    console.log(`\n未经微信发送、只在消息中心（${notSent.length} 条）：`);
    for (const e of notSent) console.log(`  ${at(dueOf.get(e._id) ?? e.dueAt)}  ${who(e.to)}  ${e.title}：${why(e)}`);
    const deferred = outbox.filter((e) => e.deferredUntil);
    console.log(`\n免打扰延后（${deferred.length} 条）：`);
    for (const e of deferred)
      console.log(
        `  ${at(dueOf.get(e._id) ?? e.createdAt)} 到期  ${who(e.to)}  ${e.title} → 免打扰，微信延至 ${short(e.deferredUntil!)}${e.sentAt ? `，${short(e.sentAt)} 发出` : ''}（消息中心到期即可见）`,
      );
    const retried = outbox.filter((e) => e.attempts > 1);
    console.log(`\n重试（${retried.length} 条）：`);
    for (const e of retried)
      console.log(`  ${who(e.to)}  ${e.title}  第 ${e.attempts} 次${e.status === 'sent' ? `送达，${at(e.sentAt!)}` : `仍失败（errcode ${e.lastErrcode}）`}`);

    console.log('\n消息中心：');
    const people = [...new Set(inbox.map((e) => e.to))];
    for (const p of people) {
      const mine = inbox.filter((e) => e.to === p);
      console.log(`  ${who(p)}  ${mine.length} 条，未读 ${mine.filter((e) => !e.readAt).length} 条`);
      for (const e of mine) console.log(`    ${at(e.visibleAt)}  ${e.title}：${e.body}`);
    }
  } finally {
    await emulator.stop();
    if (opts.temp) fs.rmSync(opts.dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
