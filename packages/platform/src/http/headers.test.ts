import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from './exception.filter.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../testing/index.js';
import { API_CSP, UI_CSP } from './headers.js';
import { AppLogger } from './logging.js';

@Controller('children')
class ChildrenController {
  @Get()
  list() {
    return [{ givenName: 'Ruby' }];
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return { id };
  }

  @Post()
  create(@Body() body: unknown) {
    return body;
  }
}

@Module({
  controllers: [ChildrenController],
  providers: [
    { provide: AppLogger, useFactory: () => new AppLogger({ service: 'test', level: 'silent' }) },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
class HeadersTestModule {}

let app: INestApplication;
let url: string;

beforeAll(async () => {
  ({ app, url } = await startTestApp({ module: HeadersTestModule }));
});
afterAll(async () => {
  await app?.close();
});

describe('security headers on every answer', () => {
  it('an API answer: nosniff, no-store, no framing, a CSP that lets nothing load, no X-Powered-By', async () => {
    const res = await fetch(`${url}/children`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe(API_CSP);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('errors too (a 404 is answered with the same headers)', async () => {
    const res = await fetch(`${url}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('/docs: a CSP with frame-ancestors none, and its own scripts only', async () => {
    for (const path of ['/docs', '/docs/openapi.json']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(UI_CSP);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    const html = await (await fetch(`${url}/docs`)).text();
    // Swagger UI's page runs no inline script (the CSP would stop it).
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});

describe('a 400 before validation still names the field and the reason', () => {
  it('a path that is not UTF-8, a body that is not a JSON object', async () => {
    const path = await fetch(`${url}/children/%ED%A0%80`);
    expect(path.status).toBe(400);
    expect(await path.json()).toMatchObject({ errors: [{ field: '(path)', reason: 'is not valid percent-encoded UTF-8' }] });
    const body = await fetch(`${url}/children`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"just text"' });
    expect(body.status).toBe(400);
    expect(await body.json()).toMatchObject({ errors: [{ field: '(body)', reason: 'must be a JSON object or array' }] });
  });
});
