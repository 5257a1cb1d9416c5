// The report module: dashboards (and, later, assessment sheets and bulletins) as XLSX and PDF.
// See docs/ARCHITECTURE.md "Documents".
export { dashboardDocument, documentFileName, isDashboardId, CONTENT_TYPES, DOCUMENT_FORMATS, type DashboardDocRequest, type DashboardDocument, type DocumentFormat } from './dashboard.js';
export { dashboardPdf, dashboardPdfDefinition } from './pdf.js';
export { dashboardXlsx } from './xlsx.js';
export { findCjkFont, NoCjkFontError, FONT_ENV, type CjkFont } from './font.js';
export { renderPdf, CJK_FAMILY } from './pdf-engine.js';
export { chartSvg } from './chart-svg.js';
export type { DocMeta } from './meta.js';
export type { Lang } from './labels.js';
