// The rates a leader reads, each as a share with the counts behind it.

import { count, share } from '../../format';
import type { ImpactMetric } from '../../gql/graphql';

/** A rate as the service gives it: null value when nothing was counted. */
export interface RateCounts {
  value?: number | null;
  numerator: number;
  denominator: number;
}

/** The three rates (三率) of the hotline work, keyed by their ImpactGroup field. */
export const THREE_RATES = [
  { field: 'responseRate', name: '响应率', color: '#2f6fb0' },
  { field: 'resolutionRate', name: '解决率', color: '#2e9a5e' },
  { field: 'satisfactionRate', name: '满意率', color: '#d98b1e' },
] as const;

export type RateField = (typeof THREE_RATES)[number]['field'];

/** Every metric a ranking offers, in Chinese. */
export const METRIC_NAMES: Record<ImpactMetric, string> = {
  RESPONSE_RATE: '响应率',
  RESOLUTION_RATE: '解决率',
  SATISFACTION_RATE: '满意率',
  ON_TIME_RATE: '按时办结率',
  REOPEN_RATE: '重复投诉率',
  WHISTLE_RATE: '吹哨率',
};

/** A rate's share, or 无数据 when nothing was counted: a rate of nothing is not zero. */
export function rateShare(rate: RateCounts): string {
  return rate.denominator === 0 || rate.value == null ? '无数据' : share(rate.value);
}

/** 解决率 92.3%（120/130）; 响应率 无数据 when nothing was counted. */
export function rateText(name: string, rate: RateCounts): string {
  if (rate.denominator === 0 || rate.value == null) return `${name} 无数据`;
  return `${name} ${share(rate.value)}（${count(rate.numerator)}/${count(rate.denominator)}）`;
}

/** The value a chart plots: null (a gap) rather than 0 when nothing was counted. */
export function plotted(rate: RateCounts): number | null {
  return rate.denominator === 0 || rate.value == null ? null : rate.value;
}
