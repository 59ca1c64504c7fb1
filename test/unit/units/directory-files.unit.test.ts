import {
  DirectoryDataSchema,
  DirectoryDocumentError,
  SHIPPED_DIRECTORIES,
  createDirectory,
} from '../../../domain/units';
import { parseDirectoryBuffer, serializeDirectory, type DirectoryFileFormat } from '../../../services/directory-files';

const small = DirectoryDataSchema.parse({
  id: 'vi-du',
  name: 'Tỉnh Ví Dụ',
  issuerNames: ['Ví Dụ'],
  issuingAuthorityId: 'vd.ubnd',
  monitoringUnitId: 'vd.so-noi-vu',
  aliasRules: [{ notKinds: ['ubnd', 'phuong-xa'], suffixes: [' tỉnh', ' tỉnh Ví Dụ'] }],
  units: [
    { id: 'vd.ubnd', name: 'UBND tỉnh Ví Dụ', kind: 'ubnd', headTitle: 'Chủ tịch UBND tỉnh', aliases: ['UBND tỉnh'] },
    {
      id: 'vd.so-noi-vu',
      name: 'Sở Nội vụ',
      kind: 'so',
      headTitle: 'Giám đốc Sở Nội vụ',
      headName: 'Nguyễn Văn A',
      headPhone: '+84 28 3829 1234',
      headChannels: { emails: ['giamdoc.snv@vidu.gov.vn'], webhooks: [] },
      channels: {
        emails: ['snv@vidu.gov.vn'],
        webhooks: [{ url: 'https://hooks.vidu.gov.vn/snv', secret: 'a-secret-of-16-chars' }],
      },
      parentId: 'vd.ubnd',
      supervisorId: 'vd.ubnd',
      aliases: ['SNV', 'Sở Nội vụ, tỉnh'],
    },
    {
      id: 'vd.px.an-binh',
      name: 'Xã An Bình',
      kind: 'phuong-xa',
      code: '29999',
      headTitle: 'Chủ tịch UBND xã An Bình',
      parentId: 'vd.ubnd',
      supervisorId: 'vd.ubnd',
      validFrom: '2025-07-01',
      note: 'ghi chú, có "ngoặc"',
    },
  ],
  groups: [
    { id: 'vd.g.xa', label: 'UBND cấp xã', kinds: ['phuong-xa'], aliases: ['UBND cấp xã', 'UBND các xã, phường'] },
    { id: 'vd.g.vague', label: 'các cơ quan liên quan', kinds: [], vague: true, aliases: ['các cơ quan liên quan'] },
  ],
});

const formats: DirectoryFileFormat[] = ['yaml', 'json', 'csv', 'xlsx'];

describe('directory file forms', () => {
  it.each(formats)(
    'given a directory, when written as %s and read back, then it is the same document',
    async (format) => {
      const bytes = await serializeDirectory(small, format);
      await expect(parseDirectoryBuffer(bytes, format, `vd.${format}`)).resolves.toEqual(small);
    },
  );

  it.each(formats)(
    'given the shipped hcm-q1 directory, when it round-trips through %s, then nothing changes',
    async (format) => {
      const doc = DirectoryDataSchema.parse(SHIPPED_DIRECTORIES[1]);
      const back = await parseDirectoryBuffer(await serializeDirectory(doc, format), format, `q1.${format}`);
      expect(back).toEqual(doc);
      expect(
        createDirectory(back).resolveMentions('Trưởng Phòng Nội vụ quận', { asOf: '2022-01-18' })[0]?.unitIds,
      ).toEqual(['hcm.q1.phong-noi-vu']);
    },
  );
});

