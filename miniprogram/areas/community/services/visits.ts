/**
 * Visits without signal. The form is saved on the phone as it is filled (a draft per child, wx.setStorage); 提交
 * moves it to the queue of visits waiting to be sent and tries at once; whatever could not go (no signal) goes when
 * the network returns (wx.onNetworkStatusChange) or the next time a community page opens. Each visit carries the id
 * the phone made when the form opened, so sending it again never records it twice.
 */
import type { VisitInput } from '../../../../typings/actions/community';
import { call, CallError } from '../../../services/api';
import { readOffline, removeOffline, writeOffline, writeOfflineSoon } from '../../../services/offline';

export interface QueuedVisit {
  visitId: string;
  childId: string;
  childName: string;
  input: VisitInput;
  savedAt: string;
  /** Why the server refused it (it stays until sent again or deleted); null while it only waits for signal. */
  error: string | null;
}

export interface VisitDraft<F> {
  visitId: string;
  childId: string;
  form: F;
  savedAt: string;
}

const QUEUE = 'visits.queue';
const draftName = (childId: string) => `visits.draft.${childId}`;

/** A new id for a visit (or a ledger entry), made on the phone: time and randomness, 20 characters. */
export function newPhoneId(prefix = 'v'): string {
  const random = Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
  return `${prefix}${Date.now().toString(36)}${random}`;
}

export function loadDraft<F>(childId: string): VisitDraft<F> | null {
  return readOffline<VisitDraft<F>>(draftName(childId));
}

/** Save the form as it is now: the asynchronous write does not hold up typing. */
export function saveDraft<F>(draft: VisitDraft<F>): void {
  writeOfflineSoon(draftName(draft.childId), draft);
}

export function dropDraft(childId: string): void {
  removeOffline(draftName(childId));
}

export function queued(): QueuedVisit[] {
  return readOffline<QueuedVisit[]>(QUEUE) ?? [];
}

function writeQueue(list: QueuedVisit[]): void {
  if (list.length) writeOffline(QUEUE, list);
  else removeOffline(QUEUE);
}

/** Put a finished visit in the queue (replacing an earlier copy of the same visit) and drop its draft. */
export function enqueue(visit: QueuedVisit): void {
  writeQueue([...queued().filter((q) => q.visitId !== visit.visitId), visit]);
  dropDraft(visit.childId);
}

export function discard(visitId: string): void {
  writeQueue(queued().filter((q) => q.visitId !== visitId));
}

export interface SendResult {
  sent: string[];
  /** visits still waiting (no signal, or refused) */
  waiting: number;
  /** ids of the visits sent that raised an alert */
  alerts: string[];
}

let running: Promise<SendResult> | null = null;

/** Send what waits, oldest first; stops at the first network failure. One run at a time. */
export function sendQueued(): Promise<SendResult> {
  running ??= (async () => {
    const result: SendResult = { sent: [], waiting: 0, alerts: [] };
    try {
      for (const item of queued()) {
        try {
          const res = await call('visits.record', item.input);
          result.sent.push(item.visitId);
          if (res.alertId) result.alerts.push(res.alertId);
          discard(item.visitId);
        } catch (err) {
          if (err instanceof CallError && err.code === 'NETWORK') break;
          const message = err instanceof Error ? err.message : '发送失败';
          writeQueue(queued().map((q) => (q.visitId === item.visitId ? { ...q, error: message } : q)));
        }
      }
    } finally {
      running = null;
    }
    result.waiting = queued().length;
    return result;
  })();
  return running;
}

/** Call back when the network comes back; answers the function that stops listening. */
export function whenOnline(back: () => void): () => void {
  const listener = (res: { isConnected: boolean }) => {
    if (res.isConnected) back();
  };
  wx.onNetworkStatusChange(listener);
  return () => wx.offNetworkStatusChange?.(listener as never);
}
