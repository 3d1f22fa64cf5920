/**
 * The round screens, each in one call: a class's (or the caller's own) children with this month's status, their last
 * talk and open follow-ups; a whole school as each class's counts, counted on the database. Independent reads go out
 * together: the children due and the classes, then everything about those children at once (their cards grouped per
 * child, open plans, alerts, whose talk it is, with the audit entries).
 */
import type { AlertRecord, SchoolClass } from '../../../typings/domain';
import type { RoundRow, RoundView } from '../../../typings/actions/talks';
import type { Database } from '../cloud';
import type { Principal, Target } from '../access';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { fetchAllRows } from '../familyCalls/load';
import { beijingDate, beijingMonth } from '../time';
import { visibleAlerts } from '../alerts/audience';
import { ROUND_STATUS_LABELS } from './labels';
import { responsibleFor } from './people';
import type { EducationPlanRecord, StoredAction, TalkRecord } from './records';
import { dueIn, dueWhere, monthDays, roundStatus, ROUND_CHILD_FIELDS, shiftMonth, type RoundChild } from './round';
import { asSeenBy, talkBrief, type BriefSource } from './views';
import { TALK_ALERT } from '../alerts/kinds';
import type { Viewer } from './writer';

/** How far back a row looks for the child's last talk and open follow-ups. */
const LOOKBACK_MONTHS = 6;

export interface RoundScope {
  kind: 'class' | 'school' | 'mine';
  schoolIds: string[];
  classIds: string[];
  /** Children named one by one (mentees). */
  childIds: string[];
  name: string;
  classId: string | null;
  /** The class's name when the access rule has read the class already (a class's round), else null: read with the children. */
  classNames: Map<string, string> | null;
}

const all = <T>(db: Database, collection: string, where: object, fields?: Record<string, boolean>) =>
  fetchAllRows<T>((skip) => {
    const q = db.collection(collection).where(where);
    return (fields ? q.field(fields) : q).skip(skip).limit(1000).get();
  });

/**
 * The scope's children due a talk in the month (the database leaves out the others): a teacher's classes and mentees
 * as two reads side by side, each through its own index (one query with $or over both would be narrowed by neither), merged.
 */
async function scopeChildren(db: Database, scope: RoundScope, month: string): Promise<RoundChild[]> {
  const _ = db.command;
  const read = (where: object) => all<RoundChild>(db, COLLECTION.children, { ...where, ...dueWhere(db, month) }, ROUND_CHILD_FIELDS);
  const [byClass, byId] = await Promise.all([
    scope.classIds.length ? read({ classId: _.in(scope.classIds) }) : [],
    scope.childIds.length ? read({ _id: _.in(scope.childIds) }) : [],
  ]);
  return [...byClass, ...byId.filter((c) => !byClass.some((k) => k._id === c._id))];
}

/**
 * A child's cards of the lookback as a row needs them: the newest as its brief shows it (their last talk); of the cards,
 * those of the month and those with something still open (a follow-up, a plan to make), each with its day and what is open.
 */
interface ChildCards {
  _id: string;
  last: BriefSource & Pick<TalkRecord, 'restrictedTo'>;
  /** Newest first. */
  cards: {
    _id: string;
    date: string;
    month: string;
    open: Pick<StoredAction, 'id' | 'text' | 'owner' | 'dueDate'>[];
    planPending: boolean;
    planDue?: string;
  }[];
}

/**
 * The children's cards of the lookback, grouped per child on the database, newest day first: of each child's cards the
 * few fields the row shows, not every card of six months in full.
 */
