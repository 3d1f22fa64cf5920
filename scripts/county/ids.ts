/**
 * The county dataset's ids (scripts/seed-county.ts writes them, the bench opens its screens with them): the same
 * numbering whatever the size, so school 1's first class (60 children) is the class the bench opens.
 */
export const COUNTY = { schools: 50, children: 100_000, classSize: 50, firstClassSize: 60, weeks: 20 };

/** The last day of the term the dataset holds (Beijing); the bench's calls are made at it. */
export const TERM_END = '2027-01-08';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface CountyClass {
  id: string;
  n: number;
  school: number;
  first: number;
  size: number;
  communityId: string;
  teacherOpenid: string;
  studentOpenid: string;
  communityOpenid: string;
}

export function countyIds(children: number) {
  const classCount = Math.max(COUNTY.schools, Math.round(children / COUNTY.classSize));
  const perSchool = Math.ceil(classCount / COUNTY.schools);
  const schools = Array.from({ length: COUNTY.schools }, (_, s) => ({
    n: s + 1,
    id: `county-school-${pad(s + 1, 2)}`,
    townshipId: `county-township-${pad(s + 1, 2)}`,
    adminOpenid: `county-admin-${pad(s + 1, 2)}`,
    townshipOpenid: `county-township-${pad(s + 1, 2)}`,
  }));
  const classes: CountyClass[] = [];
  let first = 0;
  for (let c = 0; c < classCount && first < children; c++) {
    // each school's first class has 60, the class after it 40: the bench's class of 60
    const inSchool = c % perSchool;
    const size = Math.min(
      children - first,
      inSchool === 0 ? COUNTY.firstClassSize : inSchool === 1 ? 2 * COUNTY.classSize - COUNTY.firstClassSize : COUNTY.classSize,
    );
    const n = c + 1;
    // two classes share a community (the village they come from)
    const community = n % 2 === 1 ? n : n - 1;
    classes.push({
      id: `county-class-${pad(n, 4)}`,
      n,
      school: Math.floor(c / perSchool) % COUNTY.schools,
      first,
      size,
      communityId: `county-community-${pad(community, 4)}`,
      teacherOpenid: `county-teacher-${pad(n, 4)}`,
      studentOpenid: `county-student-${pad(n, 4)}`,
      communityOpenid: `county-community-${pad(community, 4)}`,
    });
    first += size;
  }
  return {
    schools,
    classes,
    child: (i: number) => `county-child-${pad(i + 1, 6)}`,
    parentOpenid: (i: number) => `county-parent-${pad(i + 1, 6)}`,
    guardianOpenid: (i: number) => `county-guardian-${pad(i + 1, 6)}`,
  };
}
