/**
 * The timeline's layout engine: pure, no DOM, no React.
 *
 * Input: the library's days, newest first, with their asset counts (from
 * `GET /api/assets/counts?group_by=day`), plus the width to fill. Output: a
 * square grid in logical pixels — where every day header, every row and every
 * month starts — known exactly before a single asset has been loaded.
 *
 * Rows are never materialised. A day is a header plus `ceil(count / columns)`
 * rows of a fixed pitch, so the engine keeps one prefix sum per day (typed
 * arrays) and finds everything else by binary search over days plus
 * arithmetic inside a day. A library of 2,000,000 assets (≈300k rows) costs a
 * few thousand array slots, and a day of 100,000 assets is as cheap as a day
 * of one.
 */

export interface LayoutConfig {
  /** Width available to the tiles, in CSS px. */
  width: number;
  /** Preferred tile edge; the real edge stretches so that whole columns fill `width`. */
  targetTileSize: number;
  /** Space between tiles, horizontally and vertically. */
  gap: number;
  dayHeaderHeight: number;
  /** Extra height above the day header of the first (newest) day of each month. */
  monthHeaderHeight: number;
  /** Space after a day's last row. */
  dayGap: number;
  paddingTop: number;
  paddingBottom: number;
}

export const DEFAULT_LAYOUT_CONFIG: Omit<LayoutConfig, "width"> = {
  targetTileSize: 168,
  gap: 4,
  dayHeaderHeight: 44,
  monthHeaderHeight: 40,
  dayGap: 12,
  paddingTop: 8,
  paddingBottom: 48,
};

export interface MonthBlock {
  /** `YYYY-MM`. */
  month: string;
  /** Index of the month's newest day (the first one shown). */
  firstDay: number;
  /** Index of the month's oldest day. */
  lastDay: number;
  /** Logical top of the month's header. */
  top: number;
  /** Global index of the month's first asset. */
  firstAsset: number;
  assetCount: number;
}

export interface TimelineLayout {
  config: LayoutConfig;
  columns: number;
  tileSize: number;
  /** Row pitch: tile edge plus the gap below it. */
  rowHeight: number;
  dayCount: number;
  assetCount: number;
  totalHeight: number;
  /** `YYYY-MM-DD`, newest first. */
  days: readonly string[];
  counts: Int32Array;
  /** Logical top of each day's header; `dayTop[dayCount]` is where the bottom padding starts. */
  dayTop: Float64Array;
  /** Global index (0 = newest asset) of each day's first asset; `assetStart[dayCount]` = assetCount. */
  assetStart: Float64Array;
  /** Height of each day's header (taller when the day starts a month). */
  headerHeight: Float64Array;
  /** Index of each day's first tile row among all the library's rows. */
  dayRowStart: Float64Array;
  /** Index into `months` of each day. */
  dayMonth: Int32Array;
  months: readonly MonthBlock[];
}

/** How many columns of about `target` px fit in `width`. */
export function columnsFor(width: number, target: number, gap: number): number {
  if (!(width > 0)) return 1;
  return Math.max(1, Math.round((width + gap) / (target + gap)));
}

/**
 * Builds the layout of `days` (newest first, each with a count > 0). Runs in
 * O(days): a 2,000,000-asset library over 25 years is ~9,000 iterations.
 */