async function childCards(db: Database, ids: string[], month: string): Promise<Map<string, ChildCards>> {
  if (!ids.length) return new Map();
  const _ = db.command;
  const $ = db.command.aggregate;
  const since = `${shiftMonth(month, -LOOKBACK_MONTHS + 1)}-01`;
  const grouped = await fetchAllRows<ChildCards>((skip) =>
    db
      .collection(COLLECTION.talks)
      .aggregate()
      .match({ childId: _.in(ids), date: _.gte(since).and(_.lte(monthDays(month).last)) })
      .sort({ date: -1 })
      .group({
        _id: '$childId',
        last: $.first({
          _id: '$_id',
          date: '$date',
          mood: '$mood',
          talker: { name: '$talker.name' },
          talkerRole: '$talkerRole',
          topics: '$topics',
          concerns: '$concerns',
          familySummary: '$familySummary',
          restrictedTo: '$restrictedTo',
          actions: $.map({ input: '$actions', as: 'a', in: { status: '$$a.status' } }),
        }),
        cards: $.push({
          _id: '$_id',
          date: '$date',
          month: '$month',
          open: $.map({
            input: $.filter({ input: '$actions', as: 'a', cond: $.eq(['$$a.status', 'open']) }),
            as: 'a',
            in: { id: '$$a.id', text: '$$a.text', owner: '$$a.owner', dueDate: '$$a.dueDate' },
          }),
          planPending: '$planPending',
          planDue: '$planRequirement.dueDate',
        }),
      })
      // a card of another month with nothing open shows nothing on the row
      .project({
        last: true,
        cards: $.filter({
          input: '$cards',
          as: 'c',
          cond: $.or([$.eq(['$$c.month', month]), $.gt([$.size('$$c.open'), 0]), $.eq(['$$c.planPending', true])]),
        }),
      })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(1000)
      .end(),
  );
  return new Map(grouped.map((g) => [g._id, g]));
}

function frame(month: string, now: Date, scope: RoundScope, schoolId: string): Omit<RoundView, 'counts' | 'rows' | 'classes'> {
  const current = beijingMonth(now);
  return {
    month,
    current: month === current,
    today: beijingDate(now),
    scope: { kind: scope.kind, classId: scope.classId, schoolId, name: scope.name },
    previous: shiftMonth(month, -1),
    next: month < current ? shiftMonth(month, 1) : null,
  };
}

const countOf = (statuses: string[]) => ({
  total: statuses.length,
  done: statuses.filter((s) => s === 'done').length,
  due: statuses.filter((s) => s === 'due').length,
  overdue: statuses.filter((s) => s === 'overdue').length,
});

/**
 * How many children of each class of the school are due a talk in the month, and how many of them had one: the
 * database judges and counts them, so a school of thousands answers with two numbers per class.
 */
async function classCounts(db: Database, schoolId: string, month: string): Promise<{ due: Map<string, number>; talked: Map<string, number> }> {
  const $ = db.command.aggregate;
  const due = { schoolId, ...dueWhere(db, month) };
  const perClass = (res: { data: unknown[] }) => new Map((res.data as { _id: string; n: number }[]).map((r) => [r._id, r.n]));
  // a group's answer is cut at 20 rows unless limited: a school has far fewer classes than 1000
  const [dueCounts, talkedCounts] = await Promise.all([
    db
      .collection(COLLECTION.children)
      .aggregate()
      .match(due)
      .group({ _id: '$classId', n: $.sum(1) })
      .limit(1000)
      .end(),
    db
      .collection(COLLECTION.talks)
      .aggregate()
      .match({ schoolId, month })
      .group({ _id: '$childId' })
      .lookup({ from: COLLECTION.children, localField: '_id', foreignField: '_id', as: 'child' })
      .unwind('$child')
      .match(Object.fromEntries(Object.entries(due).map(([k, v]) => [`child.${k}`, v])))
      .group({ _id: '$child.classId', n: $.sum(1) })
      .limit(1000)
      .end(),
  ]);
  return { due: perClass(dueCounts), talked: perClass(talkedCounts) };
}

/** A whole school: each class's counts for the month (no child's details, so nothing to audit). */
async function schoolRound(db: Database, scope: RoundScope, month: string, now: Date): Promise<RoundView> {
  const schoolId = scope.schoolIds[0];
  const [counts, classes] = await Promise.all([
    classCounts(db, schoolId, month),
    all<SchoolClass>(db, COLLECTION.classes, { schoolId }, { name: true, grade: true, archivedAt: true }),
  ]);
  const live = classes.filter((c) => !c.archivedAt).sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name));
  const rows = live.map((c) => {
    const total = counts.due.get(c._id) ?? 0;
    const done = counts.talked.get(c._id) ?? 0;
    const open = roundStatus(0, month, now);
    return { classId: c._id, name: c.name, total, done, due: open === 'due' ? total - done : 0, overdue: open === 'overdue' ? total - done : 0 };
  });
  const sum = (key: 'total' | 'done' | 'due' | 'overdue') => rows.reduce((n, r) => n + r[key], 0);
  return {
    ...frame(month, now, scope, schoolId),
    counts: { total: sum('total'), done: sum('done'), due: sum('due'), overdue: sum('overdue') },
    rows: [],
    classes: rows,
  };
}

