/**
 * The demo school's talk work, entered through the real actions as the class teacher (demo-teacher, 三年级(1)班 班主任
 * and 郑可欣's mentor) would have over the term: a talk a month with each left-behind child (follow-ups of the last
 * month's actions, family summaries for 林小禾's family), 周子墨's slide in maths found in a talk with the individual
 * plan made for it and reviewed, 林小禾's help plan of the term with its records, a diary entry, a counselling note,
 * and a symposium of the class. Days are counted back from `now` and never before a child's archive.
 * `simulateTalks` is the talk part of `npm run simulate`: the month's talks recorded as the simulated days pass.
 */
import { addDays } from '../../cloudfunctions/core/familyCalls/clock';
import { beijing, fromBeijing } from '../../cloudfunctions/core/time';
import type { ChildFile, ConcernTag, FollowUpInput, TalkAction, TalkInput, TalkTopic, TalkView } from '../../typings/actions/talks';
import type { DemoCall } from '../demo-data';

const TEACHER = 'demo-teacher';

/** What each child says over the months (oldest first), with the topics, the mood, and a concern if any. */
const TALKS: Record<string, { said: string; topics: TalkTopic[]; mood: number; concerns?: ConcernTag[]; note?: string; summary?: string; action?: string }[]> =
  {
    'demo-child-01': [
      {
        said: '想妈妈，妈妈说过年回来。',
        topics: ['family', 'feelings'],
        mood: 2,
        action: '每周三和妈妈视频',
        summary: '小禾这个月有点想妈妈，每周三的视频对她很重要。',
      },
      { said: '语文考了 90 分，想给妈妈看。', topics: ['study', 'family'], mood: 4, action: '每天读书二十分钟', summary: '小禾语文进步明显，老师为她高兴。' },
      { said: '和同桌一起画画，交了新朋友。', topics: ['friends', 'life'], mood: 5, action: '参加美术兴趣小组', summary: '小禾交了新朋友，在学校很开心。' },
      { said: '奶奶感冒了，我帮奶奶倒水。', topics: ['family', 'health'], mood: 3, action: '提醒奶奶按时吃药', summary: '小禾很懂事，会照顾生病的奶奶。' },
      { said: '期中考试数学有点难。', topics: ['study'], mood: 3, action: '每天做十道口算', summary: '小禾数学需要多练习，我们会在午间辅导她。' },
    ],
    'demo-child-02': [
      { said: '作业不会写，外婆也不会。', topics: ['study', 'family'], mood: 2, concerns: ['study_decline'], note: '期中数学从 85 分降到 52 分，作业经常空着' },
      { said: '午间辅导以后作业会写了。', topics: ['study'], mood: 3 },
      { said: '数学单元测验 70 分。', topics: ['study', 'feelings'], mood: 4 },
      { said: '想爸爸，爸爸很久没打电话。', topics: ['family', 'feelings'], mood: 2 },
      { said: '和同学踢球，很开心。', topics: ['friends', 'health'], mood: 4 },
    ],
    'demo-child-03': [
      { said: '晚上一个人写作业。', topics: ['study', 'life'], mood: 3 },
      { said: '学会了自己洗衣服。', topics: ['life'], mood: 4 },
      { said: '爷爷带我去赶集。', topics: ['family', 'life'], mood: 4 },
      { said: '上学路上有大狗，有点怕。', topics: ['safety'], mood: 3, concerns: ['safety'], note: '上学路上有散养的大狗' },
      { said: '想参加六一表演。', topics: ['friends', 'feelings'], mood: 5 },
    ],
    'demo-child-05': [
      { said: '妈妈寄来了新书包。', topics: ['family'], mood: 5 },
      { said: '英语单词记不住。', topics: ['study'], mood: 3 },
      { said: '和好朋友吵架了。', topics: ['friends', 'feelings'], mood: 2 },
      { said: '已经和好朋友和好了。', topics: ['friends'], mood: 4 },
      { said: '周末帮奶奶摘茶叶。', topics: ['family', 'life'], mood: 4 },
    ],
  };

