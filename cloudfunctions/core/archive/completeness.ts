/**
 * How complete a child's archive is (缺失项 badges) and whether it counts as established (已建档) for the
 * class's archive rate (建档率 = left-behind children with an established archive / left-behind children).
 */
import type { Child, ParentContact } from '../../../typings/domain';
import type { Completeness } from '../../../typings/actions/archive';

/** What of a contact card the items look at: whether it has a parent's phone, a guardian, an emergency contact. */
export interface CardFilled {
  parents?: Pick<ParentContact, 'phone'>[];
  guardian?: object | null;
  emergency?: object | null;
}

interface Item {
  label: string;
  /** Part of what makes the archive established. */
  core: boolean;
  /** Only asked of left-behind children. */
  leftBehindOnly?: boolean;
  filled(child: Partial<Child>, card: CardFilled | null, consent: boolean): boolean;
}

const ITEMS: Item[] = [
  { label: '监护人同意', core: true, filled: (_c, _k, consent) => consent },
  { label: '家庭住址', core: true, filled: (c) => !!c.address },
  { label: '父母联系方式', core: true, filled: (_c, k) => !!k?.parents?.some((p) => p.phone) },
  { label: '监护人', core: true, leftBehindOnly: true, filled: (_c, k) => !!k?.guardian },
  { label: '紧急联系人', core: false, filled: (_c, k) => !!k?.emergency },
  { label: '身份证号', core: false, filled: (c) => !!c.idNumber },
  { label: '健康状况', core: false, filled: (c) => !!c.health },
  { label: '兴趣爱好', core: false, filled: (c) => !!c.hobbies },
  { label: '学习情况', core: false, filled: (c) => !!c.studySituation || !!c.studyRecords?.length },
  { label: '家庭情况', core: false, filled: (c) => !!c.familySituation },
];

export function completeness(child: Partial<Child>, card: CardFilled | null, consent: boolean): Completeness {
  const leftBehind = child.leftBehindType !== 'not_left_behind';
  const items = ITEMS.filter((i) => leftBehind || !i.leftBehindOnly);
  const missingItems = items.filter((i) => !i.filled(child, card, consent));
  return {
    score: Math.round(((items.length - missingItems.length) / items.length) * 100),
    archived: !missingItems.some((i) => i.core),
    missing: missingItems.map((i) => i.label),
  };
}

/** The required items (what makes the archive established) this child's archive still lacks. */
export function requiredMissing(child: Partial<Child>, card: CardFilled | null, consent: boolean): string[] {
  const leftBehind = child.leftBehindType !== 'not_left_behind';
  return ITEMS.filter((i) => i.core && (leftBehind || !i.leftBehindOnly) && !i.filled(child, card, consent)).map((i) => i.label);
}

/** 建档率 in percent, or null for a class without left-behind children. */
export function archiveRate(archived: number, leftBehind: number): number | null {
  return leftBehind === 0 ? null : Math.round((archived / leftBehind) * 1000) / 10;
}
