/**
 * The school's reports: the 统计表 (counts and rates per class, or for the county per school, with the targets) as
 * xlsx, the term's 工作总结 drafted from the records for the school to edit and keep, and the year's 工作档案 as one
 * workbook. Counts only: no child's name or id is in any of them.
 */
import type { ExportOutput } from './archive';
import type { TermView } from './dashboard';

export interface SummarySection {
  /** What the section is (basics, work, rates, cases, next, or a section another area adds). */
  key: string;
  heading: string;
  text: string;
}

export interface WorkSummaryView {
  term: TermView;
  terms: TermView[];
  sections: SummarySection[];
  /** The school's saved draft (else a fresh one from the records). */
  saved: boolean;
  savedAt: string | null;
  savedBy: string | null;
  /** 0 before the first save; send it back to save. */
  version: number;
}

export interface ReportActions {
  'reports.statistics': { input: { schoolId: string; term?: string }; output: ExportOutput };
  'reports.summary': { input: { schoolId: string; term?: string; redraft?: boolean }; output: WorkSummaryView };
  'reports.saveSummary': {
    input: { schoolId: string; term: string; expectedVersion: number; sections: { key: string; heading: string; text: string }[] };
    output: { version: number; savedAt: string };
  };
  'reports.archive': { input: { schoolId: string; term?: string }; output: ExportOutput };
  'county.statistics': { input: { countyId?: string }; output: ExportOutput };
}
