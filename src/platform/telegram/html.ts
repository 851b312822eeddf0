const NEEDS_ESCAPING = /[&<>"]/;

/** Escapes text for Telegram's HTML parse mode, which knows only these three entities and &quot;. */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text; // most names and dates: no new string
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
