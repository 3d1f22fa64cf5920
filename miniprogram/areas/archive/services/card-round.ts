/**
 * The monthly contact-card round (联系卡月度核对): the list as the page shows it, and a card as the teacher reads it
 * out to the family.
 */
import type { ContactCardView } from '../../../../typings/actions/archive';
import type { ActionOutput } from '../../../../typings/actions';
import { beijingDateTime } from '../../../services/time';

type Round = ActionOutput<'contactCards.round'>;

export interface ClassChip {
  id: string;
  name: string;
}

export interface Row {
  childId: string;
  name: string;
  sub: string;
  hasCard: boolean;
}

export interface Confirm {
  visible: boolean;
  busy: boolean;
  childId: string;
  name: string;
  version: number;
  lines: string[];
}

export const CLOSED: Confirm = { visible: false, busy: false, childId: '', name: '', version: 0, lines: [] };

export function rows(pending: Round['pending']): Row[] {
  return pending.map((p) => ({
    childId: p.childId,
    name: p.name,
    sub: !p.hasCard ? '还没有联系卡' : p.confirmedAt ? `上次确认：${beijingDateTime(p.confirmedAt)}` : '还没有确认过',
    hasCard: p.hasCard,
  }));
}

/** A query value as the roster encoded it (some runtimes hand it over decoded already). */
export function decoded(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const percentOf = (part: number, total: number) => (total ? Math.round((part / total) * 100) : 0);

const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '—');

/** What the teacher reads out to the family: every person on the card with their phone (as the role may see it). */
export function cardLines(card: ContactCardView): string[] {
  const lines = card.parents.map((p) => `${orDash(p.relation)}：${orDash(p.name)}，电话 ${orDash(p.phone)}${p.workCity ? `，在${p.workCity}务工` : ''}`);
  if (card.guardian)
    lines.push(
      `监护人（${orDash(card.guardian.relation)}）：${orDash(card.guardian.name)}，电话 ${orDash(card.guardian.phone)}${card.guardian.address ? `，住${card.guardian.address}` : ''}`,
    );
  if (card.emergency) lines.push(`紧急联系人（${orDash(card.emergency.relation)}）：${orDash(card.emergency.name)}，电话 ${orDash(card.emergency.phone)}`);
  if (!lines.length) lines.push('联系卡上还没有联系人');
  return lines;
}