export function buildLayout(days: readonly string[], counts: ArrayLike<number>, config: LayoutConfig): TimelineLayout {
  const n = days.length;
  const columns = columnsFor(config.width, config.targetTileSize, config.gap);
  const tileSize = Math.max(1, (Math.max(config.width, 1) - config.gap * (columns - 1)) / columns);
  const rowHeight = tileSize + config.gap;

  const countArr = new Int32Array(n);
  const dayTop = new Float64Array(n + 1);
  const assetStart = new Float64Array(n + 1);
  const headerHeight = new Float64Array(n);
  const dayRowStart = new Float64Array(n + 1);
  const dayMonth = new Int32Array(n);
  const months: MonthBlock[] = [];

  let top = config.paddingTop;
  let assets = 0;
  let rows = 0;
  let previousMonth = "";
  for (let d = 0; d < n; d++) {
    const count = Math.max(0, Math.floor(counts[d]));
    const month = days[d].slice(0, 7);
    const monthStart = month !== previousMonth;
    if (monthStart) {
      months.push({ month, firstDay: d, lastDay: d, top, firstAsset: assets, assetCount: 0 });
      previousMonth = month;
    }
    const block = months[months.length - 1];
    block.lastDay = d;
    block.assetCount += count;
    dayMonth[d] = months.length - 1;

    countArr[d] = count;
    dayTop[d] = top;
    assetStart[d] = assets;
    const header = config.dayHeaderHeight + (monthStart ? config.monthHeaderHeight : 0);
    headerHeight[d] = header;
    dayRowStart[d] = rows;
    const dayRows = Math.ceil(count / columns);
    top += header + dayRows * rowHeight + config.dayGap;
    rows += dayRows;
    assets += count;
  }
  dayTop[n] = top;
  dayRowStart[n] = rows;
  assetStart[n] = assets;

  return {
    config,
    columns,
    tileSize,
    rowHeight,
    dayCount: n,
    assetCount: assets,
    totalHeight: top + config.paddingBottom,
    days,
    counts: countArr,
    dayTop,
    assetStart,
    headerHeight,
    dayRowStart,
    dayMonth,
    months,
  };
}

export function rowsInDay(layout: TimelineLayout, day: number): number {
  return Math.ceil(layout.counts[day] / layout.columns);
}

/** Logical top of row `row` of `day`. */
export function rowTop(layout: TimelineLayout, day: number, row: number): number {
  return layout.dayTop[day] + layout.headerHeight[day] + row * layout.rowHeight;
}

/** Largest index i with `arr[i] <= value` among `arr[0..length-1]`; 0 when value is below arr[0]. */
function floorSearch(arr: Float64Array, length: number, value: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (arr[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The day whose block contains logical offset `y` (clamped to the first and last day). */
export function dayAtOffset(layout: TimelineLayout, y: number): number {
  if (layout.dayCount === 0) return -1;
  return floorSearch(layout.dayTop, layout.dayCount, y);
}

/** The day holding global asset index `index`. */
export function dayOfAsset(layout: TimelineLayout, index: number): number {
  if (layout.dayCount === 0) return -1;
  return floorSearch(layout.assetStart, layout.dayCount, index);
}

/** The month block containing logical offset `y`. */
export function monthAtOffset(layout: TimelineLayout, y: number): number {
  const day = dayAtOffset(layout, y);
  return day < 0 ? -1 : layout.dayMonth[day];
}

export interface AssetPosition {
  day: number;
  /** Index within the day. */
  index: number;
  row: number;
  column: number;
  /** Logical top of the asset's row. */
  top: number;
}

export function locateAsset(layout: TimelineLayout, globalIndex: number): AssetPosition {
  const g = Math.max(0, Math.min(layout.assetCount - 1, globalIndex));
  const day = dayOfAsset(layout, g);
  const index = g - layout.assetStart[day];
  const row = Math.floor(index / layout.columns);
  return { day, index, row, column: index % layout.columns, top: rowTop(layout, day, row) };
}

/**
 * The asset in column `column` of the row at logical offset `y`: a header or
 * gap counts as the day's first row, a short row gives its last asset.
 */
export function assetAtOffset(layout: TimelineLayout, y: number, column: number): number {
  const day = dayAtOffset(layout, y);
  if (day < 0) return -1;
  const rowsTop = layout.dayTop[day] + layout.headerHeight[day];
  const rows = rowsInDay(layout, day);
  const row = y < rowsTop ? 0 : Math.min(rows - 1, Math.floor((y - rowsTop) / layout.rowHeight));
  const index = Math.min(row * layout.columns + column, layout.counts[day] - 1);
  return layout.assetStart[day] + index;
}

/** `key` identifies the header or row in the whole library (`h<day>`, `r<global row>`). */
export type LayoutItem =
  | { kind: "header"; key: string; day: number; top: number; height: number; monthStart: boolean }
  | {
      kind: "row";
      key: string;
      day: number;
      row: number;
      top: number;
      height: number;
      /** Global index of the row's first asset. */
      firstAsset: number;
      /** Assets in this row (the last row of a day may be short). */
      count: number;
    };

/** Every header and row that intersects the logical range `[top, bottom)`, in order. */
export function itemsInRange(layout: TimelineLayout, top: number, bottom: number): LayoutItem[] {
  const items: LayoutItem[] = [];
  if (layout.dayCount === 0 || bottom <= top) return items;
  const { columns, rowHeight, tileSize } = layout;
  for (let d = Math.max(0, dayAtOffset(layout, top)); d < layout.dayCount && layout.dayTop[d] < bottom; d++) {
    const headerTop = layout.dayTop[d];
    const header = layout.headerHeight[d];
    if (headerTop + header > top) {
      items.push({
        kind: "header",
        key: `h${d}`,
        day: d,
        top: headerTop,
        height: header,
        monthStart: layout.months[layout.dayMonth[d]].firstDay === d,
      });
    }
    const rowsTop = headerTop + header;
    const rows = rowsInDay(layout, d);
    const first = Math.max(0, Math.floor((top - rowsTop) / rowHeight));
    const last = Math.min(rows - 1, Math.floor((bottom - rowsTop) / rowHeight));
    const count = layout.counts[d];
    for (let r = first; r <= last; r++) {
      const rTop = rowsTop + r * rowHeight;
      if (rTop + tileSize <= top) continue;
      items.push({
        kind: "row",
        key: `r${layout.dayRowStart[d] + r}`,
        day: d,
        row: r,
        top: rTop,
        height: tileSize,
        firstAsset: layout.assetStart[d] + r * columns,
        count: Math.min(columns, count - r * columns),
      });
    }
  }
  return items;
}

/**
 * The index of the day to show for `at` (`YYYY-MM-DD` or `YYYY-MM`): that day,
 * or for a month its newest day; when nothing matches, the next older day,
 * or the oldest day when `at` is older than the whole library.
 */
export function findDay(layout: TimelineLayout, at: string): number {
  if (layout.dayCount === 0) return -1;
  // "2019-07" sorts before every day of July; "2019-07~" after all of them.
  const key = at.length === 7 ? `${at}~` : at;
  const days = layout.days;
  // days are descending: find the first index whose day <= key.
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] <= key) hi = mid;
    else lo = mid + 1;
  }
  return Math.min(lo, days.length - 1);
}

