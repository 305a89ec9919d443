-- Issue 14, P5: the newest-first state index (V4) competed with the per-level list indexes (V6) for every slice
-- of a sliced list. A slice is "this area, this state, newest first": the (area_path[d], state, created_at DESC,
-- id DESC) index holds exactly that range, but the planner estimates "area_path[d] = <the slice's area>" as
-- 1/(number of areas), the same for a county of 6 cases as for one of 200,000, and costed the state index with
-- the area tested in its INCLUDE columns as cheap: it walked all 75,000 FINAL cases of the large county to find
-- the 6 of the small one (a state alone: 63 ms at the median; a township alone 30 ms, 3 ms with it gone).
-- Every list with a state and no text or unit filter is sliced by area (CaseRepository.page), so the index has
-- no list left to serve; without it the slice has one index that gives its order.
DROP INDEX IF EXISTS petition_case_state_created_paths_idx;
