/** How much of a value a message repeats back. */
export const ECHO_CHARS = 60;

/**
 * A value as a message repeats it: whole when short, else its start, an ellipsis and its length
 * ("aaaa… (1,048,576 characters)"), so a message stays one readable line whatever it quotes.
 */
export function capText(text: string, max = ECHO_CHARS): string {
  if (text.length <= max) return text;
  let head = text.slice(0, max);
  // Never end on half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}… (${text.length.toLocaleString("en-US")} characters)`;
}
