// Name keys: how place names are compared (search, merging) and turned into readable ids.

/** Lower case, without diacritics, punctuation collapsed to single spaces: "Fürstenfeld" -> "furstenfeld". */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d")
    .replace(/[øØ]/g, "o")
    .replace(/[æÆ]/g, "ae")
    .replace(/ı/g, "i")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "Sremska Mitrovica" -> "sremska-mitrovica" */
export function slug(name: string): string {
  return nameKey(name).replace(/ /g, "-");
}

/** Stable city id: "<iso2 lower>-<slug>", e.g. "at-villach". */
export function cityId(countryCode: string, name: string): string {
  return `${countryCode.toLowerCase()}-${slug(name)}`;
}
