/**
 * Writing reminders: each one becomes an inbox entry and an outbox entry under one deterministic id, so a job run
 * twice, or two runs at once, stores it once (the database refuses a second document with the same _id).
 */
import crypto from 'node:crypto';
import { isDuplicate, type Database } from '../cloud';
import { COLLECTION } from '../collections';
import { TEMPLATE_CATALOG } from './templates';
import { hasWhen, WHEN } from './when';
import type { InboxEntry, OutboxEntry, ReminderDraft } from './types';

/** kind|subject|occurrence|to: what makes two reminders the same one. */
export function reminderKey(d: Pick<ReminderDraft, 'kind' | 'subject' | 'occurrence' | 'to'>): string {
  return [d.kind, d.subject, d.occurrence, d.to].join('|');
}

/** The document id of a key: a hash, so it is short and a safe id whatever the key holds. */
export function reminderId(key: string): string {
  return 'rm' + crypto.createHash('sha256').update(key).digest('hex').slice(0, 30);
}

/** Rows per database write: far below the request size limit, and few requests per thousand reminders. */
const CHUNK = 500;

function check(d: ReminderDraft): void {
  const missing = (['kind', 'to', 'role', 'subject', 'occurrence', 'title', 'page'] as const).filter((k) => !d[k]);
  if (missing.length) throw new Error(`reminder ${d.kind ?? '?'} lacks ${missing.join(', ')}`);
  if (!(d.template in TEMPLATE_CATALOG)) throw new Error(`reminder ${d.kind}: unknown template ${d.template}`);
  if (d.page.startsWith('/')) throw new Error(`reminder ${d.kind}: page must not start with "/" (${d.page})`);
  const saysWhen = [d.title, d.body, ...Object.values(d.fields)].some((v) => typeof v === 'string' && hasWhen(v));
  if (saysWhen && !d.when) throw new Error(`reminder ${d.kind}: ${WHEN} in its text but no \`when\``);
}

/**
 * Add documents, tolerating ones that exist already: one batch write, and only if a concurrent run got some of
 * them in first, one write per document (skipping the duplicates). Returns the ids this call wrote.
 */
async function addAll(db: Database, collection: string, docs: { _id: string }[]): Promise<Set<string>> {
  const written = new Set<string>();
  if (!docs.length) return written;
  try {
    await db.collection(collection).add(docs);
    for (const d of docs) written.add(d._id);
    return written;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
  }
  for (const d of docs) {
    try {
      await db.collection(collection).add(d);
      written.add(d._id);
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  }
  return written;
}

export interface EnqueueResult {
  /** Reminders written by this call. */
  created: number;
  /** Reminders that were there already (an earlier or concurrent run). */
  existing: number;
}

function entries(d: ReminderDraft, now: Date): { outbox: OutboxEntry; inbox: InboxEntry } {
  const key = reminderKey(d);
  const _id = reminderId(key);
  const at = d.at ?? now;
  const schoolId = d.schoolId ?? null;
  const childId = d.childId ?? null;
  const when = d.when ?? null;
  return {
    inbox: {
      _id,
      to: d.to,
      kind: d.kind,
      title: d.title,
      body: d.body,
      page: d.page,
      when,
      visibleAt: at,
      readAt: null,
      createdAt: now,
      schoolId,
      childId,
    },
    outbox: {
      _id,
      key,
      kind: d.kind,
      to: d.to,
      role: d.role,
      subject: d.subject,
      occurrence: d.occurrence,
      template: d.template,
      // The WeChat message's title is the inbox entry's: the two never say different things.
      fields: { ...d.fields, title: d.title },
      title: d.title,
      body: d.body,
      page: d.page,
      schoolId,
      childId,
      when,
      status: 'pending',
      dueAt: at,
      createdAt: now,
      attempts: 0,
      claimId: null,
      claimedAt: null,
      attemptedAt: null,
      lastErrcode: null,
      lastError: null,
      skipReason: null,
      deferredUntil: null,
      sentAt: null,
      finishedAt: null,
    },
  };
}

/**
 * Store reminders (any number; written in chunks). Per chunk: one read of which ids exist, one batch write to the
 * inbox, one to the outbox. The inbox goes first: a run interrupted between the two writes leaves no outbox entry,
 * so the next run writes both (the inbox duplicates are skipped).
 */
export async function enqueue(db: Database, drafts: ReminderDraft[], now: Date): Promise<EnqueueResult> {
  const _ = db.command;
  const result: EnqueueResult = { created: 0, existing: 0 };
  const byId = new Map<string, { outbox: OutboxEntry; inbox: InboxEntry }>();
  for (const d of drafts) {
    check(d);
    const e = entries(d, now);
    if (byId.has(e.outbox._id)) result.existing++;
    else byId.set(e.outbox._id, e);
  }
  const all = [...byId.values()];
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    const ids = chunk.map((e) => e.outbox._id);
    const res = await db
      .collection(COLLECTION.outbox)
      .where({ _id: _.in(ids) })
      .field({ _id: true })
      .limit(1000)
      .get();
    const present = new Set((res.data as { _id: string }[]).map((r) => r._id));
    const fresh = chunk.filter((e) => !present.has(e.outbox._id));
    result.existing += chunk.length - fresh.length;
    await addAll(
      db,
      COLLECTION.inbox,
      fresh.map((e) => e.inbox),
    );
    const written = await addAll(
      db,
      COLLECTION.outbox,
      fresh.map((e) => e.outbox),
    );
    result.created += written.size;
    result.existing += fresh.length - written.size;
  }
  return result;
}
