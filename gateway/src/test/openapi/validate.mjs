// Validates an OpenAPI document with @apidevtools/swagger-parser (schema + $refs); exit 1 when invalid.
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
try {
  const api = await SwaggerParser.validate(file);
  console.log(`valid: ${api.info.title}, ${Object.keys(api.paths ?? {}).length} paths`);
} catch (e) {
  console.error(`INVALID: ${e.message}`);
  process.exit(1);
}
