// Demo data that tells the story of a council, loaded through the services' own APIs so that every
// service holds what it would have learned in real use: providers and budgets, children, and
// requests at each stage of the journey (waiting for an approver, for a panel, searching, placed,
// declined, an emergency awaiting retrospective approval), plus a second council's request.
// All names are fictional.

import { Blob } from 'node:buffer';

const { FormData } = globalThis;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Providers whose ids are fixed, as a council keeps the ids it already uses when it loads its
 * providers: the demo provider user's token names Horizon Fostering by this id (its `provider` claim).
 */
export const DEMO_PROVIDER_IDS = { horizon: 'a4e6c1d2-7b3f-4c58-9e21-5d0f8b6c3a17' };

export async function seedDemo({ urls, token, log = console.log, today: givenToday, databaseUrl }) {
  // Loaded here, not at the top: `npm start` imports this file before it builds the packages.
  const { addCalendarDays, addMonths, londonToday } = await import('@placewise/contracts/dates');
  const today = givenToday ?? londonToday();
  const call = async (service, method, path, who, body) => {
    const res = await fetch(urls[service] + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(who)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${service}${path} as ${who}: ${res.status} ${text}`);
    return json;
  };
  const until = async (what, probe, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`demo data: timed out waiting for ${what}`);
      await sleep(100);
    }
  };

  if ((await call('referrals', 'GET', '/children?take=1', 'sw.amara')).length > 0) {
    log('demo data already loaded');
    return false;
  }

  // The council's area and its neighbours (for in area / adjoining / at a distance), then its
  // providers and settings: in-house first, then framework, DPS and spot providers.
  await call('commissioning', 'PUT', '/council', 'com.harry', {
    area: 'Northshire',
    neighbours: ['Eastmoor', 'Westdale'],
    region: 'West Midlands',
  });
  const settings = {};
  const providers = [
    [
      'Northshire Fostering Service',
      'IN_HOUSE',
      [
        [
          'mainstream',
          'Northshire',
          'Northshire foster carers',
          'INHOUSE_FOSTER',
          'SC400101',
          'GOOD',
          'ST16 2LH',
          0,
          17,
          40,
          3,
          45_000,
          'IN_HOUSE',
        ],
      ],
    ],
    [
      "Northshire Children's Homes",
      'IN_HOUSE',
      [['elm', 'Northshire', 'Elm House', 'LA_CHILDRENS_HOME', 'SC400202', 'GOOD', 'ST17 4AA', 11, 17, 4, 1, 450_000, 'IN_HOUSE']],
    ],
    [
      'Brightwater Care Ltd',
      'PRIVATE',
      [
        [
          'brightwater',
          'Northshire',
          'Brightwater Lodge',
          'PRIVATE_CHILDRENS_HOME',
          'SC512345',
          'GOOD',
          'ST5 1PQ',
          10,
          17,
          4,
          2,
          620_000,
          'FRAMEWORK_TIER_1',
        ],
      ],
    ],
    [
      'Oakridge Homes Ltd',
      'PRIVATE',
      [
        [
          'oakridge',
          'Eastmoor',
          'Oakridge View',
          'PRIVATE_CHILDRENS_HOME',
          'SC523456',
          'REQUIRES_IMPROVEMENT',
          'WS11 1DB',
          8,
          17,
          3,
          1,
          580_000,
          'DPS',
        ],
      ],
    ],
    [
      'Greystone Care Ltd',
      'PRIVATE',
      [
        [
          'greystone',
          'Westdale',
          'Greystone House',
          'PRIVATE_CHILDRENS_HOME',
          'SC534567',
          'INADEQUATE',
          'DE13 0AA',
          12,
          17,
          3,
          1,
          540_000,
          'SPOT',
        ],
      ],
    ],
    [
      'Horizon Fostering',
      'PRIVATE',
      [
        [
          'horizon',
          'Northshire',
          'Horizon Fostering carers',
          'IFA_FOSTER',
          'SC545678',
          'GOOD',
          'ST4 2RS',
          0,
          17,
          25,
          4,
          95_000,
          'FRAMEWORK_TIER_1',
        ],
      ],
      DEMO_PROVIDER_IDS.horizon,
    ],
    [
      'Pathways 16+',
      'VOLUNTARY',
      [
        [
          'pathways',
          'Northshire',
          'Pathways supported flats',
          'SUPPORTED_ACCOM_REGISTERED',
          '2000123',
          'NOT_YET_INSPECTED',
          'ST16 3AB',
          16,
          17,
          10,
          2,
          180_000,
          'DPS',
        ],
      ],
    ],
  ];
  for (const [name, sector, list, id] of providers) {
    const p = await call('commissioning', 'POST', '/providers', 'com.harry', { name, sector, ...(id ? { id } : {}) });
    for (const [
      key,
      area,
      sname,
      placementType,
      ofstedUrn,
      ofstedRating,
      postcode,
      ageMin,
      ageMax,
      capacity,
      vacancies,
      weeklyPricePence,
      procurementRoute,
    ] of list) {
      settings[key] = await call('commissioning', 'POST', `/providers/${p.id}/settings`, 'com.harry', {
        name: sname,
        area,
        placementType,
        ofstedUrn,
        ofstedRating,
        postcode,
        ageMin,
        ageMax,
        capacity,
        vacancies,
        weeklyPricePence,
        procurementRoute,
      });
    }
  }
  log(`demo data: ${providers.length} providers`);

  // Budgets for the financial year we are in.
  const [y, m] = today.split('-').map(Number);
  const fy = m >= 4 ? y : y - 1;
  for (const [category, pounds] of [
    ['RESIDENTIAL_EXTERNAL', 250_000],
    ['RESIDENTIAL_IN_HOUSE', 120_000],
    ['FOSTERING_EXTERNAL', 60_000],
    ['FOSTERING_IN_HOUSE', 40_000],
    ['SUPPORTED_ACCOMMODATION_EXTERNAL', 50_000],
  ]) {
    await call('finance', 'POST', '/budgets', 'fin.isla', { financialYear: fy, category, amountPence: pounds * 100 });
  }

  const yearsAgo = (n, monthDay) => `${y - n}-${monthDay}`;
  const child = async (givenName, familyName, dateOfBirth, who = 'sw.amara') =>
    (await call('referrals', 'POST', '/children', who, { givenName, familyName, dateOfBirth })).id;
  const submit = (childId, body, who = 'sw.amara') => call('referrals', 'POST', '/requests', who, { childId, ...body });
  const caseFor = (requestId, who) =>
    until(`the case for ${requestId}`, async () => (await call('panels', 'GET', `/cases?requestId=${requestId}`, who))[0]);
  const searchFor = (requestId) =>
    until(
      `the search for ${requestId}`,
      async () => (await call('commissioning', 'GET', `/searches?requestId=${requestId}`, 'com.harry'))[0],
    );
  const external = { kind: 'PLACEMENT', legalStatus: 'CO_S31', provision: 'EXTERNAL', location: 'IN_AREA', urgency: 'PLANNED' };

  // 1. Placed: a children's home approved by panel with a ceiling; in-house Elm House offered first and awarded.
  const maya = await submit(await child('Maya', 'Reid', yearsAgo(14, '05-12')), {
    ...external,
    placementType: 'PRIVATE_CHILDRENS_HOME',
    weeklyCostPence: 610_000,
    summary: 'Needs a small home near her school; placement with foster carers broke down.',
  });
  const mayaCase = await caseFor(maya.id, 'ad.erin');
  await call('panels', 'POST', `/cases/${mayaCase.id}/decision`, 'ad.erin', {
    outcome: 'APPROVED_WITH_CONDITIONS',
    reason: 'Needs cannot be met in foster care at present; step-down plan within 6 months.',
    conditions: {
      maxWeeklyCostPence: 620_000,
      reviewDate: `${fy + 1}-02-15`,
      notes: ['Step-down plan to fostering presented to panel within 6 months'],
    },
  });
  const mayaSearch = await searchFor(maya.id);
  const elmOffer = await call('commissioning', 'POST', `/searches/${mayaSearch.id}/offers`, 'com.harry', {
    settingId: settings.elm.id,
    weeklyFeePence: 450_000,
    startDate: today,
    notes: 'In-house vacancy',
  });
  await call('commissioning', 'POST', `/searches/${mayaSearch.id}/offers`, 'com.harry', {
    settingId: settings.brightwater.id,
    weeklyFeePence: 605_000,
    startDate: today,
  });
  await call('commissioning', 'POST', `/searches/${mayaSearch.id}/offers`, 'com.harry', {
    settingId: settings.greystone.id,
    weeklyFeePence: 540_000,
    startDate: today,
  });
  const mayaPlacement = await call('commissioning', 'POST', `/offers/${elmOffer.id}/award`, 'com.harry', { noticeWeeks: 4 });

  // 2. Searching: an IFA placement approved by the head of service; an offer waits for the commissioner.
  const leo = await submit(await child('Leo', 'Barnes', yearsAgo(9, '09-03')), {
    ...external,
    placementType: 'IFA_FOSTER',
    weeklyCostPence: 95_000,
  });
  const leoCase = await caseFor(leo.id, 'hos.dev');
  await call('panels', 'POST', `/cases/${leoCase.id}/decision`, 'hos.dev', {
    outcome: 'APPROVED',
    reason: 'No in-house carer with capacity for a 9-year-old with his needs.',
  });
  const leoSearch = await searchFor(leo.id);
  await call('commissioning', 'POST', `/searches/${leoSearch.id}/offers`, 'com.harry', {
    settingId: settings.horizon.id,
    weeklyFeePence: 95_000,
    startDate: today,
  });

  // 3. Waiting for the placement and resources panel: supported accommodation for a 16-year-old.
  await submit(await child('Ava', 'Thompson', yearsAgo(16, '01-20')), {
    ...external,
    legalStatus: 'S20',
    placementType: 'SUPPORTED_ACCOM_REGISTERED',
    weeklyCostPence: 180_000,
  });

  // 4. Waiting for the high-cost panel and the director: a bespoke solo placement.
  await submit(await child('Ella', 'Morris', yearsAgo(12, '11-30')), {
    ...external,
    placementType: 'PRIVATE_CHILDRENS_HOME',
    weeklyCostPence: 1_250_000,
    summary: 'Solo placement with 2:1 staffing after repeated breakdowns.',
  });

  // 5. An emergency: placed out of hours yesterday, waiting for retrospective approval.
  const yesterday = addCalendarDays(today, -1);
  await submit(await child('Sam', 'Ali', yearsAgo(13, '07-07')), {
    ...external,
    legalStatus: 'PP_S46',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    weeklyCostPence: 450_000,
    urgency: 'EMERGENCY',
    placedAt: yesterday,
  });

  // 6. Declined at the gateway panel: family network support first.
  const zara = await submit(await child('Zara', 'Hussain', yearsAgo(8, '02-14')), {
    ...external,
    kind: 'ENTRY_TO_CARE',
    legalStatus: 'S20',
    placementType: 'IFA_FOSTER',
    weeklyCostPence: 90_000,
  });
  const zaraCase = await caseFor(zara.id, 'hos.dev');
  await call('panels', 'POST', `/cases/${zaraCase.id}/decision`, 'hos.dev', {
    outcome: 'DECLINED',
    reason: 'Family group conference first; edge-of-care support offered.',
  });

  // 7. A waiting request in a second council, invisible to the first.
  await submit(
    await child('Theo', 'Clarke', yearsAgo(11, '04-04'), 'sw.lena'),
    { ...external, placementType: 'IFA_FOSTER', weeklyCostPence: 98_000 },
    'sw.lena',
  );

  // The way out of care: care plans with exit routes and dates (one slipping), a discharge cohort
  // with its steps and the month's target, a reunification on trial at home, a step-down plan for
  // the child in residential care, and Zara's declined entry diverted to a family group conference.
  const plan = (childId, body) => call('referrals', 'PUT', `/children/${childId}/care-plan`, 'sw.amara', body);
  const inMonths = (n) => addMonths(today, n);
  await plan(maya.childId, {
    permanencePlan: 'LONG_TERM_FOSTERING',
    exitRoute: 'STAYING_PUT_OR_LEAVING_CARE_AT_18',
    estimatedExitDate: inMonths(40),
    reason: 'Permanence plan agreed at the second LAC review',
  });
  await call('referrals', 'PUT', `/children/${maya.childId}/care-plan/step-down`, 'sw.amara', {
    to: 'INHOUSE_FOSTER',
    readyFrom: inMonths(4),
    weeklyCostPence: 45_000,
    reason: 'Step-down to in-house foster care once settled at school',
  });
  await plan(leo.childId, {
    permanencePlan: 'REUNIFICATION',
    exitRoute: 'REUNIFICATION',
    estimatedExitDate: inMonths(2),
    reason: 'Mother engaging with parenting support',
  });
  await plan(leo.childId, { estimatedExitDate: inMonths(5), reason: 'Parenting assessment extended by the court' });
  await plan(leo.childId, { estimatedExitDate: inMonths(7), reason: 'Final hearing adjourned' });
  await call('referrals', 'PUT', `/children/${leo.childId}/care-plan/discharge-cohort`, 'sw.amara', {
    inCohort: true,
    reason: 'Identified at the discharge planning meeting',
  });
  await call('referrals', 'POST', `/children/${leo.childId}/exit-steps`, 'sw.amara', {
    kind: 'ASSESSMENT',
    description: 'Parenting assessment completed',
    owner: 'Amara Okafor, social worker',
    dueDate: inMonths(1),
  });
  await call('referrals', 'POST', `/children/${leo.childId}/exit-steps`, 'sw.amara', {
    kind: 'REVOCATION_OF_CARE_ORDER',
    description: 'Apply to revoke the care order',
    owner: 'Legal services',
    dueDate: inMonths(3),
  });
  const reunification = await call('referrals', 'POST', `/children/${leo.childId}/reunifications`, 'sw.amara', {
    withParentsUnderOrder: false,
  });
  await call('referrals', 'POST', `/reunifications/${reunification.id}/stages`, 'sw.amara', {
    stage: 'PLAN',
    on: today,
    note: 'Reunification plan agreed with mother',
  });
  await call('referrals', 'PUT', `/exits/targets/${today.slice(0, 7)}`, 'hos.dev', { exits: 20 });
  await call('referrals', 'POST', `/requests/${zara.id}/edge-of-care`, 'sw.amara', { alternative: 'FAMILY_GROUP_CONFERENCE' });

  // The ICB pays towards Maya's therapeutic support: finance nets it off her placement's cost.
  await until(
    "Maya's placement in finance",
    async () =>
      (await fetch(`${urls.finance}/placements/${mayaPlacement.id}`, { headers: { authorization: `Bearer ${await token('fin.isla')}` } }))
        .ok,
  );
  await call('finance', 'POST', `/placements/${mayaPlacement.id}/contributions`, 'fin.isla', {
    kind: 'HEALTH',
    fromDate: today,
    weeklyPence: 35_000,
    note: 'ICB contribution to therapeutic support',
  });

  // Northshire's panels, set up last (the decisions above were made before the council used
  // sittings): the waiting panel cases are listed on their next sittings.
  const member = (userId, name, role, voting = true) => ({ userId, name, role, voting });
  await call('panels', 'POST', '/panels', 'pa.nina', {
    name: 'Placement and Resources Panel',
    type: 'PLACEMENT_RESOURCES',
    quorum: { votingMembers: 2 },
    schedule: { weekday: 'TUESDAY', time: '10:00', cutOffWorkingDays: 2 },
    members: [
      member('ad.erin', 'Erin Walsh', 'CHAIR'),
      member('hos.dev', 'Dev Sharma', 'VICE_CHAIR'),
      member('pm.grace', 'Grace Lee', 'SOCIAL_CARE'),
      member('pm.omar', 'Omar Siddiqui', 'FINANCE'),
      member('pm.rita', 'Rita Gomes', 'EDUCATION'),
    ],
  });
  await call('panels', 'POST', '/panels', 'pa.nina', {
    name: 'High-Cost Placements Panel',
    type: 'HIGH_COST',
    quorum: { votingMembers: 2, financeRequired: true },
    schedule: { weekday: 'THURSDAY', time: '14:00', cutOffWorkingDays: 2 },
    members: [
      member('dcs.farid', 'Farid Khan', 'CHAIR'),
      member('pm.omar', 'Omar Siddiqui', 'FINANCE'),
      member('pm.grace', 'Grace Lee', 'SOCIAL_CARE'),
      member('ad.erin', 'Erin Walsh', 'SOCIAL_CARE'),
    ],
  });
  await call('panels', 'POST', '/panels', 'pa.nina', {
    name: 'Gateway Panel',
    type: 'GATEWAY',
    quorum: { votingMembers: 2 },
    schedule: { weekday: 'WEDNESDAY', time: '10:00', cutOffWorkingDays: 1 },
    members: [
      member('hos.dev', 'Dev Sharma', 'CHAIR'),
      member('pm.grace', 'Grace Lee', 'SOCIAL_CARE'),
      member('pm.rita', 'Rita Gomes', 'EDUCATION'),
    ],
  });

  await until(
    'the placement commitment',
    async () => (await call('finance', 'GET', `/commitments?financialYear=${fy}`, 'fin.isla')).length > 0,
  );
  log('demo data: 8 children, 7 requests at each stage, budgets, 1 placement with its commitment, exit plans');
  await loadDemoCouncil({ url: urls.referrals, token: await token('perf.lena'), today, log });
  await seedIndicators({ url: urls.referrals, token, today, databaseUrl, log });
  return true;
}

/**
 * What Northshire enters beside its record for the indicators: its area (an invented ONS code, as
 * the demo's postcodes are invented), its 0-17 population by year, comparators, entry and exit
 * targets; and the demo area's postcode sample (apps/referrals/data/postcodes-demo.csv) loaded
 * with the same command a deployment uses for the ONS Postcode Directory.
 */
export async function seedIndicators({ url, token, today, databaseUrl, log = console.log }) {
  if (databaseUrl) {
    const { execFileSync } = await import('node:child_process');
    const root = new URL('..', import.meta.url).pathname;
    const out = execFileSync(
      process.execPath,
      [`${root}apps/referrals/dist/cli/postcodes.js`, 'load', `${root}apps/referrals/data/postcodes-demo.csv`],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: 'referrals' },
        encoding: 'utf8',
      },
    );
    log(`demo postcodes: ${out.trim()}`);
  }
  const perf = await token('perf.lena');
  const dcs = await token('dcs.farid');
  const put = async (t, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`demo indicators: PUT ${path} answered ${res.status} ${await res.text()}`);
  };
  const year = Number(today.slice(0, 4));
  await put(perf, '/indicators/area', { laCodes: ['E06099001'], reason: 'Northshire (demo)' });
  // England's published rates per 10,000 (years ending 31 March); the neighbours' average is made up.
  const england = { 2020: 67, 2021: 67, 2022: 70, 2023: 71, 2024: 70, 2025: 70, 2026: 70 };
  for (let y = year - 6; y <= year; y++) {
    await put(perf, `/indicators/population/${y}`, { children: 86_000 + 400 * (y - year + 6), reason: 'ONS mid-year estimate' });
    await put(perf, `/indicators/comparators/${y}`, {
      comparators: [
        { name: 'England', ratePer10k: england[y] ?? 70 },
        { name: 'Statistical neighbours', ratePer10k: 58 + ((y * 7) % 5) },
      ],
    });
  }
  const { addMonths } = await import('@placewise/contracts/dates');
  for (let i = -36; i <= 12; i++) {
    const month = addMonths(`${today.slice(0, 7)}-01`, i).slice(0, 7);
    await put(perf, `/indicators/entry-targets/${month}`, { entries: 26 });
    await put(dcs, `/exits/targets/${month}`, { exits: 28 });
  }
  log('demo indicators: the area, population and comparators by year, entry and exit targets by month');
}

/**
 * The demo council at council size: about 500 children in care with five years of history, as
 * Northshire's previous SSDA903 returns (the last one the year before this one), loaded THROUGH the
 * import as its performance team would, with a weekly-cost file for the open placements.
 */
export async function loadDemoCouncil({ url, token, today, log = console.log, children = 520, seed = 903 }) {
  const { generateDemoCouncil } = await import('../apps/referrals/dist/ssda903/demo-council.js');
  const { writeReturnFiles } = await import('../apps/referrals/dist/ssda903/files.js');
  const { writeWeeklyCosts } = await import('../apps/referrals/dist/returns/weekly-costs.js');
  const started = Date.now();
  const [y, m] = today.split('-').map(Number);
  const lastYearStart = (m >= 4 ? y : y - 1) - 1;
  const demo = generateDemoCouncil({ children, years: 5, lastYearStart, seed });
  const form = new FormData();
  demo.years.forEach((ret, i) => {
    for (const f of writeReturnFiles(ret)) form.append(`year${i + 1}`, new Blob([f.content]), f.name);
  });
  // The council's weekly-cost file (pounds): a row per child in care at the end of the last return.
  form.append('costs', new Blob([writeWeeklyCosts({ byChild: demo.weeklyCosts.byChild })]), 'weekly-costs.csv');
  const res = await fetch(`${url}/returns/ssda903/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  if (!res.ok) throw new Error(`demo council: the import was refused: ${res.status} ${JSON.stringify(body).slice(0, 2000)}`);
  log(
    `demo council: ${body.children} children over five years (${body.episodes} episodes, ${body.placements} open placements) loaded through the SSDA903 import in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return body;
}
