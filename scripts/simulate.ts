/**
 * The reminder engine over simulated time: starts the emulator in-process on a local database, loads the demo
 * school and a few weeks of family-call reminders, then fires every scheduler trigger (config.json cron, Beijing
 * time) from --from for --weeks, and prints what WeChat would have received, to whom and when, what stayed
 * inbox-only and why, and each person's inbox.
 *
 *   npm run simulate -- --from 2027-03-01 --weeks 4 [--data-dir DIR]   (or DATA_DIR=DIR; default: a temp dir)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator, type Emulator } from '../emulator/server';
import { seedDemo, DEMO_OPENIDS } from './demo-data';
import { remind, type ReminderDraft } from '../cloudfunctions/core/reminders';
import { beijing, fromBeijing } from '../cloudfunctions/core/time';
import type { InboxEntry, OutboxEntry } from '../cloudfunctions/core/reminders/types';
import { TEMPLATE_CATALOG, type TemplateKey } from '../cloudfunctions/core/reminders/templates';

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

const at = (d: Date) => beijing(d).format('YYYY-MM-DD HH:mm');
const short = (d: Date) => beijing(d).format('MM-DD HH:mm');

/**
 * The demo's reminders, as the family-call feature would write them when calls are booked: every Friday 19:00
 * 林小禾 calls her mother from the care room (reminders at 18:00 to the mother, the grandmother and the class
 * teacher); in the second week the call moves, and the teacher's note about it is written at 22:30.
 */
function familyCallReminders(from: Date, weeks: number): ReminderDraft[] {
  const drafts: ReminderDraft[] = [];
  const firstFriday = beijing(from).add((5 - beijing(from).day() + 7) % 7, 'day').format('YYYY-MM-DD');
  for (let w = 0; w < weeks; w++) {
    const day = beijing(fromBeijing(firstFriday)).add(w, 'week').format('YYYY-MM-DD');
    const start = fromBeijing(`${day} 19:00`);
    const remindAt = fromBeijing(`${day} 18:00`);
    const callId = `demo-call-${day}`;
    const common = {
      kind: 'familyCall.upcoming',
      subject: callId,
      occurrence: start.toISOString(),
      template: 'schedule' as TemplateKey,
      fields: { title: '亲情视频通话', time: start, child: '林小禾', note: '关爱室二楼，请提前五分钟进入视频' },
      page: `pages/family-calls/index?id=${callId}`,
      at: remindAt,
      schoolId: 'demo-school',
      childId: 'demo-child-01',
    };
    drafts.push(
      { ...common, to: DEMO_OPENIDS.parent, role: 'parent', title: '亲情视频提醒', body: `今晚 19:00 与林小禾视频通话（${day}）` },
      { ...common, to: DEMO_OPENIDS.guardian, role: 'guardian', title: '亲情视频提醒', body: `今晚 19:00 林小禾在关爱室与妈妈视频，请按时送她到校（${day}）` },
      { ...common, to: DEMO_OPENIDS.teacher, role: 'teacher', title: '亲情视频值守', body: `今晚 19:00 林小禾与妈妈视频通话，请开好关爱室（${day}）` },
    );
    if (w === 1) {
      const moved = fromBeijing(`${beijing(start).subtract(2, 'day').format('YYYY-MM-DD')} 22:30`);
      drafts.push({
        ...common,
        kind: 'familyCall.moved',
        to: DEMO_OPENIDS.parent,
        role: 'parent',
        fields: { ...common.fields, title: '亲情视频时间有变', time: new Date(start.getTime() + 30 * 60000), note: '学校活动，本周视频推迟半小时' },
        title: '亲情视频改期',
        body: '本周五的视频通话改到 19:30，其余不变。',
        at: moved,
      });
    }
  }
  return drafts;
}

