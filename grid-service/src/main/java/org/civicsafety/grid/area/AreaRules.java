package org.civicsafety.grid.area;

import org.civicsafety.grid.common.FieldError;

import java.util.ArrayList;
import java.util.List;

/** Nesting rules of the hierarchy, independent of storage. */
public final class AreaRules {
    private AreaRules() {}

    /**
     * @param parentLevel level of the referenced parent, null when no parent is given or it does not exist
     * @param parentExists whether the given parent code refers to a known area
     */
    public static List<FieldError> checkNesting(AreaLevel level, String parentCode, boolean parentExists,
            AreaLevel parentLevel, List<AreaLevel> childLevels, boolean hasBoundary) {
        List<FieldError> errors = new ArrayList<>();
        if (level == null) {
            return errors;
        }
        AreaLevel expectedParent = level.parentLevel();
        if (expectedParent == null) {
            if (parentCode != null) {
                errors.add(FieldError.of("parentCode", "area.county-has-no-parent"));
            }
        } else if (parentCode == null) {
            errors.add(FieldError.of("parentCode", "area.needs-parent", level, expectedParent));
        } else if (!parentExists) {
            errors.add(FieldError.of("parentCode", "unknown-area", parentCode));
        } else if (parentLevel != expectedParent) {
            errors.add(FieldError.of("parentCode", "area.parent-level", level, expectedParent, parentLevel));
        }
        for (AreaLevel child : childLevels) {
            if (child != level.childLevel()) {
                errors.add(FieldError.of("level", "area.children-level", child, level));
                break;
            }
        }
        if (level == AreaLevel.GRID && !hasBoundary) {
            errors.add(FieldError.of("boundary", "area.boundary-required"));
        }
        return errors;
    }
}
