/** Escapes text for Telegram's HTML parse mode, which knows only these three entities and &quot;. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
