/**
 * The parent home (家长首页): one child's screen for a parent or guardian in one call. The child is one of the
 * caller's own (from their bindings; another id is refused like someone else's). Reads go out in one round of
 * parallel requests (the calls alongside; the class's posts by the class the binding names, checked against the
 * child's record), then the photos' URLs, the caller's likes and threads and the buddies' names: everything the family needs first —
 * latest posts, the next call, study progress the teacher shares, the care network's names, what to do — and the
 * sections other areas fill (sections.ts: this month's talk summary shared with the family, the birthday cards, the
 * next birthday, this week's parent meetings). The read of archive, card and talk-summary fields is audited with the last round.
 */
import type { BindingRecord, Child, ContactCard, Pairing, SchoolClass } from '../../../typings/domain';
import type { OwnContactEntry, ParentHome, TodoItem } from '../../../typings/actions/growth';
import type { Invocation } from '../cloud';
import { AppError } from '../errors';
import { FORBIDDEN_SCOPE, ROLE_PRECEDENCE, type Principal } from '../access';
import { COLLECTION } from '../collections';
import { audit } from '../audit';
import type { ConsentRecord } from '../consent';
import { docOf } from '../archive/store';
import { startOfBeijingMonth } from '../time';
import { myCalls } from '../familyCalls/screens';
import { familyPosts } from '../growth/feed';
import { familyExtras, familyPostView } from '../growth/views';
import type { ContactChange, StudyShare } from '../growth/records';
import { changeView, contactPage, entryLabel } from './contact';
import { sharedExams } from './study';
import { HOME_SECTIONS } from './sections';

const HOME_POSTS = 5;

type Caller = Pick<Invocation, 'db' | 'app' | 'now' | 'openid'> & { principal: Principal; action: string };

const family = (b: BindingRecord) => (b.role === 'parent' || b.role === 'guardian') && !!b.childId;
const relationOf = (label: string) => label.slice(label.lastIndexOf('的') + 1) || label;

function ownEntries(card: ContactCard | null, role: 'parent' | 'guardian'): OwnContactEntry[] {
  if (!card) return [];
  const none = { workCity: null, workUnit: null, workAddress: null, address: null };
  if (role === 'guardian')
    return card.guardian
      ? [{ entry: 'guardian', label: entryLabel(card, 'guardian'), ...none, phone: card.guardian.phone, address: card.guardian.address }]
      : [];
  return card.parents.map((p, i) => ({
    entry: i,
    label: entryLabel(card, i),
    ...none,
    phone: p.phone,
    workCity: p.workCity,
    workUnit: p.workUnit,
    workAddress: p.workAddress,
  }));
}

interface FamilyFile {
  child: Child;
  card: ContactCard | null;
  /** current mentor and buddy pairings */
  pairings: Pairing[];
  consent: ConsentRecord | null;
  photoConsent: ConsentRecord | null;
  pending: ContactChange[];
  share: StudyShare | null;
}

type Joined = Child & {
  cards: ContactCard[];
  pairings: Pairing[];
  consents: ConsentRecord[];
  photoConsents: ConsentRecord[];
  changes: ContactChange[];
  shares: StudyShare[];
};

const newest = (records: ConsentRecord[]) => records.reduce<ConsentRecord | null>((a, b) => (!a || b.at > a.at ? b : a), null);

/**
 * The caller's children, each with the records of theirs the home shows (card, pairings, consents, pending contact
 * changes, shared exams), joined on the child in one request: a handful of documents each.
 */
async function familyFiles(db: Caller['db'], childIds: string[]): Promise<FamilyFile[]> {
  const join = (from: string, foreignField: string, as: string) => ({ from, localField: '_id', foreignField, as });
  const res = await db
    .collection(COLLECTION.children)
    .aggregate()
    .match({ _id: db.command.in(childIds), deletedAt: null })
    .lookup(join(COLLECTION.contactCards, '_id', 'cards'))
    .lookup(join(COLLECTION.pairings, 'childId', 'pairings'))
    .lookup(join(COLLECTION.consents, 'childId', 'consents'))
    .lookup(join(COLLECTION.photoConsents, 'childId', 'photoConsents'))
    .lookup(join(COLLECTION.contactChanges, 'childId', 'changes'))
    .lookup(join(COLLECTION.studyShares, '_id', 'shares'))
    // The cloud answers 20 documents of an aggregation unless told otherwise.
    .limit(100)
    .end();
  return ((res as { data: Joined[] }).data ?? []).map(({ cards, pairings, consents, photoConsents, changes, shares, ...child }) => ({
    child: child as Child,
    card: cards[0] ?? null,
    pairings: pairings.filter((p) => !p.endedAt && (p.kind === 'mentor' || p.kind === 'buddy')),
    consent: newest(consents),
    photoConsent: newest(photoConsents),
    pending: changes.filter((c) => c.status === 'pending'),
    share: shares[0] ?? null,
  }));
}

