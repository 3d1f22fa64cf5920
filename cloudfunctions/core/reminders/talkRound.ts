/**
 * 每月谈心 (the monthly talk round): on the 1st, each class teacher (班主任) hears how many left-behind children of
 * the class need this month's talk, and each mentor teacher (帮扶教师) is reminded of their own child.
 * At the start of the month nothing is done yet, so counting the left-behind children is the whole rule; the
 * mid-month nudge for talks not yet recorded and last month's overdue ones are the talk area's (core/talks/notify.ts).
 *
 * Pages per school through children 1000 at a time; holds one school's drafts (one batch per school).
 */
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { beijing } from '../time';
import { pages, type CheckpointBatch, type ReminderSource, type SourceContext } from './sources';
import type { ReminderDraft } from './types';

interface ChildRow {
  _id: string;
  classId: string;
  name: string;
  leftBehindType: string;
  deletedAt?: Date | null;
}

interface TeacherRow {
  _id: string;
  openid: string;
  classId: string | null;
  childId: string | null;
  title?: string;
}

const IN_CHUNK = 500;

function needsTalk(c: ChildRow): boolean {
  return !c.deletedAt && (c.leftBehindType === 'both_away' || c.leftBehindType === 'one_away_other_unable');
}

async function teachersWhere(db: Database, where: Record<string, unknown>): Promise<TeacherRow[]> {
  const rows: TeacherRow[] = [];
  for await (const page of pages<TeacherRow>(
    db,
    COLLECTION.bindings,
    { ...where, role: 'teacher', revokedAt: null },
    { fields: { openid: true, classId: true, childId: true, title: true } },
  ))
    rows.push(...page);
  return rows;
}

/** School by school in id order (after `after`): one batch per school, so a run stopped between invocations goes on from the next school. */
export async function* talkRoundDrafts({ db, now, after }: SourceContext): AsyncGenerator<CheckpointBatch> {
  const _ = db.command;
  const month = beijing(now).format('YYYY-MM');
  const monthLabel = beijing(now).format('M月');

  for await (const schools of pages<{ _id: string }>(db, COLLECTION.schools, {}, { fields: { _id: true }, after })) {
    for (const school of schools) {
      const drafts: ReminderDraft[] = [];
      const classes = new Map<string, { name: string; archived: boolean }>();
      for await (const page of pages<{ _id: string; name: string; archivedAt?: Date | null }>(
        db,
        COLLECTION.classes,
        { schoolId: school._id },
        { fields: { _id: true, name: true, archivedAt: true } },
      )) {
        for (const c of page) classes.set(c._id, { name: c.name, archived: !!c.archivedAt });
      }

      const perClass = new Map<string, number>();
      for await (const children of pages<ChildRow>(
        db,
        COLLECTION.children,
        { schoolId: school._id },
        { fields: { _id: true, classId: true, name: true, leftBehindType: true, deletedAt: true } },
      )) {
        const due = children.filter((c) => needsTalk(c) && classes.has(c.classId) && !classes.get(c.classId)!.archived);
        for (const c of due) perClass.set(c.classId, (perClass.get(c.classId) ?? 0) + 1);
        if (!due.length) continue;
        // Mentor teachers (a teacher binding naming the child): one read per batch of children.
        const byId = new Map(due.map((c) => [c._id, c]));
        const mentors = await teachersWhere(db, { childId: _.in([...byId.keys()]) });
        for (const m of mentors) {
          const child = byId.get(m.childId!)!;
          drafts.push({
            kind: 'talkRound.child',
            to: m.openid,
            role: 'teacher',
            subject: child._id,
            occurrence: month,
            template: 'notice',
            fields: { title: `与${child.name}谈心`, note: `${monthLabel}请与${child.name}谈心一次并记录`, time: now, count: '1' },
            title: `${monthLabel}谈心：${child.name}`,
            body: `${monthLabel}请与帮扶对象${child.name}谈心至少一次，谈后在「谈心记录」中登记。`,
            page: `areas/talks/pages/child/index?childId=${child._id}`,
            at: now,
            schoolId: school._id,
            childId: child._id,
          });
        }
      }

      // Class teachers: the 班主任 of each class with children to talk to (any class teacher if none is marked 班主任).
      const classIds = [...perClass.keys()];
      for (let i = 0; i < classIds.length; i += IN_CHUNK) {
        const chunk = classIds.slice(i, i + IN_CHUNK);
        const teachers = (await teachersWhere(db, { classId: _.in(chunk) })).filter((t) => !t.childId);
        const byClass = new Map<string, TeacherRow[]>();
        for (const t of teachers) byClass.set(t.classId!, [...(byClass.get(t.classId!) ?? []), t]);
        for (const classId of chunk) {
          const all = byClass.get(classId) ?? [];
          const heads = all.filter((t) => t.title === 'head');
          const name = classes.get(classId)!.name;
          const count = perClass.get(classId)!;
          for (const t of heads.length ? heads : all) {
            drafts.push({
              kind: 'talkRound.class',
              to: t.openid,
              role: 'teacher',
              subject: classId,
              occurrence: month,
              template: 'notice',
              fields: { title: `${monthLabel}谈心任务`, note: `${name}${count}名留守儿童待谈心`, time: now, count: String(count) },
              title: `${monthLabel}谈心任务`,
              body: `${name}有 ${count} 名留守儿童需要在${monthLabel}完成谈心（每月至少一次）。`,
              page: `areas/talks/pages/month/index?classId=${classId}`,
              at: now,
              schoolId: school._id,
              childId: null,
            });
          }
        }
      }
      yield { drafts, cursor: school._id };
    }
  }
}

export const talkRoundSource: ReminderSource = { name: 'talkRound', cadence: 'monthly', collect: talkRoundDrafts };
