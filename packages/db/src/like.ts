/** Escapes LIKE wildcards so a search for "100%" means the text "100%"; use with `escape '\'`. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Prefix match with the same escaping ("ZR-00" finds every code starting so). */
export function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