function monthDay(now: Date, monthsBack: number, day: number): string {
  const d = beijing(now).startOf('month').subtract(monthsBack, 'month');
  return d.date(Math.min(day, d.daysInMonth())).format('YYYY-MM-DD');
}

export async function seedTalkDemo(call: DemoCall, now: Date): Promise<void> {
  const must = async <T>(action: string, input: Record<string, unknown>) => {
    const res = await call(TEACHER, action, input);
    if (!res.ok) throw new Error(`演示数据：${action} 失败：${res.error?.message}`);
    return res.data as T;
  };
  const today = beijing(now).format('YYYY-MM-DD');
  let iepTalk = '';
  for (const [childId, months] of Object.entries(TALKS)) {
    const file = await must<ChildFile>('talks.child', { childId });
    const role = childId === 'demo-child-05' ? 'mentor' : 'class_teacher';
    let open: TalkAction[] = [];
    for (let i = 0; i < months.length; i++) {
      const back = months.length - 1 - i;
      const date = monthDay(now, back, 6 + Object.keys(TALKS).indexOf(childId) * 2);
      // The current month: only 林小禾's talk is done; 陈一诺's last month was missed (overdue).
      if (date > today || date < file.child.archivedOn || (back === 0 && childId !== 'demo-child-01') || (back === 1 && childId === 'demo-child-03')) continue;
      const t = months[i];
      const followUps: FollowUpInput[] = open.map((a, k) => ({ talkId: a.talkId, actionId: a.id, status: k % 2 ? 'partly' : 'done', note: null }));
      const input: TalkInput = {
        childId,
        date,
        place: i % 2 ? '教室' : '关爱室',
        talkerRole: role,
        mood: t.mood,
        topics: t.topics,
        childSaid: t.said,
        concerns: t.concerns ?? [],
        concernNote: t.note ?? null,
        actions: t.action ? [{ text: t.action, owner: '孩子', dueDate: addDays(date, 25) < today ? addDays(date, 25) : today }] : [],
        followUps,
        familySummary: t.summary ?? null,
      };
      const saved = await must<{ talk: TalkView }>('talks.record', input as unknown as Record<string, unknown>);
      open = saved.talk.actions;
      if (t.concerns?.includes('study_decline')) iepTalk = saved.talk.date;
    }
  }
  if (iepTalk) await seedPlan(must, iepTalk, today);
  await seedHelpPlan(must, today);
  await seedNotes(must, now, today);
}

type Must = <T>(action: string, input: Record<string, unknown>) => Promise<T>;

/** 周子墨's individual plan, made five days after the talk that found the slide, reviewed four weeks later. */
async function seedPlan(must: Must, talkDate: string, today: string) {
  const start = addDays(talkDate, 5) < today ? addDays(talkDate, 5) : today;
  const review = addDays(start, 28);
  const plan = await must<{ id: string }>('plans.create', {
    childId: 'demo-child-02',
    reasons: ['study_decline'],
    reasonNote: '期中数学从 85 分降到 52 分，作业经常空着，外婆无法辅导',
    goals: '一个月内按时交作业，期末数学回到 75 分以上',
    measures: [
      { kind: 'tutoring', text: '每周二、四午间数学辅导' },
      { kind: 'home_school', text: '每周与外婆通一次电话，每两周与爸爸视频' },
    ],
    responsible: '演示·班主任（班主任）',
    startDate: start,
    reviewDates: [review, addDays(review, 35)],
  });
  if (review <= today) await must('plans.review', { planId: plan.id, date: review, outcome: 'improved', note: '作业按时交了，单元测验 70 分' });
}

