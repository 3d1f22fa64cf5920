/**
 * The child page's panels as people read them: the archive as labelled lines (staff see every field, families only
 * what their view holds), the exams newest first, the change history, the care network's pairings with their days.
 */
import type { HistoryEntryView, PairingView } from '../../../../typings/actions/archive';
import type { ExamRecord } from '../../../../typings/domain';
import { DIFFICULTY_LABELS, GENDER_LABELS, LEFT_BEHIND_LABELS, VULNERABLE_LABELS } from './labels';
import { beijingDateTime, beijingToday, dayLabel } from '../../../services/time';

export interface Line {
  label: string;
  value: string;
  /** a long value goes under its label instead of beside it (the label stays on one line) */
  long: boolean;
}

/** The Beijing month of a moment, "YYYY-MM". */
export const monthOf = (d: Date) => beijingToday(d).slice(0, 7);

/** The archive as lines; staff see every field (未填写 when empty), families only what their view contains. */
export function archiveLines(c: Record<string, unknown>, staff: boolean): Line[] {
  const lines: Line[] = [];
  const add = (label: string, value: unknown, always = staff) => {
    if (value !== undefined && value !== null && value !== '') lines.push({ label, value: String(value), long: String(value).length > 12 });
    else if (always) lines.push({ label, value: '未填写', long: false });
  };
  const lunar = c.lunarBirthday as { month: number; day: number; leap?: boolean } | null | undefined;
  add('性别', c.gender ? GENDER_LABELS[c.gender as 'male' | 'female'] : undefined, true);
  add(
    '出生日期',
    `${c.birthDate ? dayLabel(String(c.birthDate), { year: 'always' }) : ''}${lunar ? `（过农历生日：${lunar.leap ? '闰' : ''}${lunar.month}月${lunar.day}日）` : ''}`,
    true,
  );
  add('身份证号', c.idNumber);
  add('家庭住址', c.address);
  if (staff) {
    add('留守类型', c.leftBehindType ? LEFT_BEHIND_LABELS[c.leftBehindType as keyof typeof LEFT_BEHIND_LABELS] : undefined);
    if (c.leftBehindType === 'one_away_other_unable') add('另一方无监护能力原因', c.otherParentUnableReason);
  }
  add('健康状况', c.health);
  add('兴趣爱好', c.hobbies);
  add('学习情况', c.studySituation);
  if (staff) {
    add('家庭情况', c.familySituation);
    const d = (c.difficulties as (keyof typeof DIFFICULTY_LABELS)[] | undefined) ?? [];
    add('困难/问题', d.length ? `${d.map((x) => DIFFICULTY_LABELS[x]).join('、')}${c.difficultyNote ? `：${c.difficultyNote}` : ''}` : '无');
    const v = (c.vulnerableCategories as (keyof typeof VULNERABLE_LABELS)[] | undefined) ?? [];
    add('困境儿童类别', v.length ? v.map((x) => VULNERABLE_LABELS[x]).join('、') : '无');
    if (v.includes('disabled')) add('残疾类别与等级', c.disability);
    const f = c.focusSupport as { flag: boolean; reason: string | null } | null | undefined;
    add('重点帮扶', f?.flag ? `是：${f.reason ?? ''}` : '否');
  }
  return lines;
}

export function examLines(c: Record<string, unknown>): { key: string; title: string; scores: string }[] {
  const exams = ((c.studyRecords as ExamRecord[] | undefined) ?? []).slice().sort((a, b) => b.date.localeCompare(a.date));
  return exams.map((e) => ({
    key: `${e.date}-${e.exam}`,
    title: `${dayLabel(e.date, { year: 'always' })} ${e.exam}${e.rank ? ` · 第 ${e.rank} 名` : ''}`,
    scores: e.scores.map((s) => `${s.subject} ${s.score}${s.full !== 100 ? `/${s.full}` : ''}`).join('　'),
  }));
}

export function historyLines(entries: HistoryEntryView[]) {
  const target = { archive: '档案', contactCard: '联系卡', care: '关爱网络' };
  return entries.map((h) => ({ ...h, when: beijingDateTime(h.at), title: `${target[h.target]}${h.version ? ` 第 ${h.version} 版` : ''}` }));
}

/** A pairing with its days as people read them. */
export type PairingRow = PairingView & { since: string; period: string };

export const pairingRow = (p: PairingView): PairingRow => ({
  ...p,
  since: `${dayLabel(p.startDate, { year: 'always' })}起`,
  period: `${dayLabel(p.startDate, { year: 'always' })}–${p.endDate ? dayLabel(p.endDate, { year: 'always' }) : ''}`,
});
