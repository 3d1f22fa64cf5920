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
  indexes: Omit<IndexDeclaration, 'collection'>[];
}

export const COLLECTIONS: CollectionDeclaration[] = [
  {
    name: 'users',
    purpose: '每个微信用户（OPENID）一条：昵称、创建时间',
    indexes: [{ name: 'openid_unique', keys: { openid: 1 }, unique: true }],
  },
  {
    name: 'bindings',
    purpose: '身份绑定：某人在某范围（学校/班级/儿童/社区）内的角色',
    indexes: [
      { name: 'by_openid', keys: { openid: 1 } },
      { name: 'by_class_role', keys: { classId: 1, role: 1 } },
      { name: 'by_child', keys: { childId: 1 } },
    ],
  },
];

export function indexDeclarations(): IndexDeclaration[] {
  return COLLECTIONS.flatMap((c) => c.indexes.map((i) => ({ ...i, collection: c.name })));
}

export function collectionNames(): string[] {
  return COLLECTIONS.map((c) => c.name);
}
