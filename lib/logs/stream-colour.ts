/**
 * A stable colour per pod/container: the same name gets the same colour on every reload and in
 * every tab, so a reader learns which colour is which pod. Hues are spread over a wheel that
 * reads on both the light and the dark theme.
 */
const HUES = [205, 145, 30, 280, 350, 175, 55, 240, 100, 320, 10, 190];

export function streamColour(name: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `hsl(${HUES[hash % HUES.length]} 65% 50%)`;
}
