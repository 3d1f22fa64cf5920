/** The pages reminders open (mini-program paths without the leading slash, as miniprogram/services/routes.ts has them). */
export const composePage = (childId: string) => `areas/birthdays/pages/compose/index?childId=${childId}`;
export const wallPage = (childId: string) => `areas/birthdays/pages/wall/index?childId=${childId}`;
export const teacherPage = (classId: string) => `areas/birthdays/pages/teacher/index?classId=${classId}`;