export async function parentHome(caller: Caller, requested: string | undefined): Promise<ParentHome> {
  const { db, now } = caller;
  const _ = db.command;
  const mine = caller.principal.bindings.filter(family);
  const childId = requested ?? mine[0]?.childId;
  const bindings = mine.filter((b) => b.childId === childId).sort((a, b) => ROLE_PRECEDENCE.indexOf(a.role) - ROLE_PRECEDENCE.indexOf(b.role));
  if (!childId || !bindings.length) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  const binding = bindings[0];
  const role = binding.role as 'parent' | 'guardian';
  const childIds = [...new Set(mine.map((b) => b.childId as string))];

  // The calls take two rounds of their own: they go out now and are awaited last.
  const calls = myCalls({ ...caller, grant: { role } }, { openid: caller.openid, bindings });
  calls.catch(() => {});
  // The binding names the child's class: the class's posts and name go out in the first round too, and are read
  // again only if the child has since moved class (the child's record decides).
  const postsOf = (classId: string) => familyPosts(caller, { _id: childId, classId }, undefined, HOME_POSTS);
  const classNameOf = (classId: string) => db.collection(COLLECTION.classes).doc(classId).field({ name: true }).get();
  const [files, hintedPosts, hintedClass, talkSummary, wishes, meetings] = await Promise.all([
    familyFiles(db, childIds),
    binding.classId ? postsOf(binding.classId) : null,
    binding.classId ? classNameOf(binding.classId) : null,
    HOME_SECTIONS.talkSummary({ db, childId, now }),
    HOME_SECTIONS.wishes({ db, childId, now }),
    HOME_SECTIONS.meetings({ db, childId, now }),
  ]);
  const children = files.map((f) => f.child);
  const file = files.find((f) => f.child._id === childId);
  if (!file) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  const { child, card, pairings, consent, photoConsent, pending: changes } = file;
  const study = sharedExams(child, file.share);
  const buddyIds = pairings.filter((p) => p.kind === 'buddy' && p.buddyChildId).map((p) => p.buddyChildId as string);
  const section = { db, child, now };
  const moved = child.classId !== binding.classId;
  const [{ posts, more }, clsRes, birthday] = await Promise.all([
    moved || !hintedPosts ? postsOf(child.classId) : hintedPosts,
    moved || !hintedClass ? classNameOf(child.classId) : hintedClass,
    HOME_SECTIONS.birthday(section),
  ]);
  // audited with the photos' round, once the talk summary is known to have been read
  const fields = [
    'name',
    ...(study.length ? ['studyRecords'] : []),
    ...(card ? ['contactCard.parents', 'contactCard.guardian'] : []),
    ...(talkSummary ? ['talks.familySummary'] : []),
  ];
  const [extras, buddyRes, mineCalls] = await Promise.all([
    familyExtras(db, caller.app, posts, { openid: caller.openid, childId }),
    buddyIds.length
      ? db
          .collection(COLLECTION.children)
          .where({ _id: _.in(buddyIds), deletedAt: null })
          .field({ name: true })
          .limit(20)
          .get()
      : Promise.resolve({ data: [] }),
    calls,
    audit(db, { openid: caller.openid, now, action: caller.action, role }, [{ kind: 'read', schoolId: child.schoolId, childId, fields }]),
  ]);
  const nextCall = mineCalls.children.find((c) => c.childId === childId)?.next ?? null;
  const pending = changes.map((c) => changeView(c, child.name));
  return {
    children: children.map((c) => ({ childId: c._id, name: c.name })),
    child: { id: child._id, name: child.name, className: docOf<Pick<SchoolClass, 'name'>>(clsRes)?.name ?? '', role, relation: relationOf(binding.label) },
    posts: posts.map((p) => familyPostView(p, extras)),
    morePosts: more,
    nextCall,
    talkSummary,
    wishes,
    birthday,
    study,
    care: {
      mentor: pairings.find((p) => p.kind === 'mentor')?.personName ?? null,
      buddies: (buddyRes.data as { name: string }[]).map((b) => b.name),
    },
    todo: todo(child, { consent: consent?.decision, photo: photoConsent?.decision, nextCall, meetings, card, now }),
    contact: card ? { entries: ownEntries(card, role), confirmedAt: card.confirmedAt?.toISOString() ?? null, pending } : null,
    photoConsent: photoConsent?.decision ?? 'none',
  };
}

function todo(
  child: Child,
  s: { consent?: string; photo?: string; nextCall: ParentHome['nextCall']; meetings: TodoItem[]; card: ContactCard | null; now: Date },
): TodoItem[] {
  const items: TodoItem[] = [];
  if (s.consent !== 'granted') items.push({ kind: 'consent', title: '阅读并确认《儿童个人信息保护告知书》', page: 'areas/privacy/pages/consent/index' });
  if (s.nextCall && (s.nextCall.status === 'scheduled' || s.nextCall.status === 'moved'))
    items.push({ kind: 'confirmCall', title: `确认下次亲情视频（${s.nextCall.when}）`, page: `areas/family-calls/pages/next/index?id=${s.nextCall.id}` });
  items.push(...s.meetings);
  if (s.card && !((s.card.confirmedAt?.getTime() ?? 0) >= startOfBeijingMonth(s.now).getTime()))
    items.push({ kind: 'contactCard', title: '看看联系卡上的电话和地址还对不对', page: contactPage(child._id) });
  if (!s.photo)
    items.push({ kind: 'photoConsent', title: '班级合影里可以出现孩子吗？请选择', page: `areas/growth/pages/photo-consent/index?childId=${child._id}` });
  return items;
}