/** 林小禾's help plan of the term (when the term has begun), with two records. */
async function seedHelpPlan(must: Must, today: string) {
  const screen = await must<{ term: { start: string; end: string } | null; buddies: { childId: string; name: string }[] }>('helpPlans.get', {
    childId: 'demo-child-01',
  });
  const term = screen.term;
  if (!term || term.start > today) return;
  const buddy = screen.buddies.find((b) => b.name === '吴星辰') ?? null;
  const plan = await must<{ id: string }>('helpPlans.save', {
    childId: 'demo-child-01',
    termStart: term.start,
    goals: '数学成绩提高到 80 分，养成每天阅读的习惯',
    schedule: '每周二、四午间',
    content: '数学错题订正、口算练习，课外阅读',
    expected: '期中数学 75 分，期末 80 分',
    buddyChildId: buddy?.childId ?? null,
    subjects: ['数学', '语文'],
    expectedVersion: 0,
  });
  const last = term.end < today ? term.end : today;
  for (const [days, text] of [
    [7, '午间订正数学错题 12 道，吴星辰讲解了两道应用题'],
    [21, '口算测验 48/50，比上次进步'],
  ] as const) {
    const date = addDays(term.start, days);
    if (date <= last) await must('helpPlans.record', { planId: plan.id, date, text });
  }
}

/** A diary entry for 林小禾, a counselling note for 周子墨, and a symposium of the class last month. */
async function seedNotes(must: Must, now: Date, today: string) {
  const lastMonth = monthDay(now, 1, 15);
  await must('diary.add', { childId: 'demo-child-01', date: addDays(today, -1), text: '今天主动举手回答问题，声音比以前响亮。' });
  await must('counselling.record', {
    childId: 'demo-child-02',
    date: addDays(today, -3),
    counsellorRole: 'class_teacher',
    focus: 'emotion',
    notes: '说到爸爸很久没来电话时哭了。陪他写了一封信，约好周末给爸爸打电话。',
    nextSteps: '下周联系爸爸，请他每周打一次电话',
  });
  const screen = await must<{ candidates: { kind: string; refId: string }[] }>('symposiums.list', { classId: 'demo-class-3-1' });
  await must('symposiums.record', {
    classId: 'demo-class-3-1',
    date: lastMonth,
    topic: '留守儿童座谈会：说说心里话',
    place: '关爱室',
    participants: screen.candidates.filter((c) => c.kind !== 'mentor').map((c) => ({ kind: c.kind, refId: c.refId })),
    others: '青山村儿童主任',
    minutes: '孩子们说了想念父母的心情和学习上的困难；监护人反映晚上辅导作业有困难。',
    decisions: ['每周二、四午间作业辅导', '每月召开一次座谈会', '每周三安排亲情视频'],
  });
}

/** The simulation's talks: 林小禾 on the 5th and 郑可欣 on the 12th of each simulated month; the others wait. */
export function simulateTalks(
  call: (openid: string, action: string, input: Record<string, unknown>, now: Date) => Promise<unknown>,
  log: (line: string) => void,
) {
  const done = new Set<string>();
  const plan = [
    { childId: 'demo-child-01', name: '林小禾', day: 5, role: 'class_teacher' },
    { childId: 'demo-child-05', name: '郑可欣', day: 12, role: 'mentor' },
  ];
  return async function until(at: Date): Promise<void> {
    for (const p of plan) {
      const date = beijing(at).date(p.day).format('YYYY-MM-DD');
      const when = fromBeijing(`${date} 16:30`);
      if (when.getTime() > at.getTime() || done.has(date + p.childId)) continue;
      done.add(date + p.childId);
      await call(
        TEACHER,
        'talks.record',
        {
          childId: p.childId,
          date,
          place: '关爱室',
          talkerRole: p.role,
          mood: 4,
          topics: ['study', 'family'],
          childSaid: '这个月学习挺好的。',
          concerns: [],
          actions: [],
          followUps: [],
        },
        when,
      );
      log(`${beijing(when).format('YYYY-MM-DD HH:mm')}  老师记录谈心：${p.name}`);
    }
  };
}
