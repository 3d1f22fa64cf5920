/**
 * The sections of a term's 工作总结, drafted from the records: what the school has (basics), what was done
 * (counts of talks, calls, visits, assistance, symposiums), the rates against their targets, notable cases with no
 * name or id (the grade and what happened, from the term's alerts), and what to do next (the rates behind target).
 * SUMMARY_SECTIONS is the one place a section is added (主要工作 also counts the term's activities, honours and the
 * work plan's items done): each
 * drafts its text from the term's facts, or reads what it needs itself; they all run at once.
 */
import type { SummarySection } from '../../../typings/actions/reports';
import type { RateView, TermView } from '../../../typings/actions/dashboard';
import type { AlertRecord } from '../../../typings/domain';
import type { Database } from '../cloud';
import { alertGuide } from '../alerts/kinds';
import { DROP_OUT_ALERT } from '../archive/enrolment';
import { monthDayText } from '../time';
import { termActivities } from '../activities/summary';
import { planProgress } from '../workPlan/plan';

export interface TermFacts {
  term: TermView;
  asOf: string;
  leftBehind: number;
  classes: number;
  rates: RateView[];
  done: { talks: number; videoCalls: number; phoneCalls: number; visits: number; assistance: number; symposiums: number };
  /** The term's alerts: the child's grade (0 unknown), what it was, whether it is closed. No child in them. */
  cases: { grade: number; kind: string; closed: boolean }[];
}

export interface SectionContext {
  db: Database;
  schoolId: string;
  term: TermView;
  asOf: string;
  facts: TermFacts;
}

export interface SectionSource {
  key: string;
  heading: string;
  /** The section's text, or null to leave it out. */
  draft(ctx: SectionContext): Promise<string | null> | string | null;
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
export const gradeText = (grade: number) => (DIGITS[grade] ? `${DIGITS[grade]}年级` : '');
const rateText = (r: RateView) =>
  r.rate === null ? `${r.label}：本学期无应计对象` : `${r.label}${r.rate}%（${r.numerator}/${r.denominator}，目标${r.target}%）`;

/** The case lines: how many of each kind, by grade, and how many are closed (no names, no ids, no free text). */
function caseLines(cases: TermFacts['cases']): string[] {
  const groups = new Map<string, { grade: number; kind: string; total: number; closed: number }>();
  for (const c of cases) {
    const key = `${c.grade}|${c.kind}`;
    const g = groups.get(key) ?? { grade: c.grade, kind: c.kind, total: 0, closed: 0 };
    g.total++;
    if (c.closed) g.closed++;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.grade - b.grade || a.kind.localeCompare(b.kind, 'zh'))
    .map(
      (g) =>
        `${gradeText(g.grade) || '学校'}${g.total}名学生：${g.kind}，已处置${g.closed}起${g.total > g.closed ? `，仍在跟进${g.total - g.closed}起` : ''}。`,
    );
}

export const SUMMARY_SECTIONS: SectionSource[] = [
  {
    key: 'basics',
    heading: '一、基本情况',
    draft: ({ facts }) =>
      `本学期（${facts.term.name}，统计到${monthDayText(facts.asOf)}），全校在册留守儿童${facts.leftBehind}人，分布在${facts.classes}个班级。学校建立留守儿童档案和联系卡，落实帮扶教师和“手拉手好朋友”结对。`,
  },
  {
    key: 'work',
    heading: '二、主要工作',
    draft: async ({ db, schoolId, term, asOf, facts: { done } }) => {
      const [acts, plan] = await Promise.all([termActivities(db, schoolId, term, asOf), planProgress(db, schoolId, term)]);
      const kinds = acts.byKind.map((k) => `${k.label}${k.count}次`).join('、');
      return [
        `1. 谈心谈话：帮扶教师与留守儿童谈心${done.talks}次。`,
        `2. 亲情联系：组织亲情视频${done.videoCalls}次，亲情电话${done.phoneCalls}次。`,
        `3. 入户走访：村（社区）儿童主任入户走访${done.visits}次。`,
        `4. 帮扶救助：登记帮扶、救助和物资发放${done.assistance}次。`,
        `5. 家长会与座谈会：召开${done.symposiums}次。`,
        `6. 关爱活动：${kinds ? `开展${kinds}，留守儿童参加${acts.presences}人次` : '本学期尚未登记活动'}；${acts.honours ? `${acts.honours}人次获得荣誉` : '尚未登记荣誉'}。`,
        `7. 工作计划：${plan ? `本学期工作安排${plan.items}项，已完成${plan.done}项` : '本学期尚未制定工作计划'}。`,
      ].join('\n');
    },
  },
  {
    key: 'rates',
    heading: '三、各项指标',
    draft: ({ facts }) => facts.rates.map((r) => `${rateText(r)}${r.met === false ? '，未达标' : r.met ? '，达标' : ''}。`).join('\n'),
  },
  {
    key: 'cases',
    heading: '四、典型个案（已隐去姓名）',
    draft: ({ facts }) => (facts.cases.length ? caseLines(facts.cases).join('\n') : '本学期没有登记预警个案。'),
  },
  {
    key: 'next',
    heading: '五、存在问题与下学期打算',
    draft: ({ facts }) => {
      const behind = facts.rates.filter((r) => r.met === false);
      return behind.length
        ? `${behind.map((r) => r.label).join('、')}尚未达到目标，下学期重点落实：${behind.map((r) => `${r.label}提高到${r.target}%`).join('；')}。`
        : '各项指标均已达到目标，下学期继续保持，做好经验交流。';
    },
  },
];

/** An alert as a case: the grade of its class and the name of its kind, nothing else. */
export function caseOf(alert: Pick<AlertRecord, 'kind' | 'change' | 'urgent' | 'resolvedAt' | 'classId'>, gradeOf: Map<string, number>) {
  const kind = alert.kind === DROP_OUT_ALERT ? '登记辍学（控辍保学）' : alertGuide(alert).label;
  return { grade: (alert.classId && gradeOf.get(alert.classId)) || 0, kind, closed: !!alert.resolvedAt };
}

export async function draftSections(ctx: SectionContext): Promise<SummarySection[]> {
  const texts = await Promise.all(SUMMARY_SECTIONS.map((s) => s.draft(ctx)));
  return SUMMARY_SECTIONS.flatMap((s, i) => (texts[i] === null ? [] : [{ key: s.key, heading: s.heading, text: texts[i]! }]));
}
