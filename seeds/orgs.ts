// The org tree (总行 → 8 支行 → 2–4 分理处 each), its staff and its service grids.

import { gridSquares, pointNearCentre, randomPointIn, round6 } from './geo.js';
import type { District } from './geo.js';
import type { Bank, Grid, Staff } from './model.js';
import { address, personName, phone, TOWNS, VILLAGES } from './names.js';
import type { Rng } from './rng.js';

export const BRANCHES: readonly { id: string; name: string; district: string; weight: number; farmerShare: number }[] = [
  { id: 'QZ100', name: '鲤城支行', district: '鲤城区', weight: 10, farmerShare: 0.12 },
  { id: 'QZ200', name: '丰泽支行', district: '丰泽区', weight: 12, farmerShare: 0.15 },
  { id: 'QZ300', name: '晋江支行', district: '晋江市', weight: 20, farmerShare: 0.35 },
  { id: 'QZ400', name: '石狮支行', district: '石狮市', weight: 12, farmerShare: 0.3 },
  { id: 'QZ500', name: '南安支行', district: '南安市', weight: 16, farmerShare: 0.5 },
  { id: 'QZ600', name: '惠安支行', district: '惠安县', weight: 12, farmerShare: 0.55 },
  { id: 'QZ700', name: '安溪支行', district: '安溪县', weight: 10, farmerShare: 0.7 },
  { id: 'QZ800', name: '永春支行', district: '永春县', weight: 8, farmerShare: 0.7 },
];

export const HEAD_OFFICE = 'QZ000';

function district(bank: Bank, name: string): District {
  const d = bank.districts.get(name);
  if (!d) throw new Error(`district ${name} missing from the district file`);
  return d;
}

export function buildOrgs(bank: Bank, rng: Rng): void {
  const fz = district(bank, '丰泽区');
  const hq = pointNearCentre(rng, fz, 0.02);
  bank.orgs.push({
    id: HEAD_OFFICE, name: '泉州农村商业银行', parentId: '', level: '总行', lng: round6(hq[0]), lat: round6(hq[1]),
    address: '福建省泉州市丰泽区丰泽街451号', branchId: '', district: '丰泽区',
  });
  for (const b of BRANCHES) {
    const d = district(bank, b.district);
    const p = pointNearCentre(rng, d, 0.03);
    const towns = TOWNS[b.district];
    bank.orgs.push({
      id: b.id, name: b.name, parentId: HEAD_OFFICE, level: '支行', lng: round6(p[0]), lat: round6(p[1]),
      address: address(rng, b.district, towns[0]), branchId: b.id, district: b.district,
    });
    const subCount = rng.int(2, 4);
    const subTowns = rng.shuffle(towns.slice(1)).slice(0, subCount);
    subTowns.forEach((town, i) => {
      const q = randomPointIn(rng, d);
      bank.orgs.push({
        id: b.id.slice(0, 3) + String(i + 1).padStart(2, '0'),
        name: `${town.replace(/(街道|镇)$/, '')}分理处`, parentId: b.id, level: '分理处',
        lng: round6(q[0]), lat: round6(q[1]), address: address(rng, b.district, town), branchId: b.id, district: b.district,
      });
    });
  }
}

export function buildStaff(bank: Bank, rng: Rng): void {
  let n = 0;
  const add = (orgId: string, branchId: string, post: Staff['post']): Staff => {
    const prefix = orgId === HEAD_OFFICE ? '0' : orgId.slice(2, 3);
    const s: Staff = { id: `E${prefix}${String(++n).padStart(4, '0')}`, name: personName(rng, rng.chance(0.5)), orgId, branchId, post, phone: phone(rng) };
    bank.staff.push(s);
    return s;
  };
  add(HEAD_OFFICE, '', '行长');
  add(HEAD_OFFICE, '', '绩效专员');
  add(HEAD_OFFICE, '', '绩效专员');
  for (const b of BRANCHES) {
    const subs = bank.orgs.filter((o) => o.parentId === b.id);
    const all = [b.id, ...subs.map((o) => o.id)];
    add(b.id, b.id, '行长');
    add(b.id, b.id, '绩效专员');
    add(b.id, b.id, '金融助理');
    if (rng.chance(0.5)) add(b.id, b.id, '金融助理');
    const managers: Staff[] = [];
    for (let i = 0; i < bank.params.managersPerBranch; i++) managers.push(add(i < 2 ? b.id : rng.pick(all), b.id, '客户经理'));
    bank.managersByBranch.set(b.id, managers);
    for (const orgId of all) {
      add(orgId, b.id, '大堂经理');
      add(orgId, b.id, '柜员');
      add(orgId, b.id, '柜员');
    }
  }
}

const GRID_TYPES: readonly (readonly [Grid['type'], number])[] = [
  ['行政村', 50], ['社区', 30], ['市场', 8], ['园区', 6], ['商圈', 6],
];

export function buildGrids(bank: Bank, rng: Rng): void {
  for (const b of BRANCHES) {
    const d = district(bank, b.district);
    const managers = bank.managersByBranch.get(b.id) ?? [];
    const subs = bank.orgs.filter((o) => o.branchId === b.id);
    const squares = gridSquares(rng, d, bank.params.gridsPerBranch, bank.params.gridHalf);
    squares.forEach((square, i) => {
      const town = rng.pick(TOWNS[b.district]);
      const place = town.replace(/(街道|镇)$/, '');
      const type = rng.pickWeighted(GRID_TYPES);
      const name =
        type === '行政村' ? `${town}${rng.pick(VILLAGES)}村`
        : type === '社区' ? `${town}${rng.pick(VILLAGES)}社区`
        : type === '市场' ? `${place}农贸市场`
        : type === '园区' ? `${place}工业园区`
        : `${place}商圈`;
      const owner = managers[i % managers.length];
      bank.grids.push({
        id: `WG${b.id.slice(2, 3)}${String(i + 1).padStart(3, '0')}`,
        name: `${name}${i + 1}号网格`,
        type, orgId: rng.pick(subs).id, branchId: b.id, ownerId: owner.id, households: 0, square, town,
      });
    });
  }
}
