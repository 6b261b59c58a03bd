import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only the parts the dashboard draws, so the bundle carries no more of Chart.js than that.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export const SERIES_COLOURS = ['#0f766e', '#b45309', '#1d4ed8', '#be123c', '#6d28d9', '#4d7c0f', '#64748b'];

export interface Series {
  label: string;
  values: number[];
}

interface ChartProps {
  kind: 'bar' | 'line';
  labels: string[];
  series: Series[];
  /** Read out instead of the picture; the figures are in a table next to it too. */
  title: string;
  stacked?: boolean;
  /** Formats the axis and tooltips (rupiah, counts). */
  format?: (value: number) => string;
}

/** A small bar or line chart drawn on a canvas (no inline styles or scripts, so the CSP stays strict). */
export function SmallChart({ kind, labels, series, title, stacked, format }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar' | 'line'> = {
      type: kind,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
          borderColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
          tension: 0.2,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        plugins: {
          legend: { display: series.length > 1, position: 'bottom' },
          tooltip: format
            ? { callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}` } }
            : {},
        },
        scales: {
          x: { stacked },
          y: {
            stacked,
            beginAtZero: true,
            ticks: format ? { callback: (value) => format(Number(value)) } : { precision: 0 },
          },
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [kind, labels, series, stacked, format]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
