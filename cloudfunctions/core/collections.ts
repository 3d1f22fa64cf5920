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
  // ── family calls (亲情视频, 亲情电话; issue #6) ──
  { name: 'schoolCalendars', purpose: '校历（_id = 学校ID）：学期、放假日期、调休上班日', indexes: [] },
  {
    name: 'familyCallSeries',
    purpose: '每周亲情视频的预约（星期、时间、时长、设备、家长），每周一次通话另存一条',
    childKey: 'childId',
    indexes: [{ name: 'by_child', keys: { childId: 1 } }],
  },
  {
    name: 'familyCalls',
    purpose: '每一次亲情视频（_id = 预约ID-周次）：时间、状态（已安排/已改期/家长已确认/已完成/未接通/已取消）、结果与改期申请',
    childKey: 'childId',
    indexes: [
      { name: 'by_class_start', keys: { classId: 1, startsAt: 1 } },
      { name: 'by_school_start', keys: { schoolId: 1, startsAt: 1 } },
      { name: 'by_child_start', keys: { childId: 1, startsAt: 1 } },
      { name: 'by_device_start', keys: { deviceId: 1, startsAt: 1 } },
      { name: 'by_series_week', keys: { seriesId: 1, weekKey: 1 } },
      { name: 'by_start', keys: { startsAt: 1 } },
    ],
  },
  {
    name: 'slotLocks',
    purpose: '通话占用的每一刻钟（_id = 设备或儿童+时刻），数据库拒绝重复 _id，同一时段不会被预约两次',
    childKey: 'childId',
    indexes: [
      { name: 'by_occurrence', keys: { occurrenceId: 1 } },
      { name: 'by_child', keys: { childId: 1 } },
    ],
  },
  {
    name: 'callAvailability',
    purpose: '家长可以接听视频的时间（上班班次之外），每位家长每个孩子一条',
    childKey: 'childId',
    indexes: [{ name: 'by_child', keys: { childId: 1 } }],
  },
  {
    name: 'phoneCalls',
    purpose: '亲情电话记录：班级亲情电话的通话（谁、何时、多长、备注）',
    childKey: 'childId',
    indexes: [
      { name: 'by_class_time', keys: { classId: 1, at: 1 } },
      { name: 'by_school_time', keys: { schoolId: 1, at: 1 } },
      { name: 'by_child_time', keys: { childId: 1, at: 1 } },
    ],
  },
  // ── archive, contact card, care network (建档, 联系卡, 结对帮扶) ──
  {
    name: 'contactCards',
    purpose: '联系卡（_id = 儿童ID）：父母及务工单位、监护人、紧急联系人；版本与每月信息确认',
    childKey: 'childId',
    indexes: [
      { name: 'by_class', keys: { classId: 1 } },
      { name: 'by_school', keys: { schoolId: 1 } },
    ],
  },
  {
    name: 'archiveHistory',
    purpose: '档案、联系卡、结对的每次修改（版本、谁、何时、字段级差异）',
    childKey: 'childId',
    indexes: [{ name: 'by_child_time', keys: { childId: 1, at: -1 } }],
  },
  {
    name: 'pairings',
    purpose: '结对帮扶：帮扶教师、手拉手好朋友、代理家长/爱心妈妈/临时爸爸，含起止日期',
    childKey: 'childId',
    indexes: [
      { name: 'by_child', keys: { childId: 1, endedAt: 1 } },
      { name: 'by_class', keys: { classId: 1, endedAt: 1 } },
      { name: 'by_school', keys: { schoolId: 1, endedAt: 1 } },
      { name: 'by_buddy', keys: { buddyChildId: 1 } },
    ],
  },
  {
    name: 'alerts',
    purpose: '需管理员处理的预警（如不满16周岁儿童无有照护能力的监护人）及处理结果',
    childKey: 'childId',
    indexes: [
      { name: 'by_school_time', keys: { schoolId: 1, createdAt: -1 } },
      { name: 'by_child_kind', keys: { childId: 1, kind: 1 } },
    ],
  },
  {
    name: 'importBatches',
    purpose: '花名册导入批次：上传、预览、确认导入的状态（确认后才写入儿童档案）',
    indexes: [
      { name: 'by_school_time', keys: { schoolId: 1, createdAt: -1 } },
      { name: 'by_status_expiry', keys: { status: 1, expiresAt: 1 } },
    ],
  },
  {
    name: 'importChunks',
    purpose: '导入文件的分片（临时，导入完成或过期后删除）',
    indexes: [
      { name: 'by_batch', keys: { batchId: 1, seq: 1 } },
      { name: 'by_expiry', keys: { expiresAt: 1 } },
    ],
  },
  {
    name: 'exportChunks',
    purpose: '导出文件的分片（临时，仅导出人可取，过期后删除）',
    indexes: [
      { name: 'by_export', keys: { exportId: 1, seq: 1 } },
      { name: 'by_expiry', keys: { expiresAt: 1 } },
    ],
  },
  {
    name: 'outbox',
    purpose: '提醒发件箱：每条提醒一条（_id 由 类型+对象+场次+接收人 决定，重复运行不会重复），微信订阅消息的发送状态、重试与错误码',
    childKey: 'childId',
    indexes: [
      { name: 'by_status_due', keys: { status: 1, dueAt: 1 } },
      { name: 'by_to_time', keys: { to: 1, createdAt: -1 } },
      { name: 'by_school_due', keys: { schoolId: 1, dueAt: -1 } },
      { name: 'by_claim', keys: { claimId: 1 } },
      { name: 'by_subject', keys: { subject: 1, status: 1 } },
    ],
  },
  {
    name: 'inbox',
    purpose: '消息中心：每人收到的提醒（已读/未读），与发件箱同 _id，不依赖订阅授权',
    childKey: 'childId',
    indexes: [
      { name: 'by_to_visible', keys: { to: 1, visibleAt: -1 } },
      { name: 'by_to_unread', keys: { to: 1, readAt: 1 } },
    ],
  },
  {
    name: 'subscriptions',
    purpose: '订阅消息授权：每人每个模板剩余可发送次数（一次性订阅）或长期订阅（_id = 模板-OPENID）',
    indexes: [{ name: 'by_openid', keys: { openid: 1 } }],
  },
  { name: 'jobState', purpose: '定时任务进度：每种周期上次处理到的时间（_id = 周期名）', indexes: [] },
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
