/**
 * The parent home (家长首页): one child's screen for a parent or guardian in one call. The child is one of the
 * caller's own (from their bindings; another id is refused like someone else's). Reads go out in two rounds of
 * parallel requests (the calls alongside), then the photos' URLs and the caller's likes and threads: everything the family needs first —
 * latest posts, the next call, study progress the teacher shares, the care network's names, what to do — and the
 * sections other areas fill (sections.ts: this month's talk summary shared with the family). The read of archive, card and talk-summary fields is audited with the last round.
 */
import type { BindingRecord, Child, ContactCard, Pairing, SchoolClass } from '../../../typings/domain';
import type { OwnContactEntry, ParentHome, TodoItem } from '../../../typings/actions/growth';
import type { Invocation } from '../cloud';
import { AppError } from '../errors';
import { FORBIDDEN_SCOPE, ROLE_PRECEDENCE, type Principal } from '../access';
import { COLLECTION } from '../collections';
import { audit } from '../audit';
import { latestConsent } from '../consent';
import { docOf } from '../archive/store';
import { startOfBeijingMonth } from '../time';
import { myCalls } from '../familyCalls/screens';
import { familyPosts } from '../growth/feed';
import { familyExtras, familyPostView } from '../growth/views';
import { latestPhotoConsent } from '../growth/photoConsent';
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
  const [childRes, cardRes, pairingRes, consent, photoConsent, changeRes, shareRes] = await Promise.all([
    db
      .collection(COLLECTION.children)
      .where({ _id: _.in(childIds), deletedAt: null })
      .limit(100)
      .get(),
    db.collection(COLLECTION.contactCards).doc(childId).get(),
    db
      .collection(COLLECTION.pairings)
      .where({ childId, endedAt: null, kind: _.in(['mentor', 'buddy']) })
      .limit(20)
      .get(),
    latestConsent(db, childId),
    latestPhotoConsent(db, childId),
    db.collection(COLLECTION.contactChanges).where({ childId, status: 'pending' }).limit(20).get(),
    db.collection(COLLECTION.studyShares).doc(childId).get(),
  ]);
  const children = childRes.data as Child[];
  const child = children.find((c) => c._id === childId);
  if (!child) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  const card = docOf<ContactCard>(cardRes) ?? null;
  const pairings = pairingRes.data as Pairing[];
  const study = sharedExams(child, docOf<StudyShare>(shareRes) ?? null);
  const buddyIds = pairings.filter((p) => p.kind === 'buddy' && p.buddyChildId).map((p) => p.buddyChildId as string);
  const section = { db, child, now };

  const [{ posts, more }, buddyRes, clsRes, talkSummary, wishes, birthday] = await Promise.all([
    familyPosts(caller, child, undefined, HOME_POSTS),
    buddyIds.length
      ? db
          .collection(COLLECTION.children)
          .where({ _id: _.in(buddyIds), deletedAt: null })
          .field({ name: true })
          .limit(20)
          .get()
      : Promise.resolve({ data: [] }),
    db.collection(COLLECTION.classes).doc(child.classId).field({ name: true }).get(),
    HOME_SECTIONS.talkSummary(section),
    HOME_SECTIONS.wishes(section),
    HOME_SECTIONS.birthday(section),
  ]);
  // audited with the photos' round, once the talk summary is known to have been read
  const fields = [
    'name',
    ...(study.length ? ['studyRecords'] : []),
    ...(card ? ['contactCard.parents', 'contactCard.guardian'] : []),
    ...(talkSummary ? ['talks.familySummary'] : []),
  ];
  const [extras, mineCalls] = await Promise.all([
    familyExtras(db, caller.app, posts, { openid: caller.openid, childId }),
    calls,
    audit(db, { openid: caller.openid, now, action: caller.action, role }, [{ kind: 'read', schoolId: child.schoolId, childId, fields }]),
  ]);
  const nextCall = mineCalls.children.find((c) => c.childId === childId)?.next ?? null;
  const pending = (changeRes.data as ContactChange[]).map((c) => changeView(c, child.name));
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
    todo: todo(child, { consent: consent?.decision, photo: photoConsent?.decision, nextCall, card, now }),
    contact: card ? { entries: ownEntries(card, role), confirmedAt: card.confirmedAt?.toISOString() ?? null, pending } : null,
    photoConsent: photoConsent?.decision ?? 'none',
  };
}

function todo(child: Child, s: { consent?: string; photo?: string; nextCall: ParentHome['nextCall']; card: ContactCard | null; now: Date }): TodoItem[] {
  const items: TodoItem[] = [];
  if (s.consent !== 'granted') items.push({ kind: 'consent', title: '阅读并确认《儿童个人信息保护告知书》', page: 'areas/privacy/pages/consent/index' });
  if (s.nextCall && (s.nextCall.status === 'scheduled' || s.nextCall.status === 'moved'))
    items.push({ kind: 'confirmCall', title: `确认下次亲情视频（${s.nextCall.when}）`, page: `areas/family-calls/pages/next/index?id=${s.nextCall.id}` });
  if (s.card && !((s.card.confirmedAt?.getTime() ?? 0) >= startOfBeijingMonth(s.now).getTime()))
    items.push({ kind: 'contactCard', title: '看看联系卡上的电话和地址还对不对', page: contactPage(child._id) });
  if (!s.photo)
    items.push({ kind: 'photoConsent', title: '班级合影里可以出现孩子吗？请选择', page: `areas/growth/pages/photo-consent/index?childId=${child._id}` });
  return items;
}
