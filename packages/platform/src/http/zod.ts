import { applyDecorators, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

export interface FieldError {
  field: string;
  reason: string;
}

/** 400 with every field that is wrong and why. */
export class ValidationFailed extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super({ statusCode: 400, error: 'Bad Request', message: 'validation failed', errors });
  }
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    field: i.path.length ? i.path.map(String).join('.') : '(body)',
    reason: i.code === 'invalid_type' && i.input === undefined ? 'is required' : i.message,
  }));
}

/** Validates a body, query or param with a zod schema: `@Body(new ZodPipe(Schema)) body: T`. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}
  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (!result.success) throw new ValidationFailed(fieldErrors(result.error));
    return result.data;
  }
}

/** The OpenAPI (3.0) form of a zod schema, for @ApiBody / @ApiResponse. */
export function openApi(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
}

/** Path ids are UUIDs: anything else is a 400, not a database error. */
export const UuidParam = new ZodPipe(z.uuid({ error: 'must be a UUID' }));

/**
 * Declares a zod object's fields as the route's query parameters in the OpenAPI document (their
 * parsed types; a field with a default or marked optional is not required). Pair it with
 * `@Query(new ZodPipe(Schema))`, which does the validating.
 */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'output' }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, s]) =>
      ApiQuery({ name, required: !(schema.shape[name] as z.ZodType).safeParse(undefined).success, schema: s as never }),
    ),
  );
}
