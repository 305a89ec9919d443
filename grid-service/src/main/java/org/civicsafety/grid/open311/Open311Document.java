package org.civicsafety.grid.open311;

/**
 * A GeoReport v2 reply. In XML the document itself is written (its root element names the list, e.g.
 * {@code <services><service>…}); in JSON GeoReport sends lists bare, so a list document answers with its items.
 */
interface Open311Document {
    default Object json() {
        return this;
    }
}
