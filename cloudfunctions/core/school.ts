/** School set-up: the first admin, classes, communities, and whether the deployment has an admin yet. */
import type { Database, Transaction } from './cloud';
import type { Community, SchoolClass } from '../../typings/domain';
import type { ClassView, CommunityView } from '../../typings/actions/accounts';
import { AppError, conflict, invalid } from './errors';
import { COLLECTION } from './collections';
import { audit, type AuditActor } from './audit';
import { checkCode, hashCode } from './codes';
import { scopeIds, type Principal, type Target } from './access';
import { docOf } from './archive/store';

/** The settings document holding the bootstrap code's hash and whether it was used. */
const BOOTSTRAP_DOC = 'bootstrap';

/** Whether any admin exists: the first one found answers (a count would read every binding of the county). */
export async function isInitialized(db: Database): Promise<boolean> {
  const res = await db.collection(COLLECTION.bindings).where({ role: 'admin', revokedAt: null }).field({ _id: true }).limit(1).get();
  return res.data.length > 0;
}

export function classView(c: SchoolClass): ClassView {
  return { id: c._id, schoolId: c.schoolId, grade: c.grade, name: c.name, communityId: c.communityId ?? null, archived: !!c.archivedAt };
}

const communityView = (c: Community): CommunityView => ({ id: c._id, name: c.name });

/**
 * The first admin of an empty deployment: whoever holds the one-time bootstrap code printed at deploy/start (not
 * whoever comes first). `deployedHash` is the hash a deployment sets in its environment, else the stored one counts.
 * Creates the school and the admin binding in one transaction, with its audit entry.
 */
export async function claimSchool(
  db: Database,
  by: Omit<AuditActor, 'role'>,
  input: { code: string; schoolName: string },
  deployedHash: string | undefined,
): Promise<{ schoolId: string }> {
  const { openid, now } = by;
  if (await isInitialized(db)) throw conflict('学校已完成初始化，请向管理员索取邀请码');
  const settings = db.collection(COLLECTION.settings);
  const stored = docOf<{ codeHash?: string; usedAt?: Date | null }>(await settings.doc(BOOTSTRAP_DOC).get());
  const expected = deployedHash || stored?.codeHash;
  if (!expected) throw new AppError('NOT_FOUND', '尚未生成初始化码，请重新部署或重启本地环境');
  if (stored?.usedAt) throw conflict('初始化码已被使用');
  await checkCode(db, openid, now, '初始化码不正确', async () => (hashCode(input.code) === expected ? true : undefined));

  return db.runTransaction(async (tx: Transaction) => {
    const again = docOf<{ usedAt?: Date | null }>(await tx.collection(COLLECTION.settings).doc(BOOTSTRAP_DOC).get());
    if (again?.usedAt) throw conflict('初始化码已被使用');
    await tx.collection(COLLECTION.settings).doc(BOOTSTRAP_DOC).set({ codeHash: expected, usedAt: now, usedBy: openid });
    const school = await tx.collection(COLLECTION.schools).add({ name: input.schoolName, createdAt: now });
    const schoolId = school.id as string;
    await tx.collection(COLLECTION.bindings).add({
      openid,
      role: 'admin',
      schoolId,
      classId: null,
      childId: null,
      communityId: null,
      label: input.schoolName,
      createdAt: now,
      revokedAt: null,
    });
    await tx.collection(COLLECTION.users).doc(openid).set({ openid, nickname: null, createdAt: now });
    await audit(tx, { openid, now, action: by.action, role: 'admin' }, [
      { kind: 'access', schoolId, childId: null, fields: [], note: `认领学校：${input.schoolName}` },
    ]);
    return { schoolId };
  });
}

