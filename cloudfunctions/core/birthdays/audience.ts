/**
 * Who may hear of a child's birthday:
 *   everyone  a guardian consented: the buddies, the classmates who asked for reminders, the teacher;
 *   teacher   the family switched classmates' reminders off: only the teacher is told;
 *   nobody    no guardian consent (none, or a refusal): the birthday is never announced, to anyone.
 * Every child with consent is celebrated alike: nothing tells classmates who is left behind.
 */
import type { Database } from '../cloud';
import type { ConsentRecord } from '../consent';
import { COLLECTION, type CollectionName } from '../collections';
import { fetchAll } from '../archive/store';
import type { BirthdayChoiceRecord } from './records';

export type Audience = 'everyone' | 'teacher' | 'nobody';

const ID_CHUNK = 500;

/** The documents of `collection` whose `key` is one of `ids` (500 ids per query, every page of 1000). */
export async function whereIn<T>(
  db: Database,
  collection: CollectionName,
  key: string,
  ids: string[],
  extra: Record<string, unknown> = {},
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const _ = db.command;
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += ID_CHUNK) chunks.push(unique.slice(i, i + ID_CHUNK));
  const parts = await Promise.all(
    chunks.map((part) =>
      fetchAll<T>((skip) => {
        let query = db.collection(collection).where({ [key]: _.in(part), ...extra });
        if (fields) query = query.field(fields);
        return query.orderBy('_id', 'asc').skip(skip).limit(1000).get();
      }),
    ),
  );
  return parts.flat();
}

export function audienceOf(consent: ConsentRecord['decision'] | null, classmates: boolean): Audience {
  if (consent !== 'granted') return 'nobody';
  return classmates ? 'everyone' : 'teacher';
}

/** What decides each child's audience: the latest consent and the family's choice (two queries per 500 children). */
export async function audienceFacts(
  db: Database,
  childIds: string[],
): Promise<Map<string, { consent: ConsentRecord['decision'] | null; classmates: boolean }>> {
  const [consents, choices] = await Promise.all([
    whereIn<Pick<ConsentRecord, 'childId' | 'decision' | 'at'>>(db, COLLECTION.consents, 'childId', childIds, {}, { childId: true, decision: true, at: true }),
    whereIn<BirthdayChoiceRecord>(db, COLLECTION.birthdayChoices, '_id', childIds),
  ]);
  const latest = new Map<string, Pick<ConsentRecord, 'decision' | 'at'>>();
  for (const c of consents) if (!latest.has(c.childId) || latest.get(c.childId)!.at < c.at) latest.set(c.childId, c);
  const classmates = new Map(choices.map((c) => [c._id, c.classmates]));
  return new Map(childIds.map((id) => [id, { consent: latest.get(id)?.decision ?? null, classmates: classmates.get(id) ?? true }]));
}

export async function audiences(db: Database, childIds: string[]): Promise<Map<string, Audience>> {
  const facts = await audienceFacts(db, childIds);
  return new Map([...facts].map(([id, f]) => [id, audienceOf(f.consent, f.classmates)]));
}
