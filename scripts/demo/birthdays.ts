/**
 * The demo school's birthdays, cards and class corner, through the real actions (after the rest of the demo's care
 * work: consents, the buddy 吴星辰 of 林小禾). Relative to `now`, whatever the day:
 *   - 林小禾 keeps her lunar birthday (过农历生日), which falls in three days (her birth date is set so: the teacher
 *     corrects it in the archive); 陈一诺's solar birthday is in five days;
 *   - demo-student (吴星辰, 林小禾's 手拉手好朋友) asks for every classmate's birthday reminder;
 *     周子墨's grandmother (demo-guardian) keeps his birthday from his classmates (only the teacher is reminded);
 *   - cards for 林小禾 from 吴星辰 and from the class teacher; the teacher then asks to see every student's card first,
 *     so 吴星辰's card for 陈一诺 waits for approval;
 *   - 爱心天地: 吴星辰's 爱心宣言 (featured by the teacher), the teacher's 宣传栏 and a 爱心牌图.
 */
import type { Child } from '../../typings/domain';
import type { OutboxEntry } from '../../cloudfunctions/core/reminders/types';
import { celebratesOn, celebrationsBetween, lunarBirthdayIn } from '../../cloudfunctions/core/birthdays/calendar';
import { audiences, type Audience } from '../../cloudfunctions/core/birthdays/audience';
import { lunarOf } from '../../cloudfunctions/core/archive/rules';
import { addDays } from '../../cloudfunctions/core/familyCalls/clock';
import type { Database } from '../../cloudfunctions/core/cloud';
import { beijing, beijingDate } from '../../cloudfunctions/core/time';
import type { DemoCall } from '../demo-data';

const TEACHER = 'demo-teacher';
const STUDENT = 'demo-student';
const CLASS = 'demo-class-3-1';

/** A birth date in `year` whose lunar birthday falls on `day` this time (a day of an ordinary lunar month), or null. */
function lunarBirthDate(day: string, year: number): string | null {
  for (const lunarYear of [Number(day.slice(0, 4)), Number(day.slice(0, 4)) - 1]) {
    for (let month = 1; month <= 12; month++) {
      for (let d = 1; d <= 29; d++) {
        if (lunarBirthdayIn({ month, day: d }, lunarYear) !== day) continue;
        const born = lunarBirthdayIn({ month, day: d }, year);
        const kept = lunarOf(born);
        return !kept.leap && celebratesOn({ birthDate: born, lunarBirthday: kept }, day) ? born : null;
      }
    }
  }
  return null;
}

/** The birth date (in 2017) of a solar birthday on `day`; 2月29日 stands as 2月28日. */
const solarBirthDate = (day: string) => `2017-${day.slice(5) === '02-29' ? '02-28' : day.slice(5)}`;

