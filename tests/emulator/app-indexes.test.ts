/**
 * The project's own list queries run on the indexes cloudbase/collections.json declares (the file the emulator and
 * the deploy script read): the school's filter is sought in the index and the newest-first order needs no sorting
 * step, so a page costs the same in a school of 50 records or of 500,000.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { type DatabaseService, explainQuery, openDatabase } from '../../emulator/database';
import { serveDatabase, type DatabaseHttpServer } from '../../emulator/database/http';
import { readDeclarations } from '../../emulator/database/declarations';

process.env.TENCENTCLOUD = 'true';
jest.setTimeout(60_000);

let service: DatabaseService;
let server: DatabaseHttpServer;

beforeAll(async () => {
  const declared = readDeclarations();
  service = openDatabase({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'app-indexes-')),
    collections: declared.collections,
    indexes: declared.indexes,
  } as never);
  server = await serveDatabase(service);
  const db = tcb.init({ env: 'test', secretId: 'local', secretKey: 'local', serviceUrl: server.url }).database();
  const at = (i: number) => new Date(Date.UTC(2026, 8, 1) + i * 60_000);
  await db
    .collection('auditLog')
    .add(Array.from({ length: 300 }, (_, i) => ({ schoolId: `s${i % 3}`, childId: `c${i % 30}`, openid: `o${i % 7}`, at: at(i), kind: 'read' })));
  await db
    .collection('alerts')
    .add(Array.from({ length: 300 }, (_, i) => ({ schoolId: `s${i % 3}`, childId: `c${i % 30}`, createdAt: at(i), resolvedAt: i % 4 ? null : at(i + 1) })));
  await db.collection('bindings').add(
    Array.from({ length: 300 }, (_, i) => ({
      openid: `o${i}`,
      role: ['admin', 'teacher', 'community', 'township', 'parent'][i % 5],
      schoolId: 's1',
      classId: `k${i % 10}`,
      childId: i % 2 ? `c${i}` : null,
      communityId: `v${i % 7}`,
      townshipId: `t${i % 3}`,
      revokedAt: null,
    })),
  );
  await db.collection('children').add(
    Array.from({ length: 300 }, (_, i) => ({
      schoolId: `s${i % 3}`,
      classId: `k${i % 10}`,
      name: `c${i}`,
      leftBehindType: ['both_away', 'one_away_other_unable', 'not_left_behind'][i % 3],
      deletedAt: i % 10 ? null : at(i),
    })),
  );
});

afterAll(async () => {
  await server.close();
  service.close();
});

const plan = (collection: string, filter: Record<string, unknown>, sort: Record<string, 1 | -1>) => {
  const ex = explainQuery(service, collection, filter, sort);
  return { indexes: ex.indexes, sorts: ex.plan.some((d) => /TEMP B-TREE/.test(d)) };
};

test('audit.list: the school newest first (then by id) reads its index in order', () => {
  expect(plan('auditLog', { schoolId: 's1' }, { at: -1, _id: -1 })).toEqual({ indexes: ['by_school_time_id'], sorts: false });
});

test("alerts.list: the school's open alerts, and all of them, newest first (then by id) read an index in order", () => {
  expect(plan('alerts', { schoolId: 's1', resolvedAt: null }, { createdAt: -1, _id: -1 })).toEqual({ indexes: ['by_school_open'], sorts: false });
  expect(plan('alerts', { schoolId: 's1' }, { createdAt: -1, _id: -1 })).toEqual({ indexes: ['by_school_time_id'], sorts: false });
});

test("an alert's recipients: every branch of the one read of bindings is sought in an index, none scans the collection", () => {
  const filter = {
    $and: [
      { revokedAt: null },
      {
        $or: [
          { role: 'admin', schoolId: { $in: ['s1'] } },
          { role: 'teacher', classId: { $in: ['k1'] }, childId: null },
          { role: 'teacher', childId: { $in: ['c1'] } },
          { role: 'community', communityId: { $in: ['v1'] } },
          { role: 'township', townshipId: { $in: ['t1'] } },
        ],
      },
    ],
  };
  const ex = explainQuery(service, 'bindings', filter, { _id: 1 });
  expect(ex.plan.join('\n')).not.toMatch(/^SCAN/m);
  expect(ex.plan.join('\n')).toMatch(/MULTI-INDEX OR/);
  expect(ex.indexes).toEqual(expect.arrayContaining(['by_child', 'by_class_role', 'by_community_role', 'by_township_role']));
});

// Every field of the filter is in a declared index (by_school_left_behind), so SQL answers it whole: no document is
// parsed to be tested, and a count never reads one.
test("a school's left-behind children (the family-call week and coverage) are sought in an index and filtered wholly in SQL", () => {
  const ex = explainQuery(service, 'children', { schoolId: 's1', leftBehindType: { $in: ['both_away', 'one_away_other_unable'] }, deletedAt: null });
  expect(ex.plan.join('\n')).not.toMatch(/^SCAN/m);
  expect(['by_school', 'by_school_left_behind']).toEqual(expect.arrayContaining(ex.indexes));
  expect(ex.indexes.length).toBeGreaterThan(0);
  expect(ex.exact).toBe(true);
});
