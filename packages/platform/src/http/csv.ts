import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiProduces, ApiQuery } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';

export interface Table {
  columns: string[];
  rows: unknown[][];
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (= + - @ or a tab/CR first) is prefixed with ' ; numbers are not.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(t: Table): string {
  return [t.columns, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

@Injectable()
class CsvInterceptor<T> implements NestInterceptor<T, T | string> {
  constructor(
    private readonly name: string,
    private readonly table: (data: T) => Table,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler<T>): Observable<T | string> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<{ query?: Record<string, unknown>; headers: Record<string, string | undefined> }>();
    const res = http.getResponse<{ setHeader(name: string, value: string): void }>();
    const format = req.query?.format;
    const wantsCsv = format === 'csv' || (format !== 'json' && (req.headers.accept ?? '').includes('text/csv'));
    return next.handle().pipe(
      map((data) => {
        if (!wantsCsv) return data;
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="${this.name}.csv"`);
        return toCsv(this.table(data));
      }),
    );
  }
}

/** A report served as JSON, or as CSV with `Accept: text/csv` or `?format=csv`. */
export const CsvReport = <T>(name: string, table: (data: T) => Table) =>
  applyDecorators(
    UseInterceptors(new CsvInterceptor<T>(name, table)),
    ApiProduces('application/json', 'text/csv'),
    ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] }),
  );