/** A new class of the school, optionally tied to the community (村/社区) it draws from; names are unique among open classes. */
export async function createClass(
  db: Database,
  input: { schoolId: string; grade: number; name: string; communityId?: string | null },
  now: Date,
): Promise<ClassView> {
  const classes = db.collection(COLLECTION.classes);
  const [same, community] = await Promise.all([
    classes.where({ schoolId: input.schoolId, name: input.name, archivedAt: null }).limit(1).get(),
    input.communityId ? db.collection(COLLECTION.communities).doc(input.communityId).get() : Promise.resolve(null),
  ]);
  if (same.data.length) throw conflict(`已有同名班级：${input.name}`);
  if (community && docOf<Community>(community)?.schoolId !== input.schoolId) throw invalid('所选社区不属于本校', 'communityId');
  const record = {
    schoolId: input.schoolId,
    grade: input.grade,
    name: input.name,
    communityId: input.communityId ?? null,
    archivedAt: null,
    createdAt: now,
  };
  const res = await classes.add(record);
  return classView({ _id: res.id as string, ...record });
}

/** The school's classes (all for an admin, the ones they teach for a teacher) and its communities. */
export async function listClasses(
  db: Database,
  schoolId: string,
  principal: Principal,
  isAdmin: boolean,
): Promise<{ classes: ClassView[]; communities: CommunityView[] }> {
  const mine = scopeIds(principal, 'teacher').classIds;
  const where = isAdmin ? { schoolId } : { schoolId, _id: db.command.in(mine) };
  const [classes, communities] = await Promise.all([
    isAdmin || mine.length
      ? db.collection(COLLECTION.classes).where(where).orderBy('grade', 'asc').orderBy('name', 'asc').limit(1000).get()
      : Promise.resolve({ data: [] }),
    listCommunities(db, schoolId),
  ]);
  return { classes: (classes.data as SchoolClass[]).map(classView), communities };
}

/**
 * Close a class (撤销班级): its teacher and student bindings and its open invites stop working, in one transaction
 * with the audit entry. Families keep their children's bindings: a child stays in the school until they leave.
 */
export async function archiveClass(db: Database, actor: AuditActor, target: Target): Promise<{ revokedBindings: number; revokedInvites: number }> {
  const cls = target.schoolClass!;
  if (cls.archivedAt) throw conflict('该班级已撤销');
  const _ = db.command;
  return db.runTransaction(async (tx: Transaction) => {
    const [bindings, invites] = await Promise.all([
      tx
        .collection(COLLECTION.bindings)
        .where({ classId: cls._id, revokedAt: null, role: _.in(['teacher', 'student']) })
        .limit(1000)
        .get(),
      tx.collection(COLLECTION.invites).where({ classId: cls._id, usedAt: null, revokedAt: null }).limit(1000).get(),
    ]);
    await tx.collection(COLLECTION.classes).doc(cls._id).update({ archivedAt: actor.now });
    for (const b of bindings.data as { _id: string }[]) await tx.collection(COLLECTION.bindings).doc(b._id).update({ revokedAt: actor.now });
    for (const i of invites.data as { _id: string }[]) await tx.collection(COLLECTION.invites).doc(i._id).update({ revokedAt: actor.now });
    await audit(tx, actor, [{ kind: 'access', schoolId: target.schoolId, childId: null, fields: [], note: `撤销班级 ${cls.name}` }]);
    return { revokedBindings: bindings.data.length, revokedInvites: invites.data.length };
  });
}

/** A community / village (社区/村) the school works with; names are unique in the school. */
export async function createCommunity(db: Database, schoolId: string, name: string, now: Date): Promise<CommunityView> {
  const communities = db.collection(COLLECTION.communities);
  const same = await communities.where({ schoolId, name }).limit(1).get();
  if (same.data.length) throw conflict(`已有同名社区：${name}`);
  const res = await communities.add({ schoolId, name, createdAt: now });
  return { id: res.id as string, name };
}

export async function listCommunities(db: Database, schoolId: string): Promise<CommunityView[]> {
  const res = await db.collection(COLLECTION.communities).where({ schoolId }).orderBy('name', 'asc').limit(1000).get();
  return (res.data as Community[]).map(communityView);
}
