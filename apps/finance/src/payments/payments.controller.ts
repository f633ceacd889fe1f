import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UuidParam, ZodPipe, openApi, type Principal } from '@placewise/platform';
import { z } from 'zod';
import { AsOfQuery } from '../commitments/commitments.dto.js';
import { InvoiceInput, InvoiceQuery, PaymentInput, PaymentScheduleInput } from './payments.dto.js';
import { PaymentsService } from './payments.service.js';
import { InvoiceListView, InvoiceView, PaymentScheduleView } from '../finance.views.js';

@ApiTags('provider payments')
@ApiBearerAuth()
@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** The placement's payment schedule with each period's expected payment and status. */
  @Get('placements/:id/payments')
  @Roles('finance', 'auditor')
  @ApiOkResponse({ schema: openApi(PaymentScheduleView) })
  schedule(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Query(new ZodPipe(AsOfQuery)) q: z.infer<typeof AsOfQuery>,
  ): Promise<z.infer<typeof PaymentScheduleView>> {
    return this.payments.schedule(user, id, q.asOf);
  }

  @Put('placements/:id/payment-schedule')
  @Roles('finance')
  @ApiBody({ schema: openApi(PaymentScheduleInput) })
  @ApiOkResponse({ schema: openApi(PaymentScheduleView) })
  setSchedule(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(PaymentScheduleInput)) body: z.infer<typeof PaymentScheduleInput>,
  ): Promise<z.infer<typeof PaymentScheduleView>> {
    return this.payments.setSchedule(user, id, body);
  }

  /** Records a provider's invoice; it comes back MATCHED, or QUERIED with each discrepancy. */
  @Post('placements/:id/invoices')
  @Roles('finance')
  @ApiBody({ schema: openApi(InvoiceInput) })
  @ApiCreatedResponse({ schema: openApi(InvoiceView) })
  receive(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(InvoiceInput)) body: z.infer<typeof InvoiceInput>,
  ): Promise<z.infer<typeof InvoiceView>> {
    return this.payments.receive(user, id, body);
  }

  @Get('invoices')
  @Roles('finance', 'auditor')
  @ApiOkResponse({ schema: openApi(InvoiceListView) })
  list(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(InvoiceQuery)) q: z.infer<typeof InvoiceQuery>,
  ): Promise<z.infer<typeof InvoiceListView>> {
    return this.payments.list(user, q);
  }

  @Get('invoices/:id')
  @Roles('finance', 'auditor')
  @ApiOkResponse({ schema: openApi(InvoiceView) })
  get(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string): Promise<z.infer<typeof InvoiceView>> {
    return this.payments.get(user, id);
  }

  @Post('invoices/:id/payment')
  @Roles('finance')
  @HttpCode(200)
  @ApiBody({ schema: openApi(PaymentInput) })
  @ApiOkResponse({ schema: openApi(InvoiceView) })
  pay(
    @CurrentUser() user: Principal,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(PaymentInput)) body: z.infer<typeof PaymentInput>,
  ): Promise<z.infer<typeof InvoiceView>> {
    return this.payments.pay(user, id, body);
  }
}
