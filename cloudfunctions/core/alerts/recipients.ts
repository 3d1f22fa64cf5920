/**
 * Who is told of an alert: the people around the child — the school's admins, the class teacher (班主任; every
 * teacher of the class when none is marked 班主任), the child's mentor (帮扶教师), the 儿童主任 of the child's home
 * community and the 儿童督导员 of its township. A person holding several of these roles is told once.
 * Many alerts at once (an import) cost the same three reads as one.
 */
import type { AlertReason, AlertRecipient, AlertRecord, BindingRecord, Community } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { fetchAll } from '../paging';
import { ROLE_PRECEDENCE } from '../access';

export type AlertPlace = Pick<AlertRecord, '_id' | 'schoolId' | 'classId' | 'childId' | 'communityId'>;

/** The order reasons are named in when one person has several. */
const REASONS: AlertReason[] = ['admin', 'classTeacher', 'mentor', 'director', 'supervisor', 'named'];

export const REASON_LABELS: Record<AlertReason, string> = {
  admin: '管理员',
  classTeacher: '班主任',
  mentor: '帮扶教师',
  director: '儿童主任',
  supervisor: '儿童督导员',
  named: '预警指定的人',
};

const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];

/** Why this binding is told of this alert, or null when it is not. */
function reasonOf(b: BindingRecord, alert: AlertPlace, townshipId: string | null): AlertReason | null {
  switch (b.role) {
    case 'admin':
      return b.schoolId === alert.schoolId ? 'admin' : null;
    case 'teacher':
      if (b.childId) return b.childId === alert.childId ? 'mentor' : null;
      return !!alert.classId && b.classId === alert.classId ? 'classTeacher' : null;
    case 'community':
      return !!alert.communityId && b.communityId === alert.communityId ? 'director' : null;
    case 'township':
      return !!townshipId && b.townshipId === townshipId ? 'supervisor' : null;
    default:
      return null;
  }
}

function recipientsOf(alert: AlertPlace, bindings: BindingRecord[], townshipId: string | null): AlertRecipient[] {
  const matched = bindings
    .map((b) => ({ b, reason: reasonOf(b, alert, townshipId) }))
    .filter((x): x is { b: BindingRecord; reason: AlertReason } => !!x.reason);
  // The class's 班主任 when one is marked, else every teacher of the class (as the monthly talk round does).
  const heads = matched.some((x) => x.reason === 'classTeacher' && x.b.title === 'head');
  const told = new Map<string, AlertRecipient>();
  for (const { b, reason } of matched
    .filter((x) => x.reason !== 'classTeacher' || !heads || x.b.title === 'head')
    .sort((x, y) => REASONS.indexOf(x.reason) - REASONS.indexOf(y.reason))) {
    if (!told.has(b.openid)) told.set(b.openid, { openid: b.openid, role: b.role, label: b.label, reason });
  }
  return [...told.values()];
}

/** Who is told of each alert, by alert id. */
export async function alertRecipients(db: Database, alerts: AlertPlace[]): Promise<Map<string, AlertRecipient[]>> {
  const _ = db.command;
  const communityIds = uniq(alerts.map((a) => a.communityId));
  const communities = communityIds.length
    ? ((
        await db
          .collection(COLLECTION.communities)
          .where({ _id: _.in(communityIds) })
          .limit(1000)
          .get()
      ).data as Community[])
    : [];
  const townshipOf = new Map(communities.map((c) => [c._id, c.townshipId ?? null]));
  const wanted: Record<string, unknown>[] = [{ role: 'admin', schoolId: _.in(uniq(alerts.map((a) => a.schoolId))) }];
  const classIds = uniq(alerts.map((a) => a.classId));
  const childIds = uniq(alerts.map((a) => a.childId));
  const townshipIds = uniq([...townshipOf.values()]);
  if (classIds.length) wanted.push({ role: 'teacher', classId: _.in(classIds), childId: null });
  if (childIds.length) wanted.push({ role: 'teacher', childId: _.in(childIds) });
  if (communityIds.length) wanted.push({ role: 'community', communityId: _.in(communityIds) });
  if (townshipIds.length) wanted.push({ role: 'township', townshipId: _.in(townshipIds) });
  // One read: each branch is on an index of bindings (school+role, class+role, child, community+role, township+role),
  // so the database unites index seeks instead of scanning every binding of the county.
  const bindings = await fetchAll<BindingRecord>((skip) =>
    db
      .collection(COLLECTION.bindings)
      .where(_.and([{ revokedAt: null }, _.or(wanted)]))
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get(),
  );
  return new Map(alerts.map((a) => [a._id, recipientsOf(a, bindings, a.communityId ? (townshipOf.get(a.communityId) ?? null) : null)]));
}

/**
 * The people restricted alerts name (their audience), by alert id, each once under their strongest live binding in
 * the alert's school: someone named who has left the school is not told. One read whatever the number of alerts.
 */
export async function namedRecipients(db: Database, alerts: Pick<AlertRecord, '_id' | 'schoolId' | 'audience'>[]): Promise<Map<string, AlertRecipient[]>> {
  const _ = db.command;
  const openids = uniq(alerts.flatMap((a) => a.audience ?? []));
  if (!openids.length) return new Map();
  const bindings = await fetchAll<BindingRecord>((skip) =>
    db
      .collection(COLLECTION.bindings)
      .where({ openid: _.in(openids), schoolId: _.in(uniq(alerts.map((a) => a.schoolId))), revokedAt: null })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get(),
  );
  const ranked = [...bindings].sort((x, y) => ROLE_PRECEDENCE.indexOf(x.role) - ROLE_PRECEDENCE.indexOf(y.role));
  return new Map(
    alerts.map((a) => [
      a._id,
      uniq(a.audience ?? []).flatMap((openid) => {
        const b = ranked.find((x) => x.openid === openid && x.schoolId === a.schoolId);
        return b ? [{ openid, role: b.role, label: b.label, reason: 'named' as const }] : [];
      }),
    ]),
  );
}
