/**
 * A child's care file in the talk area, each screen in one call (reads go out together, every read audited): the
 * talks, open follow-ups, plans, this term's help plan, diary and counselling notes; one card in full; older talks.
 * And what the child detail page (children.get) shows of it: staff the latest talk and open plans, families only the
 * summaries the mentor shared.
 */
import type { AlertRecord, Child, SchoolClass } from '../../../typings/domain';
import type { ChildFile, ChildTalkBrief, TalkBrief, TalkerRole, TalkView } from '../../../typings/actions/talks';
import type { ParentHome } from '../../../typings/actions/growth';
import type { Database } from '../cloud';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { AppError } from '../errors';
import { visibleAlerts, type AlertViewer } from '../alerts/audience';
import { loadCalendar, termOf } from '../familyCalls/calendar';
import { docOf } from '../archive/store';
import { beijingDate, beijingMonth } from '../time';
import { CONCERN_LABELS, PLAN_CONCERNS, TALKER_LABELS } from './labels';
import { responsibleFor, type Responsible } from './people';
import type { CounsellingRecord, DiaryRecord, EducationPlanRecord, HelpPlanRecord, TalkRecord } from './records';
import { TALK_ALERT } from '../alerts/kinds';
import { archiveDay } from './dates';
import { isLeftBehind, roundStatus } from './round';
import { actionView, asSeenBy, counsellingView, diaryView, planBrief, talkBrief, talkView } from './views';
import type { Viewer } from './writer';

const TALKS_PAGE = 12;
const NOTES_SHOWN = 10;

const newest = (db: Database, collection: string, where: object, limit: number, order = 'date') =>
  db.collection(collection).where(where).orderBy(order, 'desc').limit(limit).get();

function suggestedRole(who: Responsible, viewer: Viewer): TalkerRole {
  const binding = viewer.binding;
  if (who.mentor && who.openids.includes(viewer.openid)) return 'mentor';
  return binding.role === 'teacher' && !binding.childId && binding.title === 'head' ? 'class_teacher' : 'subject_teacher';
}

export async function childFile(db: Database, child: Child, viewer: Viewer, now: Date): Promise<ChildFile> {
  const where = { childId: child._id };
  const [cls, talks, open, pending, plans, helpPlans, diary, counselling, alerts, calendar, who] = await Promise.all([
    db.collection(COLLECTION.classes).doc(child.classId).field({ name: true }).get(),
    newest(db, COLLECTION.talks, where, TALKS_PAGE + 1),
    newest(db, COLLECTION.talks, { ...where, 'actions.status': 'open' }, 50),
    newest(db, COLLECTION.talks, { ...where, planPending: true }, 10),
    newest(db, COLLECTION.educationPlans, where, 20, 'createdAt'),
    newest(db, COLLECTION.helpPlans, where, 10, 'term.start'),
    newest(db, COLLECTION.growthDiary, where, NOTES_SHOWN),
    newest(db, COLLECTION.counselling, where, NOTES_SHOWN),
    db
      .collection(COLLECTION.alerts)
      .where({ ...where, kind: TALK_ALERT, resolvedAt: null })
      .limit(20)
      .get(),
    loadCalendar(db, child.schoolId),
    responsibleFor(db, [child]).then((m) => m.get(child._id)!),
    audit(db, viewer.actor, [
      { kind: 'read', schoolId: child.schoolId, childId: child._id, fields: ['talks', 'educationPlans', 'helpPlans', 'growthDiary', 'counselling'] },
    ]),
  ]);
  const list = talks.data as TalkRecord[];
  const today = beijingDate(now);
  const month = beijingMonth(now);
  const term = calendar ? termOf(calendar, today) : null;
  const helpPlan = (helpPlans.data as HelpPlanRecord[]).find((p) => term && p.term.start === term.start) ?? null;
  const waiting = (pending.data as TalkRecord[]).sort((a, b) => a.planRequirement!.dueDate.localeCompare(b.planRequirement!.dueDate))[0];
  return {
    child: {
      id: child._id,
      name: child.name,
      classId: child.classId,
      className: (cls.data[0] as Pick<SchoolClass, 'name'> | undefined)?.name ?? '',
      leftBehind: isLeftBehind(child),
      archivedOn: archiveDay(child),
    },
    today,
    month,
    monthStatus: roundStatus(list.filter((t) => t.month === month).length, month, now),
    talks: list.slice(0, TALKS_PAGE).map((t) => talkBrief(asSeenBy(t, viewer))),
    moreTalks: list.length > TALKS_PAGE,
    openActions: (open.data as TalkRecord[]).flatMap((t) => t.actions.filter((a) => a.status === 'open').map((a) => actionView(t, a))),
    planRequirement: waiting
      ? {
          dueDate: waiting.planRequirement!.dueDate,
          talkId: waiting._id,
          concernLabels: waiting.concerns.filter((c) => PLAN_CONCERNS.includes(c)).map((c) => CONCERN_LABELS[c]),
        }
      : null,
    plans: (plans.data as EducationPlanRecord[]).map(planBrief),
    term,
    helpPlan: helpPlan
      ? { id: helpPlan._id, termName: helpPlan.term.name, records: helpPlan.records.length, summarySigned: !!helpPlan.summary?.signedOff }
      : null,
    diary: (diary.data as DiaryRecord[]).map(diaryView),
    counselling: (counselling.data as CounsellingRecord[]).map(counsellingView),
    alerts: visibleAlerts(alerts.data as AlertRecord[], viewer).map((a) => ({
      id: a._id,
      message: a.message,
      createdAt: a.createdAt.toISOString(),
      steps: a.mandatoryReport?.steps.length ?? 0,
    })),
    responsible: who.names,
    talkerRole: suggestedRole(who, viewer),
  };
}

