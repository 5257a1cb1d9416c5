// Settings of how the indicators are judged (DATA.md "Indicators"): read by the core, shown and
// edited by the renderer. The renderer holds no threshold of its own.
import { z } from 'zod';

/** 存款偏离度 = (balance − month's daily average) / average; DATA.md: 3%, some regulators now use 4%. */
export const DEFAULT_DEVIATION_THRESHOLD = 0.03;
/** A threshold is a ratio above 0 and at most 20%, in steps of 0.01% (four decimals). */
export const DEVIATION_THRESHOLD_MAX = 0.2;
export const DEVIATION_THRESHOLD_DECIMALS = 4;

const fourDecimals = (x: number) => Math.abs(x * 10 ** DEVIATION_THRESHOLD_DECIMALS - Math.round(x * 10 ** DEVIATION_THRESHOLD_DECIMALS)) < 1e-9;

export const IndicatorSettingsSchema = z
  .object({
    deviationThreshold: z
      .number({ message: '偏离度阈值应为数字 (the deviation threshold must be a number)' })
      .gt(0, '偏离度阈值应大于 0 (the deviation threshold must be above 0)')
      .max(DEVIATION_THRESHOLD_MAX, `偏离度阈值不能超过 ${DEVIATION_THRESHOLD_MAX * 100}% (at most ${DEVIATION_THRESHOLD_MAX * 100}%)`)
      .refine(fourDecimals, '偏离度阈值最多精确到 0.01% (in steps of 0.01%)'),
  })
  .strict();

export type IndicatorSettings = z.infer<typeof IndicatorSettingsSchema>;

/** GET /api/settings/indicators: the settings in force, and why a saved one was not usable. */
export interface IndicatorSettingsView extends IndicatorSettings {
  /** set when the saved value could not be read and the default is in force: for the administrator to re-save */
  problem?: string;
}