export type NavigationKey = "left" | "right" | "up" | "down" | "pageUp" | "pageDown" | "home" | "end";

/**
 * Where keyboard focus goes from asset `from`: by one, by a row (crossing
 * day boundaries, keeping the column where the row is long enough), by a
 * screen (`viewportHeight`), or to either end.
 */
export function navigate(layout: TimelineLayout, from: number, key: NavigationKey, viewportHeight: number): number {
  const last = layout.assetCount - 1;
  if (last < 0) return -1;
  const pos = locateAsset(layout, from);
  const { columns } = layout;
  switch (key) {
    case "left":
      return Math.max(0, from - 1);
    case "right":
      return Math.min(last, from + 1);
    case "home":
      return 0;
    case "end":
      return last;
    case "down": {
      if (pos.row + 1 < rowsInDay(layout, pos.day)) {
        const index = Math.min((pos.row + 1) * columns + pos.column, layout.counts[pos.day] - 1);
        return layout.assetStart[pos.day] + index;
      }
      if (pos.day + 1 >= layout.dayCount) return from;
      const next = pos.day + 1;
      return layout.assetStart[next] + Math.min(pos.column, layout.counts[next] - 1);
    }
    case "up": {
      if (pos.row > 0) return layout.assetStart[pos.day] + (pos.row - 1) * columns + pos.column;
      if (pos.day === 0) return from;
      const prev = pos.day - 1;
      const lastRow = rowsInDay(layout, prev) - 1;
      return layout.assetStart[prev] + Math.min(lastRow * columns + pos.column, layout.counts[prev] - 1);
    }
    case "pageDown": {
      const target = assetAtOffset(layout, pos.top + Math.max(viewportHeight, layout.rowHeight), pos.column);
      return target > from ? target : navigate(layout, from, "down", viewportHeight);
    }
    case "pageUp": {
      const target = assetAtOffset(
        layout,
        Math.max(0, pos.top - Math.max(viewportHeight, layout.rowHeight)),
        pos.column,
      );
      return target < from ? target : navigate(layout, from, "up", viewportHeight);
    }
  }
}
