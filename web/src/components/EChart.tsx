/**
 * A tiny React wrapper around ECharts: one chart per element, resized with it, redrawn per option.
 * The chart is an image to assistive technology, described by `label` (ECharts' own generated
 * description reads every data point aloud).
 *
 * `data-ready` on the element is "true" once ECharts has drawn the current option (its `rendered`
 * event; an entry animation may still be running) and "false" from a new option until it is drawn:
 * what `npm run bench:web` and the end-to-end tests wait for.
 */
import { HeatmapChart, LineChart } from 'echarts/charts';
import {
  CalendarComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  HeatmapChart,
  LineChart,
  CalendarComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

export function EChart({ option, height, label }: { option: ChartOption; height: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    node.dataset.ready = 'false';
    const instance = echarts.init(node, null, { renderer: 'svg' });
    instance.on('rendered', () => {
      node.dataset.ready = 'true';
    });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (!chart.current || !element.current) return;
    element.current.dataset.ready = 'false';
    chart.current.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={element} className="chart" role="img" aria-label={label} style={{ height }} />;
}
