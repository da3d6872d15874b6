// How projects read on both maps: a Chinese name and a colour per kind, a name per status.

import type { MeetingKind, ProjectKind, ProjectStatus } from '../gql/graphql';

export const KIND_NAMES: Record<ProjectKind, string> = {
  LIVELIHOOD: '民生工程',
  RELOCATION: '搬迁项目',
  RENOVATION: '改造提升',
  SERVICE_PROGRAM: '服务项目',
};

export const KIND_COLOURS: Record<ProjectKind, string> = {
  LIVELIHOOD: '#2e78c7',
  RELOCATION: '#e0761f',
  RENOVATION: '#8e44ad',
  SERVICE_PROGRAM: '#179c7d',
};

export const STATUS_NAMES: Record<ProjectStatus, string> = {
  PLANNED: '计划中',
  IN_PROGRESS: '进行中',
  COMPLETED: '已完成',
};

export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  JOINT: '联席会',
  COORDINATION: '协调会',
  SYMPOSIUM: '座谈会',
};

/** Whether the planner's map has a page for projects of this kind. */
export function planned(kind: ProjectKind | null | undefined): boolean {
  return kind === 'RELOCATION' || kind === 'RENOVATION';
}
