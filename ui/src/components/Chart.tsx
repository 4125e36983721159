// ECharts, tree-shaken and on the SVG renderer: charts are real DOM, so tests and screenshots see
// them and text stays crisp at any zoom. The option is rebuilt by the caller; this component owns
// the instance, resizing and event wiring only.

import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart, BarChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  ScatterChart,
  BarChart,
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartClick = { seriesIndex?: number; dataIndex: number; data: unknown };

export function Chart({
  option,
  height,
  label,
  onClick,
  className,
}: {
  option: ChartOption;
  height: number;
  label: string;
  onClick?: (event: ChartClick) => void;
  className?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      clickRef.current?.({ seriesIndex: params.seriesIndex, dataIndex: params.dataIndex, data: params.data });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    chart.current?.resize();
  }, [height]);

  return <div ref={host} className={className ?? 'chart'} style={{ height }} role="img" aria-label={label} />;
}

/** The font and colours charts use, read from the theme's CSS custom properties. */
export function chartColours(): { font: string; text: string; muted: string; grid: string; surface: string; accent: string; series: string[] } {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    // ECharts measures text on a canvas with this family, so it must be a real font list rather
    // than 'inherit'; otherwise labels are laid out for one font and drawn in another.
    font: read('--font', 'sans-serif'),
    text: read('--text', '#1d232b'),
    muted: read('--text-muted', '#5b6573'),
    grid: read('--border', '#e3e6eb'),
    surface: read('--surface', '#ffffff'),
    accent: read('--accent', '#2b5f9e'),
    series: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => read(`--series-${i}`, '#2b5f9e')),
  };
}
