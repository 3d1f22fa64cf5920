/**
 * Every collection and its indexes, declared once. The emulator turns the indexes into SQLite expression
 * indexes; the deploy script creates them in CloudBase.
 */
export interface IndexDeclaration {
  collection: string;
  name: string;
  /** Field paths (dot notation) with direction. */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  /** What the collection holds, for the deploy dry run and the next engineer. */
  purpose: string;
  /** The field naming the child a document belongs to: drives export and deletion of a child's data. */
  childKey?: string;
  indexes: Omit<IndexDeclaration, 'collection'>[];
}

export const COLLECTIONS: CollectionDeclaration[] = [
  { name: 'schools', purpose: '学校', indexes: [] },
  {
    name: 'classes',
    purpose: '班级（年级、班名、所属社区）',
    indexes: [{ name: 'by_school', keys: { schoolId: 1, grade: 1 } }],
  },
  { name: 'communities', purpose: '社区/村', indexes: [{ name: 'by_school', keys: { schoolId: 1 } }] },
  {
    name: 'children',
    purpose: '儿童及其档案（敏感个人信息）',
    childKey: '_id',
    indexes: [
      { name: 'by_class', keys: { classId: 1, name: 1 } },
      { name: 'by_school', keys: { schoolId: 1 } },
      { name: 'by_community', keys: { communityId: 1 } },
    ],
  },
  {
    name: 'users',
    purpose: '每个微信用户一条（_id = OPENID）：昵称、创建时间',
    indexes: [],
  },
  {
    name: 'bindings',
    purpose: '身份绑定：某人在某范围（学校/班级/儿童/社区）内的角色',
    childKey: 'childId',
    indexes: [
      { name: 'by_openid', keys: { openid: 1 } },
      { name: 'by_school_role', keys: { schoolId: 1, role: 1 } },
      { name: 'by_class_role', keys: { classId: 1, role: 1 } },
      { name: 'by_child', keys: { childId: 1 } },
    ],
  },
  { name: 'settings', purpose: '部署级设置（初始化码的哈希等）', indexes: [] },
  {
    name: 'invites',
    purpose: '邀请码（只存哈希）：角色、范围、有效期、使用与撤销',
    childKey: 'childId',
    indexes: [
      { name: 'code_unique', keys: { codeHash: 1 }, unique: true },
      { name: 'by_school', keys: { schoolId: 1, createdAt: -1 } },
      { name: 'by_class', keys: { classId: 1 } },
    ],
  },
  { name: 'redeemAttempts', purpose: '邀请码/初始化码猜测次数（按 OPENID 限流）', indexes: [] },
  {
    name: 'auditLog',
    purpose: '审计日志：谁在何时以何操作读取或修改了哪个儿童的哪些字段',
    indexes: [
      { name: 'by_school_time', keys: { schoolId: 1, at: -1 } },
      { name: 'by_child_time', keys: { childId: 1, at: -1 } },
      { name: 'by_openid_time', keys: { openid: 1, at: -1 } },
    ],
  },
  {
    name: 'consents',
    purpose: '监护人知情同意记录（同意或拒绝、隐私告知版本、时间）',
    childKey: 'childId',
    indexes: [{ name: 'by_child_time', keys: { childId: 1, at: -1 } }],
  },
  {
    name: 'rooms',
    purpose: '关爱室及其设备（视频通话点）',
    indexes: [{ name: 'by_school', keys: { schoolId: 1 } }],
  },
];

export function indexDeclarations(): IndexDeclaration[] {
  return COLLECTIONS.flatMap((c) => c.indexes.map((i) => ({ ...i, collection: c.name })));
}

export function collectionNames(): string[] {
  return COLLECTIONS.map((c) => c.name);
}

/** Collections that hold a child's data, with the field that names the child. */
export function childDataCollections(): { name: string; childKey: string }[] {
  return COLLECTIONS.filter((c) => c.childKey).map((c) => ({ name: c.name, childKey: c.childKey as string }));
}
