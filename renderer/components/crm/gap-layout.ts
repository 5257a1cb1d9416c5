// The gap list's paging and row geometry. GapListView.vue lays its table out with these, and the
// end-to-end test pages and scrolls by them rather than by copies of the numbers.

/** rows fetched per request (the API's `limit`) */
export const GAP_PAGE = 100;
/** height of one row of the virtual table, in px */
export const GAP_ROW_HEIGHT = 36;
