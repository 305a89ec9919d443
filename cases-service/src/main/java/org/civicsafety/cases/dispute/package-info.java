/**
 * What a dispute is on the wire — its kind, a sector, a party — shared by the case workflow (a petition referred to
 * mediation, {@code REFER_TO_MEDIATION}) and the mediation itself, so neither depends on the other for it.
 */
package org.civicsafety.cases.dispute;
