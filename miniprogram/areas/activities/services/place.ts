/** The class (?classId=) or school (?schoolId=) a page of this area acts for; none: the teacher's own class. */
export type Place = { classId?: string; schoolId?: string };

export function placeOf(query: Record<string, string | undefined>): Place {
  if (query.classId) return { classId: query.classId };
  if (query.schoolId) return { schoolId: query.schoolId };
  return {};
}

/** The place as the server named it in a screen's scope. */
export const scopePlace = (scope: { classId: string | null; schoolId: string }): Place =>
  scope.classId ? { classId: scope.classId } : { schoolId: scope.schoolId };

/** The month after (or before) "2027-06". */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
