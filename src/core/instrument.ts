import { z } from "zod";
import { cleanText } from "./clean-text";
import { LOCALES, type Locale } from "./locale";
import { type Problem, ruleOf } from "./problem";

/**
 * A survey instrument (måleinstrument): versioned statements grouped into
 * factors, answered on the 1–5 agreement scale, plus an optional open question.
 * This schema is the gate every instrument file passes, built-in or custom.
 */
const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "must be lowercase kebab-case (a-z, 0-9, -)" });

const text = z
  .string()
  // A statement is shown in every chat and export: no control or bidi characters (clean-text.ts).
  .transform((s) => cleanText(s))
  .pipe(z.string().trim().min(1, { error: "must not be empty" }).max(300, { error: "must be at most 300 characters" }));

const localized = z.object({ nb: text, nn: text, en: text }).strict();

const fiveLabels = z.array(text).length(5, { error: "must hold exactly 5 labels (1 to 5)" });

const itemSchema = z
  .object({
    id: kebabId,
    text: localized,
    reverse: z.boolean(),
  })
  .strict();

const factorSchema = z
  .object({
    id: kebabId,
    name: localized,
    items: z
      .array(itemSchema)
      .min(2, { error: "a factor needs at least 2 items" })
      .max(5, { error: "a factor has at most 5 items" }),
  })
  .strict();

const instrumentSchema = z
  .object({
    id: kebabId,
    version: z.number().int().positive(),
    name: localized,
    description: localized,
    minutes: z.number().int().positive().max(60),
    scale: z
      .object({
        labels: z.object({ nb: fiveLabels, nn: fiveLabels, en: fiveLabels }).strict(),
        skip: localized,
      })
      .strict(),
    factors: z.array(factorSchema).min(1, { error: "needs at least one factor" }),
    openQuestion: localized.nullable(),
  })
  .strict()
  .superRefine((inst, ctx) => {
    const factorIds = new Set<string>();
    const itemIds = new Set<string>();
    const texts: Record<Locale, Map<string, string>> = { nb: new Map(), nn: new Map(), en: new Map() };
    inst.factors.forEach((factor, f) => {
      if (factorIds.has(factor.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["factors", f, "id"],
          message: `duplicate factor id "${factor.id}"`,
          params: { repeated: factor.id },
        });
      }
      factorIds.add(factor.id);
      factor.items.forEach((item, i) => {
        if (itemIds.has(item.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["factors", f, "items", i, "id"],
            message: `duplicate item id "${item.id}"`,
            params: { repeated: item.id },
          });
        }
        itemIds.add(item.id);
        for (const locale of LOCALES) {
          const key = item.text[locale].toLocaleLowerCase(locale);
          const first = texts[locale].get(key);
          if (first !== undefined) {
            ctx.addIssue({
              code: "custom",
              path: ["factors", f, "items", i, "text", locale],
              message: `same statement as item "${first}"`,
              params: { sameAs: first },
            });
          } else {
            texts[locale].set(key, item.id);
          }
        }
      });
    });
  });

export type Instrument = z.infer<typeof instrumentSchema>;

/** The built-in instruments, by the ids CONTRACT.md names. */
export const BUILTIN_INSTRUMENT_IDS = ["engagement-pulse", "ten-factors", "demands-resources", "quick-pulse"] as const;

const followUpSchema = z
  .object({
    id: z.literal("follow-up"),
    version: z.number().int().positive(),
    question: z
      .object({ nb: text, nn: text, en: text })
      .strict()
      .refine((q) => LOCALES.every((l) => q[l].includes("{area}")), {
        error: "every language must contain the {area} placeholder",
      }),
    options: z.tuple([
      z.object({ id: z.literal("better"), label: localized }).strict(),
      z.object({ id: z.literal("same"), label: localized }).strict(),
      z.object({ id: z.literal("worse"), label: localized }).strict(),
    ]),
    openQuestion: localized,
  })
  .strict();

export type FollowUp = z.infer<typeof followUpSchema>;

/** Formats a zod issue path as a field name: factors[2].items[0].text.nn */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(file)" : out;
}

/** `problems`: the same errors as data, where the reader may not read English (HR's upload). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[]; problems?: Problem[] };

/** One issue of an instrument file as a problem, so HR reads it in their language; it names the field. */
function instrumentProblem(issue: z.core.$ZodIssue): Problem {
  const field = fieldName(issue.path);
  const params = issue.code === "custom" ? (issue.params ?? {}) : {};
  if (typeof params.repeated === "string") return { kind: "instrument_id_repeated", field, id: params.repeated };
  if (typeof params.sameAs === "string") return { kind: "instrument_same_statement", field, sameAs: params.sameAs };
  if (issue.code === "invalid_format" && field.endsWith("id")) return { kind: "instrument_id_form", field };
  return { kind: "field_invalid", field, rule: ruleOf(issue) };
}

/** Validates unknown data as an instrument; each error names its field (`problems`: the same, as data). */
export function parseInstrument(data: unknown): ParseResult<Instrument> {
  const result = instrumentSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => `${fieldName(i.path)}: ${i.message}`),
    problems: result.error.issues.map(instrumentProblem),
  };
}

export function parseFollowUp(data: unknown): ParseResult<FollowUp> {
  const result = followUpSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.map((i) => `${fieldName(i.path)}: ${i.message}`) };
}

export function itemCount(instrument: Instrument): number {
  return instrument.factors.reduce((n, f) => n + f.items.length, 0);
}
