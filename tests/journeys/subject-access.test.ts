import { SubjectAccessPart } from '@placewise/platform';
import { eventually } from '@placewise/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvedSearch, expectOk, people, providerWithHome, startPlatform, type Platform } from '../support/platform.js';

let p: Platform;

beforeAll(async () => {
  p = await startPlatform(inject('databaseUrl'));
});

afterAll(async () => {
  await p?.stop();
});

const SERVICES = ['referrals', 'panels', 'commissioning', 'finance', 'notifications'] as const;

/** A child placed in a children's home, through the whole journey; returns the ids on the way. */
async function placed() {
  const { child, request, kase, search } = await approvedSearch(p, {}, 610_000);
  const setting = await providerWithHome(p);
  const offer = expectOk(
    await people(p).commissioner('commissioning', 'POST', `/searches/${search.id}/offers`, {
      settingId: setting.id,
      weeklyFeePence: 600_000,
      startDate: '2027-01-11',
    }),
  );
  const placement = expectOk(await people(p).commissioner('commissioning', 'POST', `/offers/${offer.id}/award`, {}));
  // Finance has committed its cost: every service has now heard of the child.
  await eventually(async () => expect((await people(p).finance('finance', 'GET', `/placements/${placement.id}`)).status).toBe(200));
  return {
    childId: child.id as string,
    requestId: request.id as string,
    caseId: kase.id as string,
    searchId: search.id as string,
    placementId: placement.id as string,
  };
}

describe('a subject access request', () => {
  it('gathers everything each service holds about one child, and nothing about another child', async () => {
    const ada = await placed();
    const other = await placed();
    const auditor = p.as({ sub: 'dpo.e2e', roles: ['auditor'] });
    const parts: Record<string, SubjectAccessPart> = {};
    for (const service of SERVICES) {
      const query = service === 'notifications' ? `?requests=${ada.requestId}` : '';
      parts[service] = SubjectAccessPart.parse(expectOk(await auditor(service, 'GET', `/subject-access/children/${ada.childId}${query}`)));
    }
    const rows = (service: string, kind: RegExp) => parts[service]!.records.filter((r) => kind.test(r.kind)).flatMap((r) => r.rows);

    expect(rows('referrals', /details/)).toMatchObject([
      { id: ada.childId, givenName: 'Journey', dateOfBirth: '2012-05-01T00:00:00.000Z' },
    ]);
    expect(rows('referrals', /^Requests/)).toMatchObject([{ id: ada.requestId, history: expect.arrayContaining([expect.anything()]) }]);
    expect(rows('panels', /^Cases/)).toMatchObject([
      { id: ada.caseId, requestId: ada.requestId, decisions: [{ outcome: 'APPROVED_WITH_CONDITIONS' }] },
    ]);
    expect(rows('panels', /^Audit/).length).toBeGreaterThan(0);
    expect(rows('commissioning', /^Searches/)).toMatchObject([{ id: ada.searchId, offers: [{ weeklyFeePence: 600_000 }] }]);
    expect(rows('commissioning', /^Placements/)).toMatchObject([{ id: ada.placementId }]);
    expect(rows('finance', /^Placements/)).toMatchObject([
      { id: ada.placementId, commitments: expect.arrayContaining([expect.anything()]) },
    ]);
    expect(rows('notifications', /Who was told/)).toMatchObject([{ requestId: ada.requestId }]);
    // The document is one child's: the other child's ids appear nowhere in it.
    const all = JSON.stringify(parts);
    for (const id of Object.values(other)) expect(all).not.toContain(id);

    // The request itself is a read of the child's personal data: the access log says so, and the next
    // document shows it.
    const again = SubjectAccessPart.parse(expectOk(await auditor('referrals', 'GET', `/subject-access/children/${ada.childId}`)));
    expect(again.records.find((r) => /read the child/.test(r.kind))!.rows).toMatchObject([{ actor: 'dpo.e2e', through: 'SUBJECT_ACCESS' }]);
  });

  it('is for the auditor of the child’s own council alone', async () => {
    const { childId } = await placed();
    for (const service of SERVICES) {
      expect((await people(p).socialWorker(service, 'GET', `/subject-access/children/${childId}`)).status, service).toBe(403);
    }
    const elsewhere = p.as({ sub: 'dpo.south', roles: ['auditor'], la: 'southvale' });
    expect((await elsewhere('referrals', 'GET', `/subject-access/children/${childId}`)).status).toBe(404);
    for (const service of SERVICES.slice(1)) {
      const part = SubjectAccessPart.parse(expectOk(await elsewhere(service, 'GET', `/subject-access/children/${childId}`)));
      expect(
        part.records.flatMap((r) => r.rows),
        service,
      ).toEqual([]);
    }
  });
});
