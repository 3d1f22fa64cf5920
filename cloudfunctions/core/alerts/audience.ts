/**
 * Who may see an alert. Most alerts are for whoever's role reaches the child (the router's scope rules); a
 * restricted one (`audience`, e.g. a suspected harm found in a talk) only for the school's admins and the people it
 * names. Every list that shows alerts filters them through here.
 */
import type { AlertRecord, BindingRecord } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';

export interface AlertViewer {
  role: Role;
  openid: string;
}

export function maySeeAlert(alert: Pick<AlertRecord, 'audience'>, viewer: AlertViewer): boolean {
  if (!alert.audience) return true;
  return viewer.role === 'admin' || alert.audience.includes(viewer.openid);
}

export function visibleAlerts<A extends Pick<AlertRecord, 'audience'>>(alerts: A[], viewer: AlertViewer): A[] {
  return alerts.filter((a) => maySeeAlert(a, viewer));
}

/**
 * Who records and reads an alert's mandatory report (强制报告): whoever may see the alert, except a teacher who is
 * neither the child's mentor (帮扶教师) nor named by the alert: a class teacher tells the admin.
 */
export function mayReport(
  alert: Pick<AlertRecord, 'audience' | 'childId'>,
  viewer: AlertViewer & { bindings: Pick<BindingRecord, 'role' | 'childId'>[] },
): boolean {
  if (!maySeeAlert(alert, viewer)) return false;
  if (viewer.role !== 'teacher' || alert.audience?.includes(viewer.openid)) return true;
  return !!alert.childId && viewer.bindings.some((b) => b.role === 'teacher' && b.childId === alert.childId);
}

/** The refusal of a restricted alert to someone it does not name (a check of the alert scope, core/scopes.ts). */
export const NOT_IN_AUDIENCE = '该预警仅管理员和孩子的帮扶教师可以查看';
