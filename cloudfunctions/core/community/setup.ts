/**
 * Setting up community work: townships (乡镇/街道) and which communities belong to them, a community's visit
 * intervals, and each child's home community (which may differ from the community the class draws from). Each
 * change is audited with it.
 */
import type { AlertRecord, Child, Community, Township } from '../../../typings/domain';
import type { CommunitySetup, TownshipView, VisitPolicy } from '../../../typings/actions/community';
import type { Database, Transaction } from '../cloud';
import { AppError, conflict, invalid } from '../errors';
import { FORBIDDEN_SCOPE } from '../access';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { policyOf } from './policy';

const townshipView = (t: Township): TownshipView => ({ id: t._id, name: t.name });

export async function communitySetup(db: Database, schoolId: string): Promise<CommunitySetup> {
  const [townships, communities] = await Promise.all([
    db.collection(COLLECTION.townships).where({ schoolId }).orderBy('name', 'asc').limit(1000).get(),
    db.collection(COLLECTION.communities).where({ schoolId }).orderBy('name', 'asc').limit(1000).get(),
  ]);
  return {
    townships: (townships.data as Township[]).map(townshipView),
    communities: (communities.data as Community[]).map((c) => ({ id: c._id, name: c.name, townshipId: c.townshipId ?? null, policy: policyOf(c) })),
  };
}

/** A township of the school; names are unique in the school. */
export async function addTownship(db: Database, schoolId: string, name: string, actor: AuditActor): Promise<TownshipView> {
  return db.runTransaction(async (tx: Transaction) => {
    const same = await tx.collection(COLLECTION.townships).where({ schoolId, name }).get();
    if (same.data.length) throw conflict(`已有同名乡镇（街道）：${name}`);
    const res = await tx.collection(COLLECTION.townships).add({ schoolId, name, createdAt: actor.now });
    await audit(tx, actor, [{ kind: 'change', schoolId, childId: null, fields: ['townships'], note: `新增乡镇（街道）：${name}` }]);
    return { id: res.id as string, name };
  });
}

/** Put a community in a township (or take it out with null): the township's 儿童督导员 then oversees it. */
export async function placeInTownship(
  db: Database,
  community: Community,
  townshipId: string | null,
  actor: AuditActor,
): Promise<{ communityId: string; townshipId: string | null }> {
  const township = townshipId ? docOf<Township>(await db.collection(COLLECTION.townships).doc(townshipId).get()) : null;
  if (townshipId && township?.schoolId !== community.schoolId) throw invalid('所选乡镇（街道）不属于本校', 'townshipId');
  await db.runTransaction(async (tx: Transaction) => {
    await tx.collection(COLLECTION.communities).doc(community._id).update({ townshipId });
    await audit(tx, actor, [
      {
        kind: 'access',
        schoolId: community.schoolId,
        childId: null,
        fields: ['communities.townshipId'],
        note: `${community.name}${township ? `归入${township.name}` : '不再归属乡镇'}`,
      },
    ]);
  });
  return { communityId: community._id, townshipId };
}

/** How often the community's children are visited: every 1–12 months, a focus child at least as often. */
export async function configureVisits(db: Database, community: Community, policy: VisitPolicy, actor: AuditActor): Promise<VisitPolicy> {
  if (policy.focusEveryMonths > policy.everyMonths) throw invalid('重点对象的走访间隔不能长于一般儿童', 'focusEveryMonths');
  await db.runTransaction(async (tx: Transaction) => {
    await tx.collection(COLLECTION.communities).doc(community._id).update({ visitEveryMonths: policy.everyMonths, focusEveryMonths: policy.focusEveryMonths });
    await audit(tx, actor, [
      {
        kind: 'change',
        schoolId: community.schoolId,
        childId: null,
        fields: ['communities.visitEveryMonths', 'communities.focusEveryMonths'],
        note: `${community.name}走访间隔：每 ${policy.everyMonths} 个月，重点对象每 ${policy.focusEveryMonths} 个月`,
      },
    ]);
  });
  return policy;
}

/**
 * The child's home community (where they live, 户籍/居住地), as the school knows it: its 儿童主任 then reaches the
 * child, and the child's open alerts move with them (so the new 儿童主任 is the one to act on them).
 */
export async function linkChild(
  db: Database,
  child: Child,
  communityId: string | null,
  actor: AuditActor,
): Promise<{ childId: string; communityId: string | null }> {
  const community = communityId ? docOf<Community>(await db.collection(COLLECTION.communities).doc(communityId).get()) : null;
  if (communityId && community?.schoolId !== child.schoolId) throw invalid('所选社区/村不属于本校', 'communityId');
  await db.runTransaction(async (tx: Transaction) => {
    const current = docOf<Child>(await tx.collection(COLLECTION.children).doc(child._id).get());
    if (!current || current.deletedAt) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    const open = (await tx.collection(COLLECTION.alerts).where({ childId: child._id, resolvedAt: null }).get()).data as AlertRecord[];
    await Promise.all([
      tx.collection(COLLECTION.children).doc(child._id).update({ communityId, updatedAt: actor.now, updatedBy: actor.openid }),
      ...open.map((a) => tx.collection(COLLECTION.alerts).doc(a._id).update({ communityId })),
    ]);
    await audit(tx, actor, [
      {
        kind: 'change',
        schoolId: child.schoolId,
        childId: child._id,
        fields: ['communityId'],
        note: community ? `家庭所在社区/村：${community.name}` : '不再关联社区/村',
      },
    ]);
  });
  return { childId: child._id, communityId };
}
