/**
 * The care network (关爱网络) of a child: one mentor teacher (帮扶教师), hand-in-hand buddies (手拉手好朋友,
 * classmates of the school) and proxy parents (代理家长 / 爱心妈妈 / 临时爸爸), each pairing with start and end dates.
 * A mentor's reach over the child is a teacher binding naming the child, created when the pairing starts and
 * revoked when it ends (core/access.ts covers()).
 */
import type { Database, Transaction } from '../cloud';
import type { BindingRecord, Child, Pairing, ProxyKind, SchoolClass, UserRecord } from '../../../typings/domain';
import type { ActionOutput } from '../../../typings/actions';
import type { CareView, PairingView } from '../../../typings/actions/archive';
import type { Role } from '../../../typings/roles';
import { AppError } from '../errors';
import { FORBIDDEN_SCOPE, covers, type Principal } from '../access';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { beijingDate } from '../time';
import { historyEntry } from './history';
import { PAIRING_LABELS, PROXY_LABELS } from './labels';
import { collided, docOf, fetchAll, type Actor } from './store';

export const MAX_BUDDIES = 3;
export const MAX_PROXIES = 3;

export type PairRequest =
  | { kind: 'mentor'; teacherBindingId: string; name: string; startDate?: string; note?: string | null }
  | { kind: 'buddy'; buddyChildId: string; startDate?: string; note?: string | null }
  | { kind: 'proxy'; proxyKind: ProxyKind; name: string; phone: string; startDate?: string; note?: string | null };

const bad = (path: string, message: string) => new AppError('INVALID_INPUT', message, [{ path, message }]);

/** A Beijing day as the history notes say it: "2026-12-01" as 2026年12月1日. */
function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function checkStart(startDate: string, today: string): void {
  if (startDate > today) throw bad('startDate', '开始日期不能晚于今天');
  if (startDate < '2000-01-01') throw bad('startDate', '开始日期不合理');
}

