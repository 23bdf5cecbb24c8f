#!/usr/bin/env node
/**
 * Writes the JSON Schema (draft 2020-12) of one OCSF event class from the OCSF schema's own source
 * definitions, so the OCSF export is validated against the standard rather than against our reading
 * of it. Run it on a checkout of github.com/ocsf/ocsf-schema at the pinned tag:
 *
 *   git -C ocsf-schema archive 1.3.0 | tar -x -C /tmp/ocsf-1.3.0
 *   node lib/report/schemas/ocsf-json-schema.mjs /tmp/ocsf-1.3.0 compliance_finding cloud \
 *     > lib/report/schemas/ocsf-1.3.0-compliance-finding.schema.json
 *
 * Arguments: the checkout, the class name, then the profiles the events apply (their attributes'
 * requirements hold; other profiles' attributes are allowed but optional).
 *
 * It resolves the schema as the OCSF schema server does: every attribute is its dictionary entry
 * deep-merged with what the included files, the parent classes or objects and the class or object
 * itself say (later wins; enums merge by value). The output holds, per class and per object it
 * reaches: the attribute names (nothing else is allowed), their types (the dictionary's types reduced
 * to JSON types), `required` attributes, integer enums, sibling captions (`status` must be the
 * caption of `status_id` unless it is 99, Other), the `at_least_one` / `just_one` constraints, and the
 * class's own constants (class_uid, category_uid, type_uid from the activities, class and category
 * names). Regex patterns of string types are left out: the export writes none of those types.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const [root, className, ...appliedProfiles] = process.argv.slice(2);
if (!root || !className) {
  console.error("usage: ocsf-json-schema.mjs <ocsf-schema checkout> <class name> [profile ...]");
  process.exit(2);
}

const read = (file) => JSON.parse(readFileSync(path.join(root, file), "utf8"));
const version = read("version.json").version;
const dictionary = read("dictionary.json");
const types = dictionary.types.attributes;
const categories = read("categories.json").attributes;

function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Later wins; nested objects (enums, annotations) merge key by key. */
function deepMerge(...layers) {
  const out = {};
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : value;
    }
  }
  return out;
}

/** Attributes of an included file, each marked with the profile it comes from (if it is a profile). */
function includeAttributes(file) {
  const included = read(file);
  const profile = included.meta === "profile" ? included.name : undefined;
  return Object.fromEntries(
    Object.entries(included.attributes ?? {}).map(([name, attr]) => [name, profile ? { ...attr, profile } : attr]),
  );
}

/** A definition's own attributes with its `$include`s merged under them. */
function ownAttributes(definition) {
  const { $include: includes = [], ...own } = definition.attributes ?? {};
  const layers = includes.map(includeAttributes);
  return deepMerge(...layers, own);
}

function findFile(dir, name) {
  const walk = (d) => {
    for (const entry of sortedEntries(path.join(root, d))) {
      const rel = path.join(d, entry.name);
      if (entry.isDirectory()) {
        const found = walk(rel);
        if (found) return found;
      } else if (entry.name.endsWith(".json")) {
        const parsed = read(rel);
        if (parsed.name === name) return rel;
      }
    }
    return undefined;
  };
  return walk(dir);
}

function sortedEntries(dir) {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
}

const resolved = new Map();
/** A class (dir "events") or object (dir "objects") with its `extends` chain resolved. */
function resolve(dir, name) {
  const key = `${dir}/${name}`;
  if (resolved.has(key)) return resolved.get(key);
  const direct = path.join(dir, `${name}.json`);
  const file = existsSync(path.join(root, direct)) ? direct : findFile(dir, name);
  if (!file) throw new Error(`no ${dir} definition named ${name}`);
  const definition = read(file);
  const parent = definition.extends ? resolve(dir, definition.extends) : undefined;
  const attributes = deepMerge(parent?.attributes, ownAttributes(definition));
  const result = {
    ...definition,
    attributes,
    constraints: definition.constraints ?? parent?.constraints,
  };
  resolved.set(key, result);
  return result;
}

/** The dictionary type reduced to a JSON Schema type. */
function scalarSchema(typeName) {
  let t = typeName;
  const seen = new Set();
  while (t && !seen.has(t)) {
    seen.add(t);
    if (t === "string_t") return { type: "string" };
    if (t === "integer_t" || t === "long_t") return { type: "integer" };
    if (t === "float_t") return { type: "number" };
    if (t === "boolean_t") return { type: "boolean" };
    if (t === "json_t") return {};
    t = types[t]?.type;
  }
  throw new Error(`unknown type ${typeName}`);
}

