/**
 * The end-of-term summary's draft (期末总结), written from the term's real records — the talks, family video calls
 * and phone calls, exam scores in the progress archive (进步档案), reviews of individual plans, and the help plan's
 * own records — for the teacher to edit and sign off. Nothing is made up: a part without records says so.
 */
import type { Child, ExamRecord, FamilyCallOccurrence, PhoneCallRecord } from '../../../typings/domain';
import type { SummaryDraft, SummarySources } from '../../../typings/actions/talks';
import type { Database } from '../cloud';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { fetchAllRows } from '../familyCalls/load';
import { fromBeijing } from '../time';
import { addDays, dayLabel } from './dates';
import { CONCERN_LABELS, moodLabel, REVIEW_LABELS, TOPIC_LABELS } from './labels';
import type { EducationPlanRecord, HelpPlanRecord, TalkRecord } from './records';
import { asSeenBy, helpPlanView } from './views';
import { liveNames } from './helpPlans';

const days = (list: string[]) => list.map(dayLabel).join('、');

/** The most frequent value, or null. */
function mostOf<T>(xs: T[]): T | null {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function talkPart(talks: TalkRecord[]): string {
  if (!talks.length) return '本学期没有谈心记录。';
  const topics = [...new Set(talks.flatMap((t) => t.topics))].map((t) => TOPIC_LABELS[t]);
  const concerns = talks.flatMap((t) => t.concerns.map((c) => `${CONCERN_LABELS[c]}（${dayLabel(t.date)}）`));
  const actions = talks.flatMap((t) => t.actions);
  const done = actions.filter((a) => a.status === 'done').length;
  return [
    `本学期谈心 ${talks.length} 次（${days(talks.map((t) => t.date))}），孩子的情绪多为「${moodLabel(mostOf(talks.map((t) => t.mood)) ?? 3)}」；谈到${topics.join('、')}。`,
    concerns.length ? `发现的问题：${concerns.join('、')}。` : '',
    actions.length ? `商定事项 ${actions.length} 项，已完成 ${done} 项。` : '',
  ].join('');
}

function contactPart(calls: FamilyCallOccurrence[], phones: PhoneCallRecord[]): string {
  const done = calls.filter((c) => c.status === 'done').length;
  const missed = calls.filter((c) => c.status === 'missed').length;
  if (!done && !missed && !phones.length) return '本学期没有亲情视频或亲情电话的记录。';
  return `亲情视频完成 ${done} 次${missed ? `、未接通 ${missed} 次` : ''}；亲情电话 ${phones.length} 次。`;
}

function examPart(exams: ExamRecord[]): string {
  if (!exams.length) return '本学期进步档案中没有考试成绩。';
  return exams
    .map(
      (e) =>
        `${e.exam}（${dayLabel(e.date)}）${e.scores.map((s) => `${s.subject} ${s.score}${s.full !== 100 ? `/${s.full}` : ''}`).join('、')}${e.rank ? `，班级第 ${e.rank} 名` : ''}`,
    )
    .join('；')
    .concat('。');
}

function reviewPart(reviews: { date: string; outcome: keyof typeof REVIEW_LABELS; note: string }[]): string {
  if (!reviews.length) return '本学期没有个别教育管理方案的复查。';
  return `复查 ${reviews.length} 次：${reviews.map((r) => `${dayLabel(r.date)} ${REVIEW_LABELS[r.outcome]}（${r.note}）`).join('；')}。`;
}

export async function draftSummary(db: Database, plan: HelpPlanRecord, actor: AuditActor): Promise<SummaryDraft> {
  const _ = db.command;
  const { start, end } = plan.term;
  const from = fromBeijing(start);
  const until = fromBeijing(addDays(end, 1));
  const childId = plan.childId;
  const [talks, calls, phones, childRes, plans, buddy] = await Promise.all([
    fetchAllRows<TalkRecord>((skip) =>
      db
        .collection(COLLECTION.talks)
        .where({ childId, date: _.gte(start).and(_.lte(end)) })
        .orderBy('date', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
    fetchAllRows<FamilyCallOccurrence>((skip) =>
      db
        .collection(COLLECTION.familyCalls)
        .where({ childId, startsAt: _.gte(from).and(_.lt(until)) })
        .field({ status: true })
        .skip(skip)
        .limit(1000)
        .get(),
    ),
    fetchAllRows<PhoneCallRecord>((skip) =>
      db
        .collection(COLLECTION.phoneCalls)
        .where({ childId, at: _.gte(from).and(_.lt(until)) })
        .field({ at: true })
        .skip(skip)
        .limit(1000)
        .get(),
    ),
    db.collection(COLLECTION.children).doc(childId).field({ name: true, studyRecords: true }).get(),
    db.collection(COLLECTION.educationPlans).where({ childId }).field({ reviews: true }).limit(50).get(),
    plan.buddyChildId ? liveNames(db, [plan.buddyChildId]).then((m) => m.get(plan.buddyChildId!) ?? null) : Promise.resolve(null),
    audit(db, actor, [
      { kind: 'read', schoolId: plan.schoolId, childId, fields: ['talks', 'familyCalls', 'phoneCalls', 'studyRecords', 'educationPlans', 'helpPlans'] },
    ]),
  ]);
  const child = docOf<Pick<Child, 'name' | 'studyRecords'>>(childRes) ?? { name: '', studyRecords: [] };
  const exams = (child.studyRecords ?? []).filter((e) => start <= e.date && e.date <= end).sort((a, b) => a.date.localeCompare(b.date));
  const reviews = (plans.data as Pick<EducationPlanRecord, 'reviews'>[]).flatMap((p) => p.reviews).filter((r) => start <= r.date && r.date <= end);
  const records = plan.records;
  const sources: SummarySources = {
    talks: talks.length,
    videoCalls: calls.filter((c) => c.status === 'done').length,
    missedCalls: calls.filter((c) => c.status === 'missed').length,
    phoneCalls: phones.length,
    exams: exams.length,
    reviews: reviews.length,
    records: records.length,
  };
  const draft = [
    `${child.name} ${plan.term.name}帮扶总结`,
    `一、谈心：${talkPart(talks.map((t) => asSeenBy(t, { role: actor.role ?? 'teacher', openid: actor.openid })))}`,
    `二、亲情联系：${contactPart(calls, phones)}`,
    `三、学习情况：${examPart(exams)}${plan.subjects.length ? `学习帮扶科目：${plan.subjects.join('、')}${buddy ? `，学习帮手 ${buddy}` : ''}。` : ''}`,
    `四、个别教育管理方案：${reviewPart(reviews)}`,
    `五、平时帮扶记录：${
      records.length
        ? `共 ${records.length} 条，${records
            .slice(-3)
            .map((r) => `${dayLabel(r.date)} ${r.text}`)
            .join('；')}。`
        : '本学期没有帮扶记录。'
    }`,
    `六、目标与效果：期初目标是“${plan.goals}”，预期“${plan.expected}”。本学期的效果：（请老师填写）`,
  ].join('\n');
  const view = helpPlanView(plan, child.name, buddy);
  return { planId: plan._id, childName: child.name, term: plan.term, draft, sources, saved: view.summary, version: plan.version };
}
