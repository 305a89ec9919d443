import { lang, t, tv } from '../i18n';
import type { Schemas } from '../api/client';

// What the safety index and the incident map's score choropleth share, apart from the charts (which only the index
// loads).
type Grade = Schemas['Grade'];

/** Grade colours (with the grade's words beside them, never colour alone). */
export const GRADE_COLOURS: Record<Grade | 'NONE', string> = {
  EXCELLENT: '#17663a', QUALIFIED: '#2f6db5', BASIC: '#b07800', UNQUALIFIED: '#a3201a', NONE: '#8a93a3',
};
const GRADES: Grade[] = ['EXCELLENT', 'QUALIFIED', 'BASIC', 'UNQUALIFIED'];
/** The grade of a score (the contract types it loosely as a string). */
export function gradeOf(grade: string | null | undefined): Grade | null {
  return GRADES.find((g) => g === grade) ?? null;
}

/** A figure as the chosen language writes it, with at most `digits` decimals. */
export function number(value: number | null | undefined, digits = 2): string {
  if (value == null) return t('common.none');
  return value.toLocaleString(lang.value, { maximumFractionDigits: digits });
}

export function GradeChip({ grade: given, veto }: { grade: string | null | undefined; veto?: boolean | undefined }) {
  const grade = gradeOf(given);
  return (
    <span class={`grade grade-${grade ?? 'NONE'}`} data-grade={grade ?? ''}>
      <span class="grade-dot" aria-hidden="true" />
      {grade ? tv('index.grade', grade) : t('index.grade.none')}
      {veto && <span class="tag tag-red">{t('index.veto')}</span>}
    </span>
  );
}

