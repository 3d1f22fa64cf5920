/**
 * People and their roles (bindings): who I am, who holds a role in a school or class, and removing a role.
 */
import type { BindingRecord, Pairing, UserRecord } from '../../typings/domain';
import type { WhoAmI } from '../../typings/actions/system';
import type { Database, Transaction } from './cloud';
import type { Principal } from './access';
import type { ActionInput, ActionOutput } from '../../typings/actions';
import { conflict } from './errors';
import { cursorText } from './validate';
import { pageAfter } from './paging';
import { COLLECTION } from './collections';
import { audit } from './audit';
import { unreadCount } from './reminders/inbox';
import { endPairing } from './archive/care';
import { docOf, type Actor } from './archive/store';

/** Nicknames of these people, by OPENID (one read). */
async function nicknames(db: Database, openids: string[]): Promise<Map<string, string | null>> {
  const unique = [...new Set(openids)];
  if (!unique.length) return new Map();
  const res = await db
    .collection(COLLECTION.users)
    .where({ _id: db.command.in(unique) })
    .limit(1000)
    .get();
  return new Map((res.data as UserRecord[]).map((u) => [u._id, u.nickname]));
}

/**
 * Who am I: my OPENID (from the cloud context), the roles I hold with the names of the children they name, and my
 * unread messages: everything the home screen needs, in one call.
 */
export async function whoAmI(db: Database, principal: Principal, now: Date, local: boolean): Promise<WhoAmI> {
  const childIds = [...new Set(principal.bindings.map((b) => b.childId).filter((x): x is string => !!x))];
  const [user, unread, children] = await Promise.all([
    db.collection(COLLECTION.users).doc(principal.openid).get(),
    unreadCount(db, principal.openid, now),
    childIds.length
      ? db
          .collection(COLLECTION.children)
          .where({ _id: db.command.in(childIds) })
          .field({ name: true })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
  ]);
  const names = new Map((children.data as { _id: string; name: string }[]).map((c) => [c._id, c.name]));
  return {
    openid: principal.openid,
    nickname: docOf<UserRecord>(user)?.nickname ?? null,
    local,
    unread,
    bindings: principal.bindings.map((b) => ({
      id: b._id,
      role: b.role,
      schoolId: b.schoolId ?? null,
      classId: b.classId ?? null,
      childId: b.childId ?? null,
      communityId: b.communityId ?? null,
      townshipId: b.townshipId ?? null,
      label: b.label ?? '',
      childName: b.childId ? (names.get(b.childId) ?? null) : null,
    })),
  };
}

/** The most people one page of people.list holds (about 26 KB). */
export const PEOPLE_PAGE = 100;
const CURSOR_SEPARATOR = '|';
const PERSON_FIELDS = { openid: true, role: true, label: true, classId: true, childId: true, communityId: true, createdAt: true };

/**
 * People with a role in a whole school or in one class, one page at a time in the order they got it (a school has
 * thousands of families: one answer cannot carry them all), with how many roles the scope has in all.
 */
export async function listPeople(db: Database, query: ActionInput<'people.list'>): Promise<ActionOutput<'people.list'>> {
  const { after, limit = PEOPLE_PAGE, ...scope } = query;
  const where = { ...scope, revokedAt: null };
  const filter = pageAfter(db, where, after, { field: 'createdAt', order: 'asc', separator: CURSOR_SEPARATOR, path: 'after' });
  const bindings = db.collection(COLLECTION.bindings);
  const [res, count] = await Promise.all([
    bindings
      .where(filter)
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .field(PERSON_FIELDS)
      .limit(limit + 1)
      .get(),
    bindings.where(where).count(),
  ]);
  const rows = res.data as BindingRecord[];
  const page = rows.slice(0, limit);
  const nickname = await nicknames(
    db,
    page.map((b) => b.openid),
  );
  const last = page[page.length - 1];
  return {
    people: page.map((b) => ({
      bindingId: b._id,
      openid: b.openid,
      nickname: nickname.get(b.openid) ?? null,
      role: b.role,
      label: b.label,
      classId: b.classId ?? null,
      childId: b.childId ?? null,
      communityId: b.communityId ?? null,
      since: b.createdAt.toISOString(),
    })),
    total: count.total ?? 0,
    next: rows.length > limit ? cursorText(last.createdAt, last._id, CURSOR_SEPARATOR) : null,
  };
}

/**
 * The mentor pairings that end with this binding: the pairing behind a mentor binding itself, or, when a teacher's
 * last class binding in the school goes (they leave), every pairing they still mentor there.
 */
async function mentorPairingsEndingWith(db: Database, binding: BindingRecord): Promise<Pairing[]> {
  if (binding.role !== 'teacher') return [];
  const active = await db
    .collection(COLLECTION.pairings)
    .where({ schoolId: binding.schoolId, mentorOpenid: binding.openid, kind: 'mentor', endedAt: null })
    .limit(1000)
    .get();
  const pairings = active.data as Pairing[];
  if (binding.childId) return pairings.filter((p) => p.bindingId === binding._id);
  const others = await db
    .collection(COLLECTION.bindings)
    .where({ openid: binding.openid, role: 'teacher', schoolId: binding.schoolId, childId: null, revokedAt: null })
    .limit(1000)
    .get();
  const stillTeaches = (others.data as BindingRecord[]).some((b) => b._id !== binding._id);
  return stillTeaches ? [] : pairings;
}

/**
 * Remove someone's role (never a school's last admin). Removing a mentor, or a teacher who leaves, ends their mentor
 * pairings first (each with its history entry), so the roster never shows a mentor who can no longer open the
 * child's file; then the binding goes, in one transaction with its audit entry.
 */
export async function revokeBinding(db: Database, actor: Actor, binding: BindingRecord): Promise<void> {
  if (binding.revokedAt) throw conflict('该身份已被移除');
  for (const pairing of await mentorPairingsEndingWith(db, binding)) await endPairing(db, pairing._id, undefined, actor);
  await db.runTransaction(async (tx: Transaction) => {
    if (binding.role === 'admin') {
      const admins = await tx.collection(COLLECTION.bindings).where({ role: 'admin', schoolId: binding.schoolId, revokedAt: null }).limit(1000).get();
      if (!(admins.data as BindingRecord[]).some((b) => b._id !== binding._id)) throw conflict('不能移除学校唯一的管理员');
      // Two admins removing each other at once both write the school, so one transaction fails and, run again, sees
      // that the other admin is gone.
      await tx.collection(COLLECTION.schools).doc(binding.schoolId!).update({ adminsChangedAt: actor.now });
    }
    // A mentor binding may already be revoked by the end of its pairing just above: the entry is still written.
    await tx.collection(COLLECTION.bindings).doc(binding._id).update({ revokedAt: actor.now, revokedBy: actor.openid });
    await audit(tx, actor, [{ kind: 'access', schoolId: binding.schoolId, childId: binding.childId, fields: [], note: `移除身份：${binding.label}` }]);
  });
}
