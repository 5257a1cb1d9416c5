// Word lists for names and places. Surnames are weighted roughly as they are met in 闽南.

import type { Rng } from './rng.js';

const SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 14], ['林', 12], ['黄', 9], ['张', 6], ['王', 6], ['李', 6], ['吴', 5], ['刘', 4],
  ['蔡', 5], ['杨', 4], ['郑', 4], ['许', 4], ['洪', 4], ['苏', 3], ['庄', 3], ['施', 3],
  ['曾', 2], ['谢', 2], ['柯', 2], ['卢', 2], ['何', 2], ['傅', 2], ['叶', 2], ['戴', 1],
  ['潘', 1], ['颜', 1], ['尤', 1], ['骆', 1], ['龚', 1], ['留', 1], ['欧阳', 1],
];

const GIVEN_M = '伟强军明志国建华文杰俊辉鹏斌勇宏海峰清源鑫龙彬毅荣福德坤振锦添炳聪树金水阳'.split('');
const GIVEN_F = '丽娟芳秀英敏静婷燕玲红霞雪梅琴惠珍美萍璇瑜淑贞碧月莉凤娜婉宁蓉'.split('');
const GIVEN_ANY = '晓小雅佳子思一宇嘉欣语诗梓俊家志天'.split('');

export function personName(rng: Rng, male: boolean): string {
  const surname = rng.pickWeighted(SURNAMES);
  const pool = male ? GIVEN_M : GIVEN_F;
  if (rng.chance(0.25)) return surname + rng.pick(pool);
  return surname + (rng.chance(0.4) ? rng.pick(GIVEN_ANY) : rng.pick(pool)) + rng.pick(pool);
}

export function phone(rng: Rng): string {
  return rng.pick(['13', '15', '18']) + rng.digits(9);
}

/** Towns (镇/街道) of each district, used for grid names and addresses. */
export const TOWNS: Record<string, readonly string[]> = {
  鲤城区: ['开元街道', '鲤中街道', '海滨街道', '临江街道', '浮桥街道', '金龙街道', '常泰街道', '江南街道'],
  丰泽区: ['东湖街道', '丰泽街道', '泉秀街道', '华大街道', '东海街道', '城东街道', '北峰街道', '清源街道'],
  晋江市: ['青阳街道', '梅岭街道', '西园街道', '罗山街道', '安海镇', '磁灶镇', '陈埭镇', '池店镇', '内坑镇', '东石镇', '金井镇', '深沪镇', '龙湖镇', '英林镇'],
  石狮市: ['湖滨街道', '凤里街道', '灵秀镇', '宝盖镇', '蚶江镇', '祥芝镇', '鸿山镇', '锦尚镇', '永宁镇'],
  南安市: ['溪美街道', '柳城街道', '美林街道', '省新镇', '仑苍镇', '东田镇', '英都镇', '翔云镇', '金淘镇', '诗山镇', '码头镇', '水头镇', '石井镇', '官桥镇'],
  惠安县: ['螺城镇', '螺阳镇', '黄塘镇', '紫山镇', '洛阳镇', '东园镇', '张坂镇', '崇武镇', '山霞镇', '涂寨镇', '东岭镇', '净峰镇', '小岞镇'],
  安溪县: ['凤城镇', '城厢镇', '参内镇', '魁斗镇', '蓬莱镇', '金谷镇', '湖头镇', '官桥镇', '龙门镇', '西坪镇', '虎邱镇', '感德镇', '剑斗镇'],
  永春县: ['桃城镇', '五里街镇', '石鼓镇', '达埔镇', '蓬壶镇', '岵山镇', '东平镇', '湖洋镇', '一都镇', '坑仔口镇'],
};

export const VILLAGES = '前埔 后坑 东山 西林 南塘 北门 新村 洋头 溪边 石龙 后垵 塘边 坑头 山前 湖美 上林 下洋 美山 霞浦 古山 浦西 埔头 钱头 仕林 玉湖 梧垵 龙山 金山 福田 凤池'.split(' ');

export const ROADS = '中山路 温陵路 泉秀路 丰泽街 刺桐路 田安路 宝洲路 津淮街 世纪大道 长兴路 晋江大道 泉安路 和平路 建设路 发展大道 新华路 八一路 湖滨路 霞光路 学府路'.split(' ');

export function address(rng: Rng, district: string, town: string): string {
  const base = `福建省泉州市${district}${town}${rng.pick(ROADS)}${rng.int(1, 399)}号`;
  // Real exports carry free-typed addresses: some with a comma or a building/room suffix.
  if (rng.chance(0.08)) return `${base},${rng.int(1, 30)}栋${rng.int(1, 30)}0${rng.int(1, 4)}室`;
  if (rng.chance(0.15)) return `${base}${rng.int(1, 30)}栋${rng.int(1, 30)}0${rng.int(1, 4)}`;
  return base;
}

export const INDUSTRIES: readonly (readonly [string, number, number])[] = [
  // [行业类别, weight, median ticket in 元]
  ['餐饮', 30, 45],
  ['零售', 25, 60],
  ['生活服务', 10, 80],
  ['服装鞋帽', 8, 180],
  ['茶叶', 6, 260],
  ['五金建材', 6, 320],
  ['批发', 5, 600],
  ['医药', 5, 70],
  ['农资', 3, 240],
  ['加油站', 2, 230],
];

const SHOP_WORDS: Record<string, readonly string[]> = {
  餐饮: ['小吃店', '面线糊', '牛肉店', '海鲜排档', '奶茶店', '烧肉粽', '土笋冻', '快餐'],
  零售: ['便利店', '超市', '水果店', '烟酒商行', '百货', '母婴店'],
  生活服务: ['理发店', '洗衣店', '汽车美容', '干洗店', '照相馆'],
  服装鞋帽: ['服装店', '鞋业', '童装', '运动鞋城'],
  茶叶: ['茶行', '铁观音茶庄', '茶叶店'],
  五金建材: ['五金店', '建材商行', '石材店', '陶瓷店'],
  批发: ['批发部', '贸易商行', '食品批发'],
  医药: ['大药房', '诊所', '药店'],
  农资: ['农资店', '种子站', '化肥店'],
  加油站: ['加油站'],
};

export function shopName(rng: Rng, industry: string, owner: string, town: string): string {
  const word = rng.pick(SHOP_WORDS[industry] ?? ['商行']);
  const style = rng.int(0, 4);
  if (style === 0) return `${owner.slice(0, 1)}记${word}`;
  if (style === 1) return `${town.replace(/(街道|镇)$/, '')}${word}`;
  if (style === 2) return `${rng.pick(['鑫源', '惠民', '福兴', '闽南', '刺桐', '永盛', '金鼎', '顺发'])}${word}`;
  // A few names carry quotes or commas, as hand-typed names do: writers must quote them.
  if (style === 3 && rng.chance(0.2)) return `"阿${owner.slice(-1)}"${word}`;
  return `${owner}${word}`;
}

export const COMPANY_SUFFIX = ['贸易有限公司', '鞋业有限公司', '食品有限公司', '石材有限公司', '纺织有限公司', '茶业有限公司', '建材有限公司', '电子商务有限公司'];
