/** `https://paycert.dev/schemas/`: every $id is this base plus the schema's path in the package. */
export declare const SCHEMA_BASE: 'https://paycert.dev/schemas/';
/** The folders holding schemas. */
export declare const FOLDERS: readonly ['lesspay', 'payloco', 'paycert'];
/** Every schema's $id, sorted. */
export declare const schemaIds: readonly string[];
/** The file path of a schema, from its $id or its path below the package (`lesspay/envelope.schema.json`). */
export declare function schemaPath(idOrPath: string): string;
/** One schema, parsed (a fresh copy). */
export declare function loadSchema(idOrPath: string): Record<string, unknown> & { $id: string };
/** Every schema, parsed. */
export declare function allSchemas(): (Record<string, unknown> & { $id: string })[];
