/** One cart line; `queryID` remembers the search the product was found with. */
export interface CartLine {
  objectID: string;
  name: string;
  price: number;
  quantity: number;
  queryID?: string;
}

const KEY = 'circuit-cart';

/** The cart lives in localStorage so it survives reloads; a broken or blocked storage means an empty cart. */
export function readCart(): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as CartLine[]) : [];
  } catch {
    return [];
  }
}

function writeCart(lines: readonly CartLine[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(lines));
  } catch {
    // Storage blocked or full: the cart only lasts for this page.
  }
  window.dispatchEvent(new CustomEvent('cart-change'));
}

/** Adds a line, merging quantities of the same product (the latest queryID wins). */
export function addToCart(line: CartLine): void {
  const lines = readCart();
  const existing = lines.find((l) => l.objectID === line.objectID);
  if (existing) {
    existing.quantity += line.quantity;
    if (line.queryID) existing.queryID = line.queryID;
  } else {
    lines.push(line);
  }
  writeCart(lines);
}

export function removeFromCart(objectID: string): void {
  writeCart(readCart().filter((l) => l.objectID !== objectID));
}

export function clearCart(): void {
  writeCart([]);
}

export function cartCount(): number {
  return readCart().reduce((sum, l) => sum + l.quantity, 0);
}
