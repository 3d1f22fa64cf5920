/** The school's classes and communities as the set-up page lists them. */
import type { ClassView, CommunityView } from '../../../../typings/actions/accounts';

/** The class form's choice of no community. */
export const NO_COMMUNITY = 'none';
const GRADE_NAMES = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The placeholder of the class name for a grade typed: 例如：三年级(1)班. */
export function namePlaceholder(grade: number): string {
  return Number.isInteger(grade) && GRADE_NAMES[grade] ? `例如：${GRADE_NAMES[grade]}年级(1)班` : '例如：三年级(2)班';
}

export interface ClassRow {
  id: string;
  name: string;
  sub: string;
  archived: boolean;
}

function gradeLabel(grade: number): string {
  return GRADE_NAMES[grade] ? `${GRADE_NAMES[grade]}年级` : `${grade}年级`;
}

function byGradeAndName(a: ClassView, b: ClassView): number {
  return a.grade - b.grade || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function classRows(classes: ClassView[], communities: CommunityView[], archived: boolean): ClassRow[] {
  const names = new Map(communities.map((c) => [c.id, c.name]));
  return classes
    .filter((c) => c.archived === archived)
    .sort(byGradeAndName)
    .map((c) => ({
      id: c.id,
      name: c.name,
      sub: `${gradeLabel(c.grade)} · ${c.communityId ? `社区/村：${names.get(c.communityId) ?? '（已不在名单中）'}` : '未关联社区/村'}`,
      archived: c.archived,
    }));
}

export function communityOptions(communities: CommunityView[]): { label: string; value: string }[] {
  return [{ label: '不关联', value: NO_COMMUNITY }, ...communities.map((c) => ({ label: c.name, value: c.id }))];
}
