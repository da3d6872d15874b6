import { useEffect, useRef } from 'react';
import type { EChartsType } from 'echarts/core';

import { svgChart } from './echarts';
import type { ChartOption } from './echarts';

interface Props {
  option: ChartOption;
  /** CSS height of the chart's box; the width follows its container. */
  height: number | string;
  /** What the chart shows, for screen readers. */
  label: string;
  testId?: string;
}

/** One ECharts chart: made on mount, redrawn with each new option, resized with its box, disposed on unmount. */
export function Chart({ option, height, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const made = svgChart(element);
    chart.current = made;
    const watcher = new ResizeObserver(() => made.resize());
    watcher.observe(element);
    return () => {
      watcher.disconnect();
      made.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // notMerge: a new period or scope replaces the series instead of leaving old ones behind.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return (
    <div
      ref={box}
      className="chart"
      style={{ height, width: '100%' }}
      role="figure"
      aria-label={label}
      data-testid={testId}
    />
  );
}
