/**
 * The free-form strings and URL-valued fields of an inventory: what `xc.pii-in-names-tags` and
 * `xc.credentials-in-urls` read (docs/controls.md#personal-data and #url-credentials). Pure.
 *
 * Each service's descriptor (lib/inventory/services) walks its own fields and lists the ones it
 * leaves out on purpose (identifiers AWS generates, values from fixed AWS lists, names AWS writes);
 * this file joins them and drops repeats.
 */
import type { Inventory } from "@/lib/inventory";
import { describeArn, SERVICES_THEN_ACCOUNT, type TextField } from "@/lib/inventory/services";
import { DEFAULT_ALLOWED_EMAIL_DOMAINS, type PiiOptions } from "@/lib/detectors/pii";
import { findUrls } from "@/lib/detectors/urls";
import { KEY_DISCOVERY_ACTIONS } from "./discovery";

export type { TextField } from "@/lib/inventory/services";
export { appClientArn, describeArn } from "@/lib/inventory/services";

/**
 * The calls whose answers hold the text fields (a failed call leaves its part undefined and its
 * fields out), and the calls that find KMS keys: key descriptions are read from the keys other
 * resources refer to, so when one of those fails, keys (and their descriptions) go unchecked.
 */
export const TEXT_FIELD_ACTIONS: readonly string[] = [
  ...new Set([...SERVICES_THEN_ACCOUNT.flatMap((d) => d.textFieldActions), ...KEY_DISCOVERY_ACTIONS]),
];

/** The calls that return configured URLs (the URLs found inside text fields come from TEXT_FIELD_ACTIONS). */
export const URL_FIELD_ACTIONS: readonly string[] = [
  ...new Set(SERVICES_THEN_ACCOUNT.flatMap((d) => d.urlFieldActions)),
];

/** Drops repeats: Cognito and Connect tags come from their describe calls and from the Tagging API. */
function unique(fields: TextField[]): TextField[] {
  const seen = new Set<string>();
  return fields.filter((field) => {
    const key = `${field.resourceArn}\u0000${field.field}\u0000${field.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every free-form name, description, path, prefix and tag the scan collected (docs/controls.md#personal-data). */
export function textFields(inventory: Inventory): TextField[] {
  return unique(SERVICES_THEN_ACCOUNT.flatMap((d) => d.textFields(inventory, { describeArn })));
}

/** URLs written inside a text field, one row each (numbered when the field holds several). */
function urlsInText(text: TextField): TextField[] {
  const { field, value, contextKey: _contextKey, ...resource } = text;
  const urls = findUrls(value);
  return urls.map((url, index) => ({ ...resource, field: urls.length > 1 ? `${field}[${index}]` : field, value: url }));
}

/**
 * Every URL-valued field (docs/controls.md#url-credentials): Cognito callback, logout and default redirect URLs,
 * Connect approved origins, integration source URLs and the instance access URL, IAM OIDC provider
 * URLs, and URLs written inside any text field.
 */
export function urlFields(inventory: Inventory): TextField[] {
  return unique([
    ...SERVICES_THEN_ACCOUNT.flatMap((d) => d.urlFields(inventory)),
    ...textFields(inventory).flatMap(urlsInText),
  ]);
}

/**
 * Detector options for a scan: its own account id, and the e-mail domains that are not personal data.
 * No corporate domains are configurable yet, so DEFAULT_ALLOWED_EMAIL_DOMAINS is the whole list.
 */
export function personalDataOptions(inventory: Inventory): PiiOptions {
  return { accountId: inventory.account.id, allowedEmailDomains: DEFAULT_ALLOWED_EMAIL_DOMAINS };
}
