import { useEffect, useRef, useState } from 'preact/hooks';
import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type TooltipModel,
} from 'chart.js';

// Chart.js, tree-shaken to the two charts of the safety index (it draws on a canvas: no inline styles, no eval, so the
// console's strict Content-Security-Policy holds); it lives in this screen's chunk only (quality.md P8).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

/** One bar or point: its label, its value, and the lines its tooltip shows. */
export interface Datum {
  label: string;
  value: number | null;
  details: string[];
  colour?: string;
}

interface Shown {
  title: string;
  lines: string[];
  x: number;
  y: number;
}

/**
 * A chart of one series with an HTML tooltip (readable text, not pixels: screen readers and the browser check read it)
 * that the arrow keys move from bar to bar, so a keyboard reaches every figure a mouse hovers.
 */
export function SeriesChart({ kind, data, label, max, testId }: {
  kind: 'line' | 'bar'; data: Datum[]; label: string; max?: number; testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [focus, setFocus] = useState(-1);

  useEffect(() => {
    const external = ({ tooltip }: { tooltip: TooltipModel<'bar' | 'line'> }) => {
      const point = tooltip.dataPoints?.[0];
      if (tooltip.opacity === 0 || !point) {
        setShown(null);
        return;
      }
      const datum = data[point.dataIndex];
      if (datum) setShown({ title: datum.label, lines: datum.details, x: tooltip.caretX, y: tooltip.caretY });
    };
    const horizontal = kind === 'bar';
    const config: ChartConfiguration<'bar' | 'line'> = {
      type: kind,
      data: {
        labels: data.map((d) => d.label),
        datasets: [{
          data: data.map((d) => d.value),
          backgroundColor: data.map((d) => d.colour ?? '#0b4f8a'),
          borderColor: kind === 'line' ? '#0b4f8a' : data.map((d) => d.colour ?? '#0b4f8a'),
          pointRadius: 4,
          pointHoverRadius: 6,
          spanGaps: true,
        }],
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { tooltip: { enabled: false, external }, legend: { display: false } },
        scales: horizontal
          ? { x: { beginAtZero: true, ...(max !== undefined ? { suggestedMax: max } : {}) }, y: { ticks: { autoSkip: false } } }
          : { y: { min: 0, max: max ?? 100 } },
      },
    };
    chart.current = new Chart(canvas.current!, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [kind, data, max]);

  /** Shows the tooltip of the index-th bar (or point); -1 hides it. */
  const activate = (index: number) => {
    const c = chart.current;
    if (!c) return;
    setFocus(index);
    const active = index < 0 ? [] : [{ datasetIndex: 0, index }];
    const element = index < 0 ? undefined : c.getDatasetMeta(0).data[index];
    c.setActiveElements(active);
    c.tooltip?.setActiveElements(active, element ? { x: element.x, y: element.y } : { x: 0, y: 0 });
    c.update();
  };
  /** The arrow keys step through the bars (or points), Escape hides the tooltip. */
  const onKey = (e: KeyboardEvent) => {
    if (data.length === 0) return;
    const last = data.length - 1;
    const next: Record<string, number> = {
      ArrowDown: Math.min(last, focus + 1), ArrowRight: Math.min(last, focus + 1),
      ArrowUp: Math.max(0, focus - 1), ArrowLeft: Math.max(0, focus - 1), Home: 0, End: last, Escape: -1,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    activate(next[e.key]!);
  };

  return (
    <div class={`chart chart-${kind}`} data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={label} tabIndex={0} onKeyDown={onKey} onBlur={() => activate(-1)} />
      {shown && (
        <div class="chart-tip" role="status" data-testid={`${testId}-tip`} ref={(el) => { if (el) place(el, shown); }}>
          <strong>{shown.title}</strong>
          {shown.lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      )}
    </div>
  );
}

/** Beside the hovered bar, inside the chart (CSSOM, which the Content-Security-Policy allows, unlike style attributes). */
function place(el: HTMLElement, shown: Shown) {
  const parent = el.parentElement!;
  const left = Math.min(Math.max(0, shown.x + 12), Math.max(0, parent.clientWidth - el.offsetWidth));
  el.style.left = `${left}px`;
  el.style.top = `${Math.max(0, shown.y - el.offsetHeight / 2)}px`;
}