export async function seedBirthdays(call: DemoCall, now: Date): Promise<void> {
  const must = async (openid: string, action: string, input: Record<string, unknown>) => {
    const res = await call(openid, action, input);
    if (!res.ok) throw new Error(`演示数据：${action} 失败：${res.error?.message}`);
    return res.data as Record<string, unknown>;
  };
  const today = beijingDate(now);
  const versionOf = async (childId: string) =>
    (((await must(TEACHER, 'children.get', { childId })).child as { archiveVersion?: number }).archiveVersion ?? 0) as number;

  // 林小禾's lunar birthday in three days (or the nearest day of the week an ordinary lunar month allows).
  const lunarDay = [3, 4, 2, 5, 6].map((n) => addDays(today, n)).find((d) => lunarBirthDate(d, 2017));
  if (lunarDay) {
    await must(TEACHER, 'archive.update', {
      childId: 'demo-child-01',
      expectedVersion: await versionOf('demo-child-01'),
      changes: { birthDate: lunarBirthDate(lunarDay, 2017), keepsLunarBirthday: true },
    });
  }
  await must(TEACHER, 'archive.update', {
    childId: 'demo-child-03',
    expectedVersion: await versionOf('demo-child-03'),
    changes: { birthDate: solarBirthDate(addDays(today, 5)) },
  });

  await must(STUDENT, 'birthdays.optIn', { on: true });
  await must('demo-guardian', 'birthdays.family', { childId: 'demo-child-02', classmates: false });

  await must(STUDENT, 'wishes.send', { childId: 'demo-child-01', design: 'cake', text: '小禾，生日快乐！谢谢你每天和我一起跳绳，我们永远是好朋友。' });
  await must(TEACHER, 'wishes.send', { childId: 'demo-child-01', design: 'star', text: '小禾，祝你生日快乐！你的画越来越棒了，老师和同学们都为你高兴。' });

  const declaration = (await must(STUDENT, 'corner.post', {
    classId: CLASS,
    kind: 'declaration',
    title: '我的爱心宣言',
    text: '我愿意做同学的好朋友：有人难过时陪陪他，有人不会的题教教他。',
  })) as { work: { id: string } };
  await must(TEACHER, 'corner.post', {
    classId: CLASS,
    kind: 'board',
    title: '三年级(1)班爱心宣传栏',
    text: '本月爱心行动：为过生日的同学送上一张小贺卡；每天对身边的同学送一个微笑。',
  });
  await must(STUDENT, 'corner.post', { classId: CLASS, kind: 'poster', title: '手拉手', text: '画了两个小朋友手拉手，写着“我们是一家人”。' });
  await must(TEACHER, 'corner.feature', { workId: declaration.work.id, featured: true });

  await must(TEACHER, 'wishes.settings', { classId: CLASS, approvalRequired: true });
  await must(STUDENT, 'wishes.send', { childId: 'demo-child-03', design: 'rainbow', text: '一诺，提前祝你生日快乐！' });
}

const KIND_WORDS: Record<string, string> = {
  'birthday.classmates': '前一天 手拉手好朋友和同学',
  'birthday.teacher': '前一天 老师',
  'birthday.family': '当天 家人',
  'birthday.cards': '第二天 家人（收到的贺卡）',
};
const SILENT: Record<Audience, string> = { nobody: '未取得监护人同意：不提醒任何人', teacher: '家长关闭了同学提醒', everyone: '' };

/**
 * `npm run simulate`: each birthday celebrated from `from` to `to` (Beijing days), with who was reminded of it, when
 * and by which reminder; and the birthdays no one was told of, and why.
 */
export async function reportBirthdays(db: Database, from: string, to: string, who: (openid: string) => string): Promise<void> {
  const children = (await db.collection('children').where({ deletedAt: null }).limit(1000).get()).data as Child[];
  const days = children.flatMap((c) => celebrationsBetween(c, from, to).map((day) => ({ child: c, day }))).sort((a, b) => a.day.localeCompare(b.day));
  const audience = await audiences(
    db,
    children.map((c) => c._id),
  );
  const outbox = (await db.collection('outbox').limit(1000).get()).data as OutboxEntry[];
  console.log(`\n生日提醒（${from} 至 ${to} 的每一次生日，谁在何时收到了什么）：`);
  for (const { child, day } of days) {
    const mine = outbox.filter((e) => e.subject === child._id && e.occurrence === day && e.kind.startsWith('birthday.'));
    const note = [child.lunarBirthday ? '过农历生日' : '', SILENT[audience.get(child._id)!]].filter(Boolean).join('，');
    console.log(`  ${day} ${child.name}${note ? `（${note}）` : ''}`);
    for (const [kind, words] of Object.entries(KIND_WORDS)) {
      const to = mine.filter((e) => e.kind === kind);
      if (to.length) console.log(`    ${words}，${beijing(to[0].dueAt).format('MM-DD HH:mm')}：${to.map((e) => who(e.to)).join('、')}  「${to[0].title}」`);
    }
    if (!mine.length) console.log('    （没有人收到提醒）');
  }
}
