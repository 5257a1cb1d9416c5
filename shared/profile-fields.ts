// The closed lists a mapping profile's fields choose from, shared by the core that validates a
// profile (electron/core/import/profiles.ts, date-formats.ts) and the mapping dialog that writes one.

/** date formats a profile may declare per column; each may be followed by " HH:mm:ss" */
export const DATE_FORMATS = ['YYYYMMDD', 'YYMMDD', 'YYYY-MM-DD', 'DD.MM.YYYY', 'MM/DD/YYYY', 'DD/MM/YYYY'] as const;
export const TIME_SUFFIX = ' HH:mm:ss';
/** money units of a file's amounts (元 by default) */
export const MONEY_UNITS = ['元', '万元', '千元', '分'] as const;
/** text encodings a profile may force (gbk and gb2312 read as gb18030; utf8 as utf-8) */
export const PROFILE_ENCODINGS = ['utf-8', 'utf8', 'gb18030', 'gbk', 'gb2312'] as const;
/** field delimiters a profile may force ("tab" and "\t" are the same) */
export const PROFILE_DELIMITERS = [',', ';', '|', '\t', 'tab'] as const;
