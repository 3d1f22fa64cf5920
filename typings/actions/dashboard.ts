/**
 * The school's and the county's view: live rates per class and school for a term (建档率, 入学率, 巩固率,
 * 计划免疫接种率, 家长家教知识普及率, 结对帮扶, 每周亲情联系, 每月谈心, 儿童主任入户走访), each against its target, with the trend by month
 * and the children behind each (staff only). The county sees counts per school and no child.
 */
export type RateKey = 'archive' | 'enrolment' | 'retention' | 'vaccination' | 'parentEducation' | 'pairing' | 'contact' | 'talks' | 'visits';

export interface RateView {
  key: RateKey;
  label: string;
  /** What is counted, in words: "档案完整的留守儿童 / 留守儿童". */
  basis: string;
  numerator: number;
  denominator: number;
  /** Percent with one decimal; null when nobody is counted. */
  rate: number | null;
  /** Percent. */
  target: number;
  /** null when nobody is counted. */
  met: boolean | null;
}

/**
 * A row's counts per rate (a class of the school, a school of the county), the numbers only: each rate's label,
 * basis and target are the view's own `rates` / `totals`, sent once rather than on every row; the page works each
 * rate's percent and whether it meets its target out from them (miniprogram/areas/dashboard/services/rates.ts).
 */
export type RateCounts = Record<RateKey, { numerator: number; denominator: number }>;

export interface TermView {
  name: string;
  start: string;
  end: string;
}

export interface TrendView {
  /** YYYY-MM of the term's months so far. */
  months: string[];
  /** Per rate, the school's rate at the end of each month (the current month: now); null where nothing was kept. */
  series: { key: RateKey; values: (number | null)[] }[];
}

export interface SchoolDashboard {
  scope: { kind: 'school' | 'class'; schoolId: string; classId: string | null; name: string };
  term: TermView;
  /** The terms of the school calendar (to switch). */
  terms: TermView[];
  /** The day the rates stand at (today, or the term's last day once it is over). */
  asOf: string;
  /** When the counts were made (ISO) if they are the school's kept counts (this morning's, or the last recount); null = counted just now. */
  countedAt: string | null;
  rates: RateView[];
  /** The school's classes with their counts (a school only). */
  classes: { classId: string; name: string; counts: RateCounts }[];
  trend: TrendView;
  /** Rates not counted yet, and why. */
  notes: string[];
  /** May the caller open the children behind a rate (staff; the county stops at the school)? */
  drillDown: boolean;
}

export interface RateChild {
  childId: string;
  name: string;
  className: string;
  /** Counted in the numerator. */
  counted: boolean;
  /** Why (not) counted: 缺：家庭住址 / 辍学 / 已谈心. */
  note: string;
}

export interface SchoolRow {
  schoolId: string;
  name: string;
  leftBehind: number;
  counts: RateCounts;
  /** When the figures were counted (ISO): the school's kept counts, made each morning; null = counted just now. */
  countedAt: string | null;
}

export interface CountyDashboard {
  county: { countyId: string; name: string };
  asOf: string;
  schools: SchoolRow[];
  /** All the county's schools together. */
  totals: RateView[];
}

/** A class or a school: exactly one. */
type Place = { classId?: string; schoolId?: string };

export interface DashboardActions {
  'dashboard.school': { input: Place & { term?: string; recount?: boolean }; output: SchoolDashboard };
  'dashboard.children': {
    input: Place & { rate: RateKey; term?: string };
    output: { scopeName: string; term: TermView; rate: RateView; children: RateChild[] };
  };
  'county.dashboard': { input: { countyId?: string }; output: CountyDashboard };
  'county.createSchool': { input: { countyId: string; name: string }; output: { schoolId: string; name: string } };
}