/** A class or the caller's own children, one row each. */
export async function monthRound(db: Database, scope: RoundScope, month: string, viewer: Viewer, now: Date): Promise<RoundView> {
  if (scope.kind === 'school') return schoolRound(db, scope, month, now);
  const _ = db.command;
  const [allChildren, classes] = await Promise.all([
    scopeChildren(db, scope, month),
    scope.classNames ? null : all<Pick<SchoolClass, '_id' | 'name'>>(db, COLLECTION.classes, { schoolId: _.in(scope.schoolIds) }, { name: true }),
  ]);
  const className = scope.classNames ?? new Map(classes!.map((c) => [c._id, c.name]));
  const children = allChildren.filter((c) => dueIn(c, month) && className.has(c.classId));
  const ids = children.map((c) => c._id);
  const [cards, plans, alerts, responsible] = await Promise.all([
    childCards(db, ids, month),
    ids.length ? all<EducationPlanRecord>(db, COLLECTION.educationPlans, { childId: _.in(ids), status: 'open' }, { childId: true }) : [],
    ids.length ? all<AlertRecord>(db, COLLECTION.alerts, { childId: _.in(ids), kind: TALK_ALERT, resolvedAt: null }, { childId: true, audience: true }) : [],
    responsibleFor(db, children),
    audit(
      db,
      viewer.actor,
      children.map((c) => ({ kind: 'read' as const, schoolId: c.schoolId, childId: c._id, fields: ['talks'] })),
    ),
  ]);
  const seen = visibleAlerts(alerts, viewer);
  const rows: RoundRow[] = children.map((c) => {
    const mine = cards.get(c._id);
    const thisMonth = (mine?.cards ?? []).filter((t) => t.month === month);
    const status = roundStatus(thisMonth.length, month, now);
    const who = responsible.get(c._id)!;
    const pending = (mine?.cards ?? [])
      .filter((t) => t.planPending)
      .map((t) => t.planDue!)
      .sort();
    return {
      childId: c._id,
      name: c.name,
      className: className.get(c.classId) ?? '',
      status,
      statusLabel: ROUND_STATUS_LABELS[status],
      talks: thisMonth.map((t) => ({ id: t._id, date: t.date })),
      lastTalk: mine ? talkBrief(asSeenBy(mine.last, viewer)) : null,
      openActions: (mine?.cards ?? []).flatMap((t) => t.open.map((a) => ({ id: a.id, talkId: t._id, text: a.text, owner: a.owner, dueDate: a.dueDate }))),
      responsible: who.names,
      mine: who.openids.includes(viewer.openid),
      planDue: pending[0] ?? null,
      openPlan: plans.some((p) => p.childId === c._id),
      urgent: seen.some((a) => a.childId === c._id),
    };
  });
  const order: Record<string, number> = { overdue: 0, due: 1, done: 2 };
  rows.sort((a, b) => order[a.status] - order[b.status] || a.className.localeCompare(b.className) || a.name.localeCompare(b.name));
  return { ...frame(month, now, scope, scope.schoolIds[0] ?? ''), counts: countOf(rows.map((r) => r.status)), rows, classes: [] };
}

/** The round of the place an access rule granted: a class, or (an admin) the whole school. */
export function placeScope(target: Target): RoundScope {
  if (target.classId)
    return {
      kind: 'class',
      schoolIds: [target.schoolId],
      classIds: [target.classId],
      childIds: [],
      name: target.schoolClass?.name ?? '',
      classId: target.classId,
      classNames: target.schoolClass ? new Map([[target.classId, target.schoolClass.name]]) : null,
    };
  return { kind: 'school', schoolIds: [target.schoolId], classIds: [], childIds: [], name: '全校', classId: null, classNames: null };
}

/** The caller's own round: the classes they teach and the children they mentor (from their bindings only). */
export function ownScope(principal: Principal): RoundScope {
  const mine = principal.bindings.filter((b) => b.role === 'teacher');
  const ids = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    kind: 'mine',
    schoolIds: ids(mine.map((b) => b.schoolId)),
    classIds: ids(mine.filter((b) => !b.childId).map((b) => b.classId)),
    childIds: ids(mine.map((b) => b.childId)),
    name: '我的谈心',
    // the class they teach, for the page's link to its symposiums
    classId: ids(mine.filter((b) => !b.childId).map((b) => b.classId))[0] ?? null,
    classNames: null,
  };
}
