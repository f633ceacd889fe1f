import { addCalendarDays, endOfLondonDay, londonDayOf } from '@placewise/contracts/dates';
import { describe, expect, it } from 'vitest';
import { ClockTimings, NEXT_TIER, OWNER, clockState, clockTimes, clockWhat, mayComplete, nextReview } from './clock-rules.js';

describe('statutory clock rules', () => {
  it('gives each kind of clock its owner, and escalates to the next tier', () => {
    expect(OWNER.PLACEMENT_PLAN).toBe('social-worker');
    expect(OWNER.VISIT).toBe('social-worker');
    expect(OWNER.REVIEW).toBe('approver:TM');
    expect(OWNER.CARER_APPROVAL).toBe('approver:HOS');
    expect(OWNER.COURT).toBe('approver:AD');
    expect(OWNER.LEGAL_AUTHORITY).toBe('approver:SM');
    expect(OWNER.RATIFICATION).toBe('panel-chair');
    expect(NEXT_TIER['social-worker']).toBe('approver:TM');
    expect(NEXT_TIER['approver:SM']).toBe('approver:HOS');
    expect(NEXT_TIER['panel-chair']).toBe('approver:AD');
    expect(NEXT_TIER['approver:DCS']).toBe('approver:DCS');
  });

  it('lets the owner, the escalation and more senior managers record a clock done, nobody else', () => {
    const plan = { ownerRole: 'social-worker', escalationRole: 'approver:TM' } as const;
    expect(mayComplete(['social-worker'], plan)).toBe(true);
    expect(mayComplete(['approver:HOS'], plan)).toBe(true);
    expect(mayComplete(['panel-chair', 'auditor'], plan)).toBe(false);
    const police = { ownerRole: 'approver:SM', escalationRole: 'approver:HOS' } as const;
    expect(mayComplete(['social-worker'], police)).toBe(false);
    expect(mayComplete(['approver:TM'], police)).toBe(false);
    expect(mayComplete(['approver:SM'], police)).toBe(true);
    expect(mayComplete(['approver:DCS'], police)).toBe(true);
    const ratification = { ownerRole: 'panel-chair', escalationRole: 'approver:AD' } as const;
    expect(mayComplete(['panel-chair'], ratification)).toBe(true);
    expect(mayComplete(['approver:HOS'], ratification)).toBe(false);
    expect(mayComplete(['approver:AD'], ratification)).toBe(true);
  });

  it('reminds before the deadline only if that is after the clock started, and escalates after it', () => {
    const created = new Date('2026-12-01T10:00:00Z');
    const due = new Date('2026-12-08T23:59:59Z');
    expect(clockTimes('VISIT', due, created, {})).toEqual({
      remindAt: new Date(due.getTime() - 2 * 86_400_000),
      escalateAt: due,
    });
    // Police protection started 60 hours before the request arrived: the 24-hour reminder is already past.
    const pp = new Date(created.getTime() + 12 * 3_600_000);
    expect(clockTimes('LEGAL_AUTHORITY', pp, created, {}).remindAt).toBeNull();
    const cfg = { reminderLeadMs: ClockTimings.parse('{"VISIT": 1000, "*": 5000}'), escalationAfterMs: ClockTimings.parse('60000') };
    expect(clockTimes('VISIT', due, created, cfg)).toEqual({
      remindAt: new Date(due.getTime() - 1000),
      escalateAt: new Date(due.getTime() + 60_000),
    });
    expect(clockTimes('REVIEW', due, created, cfg).remindAt).toEqual(new Date(due.getTime() - 5000));
  });

  it('refuses a timing setting it cannot read, naming the purpose', () => {
    expect(ClockTimings.safeParse('{"VISITS": 1000}').success).toBe(false);
    expect(ClockTimings.safeParse('soon').success).toBe(false);
    expect(ClockTimings.safeParse('{"VISIT": -1}').success).toBe(false);
  });

  it('warns in week 20 of the 26 weeks of care proceedings', () => {
    // Issued on Monday 5 January 2026: week 20 runs from Monday 18 May to Sunday 24 May.
    const issued = '2026-01-05';
    for (const endDay of [addCalendarDays(issued, 182), addCalendarDays(issued, 181)]) {
      const t = clockTimes('COURT', new Date(endOfLondonDay(endDay)), new Date('2026-01-05T12:00:00Z'), {});
      const day = londonDayOf(t.remindAt!);
      expect(day >= '2026-05-18' && day <= '2026-05-24').toBe(true);
    }
  });

  it('counts the next review from the day the last was held: 3 months after the first, then 6', () => {
    const second = nextReview(1, '2026-01-31');
    expect(second.sequence).toBe(2);
    expect(londonDayOf(second.due)).toBe('2026-04-30');
    expect(second.text).toContain('3 months');
    expect(second.text).toContain('31 January 2026');
    const third = nextReview(2, '2026-04-20');
    expect(londonDayOf(third.due)).toBe('2026-10-20');
    expect(third.due.toISOString()).toBe('2026-10-20T22:59:59.000Z');
  });

  it('says where a clock stands in words', () => {
    const base = {
      status: 'ACTIVE' as const,
      dueAt: new Date('2026-12-18T23:59:59Z'),
      remindAt: new Date('2026-12-16T23:59:59Z'),
      escalatedAt: null,
      escalationRole: 'approver:TM' as const,
      completedOn: null,
    };
    expect(clockState(base, new Date('2026-12-01T00:00:00Z'))).toEqual({ state: 'UPCOMING', text: 'Due 18 December 2026' });
    expect(clockState(base, new Date('2026-12-17T00:00:00Z')).state).toBe('DUE_SOON');
    expect(clockState(base, new Date('2026-12-19T01:00:00Z')).text).toBe('Late: was due 18 December 2026');
    expect(clockState({ ...base, escalatedAt: new Date() }, new Date()).text).toBe(
      'Late (was due 18 December 2026): escalated to the team manager',
    );
    expect(clockWhat({ purpose: 'REVIEW', deadlineId: 'deadline.first_review', series: 'REVIEW', sequence: 2 })).toBe(
      "Child's second looked-after review",
    );
    expect(clockWhat({ purpose: 'LEGAL_AUTHORITY', deadlineId: 'deadline.police_protection', series: 'x', sequence: 1 })).toBe(
      'Police protection ends (72 hours)',
    );
  });
});
