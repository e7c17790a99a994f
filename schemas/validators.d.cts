/** An Ajv validate function: true when valid; otherwise its `errors` say why. */
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string }[] | null;
}
/** Every schema precompiled (Ajv standalone, strict, allErrors), keyed by $id. Needs ajv and ajv-formats installed. */
declare const validators: Record<string, ValidateFunction>;
export = validators;
