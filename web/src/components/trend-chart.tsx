import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { percent } from '../format.ts';
import type { DayRate } from '../types.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Filler);

/** Compliance rate per day as a line; days without data leave a gap rather than dropping to 0%. */
export function TrendChart({ trend, label }: { trend: DayRate[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    // Long series draw as a plain line, but a day with no judged neighbour would vanish without its dot.
    const radii = trend.map((t, i) => (trend.length <= 31 || (t.rate !== null && trend[i - 1]?.rate == null && trend[i + 1]?.rate == null) ? 3 : 0));
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: trend.map((t) => t.day),
        datasets: [
          {
            label,
            data: trend.map((t) => (t.rate === null ? null : Math.round(t.rate * 1000) / 10)),
            borderColor: '#1f6feb',
            backgroundColor: 'rgba(31, 111, 235, 0.12)',
            fill: true,
            spanGaps: false,
            pointRadius: radii,
            tension: 0.2,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
          x: { ticks: { maxTicksLimit: 10 } },
        },
        plugins: {
          tooltip: { callbacks: { label: (item) => percent(item.parsed.y === null ? null : item.parsed.y / 100) } },
        },
      },
    });
    return () => chart.destroy();
  }, [trend, label]);
  const known = trend.filter((t) => t.rate !== null);
  // The canvas is opaque to screen readers, so the same series is summarised in text next to it.
  const summary = known.length
    ? `${label}: ${percent(known[0]!.rate)} on ${known[0]!.day}, ${percent(known[known.length - 1]!.rate)} on ${known[known.length - 1]!.day}`
    : `${label}: no compliance data in this period`;
  return (
    <figure class="chart">
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
