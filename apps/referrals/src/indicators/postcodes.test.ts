import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadPostcodes, postcodeRow, type PostcodeRow } from './postcodes.js';

describe('the postcode directory reader', () => {
  it('reads the ONS columns, whatever else the file has, and refuses bad rows with their line and reason', async () => {
    const csv = [
      'pcd,pcd2,pcds,dointr,oslaua,lat,long',
      'NS1 1AA,NS1  1AA,NS1 1AA,202001,E06099001,52.62,-1.15',
      'X,X,NOTAPOSTCODE,202001,E06099001,52.62,-1.15',
      'NS1 1AB,NS1  1AB,ns1 1ab,202001,,52.63,-1.16',
      'NS1 1AD,NS1  1AD,NS1 1AD,202001,E06099001,99.999999,0.000000',
      'NS1 1AE,NS1  1AE,NS1 1AE,202001,E06099001,abc,-1.15',
      'NS1 1AA,NS1  1AA,NS1 1AA,202001,E06099001,52.64,-1.15',
    ].join('\n');
    const batches: PostcodeRow[][] = [];
    const r = await loadPostcodes(Readable.from([csv]), async (rows) => {
      batches.push(rows);
      return rows.length;
    });
    expect(r.read).toBe(3);
    expect(r.refused).toEqual([
      { line: 3, reason: 'pcds "NOTAPOSTCODE" is not a postcode' },
      { line: 5, reason: 'the directory gives no location for this postcode (lat 99.999999)' },
      { line: 6, reason: 'lat is not a number' },
    ]);
    // NS1 1AA twice in a batch: the later row wins.
    expect(batches.flat()).toEqual([
      { pcds: 'NS1 1AA', lat: 52.64, long: -1.15, la: 'E06099001' },
      { pcds: 'NS1 1AB', lat: 52.63, long: -1.16, la: null },
    ]);
  });

  it('refuses a file without the columns', async () => {
    await expect(loadPostcodes(Readable.from(['postcode,latitude\nNS1 1AA,52\n']), () => Promise.resolve(0))).rejects.toThrow(
      /pcds, lat, long/,
    );
  });

  it('refuses places outside the United Kingdom and codes that are not ONS codes', () => {
    expect(postcodeRow(2, { pcds: 'NS1 1AA', lat: '40', long: '-1' })).toEqual({ line: 2, reason: 'lat 40 is outside the United Kingdom' });
    expect(postcodeRow(2, { pcds: 'NS1 1AA', lat: '52', long: '-1', oslaua: '=cmd' })).toEqual({
      line: 2,
      reason: 'oslaua "=cmd" is not an ONS local authority code',
    });
  });
});
