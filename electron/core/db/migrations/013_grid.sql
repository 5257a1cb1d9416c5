-- Grid map (issue 11). Customers whose export leaves 网格编号 empty are placed in the grid whose
-- polygon holds their point (electron/core/grid/assign.ts). Derived: rebuilt whole when the data
-- version moves (derived_state 'grid_assign'), so imports and undo keep it right.
CREATE TABLE grid_assignment (
  cust_id TEXT PRIMARY KEY,
  grid_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX grid_assignment_grid ON grid_assignment(grid_id);
-- the grid detail and the grids layer read a grid's customers by their own 网格编号
CREATE INDEX customer_grid ON customer(grid_id);
-- the visits layer and the grid measures read a period of visits
CREATE INDEX visit_time ON visit(visit_time);
