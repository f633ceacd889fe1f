import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiGoneResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiQueryFrom, CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import type { Response } from 'express';
import { z } from 'zod';
import type { ReturnFile } from '../ssda903/files.js';
import { ReturnsService } from './returns.service.js';
import { ExportView, LoadView, PreflightView } from './returns.views.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const StartExport = z.object({ collectionYear: Year }).strict();
const PreflightQuery = z.object({ collectionYear: Year });
const PRODUCERS = ['performance'] as const;
const READERS = ['performance', 'auditor'] as const;
const MAX_UPLOAD = 256 * 1024 * 1024;

interface Upload {
  fieldname: string;
  originalname: string;
  buffer: Buffer;
}

/**
 * The uploaded files as years, oldest first: fields named by year (`2021`, `2022`...) or `year1`,
 * `year2`..., each with that year's CSVs or a zip; under `files`, each zip is a year and loose CSVs
 * one more. The weekly-cost file comes as `costs` (or named weekly-costs.csv).
 */
export function yearsOf(files: Upload[]): { years: ReturnFile[][]; costs: ReturnFile | null } {
  let costs: ReturnFile | null = null;
  const named = new Map<number, ReturnFile[]>();
  const loose: ReturnFile[] = [];
  const zips: ReturnFile[][] = [];
  for (const f of files) {
    const file = { name: f.originalname, content: new Uint8Array(f.buffer) };
    if (f.fieldname === 'costs' || /(^|[\\/])weekly-costs\.csv$/i.test(f.originalname)) {
      if (costs)
        throw new BadRequestException({
          statusCode: 400,
          message: 'one weekly-cost file at most',
          errors: [{ field: 'costs', reason: 'sent twice' }],
        });
      costs = file;
      continue;
    }
    const m = /^(?:year)?(\d{1,4})$/i.exec(f.fieldname);
    // Named by their year, so a failure says which year's file it is in.
    if (m) named.set(Number(m[1]), [...(named.get(Number(m[1])) ?? []), { ...file, name: `${f.fieldname}/${f.originalname}` }]);
    else if (f.fieldname === 'files' && /\.zip$/i.test(f.originalname)) zips.push([file]);
    else if (f.fieldname === 'files') loose.push(file);
    else
      throw new BadRequestException({
        statusCode: 400,
        message: `unexpected field ${f.fieldname}`,
        errors: [{ field: f.fieldname, reason: 'use files, year1..., 2021... or costs' }],
      });
  }
  const years = [...[...named.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v), ...zips, ...(loose.length ? [loose] : [])];
  return { years, costs };
}

@ApiTags('SSDA903 return')
@ApiBearerAuth()
@Controller('returns/ssda903')
export class ReturnsController {
  constructor(private readonly returns: ReturnsService) {}

  @Post()
  @HttpCode(202)
  @Roles(...PRODUCERS)
  @ApiBody({ schema: openApi(StartExport) })
  @ApiAcceptedResponse({ schema: openApi(ExportView) })
  start(@CurrentUser() user: Principal, @Body(new ZodPipe(StartExport)) body: z.infer<typeof StartExport>) {
    return this.returns.startExport(user, body.collectionYear);
  }

  @Get('preflight')
  @Roles(...READERS)
  @ApiQueryFrom(PreflightQuery)
  @ApiOkResponse({ schema: openApi(PreflightView) })
  preflight(@CurrentUser() user: Principal, @Query(new ZodPipe(PreflightQuery)) q: z.infer<typeof PreflightQuery>) {
    return this.returns.preflight(user, q.collectionYear);
  }

  @Post('imports')
  @HttpCode(200)
  @Roles(...PRODUCERS)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'each zip a year; loose CSVs one year' },
        costs: { type: 'string', format: 'binary', description: 'weekly-costs.csv: CHILD,WEEKLY_COST and/or PLACE,WEEKLY_COST in pounds' },
      },
    },
  })
  @ApiOkResponse({ schema: openApi(LoadView) })
  @UseInterceptors(AnyFilesInterceptor({ limits: { fileSize: MAX_UPLOAD, files: 200 } }))
  load(@CurrentUser() user: Principal, @UploadedFiles() files: Upload[] | undefined) {
    const { years, costs } = yearsOf(files ?? []);
    return this.returns.load(user, years, costs);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(ExportView) })
  status(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string) {
    return this.returns.status(user, id);
  }

  @Get(':id/file')
  @Roles(...READERS)
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'the return: every table as CSV, in a zip' })
  @ApiGoneResponse({ description: 'the file was removed when the record of a child in it reached the end of its retention period' })
  async file(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string, @Res() res: Response) {
    const f = await this.returns.file(user, id);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${f.name}"`);
    res.send(Buffer.from(f.bytes));
  }
}