/** Talks before a cursor (`date|id` of the last one shown), newest first. */
export async function olderTalks(db: Database, child: Child, before: string, viewer: Viewer): Promise<{ talks: TalkBrief[]; more: boolean }> {
  const _ = db.command;
  const [date, id] = before.split('|');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || !id)
    throw new AppError('INVALID_INPUT', '翻页位置不正确，请从第一页重新查看', [{ path: 'before', message: '翻页位置不正确' }]);
  const [res] = await Promise.all([
    db
      .collection(COLLECTION.talks)
      .where(_.and([{ childId: child._id }, _.or([{ date: _.lt(date) }, { date, _id: _.lt(id) }])]))
      .orderBy('date', 'desc')
      .orderBy('_id', 'desc')
      .limit(TALKS_PAGE + 1)
      .get(),
    audit(db, viewer.actor, [{ kind: 'read', schoolId: child.schoolId, childId: child._id, fields: ['talks'] }]),
  ]);
  const rows = res.data as TalkRecord[];
  return { talks: rows.slice(0, TALKS_PAGE).map((t) => talkBrief(asSeenBy(t, viewer))), more: rows.length > TALKS_PAGE };
}

/** One card in full (internal: staff only), audited. */
export async function oneTalk(db: Database, talk: TalkRecord, viewer: Viewer): Promise<TalkView> {
  const [child] = await Promise.all([
    db.collection(COLLECTION.children).doc(talk.childId).field({ name: true }).get(),
    audit(db, viewer.actor, [{ kind: 'read', schoolId: talk.schoolId, childId: talk.childId, fields: ['talks'], note: `谈心记录卡 ${talk.date}` }]),
  ]);
  return talkView(asSeenBy(talk, viewer), (docOf<{ name: string }>(child) ?? { name: '' }).name);
}

const FAMILY_SUMMARIES = 3;

/** The parent home's 本月谈心小结: the latest summary of this month shared with the family (the query reads nothing else of a card). */
export async function monthFamilySummary(db: Database, childId: string, now: Date): Promise<ParentHome['talkSummary']> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.talks)
    .where({ childId, month: beijingMonth(now), familySummary: _.neq(null) })
    .field({ month: true, familySummary: true, talkerRole: true })
    .orderBy('date', 'desc')
    .limit(1)
    .get();
  const talk = (res.data as Pick<TalkRecord, 'month' | 'familySummary' | 'talkerRole'>[])[0];
  return talk ? { month: talk.month, text: talk.familySummary as string, by: TALKER_LABELS[talk.talkerRole] } : null;
}

/**
 * The care work on the child detail page. Staff (admin, teacher) see the latest talk, this month's status and the
 * open plans; parents and guardians only the family summaries (the query reads nothing else of a card); others nothing.
 * Answers the fields read, for the page's audit entry.
 */
export async function childTalkBrief(db: Database, child: Child, viewer: AlertViewer, now: Date): Promise<{ brief: ChildTalkBrief; fields: string[] }> {
  const _ = db.command;
  const role = viewer.role;
  const where = { childId: child._id };
  if (role === 'parent' || role === 'guardian') {
    const res = await db
      .collection(COLLECTION.talks)
      .where({ ...where, familySummary: _.neq(null) })
      .field({ date: true, familySummary: true })
      .orderBy('date', 'desc')
      .limit(FAMILY_SUMMARIES)
      .get();
    const family = (res.data as Pick<TalkRecord, 'date' | 'familySummary'>[]).map((t) => ({ date: t.date, summary: t.familySummary as string }));
    return { brief: { staff: null, family }, fields: family.length ? ['talks.familySummary'] : [] };
  }
  if (role !== 'admin' && role !== 'teacher') return { brief: { staff: null, family: [] }, fields: [] };
  const [latest, plans, help, pending] = await Promise.all([
    newest(db, COLLECTION.talks, where, 1),
    db
      .collection(COLLECTION.educationPlans)
      .where({ ...where, status: 'open' })
      .limit(5)
      .get(),
    newest(db, COLLECTION.helpPlans, where, 1, 'term.start'),
    newest(db, COLLECTION.talks, { ...where, planPending: true }, 5),
  ]);
  const last = (latest.data as TalkRecord[])[0];
  const month = beijingMonth(now);
  const plan = (help.data as HelpPlanRecord[])[0];
  const today = beijingDate(now);
  return {
    brief: {
      staff: {
        latest: last ? talkBrief(asSeenBy(last, viewer)) : null,
        monthStatus: isLeftBehind(child) ? roundStatus(last?.month === month ? 1 : 0, month, now) : null,
        openPlans: (plans.data as EducationPlanRecord[]).map(planBrief),
        helpPlan: plan && plan.term.end >= today ? { id: plan._id, termName: plan.term.name } : null,
        planDue: (pending.data as TalkRecord[]).map((t) => t.planRequirement!.dueDate).sort()[0] ?? null,
      },
      family: [],
    },
    fields: ['talks', 'educationPlans', 'helpPlans'],
  };
}
