// The schemas shipped in schemas/, imported as JSON modules so they work in tests, the bundle and
// the CLI alike. Each is known by its stable `$id`; add a schema here when it lands in schemas/.
import cacheLayerSchema from '../../../schemas/cache-layer.schema.json';
import docFrontMatterSchema from '../../../schemas/doc-front-matter.schema.json';
import projectConfigSchema from '../../../schemas/project-config.schema.json';
import springBootSchema from '../../../schemas/formats/spring-boot.schema.json';

export const BUILTIN_SCHEMA_IDS = {
  cacheLayer: 'https://cache-warden.dev/schemas/v1/cache-layer.schema.json',
  projectConfig: 'https://cache-warden.dev/schemas/v1/project-config.schema.json',
  docFrontMatter: 'https://cache-warden.dev/schemas/v1/doc-front-matter.schema.json',
  /** Hover and completion of the cache settings in Spring Boot's application.yml (it rejects nothing). */
  springBoot: 'https://cache-warden.dev/schemas/formats/spring-boot.schema.json',
} as const;

export const BUILTIN_SCHEMAS: readonly object[] = [cacheLayerSchema, projectConfigSchema, docFrontMatterSchema, springBootSchema];
