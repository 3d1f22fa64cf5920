/**
 * Short internal records of a child: counselling session notes (心理辅导: class teacher, subject teacher or
 * counsellor) and the mentor's growth diary (成长日记). Dated, signed, audited with the write; one note per child,
 * day and writer is kept once when the same request comes twice (its id is derived from them and the text).
 */
import type { Writer } from './writer';
import crypto from 'node:crypto';
import type { Child } from '../../../typings/domain';
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import type { Transaction } from '../cloud';
import { AppError } from '../errors';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { checkRecordDay } from './dates';
import { signerOf } from './people';
import type { CounsellingRecord, DiaryRecord } from './records';
import { counsellingView, diaryView } from './views';

const noteId = (prefix: string, childId: string, date: string, openid: string, text: string) =>
  `${prefix}_${childId}_${date.replace(/-/g, '')}_${crypto.createHash('sha256').update(`${openid}\n${text}`).digest('hex').slice(0, 12)}`;

/** Add the note unless the very same one is there; audited with it. */
async function addNote<T extends { _id: string; schoolId: string; childId: string }>(w: Writer, collection: string, note: T, what: string): Promise<void> {
  await w.db.runTransaction(async (tx: Transaction) => {
    if (docOf(await tx.collection(collection).doc(note._id).get())) throw new AppError('CONFLICT', `这条${what}已经保存过了`);
    await tx.collection(collection).add(note);
    await audit(tx, w.actor, [{ kind: 'change', schoolId: note.schoolId, childId: note.childId, fields: [collection], note: what }]);
  });
}

export async function recordCounselling(w: Writer, child: Child, input: ActionInput<'counselling.record'>): Promise<ActionOutput<'counselling.record'>> {
  checkRecordDay(input.date, child, w.now, 'date', '辅导日期');
  const counsellor = await signerOf(w.db, w.openid, { label: w.bindingLabel }, child._id);
  const note: CounsellingRecord = {
    _id: noteId('cs', child._id, input.date, w.openid, input.notes),
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    date: input.date,
    counsellorRole: input.counsellorRole,
    counsellor,
    focus: input.focus,
    notes: input.notes,
    nextSteps: input.nextSteps ?? null,
    createdAt: w.now,
  };
  await addNote(w, COLLECTION.counselling, note, '心理辅导记录');
  return counsellingView(note);
}

export async function addDiary(w: Writer, child: Child, input: ActionInput<'diary.add'>): Promise<ActionOutput<'diary.add'>> {
  checkRecordDay(input.date, child, w.now, 'date', '日记日期');
  const by = await signerOf(w.db, w.openid, { label: w.bindingLabel }, child._id);
  const entry: DiaryRecord = {
    _id: noteId('gd', child._id, input.date, w.openid, input.text),
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    date: input.date,
    text: input.text,
    by,
    createdAt: w.now,
  };
  await addNote(w, COLLECTION.growthDiary, entry, '成长日记');
  return diaryView(entry);
}
