-- The daily totals behind 日均 and 比年初 read one measure over a year of snapshots; without this
-- index that read walked every cell of every family of those dates.
CREATE INDEX ind_cell_measure ON ind_cell(family, measure, data_date);