/** Start a pairing; for a mentor also the binding that gives the teacher reach over this child. Audited with it. */
export async function startPairing(db: Database, child: Child, req: PairRequest, actor: Actor): Promise<string> {
  const today = beijingDate(actor.now);
  const startDate = req.startDate ?? today;
  checkStart(startDate, today);

  let mentor: BindingRecord | undefined;
  let buddy: Child | undefined;
  if (req.kind === 'mentor') {
    mentor = docOf<BindingRecord>(await db.collection(COLLECTION.bindings).doc(req.teacherBindingId).get());
    if (!mentor || mentor.role !== 'teacher' || mentor.schoolId !== child.schoolId || mentor.revokedAt || mentor.childId) {
      throw bad('teacherBindingId', '请选择本校在职的教师');
    }
  } else if (req.kind === 'buddy') {
    if (req.buddyChildId === child._id) throw bad('buddyChildId', '不能和自己结对');
    buddy = docOf<Child>(await db.collection(COLLECTION.children).doc(req.buddyChildId).get());
    if (!buddy || buddy.deletedAt || buddy.schoolId !== child.schoolId) throw bad('buddyChildId', '请选择本校的学生作为手拉手好朋友');
  }

  return db
    .runTransaction(async (tx: Transaction) => {
      const res = await tx.collection(COLLECTION.pairings).where({ childId: child._id, kind: req.kind }).limit(1000).get();
      const all = res.data as Pairing[];
      const active = all.filter((p) => !p.endedAt);
      // The n-th pairing of its kind for this child: two started at once get the same _id, so one of them retries and
      // counts the other (one mentor, at most three buddies or proxies, however many arrive together).
      const pairingId = `${child._id}-${req.kind}-${all.length + 1}`;
      let bindingId: string | null = null;
      if (req.kind === 'mentor') {
        if (active.length) throw new AppError('CONFLICT', `${child.name}已有帮扶教师（${active[0].personName}），请先结束原来的结对`);
        bindingId = `${pairingId}-binding`;
        const binding: BindingRecord = {
          _id: bindingId,
          openid: mentor!.openid,
          role: 'teacher',
          schoolId: child.schoolId,
          classId: child.classId,
          childId: child._id,
          communityId: null,
          title: 'mentor',
          label: `${child.name} 帮扶教师`,
          createdAt: actor.now,
          revokedAt: null,
        };
        await tx.collection(COLLECTION.bindings).add({ ...binding, pairingId });
      } else if (req.kind === 'buddy') {
        if (active.some((p) => p.buddyChildId === req.buddyChildId)) throw new AppError('CONFLICT', `${buddy!.name}已经是${child.name}的手拉手好朋友`);
        if (active.length >= MAX_BUDDIES) throw new AppError('CONFLICT', `每个孩子最多 ${MAX_BUDDIES} 名手拉手好朋友`);
      } else {
        if (active.some((p) => p.personName === req.name))
          throw new AppError(
            'CONFLICT',
            `${req.name}已经是${child.name}的${PROXY_LABELS[active.find((p) => p.personName === req.name)!.proxyKind ?? 'proxy_parent']}`,
          );
        if (active.length >= MAX_PROXIES) throw new AppError('CONFLICT', `每个孩子最多 ${MAX_PROXIES} 名代理家长`);
      }
      const pairing: Pairing = {
        _id: pairingId,
        schoolId: child.schoolId,
        classId: child.classId,
        childId: child._id,
        kind: req.kind,
        mentorOpenid: mentor?.openid ?? null,
        bindingId,
        buddyChildId: req.kind === 'buddy' ? req.buddyChildId : null,
        proxyKind: req.kind === 'proxy' ? req.proxyKind : null,
        personName: req.kind === 'buddy' ? null : req.name,
        phone: req.kind === 'proxy' ? req.phone : null,
        note: req.note ?? null,
        startDate,
        endDate: null,
        createdAt: actor.now,
        createdBy: actor.openid,
        endedAt: null,
        endedBy: null,
      };
      await tx.collection(COLLECTION.pairings).add(pairing);
      const who = req.kind === 'buddy' ? buddy!.name : req.name;
      const label = req.kind === 'proxy' ? PROXY_LABELS[req.proxyKind] : PAIRING_LABELS[req.kind];
      await tx.collection(COLLECTION.archiveHistory).add(
        historyEntry({
          ...actor,
          schoolId: child.schoolId,
          childId: child._id,
          target: 'care',
          version: 0,
          changes: [{ field: req.kind, from: null, to: who }],
          note: `开始结对：${label} ${who}（${chineseDay(startDate)}起）`,
        }),
      );
      await audit(tx, actor, [{ kind: 'change', schoolId: child.schoolId, childId: child._id, fields: [`care.${req.kind}`] }]);
      return pairingId;
    })
    .catch((err: unknown) => {
      if (collided(err)) throw new AppError('CONFLICT', `有人正在同时为${child.name}结对，请刷新后再试`);
      throw err;
    });
}

/** End a pairing on endDate (default today); a mentor's binding is revoked with it. Audited with it. */
export async function endPairing(db: Database, pairingId: string, endDate: string | undefined, actor: Actor): Promise<void> {
  const today = beijingDate(actor.now);
  const end = endDate ?? today;
  if (end > today) throw bad('endDate', '结束日期不能晚于今天');
  await db.runTransaction(async (tx: Transaction) => {
    const pairing = docOf<Pairing>(await tx.collection(COLLECTION.pairings).doc(pairingId).get());
    if (!pairing) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    if (pairing.endedAt) throw new AppError('CONFLICT', '该结对已经结束');
    if (end < pairing.startDate) throw bad('endDate', `结束日期不能早于开始日期（${chineseDay(pairing.startDate)}）`);
    await tx.collection(COLLECTION.pairings).doc(pairingId).update({ endDate: end, endedAt: actor.now, endedBy: actor.openid });
    if (pairing.bindingId) await tx.collection(COLLECTION.bindings).doc(pairing.bindingId).update({ revokedAt: actor.now, revokedBy: actor.openid });
    const who = pairing.personName ?? '手拉手好朋友';
    await tx.collection(COLLECTION.archiveHistory).add(
      historyEntry({
        ...actor,
        schoolId: pairing.schoolId,
        childId: pairing.childId,
        target: 'care',
        version: 0,
        changes: [{ field: pairing.kind, from: who, to: null }],
        note: `结束结对（${chineseDay(end)}）`,
      }),
    );
    await audit(tx, actor, [{ kind: 'change', schoolId: pairing.schoolId, childId: pairing.childId, fields: [`care.${pairing.kind}`], note: '结束结对' }]);
  });
}