async function api(emulator: Emulator, openid: string, action: string, input: unknown): Promise<void> {
  const inv = await emulator.functions.invoke('api', { action, input }, { openid });
  const result = inv.result as { ok: boolean; error?: { message: string } };
  if (!result.ok) fail(`${action} 失败：${result.error?.message}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const to = beijing(opts.from).add(opts.weeks, 'week').toDate();
  const emulator = await startEmulator({ dataDir: opts.dataDir, port: 0 });
  try {
    const app = tcb.init({ env: 'care-room-local', serviceUrl: `${emulator.url}/admin`, secretId: 'local', secretKey: 'local', timeout: 60000 });
    const db = app.database();
    await seedDemo(app);

    // The deployment's templates (admin), and what people accepted in wx.requestSubscribeMessage.
    await api(emulator, DEMO_OPENIDS.admin, 'reminders.configure', { templates: TEMPLATES });
    for (let i = 0; i < 3; i++) await api(emulator, DEMO_OPENIDS.parent, 'reminders.subscribe', { results: { [TEMPLATES.schedule.id]: 'accept' } });
    for (let i = 0; i < 2; i++) await api(emulator, DEMO_OPENIDS.teacher, 'reminders.subscribe', { results: { [TEMPLATES.schedule.id]: 'accept' } });
    await api(emulator, DEMO_OPENIDS.teacher, 'reminders.subscribe', { results: { [TEMPLATES.notice.id]: 'accept' } });
    // The guardian (a grandmother) never subscribed: her reminders are inbox-only. WeChat is busy once for the teacher.
    emulator.wx.setFailures(DEMO_OPENIDS.teacher, [-1, 0]);

    const seeded = await remind(db, familyCallReminders(opts.from, opts.weeks), opts.from);
    const names = new Map(((await db.collection('users').limit(100).get()).data as { _id: string; nickname: string }[]).map((u) => [u._id, u.nickname]));
    const who = (openid: string) => `${openid}（${names.get(openid) ?? '—'}）`;

    const schedule = emulator.timers.schedule(new Date(opts.from.getTime() - 1000), to).filter((s) => s.trigger.functionName === 'scheduler');
    console.log(`关爱室 · 提醒引擎模拟  ${at(opts.from)} 至 ${at(to)}（北京时间，${opts.weeks} 周）`);
    console.log(`数据目录 ${opts.dataDir}${opts.temp ? '（临时）' : ''}；演示学校；预约的亲情视频提醒 ${seeded.created} 条（已有 ${seeded.existing} 条）`);
    const perTrigger = new Map<string, number>();
    for (const s of schedule) perTrigger.set(s.trigger.name, (perTrigger.get(s.trigger.name) ?? 0) + 1);
    console.log(`定时触发 ${schedule.length} 次：${[...perTrigger].map(([n, c]) => `${n}「${schedule.find((s) => s.trigger.name === n)!.trigger.cron}」×${c}`).join('，')}`);

    // Fire in order; the WeChat calls each fire made are stamped with its (simulated) time.
    const started = Date.now();
    let dbRequests = 0;
    let seen = 0;
    const sends: { at: Date; trigger: string; touser: string; templateId: string; page: string | null; data: Record<string, { value: string }>; errcode: number }[] = [];
    for (const s of schedule) {
      const inv = await emulator.timers.fire('scheduler', s.trigger.name, s.at);
      dbRequests += inv.dbRequests;
      const result = inv.result as { ok: boolean; error?: { message: string } };
      if (!result?.ok) fail(`${s.trigger.name} ${at(s.at)} 失败：${JSON.stringify(result)}`);
      const all = emulator.wx.messages({ includeFailed: true });
      for (const m of all.slice(seen)) sends.push({ at: s.at, trigger: s.trigger.name, touser: m.touser, templateId: m.templateId, page: m.page, data: m.data, errcode: m.errcode });
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
      e.status === 'skipped' ? (e.skipReason === 'no_subscription' ? '未订阅或订阅次数已用完' : '未配置该类模板') : e.status === 'failed' ? `发送失败 errcode ${e.lastErrcode}` : `待发送（${short(e.dueAt)}）`;
    const notSent = outbox.filter((e) => e.status !== 'sent');
    console.log(`\n未经微信发送、只在消息中心（${notSent.length} 条）：`);
    for (const e of notSent) console.log(`  ${at(dueOf.get(e._id) ?? e.dueAt)}  ${who(e.to)}  ${e.title}：${why(e)}`);
    const deferred = outbox.filter((e) => e.deferredUntil);
    console.log(`\n免打扰延后（${deferred.length} 条）：`);
    for (const e of deferred) console.log(`  ${at(dueOf.get(e._id) ?? e.createdAt)} 到期  ${who(e.to)}  ${e.title} → 免打扰，微信延至 ${short(e.deferredUntil!)}${e.sentAt ? `，${short(e.sentAt)} 发出` : ''}（消息中心到期即可见）`);
    const retried = outbox.filter((e) => e.attempts > 1);
    console.log(`\n重试（${retried.length} 条）：`);
    for (const e of retried) console.log(`  ${who(e.to)}  ${e.title}  第 ${e.attempts} 次${e.status === 'sent' ? `送达，${at(e.sentAt!)}` : `仍失败（errcode ${e.lastErrcode}）`}`);

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
