/// <reference types="vite/client" />
import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { describe, expect, it } from 'vitest';
import { READS_PERSONAL_DATA } from './access-log.js';

/** Fields that make an answer a read of a child's personal data. */
const PERSONAL = /"(givenName|familyName|displayName|dateOfBirth|homePostcode|upn)"/;

/** Answers whose schema is generic but whose values carry personal data (a record's history holds the old and new values; a subject access part holds everything). */
const ALSO_PERSONAL = [/children\/:id\/record\/history$/, /subject-access\/children\/:id$/];

const controllers = import.meta.glob<Record<string, unknown>>('../**/*.controller.ts', { eager: true });

describe('the access log covers every read of personal data', () => {
  const routes: { route: string; personal: boolean; logged: boolean }[] = [];
  for (const [file, mod] of Object.entries(controllers)) {
    for (const cls of Object.values(mod)) {
      if (typeof cls !== 'function') continue;
      const prefix = (Reflect.getMetadata(PATH_METADATA, cls) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const fn = (cls.prototype as Record<string, unknown>)[name];
        if (typeof fn !== 'function' || Reflect.getMetadata(METHOD_METADATA, fn) !== RequestMethod.GET) continue;
        const responses = Reflect.getMetadata('swagger/apiResponse', fn) as Record<string, unknown> | undefined;
        const route = `${prefix}/${Reflect.getMetadata(PATH_METADATA, fn) as string}`.replace(/\/+/g, '/');
        routes.push({
          route: `${file.replace(/^\.\.\//, '')} GET ${route}`,
          personal: PERSONAL.test(JSON.stringify(responses ?? {})) || ALSO_PERSONAL.some((p) => p.test(route)),
          logged: Reflect.getMetadata(READS_PERSONAL_DATA, fn) !== undefined,
        });
      }
    }
  }

  // A route that writes its own answer (the return's zip) logs in its service: the returns test checks it.
  it('finds the routes (the check itself can fail)', () => {
    expect(routes.filter((r) => r.personal).length).toBeGreaterThanOrEqual(4);
  });

  it.each(routes.filter((r) => r.personal).map((r) => [r.route, r]))('%s is logged', (_route, r) => {
    expect(r.logged).toBe(true);
  });

  it('marks no route that carries no personal data (the log stays a log of real reads)', () => {
    expect(routes.filter((r) => r.logged && !r.personal).map((r) => r.route)).toEqual([]);
  });
});