export function pairingView(p: Pairing, names: Map<string, string>): PairingView {
  return {
    id: p._id,
    kind: p.kind,
    kindLabel: p.kind === 'proxy' && p.proxyKind ? PROXY_LABELS[p.proxyKind] : PAIRING_LABELS[p.kind],
    name: p.kind === 'buddy' ? (names.get(p.buddyChildId ?? '') ?? '（已离校）') : (p.personName ?? ''),
    phone: p.phone,
    proxyKind: p.proxyKind,
    buddyChildId: p.buddyChildId,
    startDate: p.startDate,
    endDate: p.endDate,
    note: p.note,
  };
}

/** The care view of one child's pairings (buddies' names looked up by the caller in one query). */
export function careView(pairings: Pairing[], names: Map<string, string>): CareView {
  const active = pairings.filter((p) => !p.endedAt);
  const mentor = active.find((p) => p.kind === 'mentor');
  return {
    mentor: mentor ? pairingView(mentor, names) : null,
    buddies: active.filter((p) => p.kind === 'buddy').map((p) => pairingView(p, names)),
    proxies: active.filter((p) => p.kind === 'proxy').map((p) => pairingView(p, names)),
    ended: pairings
      .filter((p) => p.endedAt)
      .sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? ''))
      .map((p) => pairingView(p, names)),
  };
}

/**
 * Who can be paired with a child: the school's teachers (a class or subject binding, one entry per person) as
 * mentors, and the child's classmates as buddies. The classmates are listed only to those who reach the class (its
 * teachers, the admin), not to a mentor who reaches this one child.
 */
export async function pairingCandidates(db: Database, principal: Principal, child: Child): Promise<ActionOutput<'care.candidates'>> {
  const classTarget = { schoolId: child.schoolId, classId: child.classId, childId: null, communityId: null };
  const reachesClass = principal.bindings.some((b) => (b.role === 'admin' || b.role === 'teacher') && covers(b, classTarget));
  const [bindingRes, pupilRes] = await Promise.all([
    db.collection(COLLECTION.bindings).where({ schoolId: child.schoolId, role: 'teacher', revokedAt: null, childId: null }).limit(1000).get(),
    reachesClass
      ? db.collection(COLLECTION.children).where({ classId: child.classId, deletedAt: null }).field({ name: true, leftBehindType: true }).limit(1000).get()
      : Promise.resolve({ data: [] }),
  ]);
  const seen = new Set<string>();
  const teachers = (bindingRes.data as BindingRecord[]).filter((b) => !seen.has(b.openid) && seen.add(b.openid));
  const users = teachers.length
    ? ((
        await db
          .collection(COLLECTION.users)
          .where({ _id: db.command.in(teachers.map((t) => t.openid)) })
          .limit(1000)
          .get()
      ).data as UserRecord[])
    : [];
  const nickname = new Map(users.map((u) => [u._id, u.nickname]));
  return {
    teachers: teachers.map((t) => ({ bindingId: t._id, label: t.label, nickname: nickname.get(t.openid) ?? null })),
    pupils: (pupilRes.data as Pick<Child, '_id' | 'name' | 'leftBehindType'>[])
      .filter((p) => p._id !== child._id)
      .map((p) => ({ childId: p._id, name: p.name, leftBehind: p.leftBehindType !== 'not_left_behind' })),
  };
}

