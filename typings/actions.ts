/**
 * The contract between pages and the `api` function: every action's name, input and output.
 * Each area keeps its actions in its own file under typings/actions/; ActionMap joins them.
 */
import type { SystemActions } from './actions/system';
import type { AccountActions } from './actions/accounts';
import type { ArchiveActions } from './actions/archive';
import type { ChildrenActions } from './actions/children';
import type { ReminderActions } from './actions/reminders';
import type { FamilyCallActions } from './actions/familyCalls';
import type { GrowthActions } from './actions/growth';
import type { CommunityActions } from './actions/community';
import type { TalkActions } from './actions/talks';
import type { MandatoryReportActions } from './actions/mandatoryReport';
import type { BirthdayActions } from './actions/birthdays';
import type { DashboardActions } from './actions/dashboard';
import type { ActivityActions } from './actions/activities';
import type { ReportActions } from './actions/reports';
import type { WorkPlanActions } from './actions/workPlan';

export interface ActionMap
  extends
    SystemActions,
    AccountActions,
    ChildrenActions,
    ArchiveActions,
    ReminderActions,
    FamilyCallActions,
    CommunityActions,
    TalkActions,
    MandatoryReportActions,
    GrowthActions,
    BirthdayActions,
    DashboardActions,
    ActivityActions,
    ReportActions,
    WorkPlanActions {}

export type ActionName = keyof ActionMap;
export type ActionInput<A extends ActionName> = ActionMap[A]['input'];
export type ActionOutput<A extends ActionName> = ActionMap[A]['output'];
