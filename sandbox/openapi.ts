import { z } from 'zod';
import { API_ROUTES, apiErrorSchema, API_ERROR_STATUS, SIGNATURE_HEADER, transactionEnvelopeSchema, type ApiRoute } from '../shared/api';

// Builds docs/openapi.json from the wire schemas in shared/api (scripts/openapi.mjs writes it;
// a test fails when the committed file is stale).

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

function parameters(route: ApiRoute) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (object.required ?? []).includes(name), schema: property });
    }
  }
  if (route.idempotent)
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      schema: { type: 'string', maxLength: 255 },
      description:
        'The first result for a key is kept 24 h and replayed; another body with the same key gets 422; a key still in flight gets 409.',
    });
  return out;
}

const errorResponse = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(API_ROUTES) as [string, ApiRoute][]) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const responseHeaders =
      name === 'events'
        ? {
            [SIGNATURE_HEADER]: {
              description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` under the event-signing secret',
              schema: { type: 'string' },
            },
          }
        : undefined;
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        operationId: name,
        summary: route.summary,
        security: route.auth === 'none' ? [] : [{ apiKey: [route.auth] }],
        parameters: parameters(route),
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
          : {}),
        responses: {
          [route.status]: {
            description: 'Success',
            ...(responseHeaders ? { headers: responseHeaders } : {}),
            content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
          },
          default: errorResponse,
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'NoPOS API',
      version,
      description:
        'Generated from shared/api by `npm run openapi`; do not edit. Rate limit: RateLimit-Limit/-Remaining/-Reset headers, Retry-After on 429. ' +
        `Error codes and statuses: ${Object.entries(API_ERROR_STATUS)
          .map(([code, status]) => `${code} ${status}`)
          .join(', ')}. ` +
        'Raw card data (a card number, CVV-like field or track data) anywhere in a request is refused with 400 card_data_refused.',
    },
    servers: [{ url: 'https://127.0.0.1:7443', description: 'the local sandbox (`npm run sandbox`)' }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'sk_test_…' } },
      schemas: {
        Error: jsonSchema(apiErrorSchema, 'output'),
        TransactionEnvelope: jsonSchema(transactionEnvelopeSchema, 'input'),
      },
    },
    paths,
  };
}

export const OPENAPI_FILE = 'docs/openapi.json';
export const renderOpenApi = (version: string) => `${JSON.stringify(buildOpenApi(version), null, 2)}\n`;