/**
 * The current mentor and buddy pairings of a place (a class, a school, or several through `_.in`), as
 * `${childId}|mentor` and `${childId}|buddy`: what 关爱网络覆盖 and the dashboard's pairing rate count.
 */
export async function currentPairings(db: Database, where: Record<string, unknown>): Promise<Set<string>> {
  const pairings = await fetchAll<Pick<Pairing, 'childId' | 'kind'>>(
    (skip) =>
      db
        .collection(COLLECTION.pairings)
        .where({ ...where, endedAt: null, kind: db.command.in(['mentor', 'buddy']) })
        .field({ childId: true, kind: true })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    Infinity,
  );
  return new Set(pairings.map((p) => `${p.childId}|${p.kind}`));
}

/** How many uncovered children one answer lists (a class has fewer; a county school has hundreds: about 13 KB). */
export const UNCOVERED_SHOWN = 100;

/** At most this many left-behind children of one place are judged (as many as the paged reads used to take). */
const COVERAGE_CAP = 20000;

/**
 * 关爱网络覆盖: the left-behind children of a class, or of the whole school, who have no mentor teacher or no
 * hand-in-hand buddy right now; the first UNCOVERED_SHOWN are listed, class by class, the rest counted. Three reads
 * at once: the children (name and class only), the class names, and which children have a current mentor or buddy
 * pairing of the place, grouped by kind on the database (ids only, not the pairings). The whole school's figures
 * are the admin's: anyone else gets none.
 */
export async function careCoverage(db: Database, scope: { classId: string } | { schoolId: string }, role: Role): Promise<ActionOutput<'care.coverage'>> {
  const _ = db.command;
  if ('schoolId' in scope && role !== 'admin') return { total: 0, covered: 0, uncovered: [], more: 0 };
  const [childRes, classRes, pairedRes] = await Promise.all([
    db
      .collection(COLLECTION.children)
      .aggregate()
      .match({ ...scope, deletedAt: null, leftBehindType: _.neq('not_left_behind') })
      .project({ name: true, classId: true })
      .limit(COVERAGE_CAP)
      .end(),
    db
      .collection(COLLECTION.classes)
      .where('classId' in scope ? { _id: scope.classId } : { schoolId: scope.schoolId })
      .field({ name: true })
      .limit(1000)
      .get(),
    db
      .collection(COLLECTION.pairings)
      .aggregate()
      .match({ ...scope, endedAt: null, kind: _.in(['mentor', 'buddy']) })
      .group({ _id: '$kind', children: _.aggregate.addToSet('$childId') })
      .end(),
  ]);
  const children = (childRes.data as Pick<Child, '_id' | 'name' | 'classId'>[]).sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const className = new Map((classRes.data as Pick<SchoolClass, '_id' | 'name'>[]).map((c) => [c._id, c.name]));
  const paired = new Map((pairedRes.data as { _id: string; children: string[] }[]).map((g) => [g._id, new Set(g.children)]));
  const has = (childId: string, kind: string) => paired.get(kind)?.has(childId) ?? false;
  const uncovered = children
    .map((c) => ({
      childId: c._id,
      name: c.name,
      classId: c.classId,
      className: className.get(c.classId) ?? '',
      noMentor: !has(c._id, 'mentor'),
      noBuddy: !has(c._id, 'buddy'),
    }))
    .filter((c) => c.noMentor || c.noBuddy)
    .sort((a, b) => a.className.localeCompare(b.className, 'zh') || a.classId.localeCompare(b.classId));
  return {
    total: children.length,
    covered: children.length - uncovered.length,
    uncovered: uncovered.slice(0, UNCOVERED_SHOWN),
    more: Math.max(0, uncovered.length - UNCOVERED_SHOWN),
  };
}
