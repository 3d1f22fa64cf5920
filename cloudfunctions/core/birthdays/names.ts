/**
 * How a child is named to classmates: the given name (名) only, without the surname, so a card or a reminder never
 * carries more than the class already knows the child by. 林小禾 → 小禾, 欧阳子涵 → 子涵, 阿依古丽·买买提 → 阿依古丽.
 */

/** Two-character surnames (复姓) that are still given to children. */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '万俟',
  '闻人',
  '澹台',
  '申屠',
  '太史',
  '赫连',
  '拓跋',
];

const HAN_ONLY = /^\p{Script=Han}+$/u;

export function givenName(name: string): string {
  const full = (name ?? '').trim();
  // A name written with a separator (many minority names): its first part is the person's own name.
  const first = full.split(/[·•・.\s]/u)[0] || full;
  if (first !== full || !HAN_ONLY.test(full)) return first;
  const chars = [...full];
  if (chars.length <= 1) return full;
  const surname = chars.length > 2 && COMPOUND_SURNAMES.some((s) => full.startsWith(s)) ? 2 : 1;
  return chars.slice(surname).join('');
}
