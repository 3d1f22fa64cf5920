/**
 * The child's wall (贺卡墙): the approved cards of a child's birthdays, newest first. Read by the family (孩子收到了
 * N 张生日贺卡, and the switch for classmates' reminders), the birthday child themselves (their own student account),
 * the class's shared account (when the child's birthday is announced to the class) and the school's staff (who also
 * see how many wait for them). Other students see only the cards they sent (on their home screen).
 * Also the teacher's moderation queue of a class: the cards and works that wait.
 */
import type { Child, SchoolClass } from '../../../typings/domain';
import type { QueueOutput, WallCard, WallOutput } from '../../../typings/actions/birthdays';
import type { ParentHome } from '../../../typings/actions/growth';
import type { Database } from '../cloud';
import type { Grant, Target } from '../access';
import { AppError } from '../errors';
import { COLLECTION } from '../collections';
import { beijingDate } from '../time';
import { docOf } from '../archive/store';
import { addDays, daysBetween } from '../familyCalls/clock';
import { nextBirthday, CARD_DAYS_AFTER } from '../birthdays/calendar';
import { audienceFacts, audienceOf, whereIn } from '../birthdays/audience';
import { givenName } from '../birthdays/names';
import { approvalRequired } from './moderation';
import { monthDayOf } from './cards';
import type { CornerWorkRecord, WishRecord } from './records';

const MAX_CARDS = 300;

function viewerOf(grant: Grant<Child>): WallOutput['viewer'] {
  if (grant.role === 'parent' || grant.role === 'guardian') return 'family';
  if (grant.role === 'student') return grant.binding.childId === grant.record._id ? 'child' : 'class';
  return 'staff';
}

const wallCard = (w: WishRecord): WallCard => ({
  id: w._id,
  design: w.design,
  text: w.text,
  fromLabel: w.fromLabel,
  photo: null,
  sentAt: w.createdAt.toISOString(),
});

export async function childWall(db: Database, grant: Grant<Child>, now: Date): Promise<WallOutput> {
  const child = grant.record;
  const viewer = viewerOf(grant);
  const [cards, classDoc, facts, waiting] = await Promise.all([
    db
      .collection(COLLECTION.wishes)
      .where({ childId: child._id, status: 'approved' })
      .orderBy('occurrence', 'desc')
      .orderBy('createdAt', 'desc')
      .limit(MAX_CARDS)
      .get(),
    db.collection(COLLECTION.classes).doc(child.classId).field({ name: true }).get(),
    audienceFacts(db, [child._id]).then((m) => m.get(child._id)!),
    viewer === 'staff' ? db.collection(COLLECTION.wishes).where({ childId: child._id, status: 'pending' }).count() : null,
  ]);
  const audience = audienceOf(facts.consent, facts.classmates);
  const name = viewer === 'family' || viewer === 'staff' ? child.name : givenName(child.name);
  if (viewer === 'class' && audience !== 'everyone') throw new AppError('FORBIDDEN', `现在还不能看${name}的贺卡`);
  const groups: WallOutput['groups'] = [];
  for (const w of cards.data as WishRecord[]) {
    const last = groups[groups.length - 1];
    const year = Number(w.occurrence.slice(0, 4));
    const monthDay = monthDayOf(w.occurrence);
    if (last && last.year === year && last.monthDay === monthDay) last.cards.push(wallCard(w));
    else groups.push({ year, monthDay, cards: [wallCard(w)] });
  }
  const today = beijingDate(now);
  // The birthday just past stays the one shown while cards may still come; then the next one.
  const day = audience === 'nobody' && grant.role === 'student' ? null : nextBirthday(child, addDays(today, -CARD_DAYS_AFTER));
  return {
    child: { childId: child._id, name, classId: child.classId, className: docOf<Pick<SchoolClass, 'name'>>(classDoc)?.name ?? '' },
    viewer,
    birthday: day ? { monthDay: monthDayOf(day), daysUntil: daysBetween(today, day) } : null,
    groups,
    count: groups[0]?.cards.length ?? 0,
    waiting: waiting?.total ?? 0,
    classmates: viewer === 'family' ? facts.classmates : null,
  };
}

/** The cards and works of a class that wait for the teacher, oldest first, with the class's rule. */
export async function moderationQueue(db: Database, target: Target): Promise<QueueOutput> {
  const classId = target.classId!;
  const waiting = { classId, status: 'pending' };
  const [cards, works, approval] = await Promise.all([
    db.collection(COLLECTION.wishes).where(waiting).orderBy('createdAt', 'asc').limit(200).get(),
    db.collection(COLLECTION.cornerWorks).where(waiting).orderBy('createdAt', 'asc').limit(200).get(),
    approvalRequired(db, classId),
  ]);
  const pending = cards.data as WishRecord[];
  const names = new Map(
    (
      await whereIn<Pick<Child, '_id' | 'name'>>(
        db,
        COLLECTION.children,
        '_id',
        pending.map((w) => w.childId),
        {},
        { name: true },
      )
    ).map((c) => [c._id, c.name]),
  );
  return {
    classId,
    className: target.schoolClass?.name ?? '',
    approvalRequired: approval,
    cards: pending.map((w) => ({
      id: w._id,
      childId: w.childId,
      childName: names.get(w.childId) ?? '（已离校）',
      occurrence: w.occurrence,
      design: w.design,
      text: w.text,
      fromLabel: w.fromLabel,
      flagged: w.flagged,
      sentAt: w.createdAt.toISOString(),
    })),
    works: (works.data as CornerWorkRecord[]).map((w) => ({
      id: w._id,
      kind: w.kind,
      title: w.title,
      text: w.text,
      authorLabel: w.authorLabel,
      flagged: w.flagged,
      postedAt: w.createdAt.toISOString(),
    })),
  };
}

/** How many of the latest birthday's cards the family's home quotes. */
const HOME_CARDS = 3;

/**
 * The family home's card of wishes: how many approved cards the child got for their latest birthday with cards (as
 * the wall counts them) and the newest few, who sent them and what they wrote. One read of the newest cards.
 */
export async function familyWishes(db: Database, childId: string): Promise<ParentHome['wishes']> {
  const res = await db
    .collection(COLLECTION.wishes)
    .where({ childId, status: 'approved' })
    .orderBy('occurrence', 'desc')
    .orderBy('createdAt', 'desc')
    .field({ occurrence: true, text: true, fromLabel: true, createdAt: true })
    .limit(MAX_CARDS)
    .get();
  const cards = res.data as Pick<WishRecord, 'occurrence' | 'text' | 'fromLabel' | 'createdAt'>[];
  const latest = cards.filter((w) => w.occurrence === cards[0]?.occurrence);
  return { count: latest.length, latest: latest.slice(0, HOME_CARDS).map((w) => ({ from: w.fromLabel, text: w.text, at: w.createdAt.toISOString() })) };
}
