import { describe, expect, it } from 'vitest';
import { dueOn } from './placements.service.js';
import { lastWorkingDayBy, nextReview, reviewSchedule } from './reviews.js';

describe('the statutory review schedule (CPPCR 2010 reg 33)', () => {
  it('is 20 working days from the start, then 3 months, then every 6 months', () => {
    // Tuesday 24 November 2026: 20 working days is Tuesday 22 December.
    expect(reviewSchedule('2026-11-24', 4)).toEqual(['2026-12-22', '2027-03-22', '2027-09-22', '2028-03-22']);
  });

  it('does not count weekends or bank holidays as working days', () => {
    // From Friday 18 December 2026: Christmas Day, the Boxing Day substitute (Monday 28th) and New Year's Day are skipped.
    expect(reviewSchedule('2026-12-18', 1)).toEqual(['2027-01-20']);
    // Summer bank holiday, Monday 30 August 2027.
    expect(reviewSchedule('2027-08-02', 1)).toEqual(['2027-08-31']);
  });

  it('counts each interval from the review before it, clamped to the month end', () => {
    // First on 31 August: the second by 30 November (no 31st), the third 6 months after that.
    expect(reviewSchedule('2027-08-02', 4)).toEqual(['2027-08-31', '2027-11-30', '2028-05-30', '2028-11-30']);
  });
});

describe('the next review', () => {
  const running = { startDate: '2026-11-24', status: 'ACTIVE', noticeEndDate: null };

  it('is the first until its last day has passed, then the second, then each six-monthly one', () => {
    expect(nextReview(running, '2026-11-24')).toEqual({
      due: '2026-12-22',
      kind: 'FIRST',
      number: 1,
      regulation: expect.stringMatching(/^CPPCR 2010 reg 33\(1\)/),
    });
    expect(nextReview(running, '2026-12-22')).toMatchObject({ due: '2026-12-22', kind: 'FIRST' });
    expect(nextReview(running, '2026-12-23')).toMatchObject({
      due: '2027-03-22',
      kind: 'SECOND',
      number: 2,
      regulation: expect.stringMatching(/reg 33\(2\)/),
    });
    expect(nextReview(running, '2027-03-23')).toMatchObject({ due: '2027-09-22', kind: 'SUBSEQUENT', number: 3 });
    expect(nextReview(running, '2031-01-01')).toMatchObject({ due: '2031-03-22', kind: 'SUBSEQUENT', number: 10 });
  });

  it('is the first for a placement that has not started yet', () => {
    expect(nextReview({ ...running, startDate: '2027-01-04' }, '2026-11-24')).toMatchObject({ due: '2027-02-01', kind: 'FIRST' });
  });

  it('comes before the placement ends under notice, on its last working day (reg 14(1), reg 32(2))', () => {
    // Notice ends Saturday 9 January 2027: the review is due by Friday 8 January, before the scheduled second one.
    const underNotice = { startDate: '2026-11-24', status: 'NOTICE_GIVEN', noticeEndDate: '2027-01-09' };
    expect(nextReview(underNotice, '2026-12-28')).toEqual({
      due: '2027-01-08',
      kind: 'BEFORE_END',
      number: null,
      regulation: expect.stringMatching(/reg 14\(1\) and reg 32\(2\)/),
    });
    // A scheduled review that falls first is the one due.
    expect(nextReview(underNotice, '2026-12-01')).toMatchObject({ due: '2026-12-22', kind: 'FIRST' });
    // Notice running past the scheduled review: the scheduled one is first.
    expect(nextReview({ ...underNotice, noticeEndDate: '2027-06-30' }, '2026-12-28')).toMatchObject({ due: '2027-03-22', kind: 'SECOND' });
  });

  it('is none once the placement has ended', () => {
    expect(nextReview({ ...running, status: 'ENDED' }, '2026-11-24')).toBeNull();
  });

  it('falls on the last working day on or before a date', () => {
    expect(lastWorkingDayBy('2027-01-08')).toBe('2027-01-08');
    expect(lastWorkingDayBy('2027-01-10')).toBe('2027-01-08');
    expect(lastWorkingDayBy('2026-12-28')).toBe('2026-12-24'); // a bank holiday Monday, after Christmas
  });
});

describe('what is due on a placement', () => {
  const p = (status: string, nextReviewDue: string | null, endDate: string | null) => ({
    status,
    nextReviewDue,
    notice: endDate ? { endDate } : null,
  });
  it('is its review, its notice end, or whichever is sooner', () => {
    expect(dueOn(p('ACTIVE', '2027-01-05', null), 'review')).toBe('2027-01-05');
    expect(dueOn(p('ACTIVE', '2027-01-05', null), 'notice')).toBeNull();
    expect(dueOn(p('ACTIVE', '2027-01-05', null), 'any')).toBe('2027-01-05');
    expect(dueOn(p('NOTICE_GIVEN', '2027-01-05', '2026-12-30'), 'notice')).toBe('2026-12-30');
    expect(dueOn(p('NOTICE_GIVEN', '2027-01-05', '2026-12-30'), 'any')).toBe('2026-12-30');
    expect(dueOn(p('NOTICE_GIVEN', '2026-12-01', '2026-12-30'), 'any')).toBe('2026-12-01');
    expect(dueOn(p('ENDED', null, '2026-12-30'), 'any')).toBeNull();
  });
});
