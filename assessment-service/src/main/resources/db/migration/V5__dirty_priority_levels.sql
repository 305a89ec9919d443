-- Dirty-group priorities are now 0 = incident/case/survey marks, 1 = hierarchy changes, 2 = bulk recomputes
-- (model activation, the daily window move). Marks left by the previous scheme used 1 for bulk work.
UPDATE dirty_group SET priority = 2 WHERE priority = 1;
