/**
 * Birthday cards (贺卡): a classmate, the class's shared account or a teacher writes a short text on a card design for
 * a child of the class, from a week before the birthday until a few days after it. One card per sender and birthday
 * (its id comes from both: the same card sent twice, or twice at once, is stored once; a card the teacher rejected
 * may be written again). Risky text is refused and nothing is stored; the rest shows at once or waits for the
 * teacher (./moderation.ts). Students are told only the child's given name and class.
 */
import crypto from 'node:crypto';
import type { Child, SchoolClass } from '../../../typings/domain';
import type { ComposeOutput, SendOutput, SentCardView, CardDesign } from '../../../typings/actions/birthdays';
import type { Database, Invocation, Transaction } from '../cloud';
import { isDuplicate } from '../cloud';
import type { Grant } from '../access';
import { AppError, conflict } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { beijingDate } from '../time';
import { docOf } from '../archive/store';
import { daysBetween } from '../familyCalls/clock';
import { cardOccurrence, nextBirthday } from '../birthdays/calendar';
import { audiences, type Audience } from '../birthdays/audience';
import { givenName } from '../birthdays/names';
import { approvalRequired, moderate, signerOf } from './moderation';
import { CARD_MAX_CHARS } from './labels';
import type { Signer, WishRecord } from './records';

/** The card of one sender for one birthday of one child. */
export function wishId(childId: string, occurrence: string, openid: string): string {
  return 'w' + crypto.createHash('sha256').update(`${childId}|${occurrence}|${openid}`).digest('hex').slice(0, 30);
}

export const monthDayOf = (day: string) => day.slice(5);

export function sentView(w: WishRecord, toName: string): SentCardView {
  return {
    id: w._id,
    childId: w.childId,
    toName,
    design: w.design,
    text: w.text,
    status: w.status,
    monthDay: monthDayOf(w.occurrence),
    sentAt: w.createdAt.toISOString(),
  };
}

interface CardPlace {
  child: Child;
  className: string;
  audience: Audience;
  approval: boolean;
  signer: Signer;
  /** The birthday a card written today is for; null when none is near. */
  occurrence: string | null;
  existing: WishRecord | null;
  today: string;
}

async function cardPlace(db: Database, grant: Grant<Child>, now: Date, openid: string): Promise<CardPlace> {
  const child = grant.record;
  const today = beijingDate(now);
  const occurrence = cardOccurrence(child, today);
  const classDoc = db
    .collection(COLLECTION.classes)
    .doc(child.classId)
    .field({ name: true })
    .get()
    .then((r) => docOf<Pick<SchoolClass, 'name'>>(r)?.name ?? '');
  const [className, audience, approval, existing, signer] = await Promise.all([
    classDoc,
    audiences(db, [child._id]).then((m) => m.get(child._id)!),
    approvalRequired(db, child.classId),
    occurrence
      ? db
          .collection(COLLECTION.wishes)
          .doc(wishId(child._id, occurrence, openid))
          .get()
          .then((r) => docOf<WishRecord>(r) ?? null)
      : null,
    classDoc.then((name) => signerOf(db, grant, name)),
  ]);
  return { child, className, audience, approval, signer, occurrence, existing, today };
}

/** Why this caller may not write to this child at all (the page shows it instead of the composer). */
function refusal(place: CardPlace, grant: Grant<Child>): string | null {
  const { child, audience } = place;
  const student = grant.role === 'student';
  if (student && grant.binding.childId === child._id) return '不能给自己送生日贺卡哦';
  if (audience === 'nobody' && !student) return `还没有取得${child.name}监护人的同意，不能为孩子送生日贺卡`;
  if (student && audience !== 'everyone') return `现在还不能给${givenName(child.name)}送生日贺卡`;
  return null;
}

const notYet = (name: string) => `现在不是${name}的生日：生日前一周到生日后三天可以送贺卡`;

function nameFor(child: Child, grant: Grant): string {
  return grant.role === 'student' ? givenName(child.name) : child.name;
}

/** The composer's first screen: to whom, for which birthday, how it will be signed, and the card already sent. */
export async function composeCard(ctx: Pick<Invocation, 'db' | 'now' | 'openid'>, grant: Grant<Child>): Promise<ComposeOutput> {
  const place = await cardPlace(ctx.db, grant, ctx.now, ctx.openid);
  const { child, occurrence, existing, today } = place;
  const name = nameFor(child, grant);
  const refused = refusal(place, grant);
  const day = refused ? null : (occurrence ?? nextBirthday(child, today));
  const sentAlready = !!existing && existing.status !== 'rejected';
  return {
    child: {
      childId: child._id,
      givenName: name,
      className: place.className,
      birthday: day ? { monthDay: monthDayOf(day), daysUntil: daysBetween(today, day) } : null,
    },
    sent: existing ? sentView(existing, name) : null,
    signature: place.signer.label,
    // the class's rule holds students' cards; a teacher's shows at once
    approvalRequired: place.approval && grant.role === 'student',
    maxChars: CARD_MAX_CHARS,
    canSend: !refused && !!occurrence && !sentAlready,
    reason: refused ?? (!occurrence ? notYet(name) : sentAlready ? `你已经给${name}送过生日贺卡了` : null),
  };
}

/** Store the card (a rejected one of the same sender is replaced), with its audit entry. */
async function storeCard(db: Database, record: WishRecord, actor: AuditActor, already: string): Promise<void> {
  try {
    await db.runTransaction(async (tx: Transaction) => {
      const current = docOf<WishRecord>(await tx.collection(COLLECTION.wishes).doc(record._id).get());
      if (current && current.status !== 'rejected') throw conflict(already);
      const { _id, ...rest } = record;
      if (current)
        await tx
          .collection(COLLECTION.wishes)
          .doc(_id)
          .set({ ...rest, createdAt: current.createdAt });
      else await tx.collection(COLLECTION.wishes).add(record);
      await audit(tx, actor, [{ kind: 'change', schoolId: record.schoolId, childId: record.childId, fields: ['wishes'], note: '送生日贺卡' }]);
    });
  } catch (err) {
    if (isDuplicate(err)) throw conflict(already);
    throw err;
  }
}

export async function sendCard(
  ctx: Pick<Invocation, 'db' | 'app' | 'now' | 'openid'>,
  grant: Grant<Child>,
  input: { design: CardDesign; text: string },
  actor: AuditActor,
): Promise<SendOutput> {
  const place = await cardPlace(ctx.db, grant, ctx.now, ctx.openid);
  const refused = refusal(place, grant);
  if (refused) throw new AppError('FORBIDDEN', refused);
  const { child, occurrence } = place;
  const name = nameFor(child, grant);
  if (!occurrence) throw conflict(notYet(name));
  const already = `你已经给${name}送过生日贺卡了`;
  if (place.existing && place.existing.status !== 'rejected') throw conflict(already);
  const { status, flagged } = await moderate(ctx.app, place.signer, input.text, place.approval);
  const record: WishRecord = {
    _id: wishId(child._id, occurrence, ctx.openid),
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    occurrence,
    design: input.design,
    text: input.text,
    photo: null,
    fromOpenid: place.signer.openid,
    fromBindingId: place.signer.bindingId,
    fromRole: place.signer.role,
    fromLabel: place.signer.label,
    status,
    flagged,
    reviewedAt: null,
    reviewedBy: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await storeCard(ctx.db, record, actor, already);
  const visible = status === 'approved';
  return {
    card: sentView(record, name),
    visible,
    message: visible ? `贺卡已送给${name}` : `贺卡已交给老师，老师看过后${name}就能看到`,
  };
}
