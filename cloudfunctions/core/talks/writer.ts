/** Who writes or reads a care record, as the talk area's services take it from a handler's context. */
import type { Role } from '../../../typings/roles';
import type { CloudApp, Database } from '../cloud';
import { actorOf, type AuditActor } from '../audit';
import type { Binding } from '../access';

export interface Writer {
  db: Database;
  app: CloudApp;
  openid: string;
  now: Date;
  actor: AuditActor;
  /** The caller's binding label (the name they sign with when they have no nickname). */
  bindingLabel: string;
}

export interface Viewer {
  openid: string;
  role: Role;
  actor: AuditActor;
  binding: Binding;
}

interface Ctx {
  db: Database;
  app: CloudApp;
  openid: string;
  now: Date;
  action: string;
  grant: { role: Role; binding: Binding };
}

export const writerOf = (ctx: Ctx): Writer => ({
  db: ctx.db,
  app: ctx.app,
  openid: ctx.openid,
  now: ctx.now,
  actor: actorOf(ctx),
  bindingLabel: ctx.grant.binding.label,
});

export const viewerOf = (ctx: Ctx): Viewer => ({ openid: ctx.openid, role: ctx.grant.role, actor: actorOf(ctx), binding: ctx.grant.binding });
