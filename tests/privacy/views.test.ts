/**
 * Masking and the per-role views, value by value: what a masked phone, ID number and address look like at every
 * length, which fields each role gets (and the audit's field list), and the history's values per role.
 */
import { maskAddress, maskIdNumber, maskPhone } from '../../cloudfunctions/core/privacy/mask';
import { applyMask, archiveView, CARD_RULES, cardView, historyValue } from '../../cloudfunctions/core/privacy/views';

describe('masks', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['0371-65432100', '0371****00'],
    ['65432100', '6543****00'],
    ['12345', '1****45'],
    ['1234', '****'],
    ['110', '****'],
    // a mobile number is exactly 1 and ten digits: with a country code or a digit too many it is masked as any number
    ['+8613812345678', '+861****78'],
    ['138123456789', '1381****89'],
  ])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  test('a missing phone stays missing', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('')).toBe('');
  });

  test.each([
    ['41010220150308123X', '410**************X'],
    ['41010220150308', '410**********8'],
    ['12345678', '123****8'],
    ['1234567', '*******'],
    ['12', '**'],
  ])('ID number %s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));

  test.each([
    ['河南省郑州市金水区青山村3号', '河南省郑州市****'],
    ['河南省郑州市', '河南****'],
    ['青山村', '青山****'],
  ])('address %s → %s', (address, masked) => expect(maskAddress(address)).toBe(masked));

  test('missing ID numbers and addresses stay missing', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
    expect(maskIdNumber('')).toBe('');
    expect(maskAddress(null)).toBeNull();
    expect(maskAddress(undefined)).toBeNull();
    expect(maskAddress('')).toBe('');
  });

  test('applyMask masks strings by kind and leaves anything else (a missing value is null)', () => {
    expect(applyMask('13812345678', 'phone')).toBe('138****5678');
    expect(applyMask('41010220150308123X', 'id')).toBe('410**************X');
    expect(applyMask('河南省郑州市金水区', 'address')).toBe('河南省郑州市****');
    expect(applyMask(42, 'phone')).toBe(42);
    expect(applyMask(undefined, 'id')).toBeNull();
    expect(applyMask(null, 'address')).toBeNull();
  });
});

describe('views', () => {
  const child = {
    _id: 'k1',
    name: '林小禾',
    gender: 'female',
    birthDate: '2017-03-08',
    classId: 'c1',
    schoolId: 's1',
    idNumber: '41010220150308123X',
    address: '青山村3组12号',
    health: '良好',
    difficulties: ['economic'],
    focusSupport: { flag: true, reason: '父母离异' },
    communityId: 'v1',
  };

  test('each role gets its fields and the audit lists them (never _id); an ID number the teacher sees masked', () => {
    const teacher = archiveView(child, 'teacher');
    expect(teacher.view.idNumber).toBe('410**************X');
    expect(teacher.fields.sort()).toEqual(
      ['name', 'gender', 'birthDate', 'classId', 'schoolId', 'idNumber', 'address', 'health', 'difficulties', 'focusSupport', 'communityId'].sort(),
    );
    expect(archiveView(child, 'parent').fields.sort()).toEqual(['name', 'gender', 'birthDate', 'classId', 'schoolId', 'idNumber', 'address', 'health'].sort());
    expect(archiveView(child, 'community').view).toEqual({
      _id: 'k1',
      name: '林小禾',
      gender: 'female',
      birthDate: '2017-03-08',
      classId: 'c1',
      schoolId: 's1',
      address: '青山村3组12号',
      difficulties: ['economic'],
      communityId: 'v1',
    });
    expect(archiveView(child, 'county')).toEqual({ view: {}, fields: [] });
  });

  test('a field the child does not have is left out; a masked field that is null is not shown at all', () => {
    const { view, fields } = archiveView({ _id: 'k2', name: '周子墨', idNumber: null }, 'teacher');
    expect(view).toEqual({ _id: 'k2', name: '周子墨' });
    expect(fields).toEqual(['name']);
    expect(archiveView({ _id: 'k2', name: '周子墨', idNumber: null }, 'admin').view).toEqual({ _id: 'k2', name: '周子墨', idNumber: null });
    expect(Object.keys(archiveView({ _id: 'k3', name: '吴星辰' }, 'teacher').view)).toEqual(['_id', 'name']);
  });

  test('the contact card: its fields in full for the roles that call, the audit names the card fields it holds', () => {
    const card = {
      parents: [{ name: '林妈妈', phone: '13812345678' }],
      guardian: null,
      version: 3,
      updatedAt: new Date(0),
      confirmedAt: new Date(0),
      secretNote: 'x',
    };
    const { view, fields } = cardView(card, 'community');
    expect(view).toEqual({ parents: [{ name: '林妈妈', phone: '13812345678' }], guardian: null, version: 3, updatedAt: new Date(0), confirmedAt: new Date(0) });
    // only what the card holds: no key for its missing parts
    expect(Object.keys(view!)).toEqual(['parents', 'guardian', 'version', 'updatedAt', 'confirmedAt']);
    expect(fields).toEqual(['contactCard.parents', 'contactCard.guardian']);
    expect(cardView(null, 'admin')).toEqual({ view: null, fields: [] });
    expect(cardView(card, 'county')).toEqual({ view: null, fields: [] });
  });

  test('a role whose card rule masks phones sees every phone masked, however deep, and nothing else changed', () => {
    const saved = CARD_RULES.parent;
    CARD_RULES.parent = { phones: 'masked' };
    try {
      const when = new Date('2027-03-01T00:00:00Z');
      const card = {
        parents: [{ name: '林妈妈', phone: '13812345678', workPhone: '0371-65432100', workCity: '13812345678' }],
        guardian: { name: '奶奶', phone: '13900001111', age: 70, workPhone: 65432100 },
        emergency: null,
        updatedAt: when,
      };
      expect(cardView(card, 'parent').view).toEqual({
        parents: [{ name: '林妈妈', phone: '138****5678', workPhone: '0371****00', workCity: '13812345678' }],
        guardian: { name: '奶奶', phone: '139****1111', age: 70, workPhone: 65432100 },
        emergency: null,
        updatedAt: when,
      });
      expect(historyValue('contactCard', 'guardian.phone', '13900001111', 'parent')).toBe('139****1111');
      expect(historyValue('contactCard', 'guardian.name', '奶奶', 'parent')).toBe('奶奶');
      expect(historyValue('contactCard', 'guardian.phone', 13900001111, 'parent')).toBe(13900001111);
    } finally {
      CARD_RULES.parent = saved;
    }
  });

  test('history values per role: shown, masked, hidden; an empty value is null for everyone', () => {
    expect(historyValue('archive', 'name', '林小禾', 'parent')).toBe('林小禾');
    expect(historyValue('archive', 'focusSupport.reason', '父母离异', 'teacher')).toBe('父母离异');
    expect(historyValue('archive', 'focusSupport.reason', '父母离异', 'parent')).toBeUndefined();
    expect(historyValue('archive', 'idNumber', '41010220150308123X', 'parent')).toBe('410**************X');
    expect(historyValue('archive', 'idNumber', '41010220150308123X', 'community')).toBeUndefined();
    expect(historyValue('archive', 'name', '林小禾', 'student')).toBeUndefined();
    expect(historyValue('archive', 'name', null, 'student')).toBeNull();
    expect(historyValue('contactCard', 'parents.0.phone', undefined, 'student')).toBeNull();
    expect(historyValue('care', 'mentor', '李老师', 'county')).toBeUndefined();
    expect(historyValue('care', 'mentor', '李老师', 'teacher')).toBe('李老师');
  });
});
