// docs/DATA.md, the export layout for the bank's IT, written from the same contract the importer
// reads (shared/datasets.ts), so the document cannot drift from what is accepted: a unit test
// compares the committed file with this function's output.
import { DATASETS, IMPORT_ORDER, type ColumnDef } from '../../../shared/datasets.js';

const TYPE_DOC: Record<ColumnDef['type'], string> = {
  text: '文本 text',
  int: '整数 integer',
  money: '金额（元）amount in 元, `1234.56` or `1,234.56`',
  decimal: '数字 number',
  date: '日期 date: `2024-07-31`, `20240731`, `2024/7/31`',
  datetime: '时间 timestamp: `2024-07-31 14:03:00`',
  enum: '枚举 enumeration',
  bool: '是/否 (Y/N, 1/0)',
  list: '以 `;` 分隔的列表 `;`-separated list',
};

function values(c: ColumnDef): string {
  if (!c.values) return '';
  return c.values.map((v) => (v.code ? `${v.label}[${v.code}]` : v.label)).join(' / ');
}

export function dataDoc(): string {
  const out: string[] = [];
  out.push(
    '# 数据导出格式 · Data export layout',
    '',
    '> 本文件由 `npm run docs:data` 根据 `shared/datasets.ts` 生成；单元测试保证两者一致。',
    '> Generated from `shared/datasets.ts` by `npm run docs:data`; a unit test keeps them in step.',
    '',
    '## 通用规则 · General rules',
    '',
    '- 每个数据集一个文件：分隔文本（`.csv` `.txt` `.tsv` `.dat`，分隔符 `,` `|` `;` 或 Tab 自动识别）或 XLSX（第一个工作表，第一行非空行为表头）；网格为 GeoJSON。',
    '  One file per dataset: delimited text (delimiter sniffed) or XLSX (first sheet, header = first non-empty row); grids are GeoJSON.',
    '- 编码 UTF-8（可带 BOM）或 GBK/GB18030，自动识别。Encoding UTF-8 (BOM optional) or GBK/GB18030, detected.',
    '- 表头可用中文名、英文键或 EAST 5.0 代码，列顺序任意；未知列另存，不影响导入。',
    '  Header cells may be the Chinese name, the English key or the EAST 5.0 code, in any order; unknown columns are kept aside.',
    '- 数据集由表头识别，而非文件名。The dataset is recognised from the header row, not the file name.',
    '- 金额单位为元，可带千分位；日期 `2024-07-31`、`20240731`、`2024/7/31`；不存在的日期（20240230）视为错误。',
    '  Amounts in 元 (thousands separators allowed); impossible dates are errors, never rolled over.',
    '- 枚举可填中文或方括号中的代码。Enumerations accept the label or the code in brackets.',
    '- 快照类数据（存款、贷款）每行带数据日期；再次导入同一日期同一业务键的行会替换原行。',
    '  Snapshot datasets carry a data date per row; rows for a date already held replace the same key.',
    '- **拒绝**：必填项为空、值无法识别、与本文件前面的行业务键重复。**警告**（仍导入）：引用未知客户/机构/员工、身份证校验位错误、手机号不是11位。',
    '  **Rejected**: a required value missing, a value that cannot be read, a key repeated within the file. **Warning** (kept): unknown customer/org/staff, wrong ID check digit, phone not 11 digits.',
    '- 卡号只保存加密散列和掩码（前6后4），从不保存全号。Card numbers are stored only as a keyed hash and a masked form.',
    '',
    `导入文件夹时的顺序 · Folder import order: ${IMPORT_ORDER.join(' → ')}`,
    '',
  );
  for (const ds of DATASETS) {
    out.push(`## ${ds.zh} · ${ds.en} (\`${ds.id}\`)`, '');
    const key = ds.key.map((k) => ds.columns.find((c) => c.key === k)?.zh ?? k).join(' + ');
    out.push(`业务键 Key: ${key}${ds.snapshot ? ' · 快照 snapshot' : ''}${ds.geojson ? ' · GeoJSON FeatureCollection (Polygon/MultiPolygon, WGS-84), 字段在 properties 中 / columns are feature properties' : ''}`, '');
    out.push('| 中文表头 | English key | EAST | 类型 Type | 必填 Required | 取值 Values |', '|---|---|---|---|---|---|');
    for (const c of ds.columns) {
      out.push(
        `| ${c.zh} | \`${c.key}\` | ${(c.east ?? []).join(' / ')} | ${TYPE_DOC[c.type]} | ${c.required ? '是 yes' : ''} | ${values(c)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
