import { describe, expect, it } from 'vitest';
import type { Timeline, TimelineMeeting } from '../../api/model';
import { MAX_SIZE, MIN_SIZE, markSize, shapeTimeline } from './logic';

function meeting(id: number, council: string | null, date: string | null, textChars: number): TimelineMeeting {
  return { meetingId: id, council, committee: 'Cabinet', date, dateWindow: null, kind: 'minutes', title: null, itemTitles: [], resolutions: [], topThemes: [], keyFigures: [], textChars };
}

describe('timeline shaping', () => {
  it('sizes marks by area: bounded, monotonic, and the largest meeting gets the largest mark', () => {
    expect(markSize(0, 1000)).toBe(MIN_SIZE);
    expect(markSize(1000, 1000)).toBe(MAX_SIZE);
    expect(markSize(250, 1000)).toBeLessThan(markSize(500, 1000));
    expect(markSize(5000, 1000)).toBe(MAX_SIZE);
    expect(markSize(10, 0)).toBe(MIN_SIZE);
  });

  it('puts each meeting in its lane at its date and keeps undated ones apart', () => {
    const timeline: Timeline = {
      lanes: [
        { council: 'A', committee: 'Cabinet', meetings: [meeting(1, 'A', '2022-01-10', 100), meeting(2, 'A', '2023-06-01', 400)] },
        { council: 'B', committee: null, meetings: [meeting(3, 'B', '2022-05-05', 200)] },
      ],
      undated: [meeting(4, 'B', null, 50)],
    };
    const shape = shapeTimeline(timeline);
    expect(shape.lanes.map((l) => l.label)).toEqual(['A\nCabinet', 'B']);
    expect(shape.marks.map((m) => [m.meeting.meetingId, m.lane])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
    expect(shape.marks.find((m) => m.meeting.meetingId === 2)?.size).toBe(MAX_SIZE);
    expect(shape.undated.map((m) => m.meetingId)).toEqual([4]);
    expect(shape.range!.min).toBeLessThan(Date.parse('2022-01-10'));
    expect(shape.range!.max).toBeGreaterThan(Date.parse('2023-06-01'));
    expect(shape.councils).toEqual(['A', 'B']);
  });

  it('has no range when nothing is dated', () => {
    expect(shapeTimeline({ lanes: [], undated: [meeting(1, null, null, 10)] }).range).toBeNull();
  });
});
