// Shapes a Timeline into what the swimlane chart draws: one lane per council and committee, one
// mark per dated meeting, sized by how much the meeting says. Undated meetings never get a guessed
// place; they are listed apart.

import type { Timeline, TimelineMeeting } from '../../api/model';

export type Lane = { key: string; council: string; committee: string | null; label: string };
export type Mark = {
  meeting: TimelineMeeting;
  lane: number;
  /** Milliseconds since the epoch, UTC midnight of the meeting date. */
  time: number;
  /** Symbol diameter in pixels. */
  size: number;
};
export type TimelineShape = {
  lanes: Lane[];
  marks: Mark[];
  councils: string[];
  /** Padded time range, so the first and last marks are not cut by the plot's edge. */
  range: { min: number; max: number } | null;
  undated: TimelineMeeting[];
};

export const MIN_SIZE = 9;
export const MAX_SIZE = 30;

/** A mark's diameter: area grows with the text, so a meeting twice as long looks twice as big. */
export function markSize(textChars: number, largest: number): number {
  if (largest <= 0) return MIN_SIZE;
  const ratio = Math.sqrt(Math.max(0, textChars) / largest);
  return Math.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.min(1, ratio));
}

export function toTime(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function shapeTimeline(timeline: Timeline): TimelineShape {
  const lanes: Lane[] = timeline.lanes.map((lane) => ({
    key: `${lane.council}\u0000${lane.committee ?? ''}`,
    council: lane.council,
    committee: lane.committee,
    label: lane.committee ? `${lane.council}\n${lane.committee}` : lane.council,
  }));
  const all = timeline.lanes.flatMap((lane) => lane.meetings);
  const largest = Math.max(0, ...all.map((m) => m.textChars));
  const marks: Mark[] = [];
  timeline.lanes.forEach((lane, laneIndex) => {
    for (const meeting of lane.meetings) {
      if (!meeting.date) continue;
      marks.push({ meeting, lane: laneIndex, time: toTime(meeting.date), size: markSize(meeting.textChars, largest) });
    }
  });
  let range: TimelineShape['range'] = null;
  if (marks.length > 0) {
    const times = marks.map((m) => m.time);
    const min = Math.min(...times);
    const max = Math.max(...times);
    const pad = Math.max(20 * 86_400_000, (max - min) * 0.04);
    range = { min: min - pad, max: max + pad };
  }
  const councils = [...new Set(timeline.lanes.map((l) => l.council))];
  return { lanes, marks, councils, range, undated: timeline.undated };
}

/** A short lane label for the axis: long council names lose "Council"/"County" suffix words first. */
export function shortLabel(text: string, max = 30): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).trimEnd()}…`;
}
