/** A source of data rows: header first, then each record as the cells of its row. */
export interface RecordReader {
  header: string[];
  /** 1-based row number of the header as a spreadsheet would show it (0: the file has none) */
  headerRow: number;
  /**
   * The record where the header stands (the first data record when a profile says there is no
   * header): a profile that replaces or supplies the header checks its width against it.
   */
  firstRecord?: string[];
  encoding: string;
  delimiter?: string;
  bytesTotal: number;
  /**
   * Calls onRecord for every data row, synchronously, in file order, so the caller can write
   * each row inside its transaction without buffering the file.
   */
  read(onRecord: (cells: string[], rowNo: number) => void, onProgress?: (bytesDone: number) => void): Promise<void>;
}

/** Longest physical line accepted: a longer one is almost surely not a bank export. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