async function refusal(text: string, format: DirectoryFileFormat, file = `bad.${format}`): Promise<string> {
  try {
    await parseDirectoryBuffer(Buffer.from(text), format, file);
  } catch (err) {
    expect(err).toBeInstanceOf(DirectoryDocumentError);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

const csvHead = `# id: vi-du
# name: Tỉnh Ví Dụ
# issuingAuthorityId: vd.ubnd
# monitoringUnitId: vd.snv
id,name,kind,parent,supervisor,head_title,emails
vd.ubnd,UBND tỉnh,ubnd,,,Chủ tịch UBND tỉnh,
`;

describe('bad directory files are refused whole, naming file, row or line and what was expected', () => {
  it.each([
    [
      'duplicate id',
      `${csvHead}vd.snv,Sở Nội vụ,so,vd.ubnd,vd.ubnd,Giám đốc,\nvd.snv,Sở Nội vụ 2,so,vd.ubnd,vd.ubnd,Giám đốc,\n`,
      /bad\.csv[\s\S]*row 8 \(column id\): duplicate id vd\.snv/,
    ],
    [
      'unknown kind',
      `${csvHead}vd.snv,Sở Nội vụ,department,vd.ubnd,vd.ubnd,Giám đốc,\n`,
      /row 7 \(column kind\): expected one of ubnd, so,/,
    ],
    [
      'malformed e-mail',
      `${csvHead}vd.snv,Sở Nội vụ,so,vd.ubnd,vd.ubnd,Giám đốc,snv(at)vidu\n`,
      /row 7 \(column emails item 1\): expected an e-mail address/,
    ],
    ['missing column', `# id: x\nid,name,head_title\nvd.a,A,B\n`, /row 2: missing columns kind/],
    ['short row', `${csvHead}vd.snv,Sở Nội vụ\n`, /row 7: expected 7 columns/],
    [
      'parent cycle',
      `${csvHead}vd.snv,Sở Nội vụ,so,vd.phong,vd.ubnd,Giám đốc,\nvd.phong,Phòng,phong,vd.snv,vd.ubnd,Trưởng phòng,\n`,
      /parent cycle: vd\.snv → vd\.phong → vd\.snv/,
    ],
    [
      'unknown parent',
      `${csvHead}vd.snv,Sở Nội vụ,so,vd.khong-co,vd.ubnd,Giám đốc,\n`,
      /row 7 \(column parent\): parent vd\.khong-co is not a unit/,
    ],
    ['missing head title', `${csvHead}vd.snv,Sở Nội vụ,so,vd.ubnd,vd.ubnd,,\n`, /row 7: missing head_title/],
  ])('given a CSV with a %s, then it is refused', async (_what, text, expected) => {
    expect(await refusal(text, 'csv')).toMatch(expected);
  });

  it('given YAML with a supervisor cycle and an unknown kind, then both are reported with their lines', async () => {
    const yaml = `id: vi-du
name: Tỉnh Ví Dụ
issuingAuthorityId: a
monitoringUnitId: a
units:
  - id: a
    name: A
    kind: ubnd
    headTitle: Chủ tịch
    supervisorId: b
  - id: b
    name: B
    kind: sở
    headTitle: Giám đốc
    supervisorId: a
`;
    const message = await refusal(yaml, 'yaml', 'vd.yaml');
    expect(message).toMatch(/vd\.yaml/);
    expect(message).toMatch(/line 13, unit 2 \(id b\), kind: expected one of/);
  });

  it('given YAML whose supervisors form a cycle, then the cycle is named', async () => {
    const yaml = `id: vi-du\nname: X\nissuingAuthorityId: a\nmonitoringUnitId: a\nunits:\n  - {id: a, name: A, kind: ubnd, headTitle: C, supervisorId: b}\n  - {id: b, name: B, kind: so, headTitle: G, supervisorId: a}\n`;
    expect(await refusal(yaml, 'yaml')).toMatch(/line 6, unit 1 \(id a\), supervisorId: supervisor cycle: a → b → a/);
  });

  it('given broken YAML, then the line of the syntax error is named', async () => {
    expect(await refusal('id: x\nunits: [\n  {id: a\n', 'yaml')).toMatch(/line \d+:/);
  });

  it('given a file that is not a workbook, then .xlsx is what was expected', async () => {
    expect(await refusal('id,name', 'xlsx')).toMatch(/expected an \.xlsx workbook/);
  });
});
