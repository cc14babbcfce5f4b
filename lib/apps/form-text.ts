/** A typed number, or the text itself when it is not one (so the shared schema names the field); empty is left out. */
export const numberOrText = (text: string) => (text.trim() === "" ? undefined : Number.isNaN(Number(text)) ? text.trim() : Number(text));
