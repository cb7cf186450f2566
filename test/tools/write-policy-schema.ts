import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { machinePolicyJsonSchema } from '../../shared/domain/machine-policy';

// `npm run policy:schema`: regenerates the JSON Schema IT validates policy files against.
// test/unit/settings/machine-policy.test.ts fails while the committed file is out of date.
export const POLICY_SCHEMA_FILE = 'docs/policy/policy.schema.json';

export function policySchemaText(): string {
  return `${JSON.stringify(machinePolicyJsonSchema(), null, 2)}\n`;
}

if (process.argv[1]?.endsWith(path.join('policy-schema', 'index.cjs'))) {
  writeFileSync(path.resolve(POLICY_SCHEMA_FILE), policySchemaText());
  console.log(`wrote ${POLICY_SCHEMA_FILE}`);
}