const defs = {};
const pending = [];

function objectRef(name) {
  if (name === "object") return { type: "object" };
  if (!(name in defs)) {
    defs[name] = null;
    pending.push(name);
  }
  return { $ref: `#/$defs/${name}` };
}

function attributeSchema(name, attr) {
  const typeName = attr.type;
  if (!typeName) throw new Error(`attribute ${name} has no type`);
  let schema = typeName.endsWith("_t") ? scalarSchema(typeName) : objectRef(typeName);
  if (attr.enum && (schema.type === "integer" || schema.type === "string")) {
    const values = Object.keys(attr.enum).map((k) => (schema.type === "integer" ? Number(k) : k));
    schema = { ...schema, enum: values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
  }
  return attr.is_array ? { type: "array", items: schema } : schema;
}

/** JSON Schema of a resolved class or object: properties, required, siblings, constraints. */
function definitionSchema(definition, constants = {}) {
  const properties = {};
  const required = [];
  const allOf = [];
  for (const [name, local] of Object.entries(definition.attributes)) {
    const attr = deepMerge(dictionary.attributes[name], local);
    if (!attr.type) throw new Error(`${definition.name}.${name} is not in the dictionary`);
    properties[name] = constants[name] ?? attributeSchema(name, attr);
    const profileApplies = !attr.profile || appliedProfiles.includes(attr.profile);
    if (attr.requirement === "required" && profileApplies) required.push(name);
    const sibling = attr.sibling;
    if (attr.enum && sibling && sibling in definition.attributes) {
      for (const [value, entry] of Object.entries(attr.enum)) {
        if (value === "99" || !entry.caption) continue;
        allOf.push({
          if: { properties: { [name]: { const: Number(value) } }, required: [name] },
          then: { properties: { [sibling]: { const: entry.caption } } },
        });
      }
    }
  }
  const { at_least_one: atLeastOne, just_one: justOne } = definition.constraints ?? {};
  if (atLeastOne) allOf.push({ anyOf: atLeastOne.map((n) => ({ required: [n] })) });
  if (justOne) allOf.push({ oneOf: justOne.map((n) => ({ required: [n] })) });
  return {
    type: "object",
    ...(definition.caption ? { title: definition.caption } : {}),
    properties: Object.fromEntries(Object.entries(properties).sort(([a], [b]) => a.localeCompare(b))),
    required: required.sort(),
    additionalProperties: false,
    ...(allOf.length > 0 ? { allOf } : {}),
  };
}

const eventClass = resolve("events", className);
const category = categories[eventClass.category];
if (!category) throw new Error(`class ${className} has no known category`);
const classUid = category.uid * 1000 + eventClass.uid;
const activities = deepMerge(dictionary.attributes.activity_id, eventClass.attributes.activity_id).enum;
const typeConstants = Object.entries(activities).map(([id, entry]) => ({
  uid: classUid * 100 + Number(id),
  name: `${eventClass.caption}: ${entry.caption}`,
}));

const classSchema = definitionSchema(eventClass, {
  class_uid: { const: classUid },
  class_name: { const: eventClass.caption },
  category_uid: { const: category.uid },
  category_name: { const: category.caption },
  type_uid: { enum: typeConstants.map((t) => t.uid) },
});
classSchema.allOf = [
  ...(classSchema.allOf ?? []),
  ...typeConstants.map((t) => ({
    if: { properties: { type_uid: { const: t.uid } }, required: ["type_uid"] },
    then: { properties: { type_name: { const: t.name } } },
  })),
];

while (pending.length > 0) {
  const name = pending.shift();
  defs[name] = definitionSchema(resolve("objects", name));
}

const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: `https://schema.ocsf.io/${version}/classes/${className}`,
  title: `OCSF ${version} ${eventClass.caption} (class_uid ${classUid})`,
  description: `Generated by lib/report/schemas/ocsf-json-schema.mjs from the ocsf-schema repository at tag ${version}, profiles applied: ${appliedProfiles.join(", ") || "none"}.`,
  ...classSchema,
  $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
};
process.stdout.write(`${JSON.stringify(schema, null, 1)}\n`);
