/** The scheduler's jobs by trigger name (config.json `triggers[].name`). */
import type { CloudApp, Database } from '../../core/cloud';

export type Job = (now: Date, db: Database, app: CloudApp) => Promise<Record<string, unknown>>;

export const jobs: Record<string, Job> = {};
