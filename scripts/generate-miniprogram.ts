/**
 * Writes miniprogram/generated/: the runtime tables the pages share with the server (Chinese labels, who may invite
 * whom, the reminder templates), read from their one source at build time. DevTools compiles only miniprogram/, so a
 * page cannot import these from typings/ or cloudfunctions/; copying them by hand let the two drift.
 *
 * Each output file names its source and is written whole (the folder is gitignored and rebuilt by `npm run build`).
 * tests/pages/generated.test.ts checks that what is on disk is what the sources give now.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const GENERATED_DIR = path.join(root, 'miniprogram', 'generated');

interface Output {
  /** file name under miniprogram/generated/ */
  file: string;
  /** module the values are read from, relative to the repository root */
  source: string;
  /** type-only imports the annotations need, relative to miniprogram/generated/ */
  imports: string[];
  /** exported name -> its type in the generated file */
  values: Record<string, string>;
}

export const OUTPUTS: Output[] = [
  {
    file: 'roles.ts',
    source: 'typings/roles.ts',
    imports: ["import type { Role } from '../../typings/roles';"],
    values: { ROLES: 'readonly Role[]', ROLE_LABELS: 'Record<Role, string>' },
  },
  {
    file: 'archive-labels.ts',
    source: 'cloudfunctions/core/archive/labels.ts',
    imports: [
      "import type { DifficultyCategory, EnrolmentStatus, Gender, LeftBehindType, PairingKind, ProxyKind, VaccinationStatus, VulnerableCategory } from '../../typings/domain';",
    ],
    values: {
      GENDER_LABELS: 'Record<Gender, string>',
      LEFT_BEHIND_LABELS: 'Record<LeftBehindType, string>',
      DIFFICULTY_LABELS: 'Record<DifficultyCategory, string>',
      VULNERABLE_LABELS: 'Record<VulnerableCategory, string>',
      PAIRING_LABELS: 'Record<PairingKind, string>',
      PROXY_LABELS: 'Record<ProxyKind, string>',
      FIELD_LABELS: 'Record<string, string>',
      ENROLMENT_LABELS: 'Record<EnrolmentStatus, string>',
      VACCINATION_LABELS: 'Record<VaccinationStatus, string>',
    },
  },
  {
    file: 'invites.ts',
    source: 'cloudfunctions/core/invites.ts',
    imports: ["import type { Role } from '../../typings/roles';"],
    values: { MAY_INVITE: 'Record<Role, readonly Role[]>' },
  },
  {
    file: 'reminder-templates.ts',
    source: 'cloudfunctions/core/reminders/templates.ts',
    imports: ["import type { Role } from '../../typings/roles';", "import type { ReminderTemplateKey } from '../../typings/actions/reminders';"],
    values: {
      TEMPLATE_CATALOG: 'Record<ReminderTemplateKey, { title: string; description: string; fields: Record<string, string>; roles: readonly Role[] }>',
    },
  },
  {
    file: 'community-labels.ts',
    source: 'cloudfunctions/core/community/labels.ts',
    imports: ["import type { AidSource, AssistanceKind, ReliefStatus, ReportAgency, SituationChangeKind, VisitMethod } from '../../typings/domain';"],
    values: {
      METHOD_LABELS: 'Record<VisitMethod, string>',
      CHANGE_LABELS: 'Record<SituationChangeKind, string>',
      URGENT_CHANGES: 'readonly SituationChangeKind[]',
      AGENCY_LABELS: 'Record<ReportAgency, string>',
      ASSISTANCE_KIND_LABELS: 'Record<AssistanceKind, string>',
      AID_SOURCE_LABELS: 'Record<AidSource, string>',
      RELIEF_STATUS_LABELS: 'Record<ReliefStatus, string>',
    },
  },
  {
    file: 'talk-labels.ts',
    source: 'cloudfunctions/core/talks/labels.ts',
    imports: [
      "import type { ConcernTag, CounsellingFocus, CounsellorRole, PlanMeasureKind, PlanReason, ReviewOutcome, TalkerRole, TalkTopic } from '../../typings/actions/talks';",
    ],
    values: {
      TOPIC_LABELS: 'Record<TalkTopic, string>',
      CONCERN_LABELS: 'Record<ConcernTag, string>',
      PLAN_CONCERNS: 'readonly ConcernTag[]',
      ALERT_CONCERNS: 'readonly ConcernTag[]',
      PLAN_DAYS: 'number',
      TALKER_LABELS: 'Record<TalkerRole, string>',
      MOOD_SCALE: '{ value: number; label: string }[]',
      PLAN_REASON_LABELS: 'Record<PlanReason, string>',
      MEASURE_LABELS: 'Record<PlanMeasureKind, string>',
      REVIEW_LABELS: 'Record<ReviewOutcome, string>',
      COUNSELLOR_LABELS: 'Record<CounsellorRole, string>',
      FOCUS_LABELS: 'Record<CounsellingFocus, string>',
    },
  },
  {
    file: 'wish-labels.ts',
    source: 'cloudfunctions/core/wishes/labels.ts',
    imports: ["import type { CardDesign, ModerationStatus, WorkKind } from '../../typings/actions/birthdays';"],
    values: {
      CARD_DESIGNS: 'Record<CardDesign, { label: string; icon: string }>',
      WORK_KINDS: 'Record<WorkKind, string>',
      STATUS_LABELS: 'Record<ModerationStatus, string>',
      CARD_MAX_CHARS: 'number',
      WORK_TITLE_MAX_CHARS: 'number',
      WORK_MAX_CHARS: 'number',
    },
  },
  {
    file: 'activity-labels.ts',
    source: 'cloudfunctions/core/activities/labels.ts',
    imports: ["import type { ActivityKind, AttendanceStatus, HonourLevel, MeetingKind } from '../../typings/actions/activities';"],
    values: {
      ACTIVITY_KIND_LABELS: 'Record<ActivityKind, string>',
      ATTENDANCE_LABELS: 'Record<AttendanceStatus, string>',
      MEETING_KIND_LABELS: 'Record<MeetingKind, string>',
      HONOUR_LEVEL_LABELS: 'Record<HonourLevel, string>',
    },
  },
];

function render(output: Output): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(root, output.source)) as Record<string, unknown>;
  const lines = [
    `// Generated by scripts/generate-miniprogram.ts from ${output.source}: do not edit here.`,
    '// Change the source and run `npm run build`.',
    ...output.imports,
    '',
  ];
  for (const [name, type] of Object.entries(output.values)) {
    if (!(name in mod)) throw new Error(`${output.source} exports no ${name}`);
    lines.push(`export const ${name}: ${type} = ${JSON.stringify(mod[name], null, 2)};`, '');
  }
  return lines.join('\n');
}

/** Every generated file as it should be now: [absolute path, text]. */
export function generatedFiles(): [string, string][] {
  return OUTPUTS.map((o) => [path.join(GENERATED_DIR, o.file), render(o)]);
}

export function generateMiniprogram(): string[] {
  fs.rmSync(GENERATED_DIR, { recursive: true, force: true });
  fs.mkdirSync(GENERATED_DIR, { recursive: true });
  const files = generatedFiles();
  for (const [file, text] of files) fs.writeFileSync(file, text);
  return files.map(([file]) => path.relative(root, file));
}

if (require.main === module) {
  try {
    console.log(`generated ${generateMiniprogram().join(', ')}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
